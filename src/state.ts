// What the main step hands the post step (runner state, `STATE_*` in the post process).
import type { Runner } from './runner.js'

export const STATE = { token: 'token', apiUrl: 'api-url', expiresAt: 'expires-at' } as const

export type Saved = Record<keyof typeof STATE, string>

export function saveState(runner: Pick<Runner, 'saveState'>, saved: Partial<Saved>): void {
  for (const [key, value] of Object.entries(saved))
    runner.saveState(STATE[key as keyof Saved], value)
}

export function readState(runner: Pick<Runner, 'getState'>): Saved {
  return {
    token: runner.getState(STATE.token),
    apiUrl: runner.getState(STATE.apiUrl),
    expiresAt: runner.getState(STATE.expiresAt)
  }
}
