// The HTTP policy from settings, shared by the main and post steps.
import type { Connections } from './connections.js'
import type { HttpPolicy } from './http.js'
import type { Log } from './log.js'

/** No retry starts after this much of a step (3 min, or twice "timeout" when that is longer). */
export const budgetMs = (timeoutMs: number, floorMs = 180_000): number =>
  Math.max(floorMs, 2 * timeoutMs)

/**
 * Test-only knob: GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE (0 to 1) shortens retry waits so fault tests
 * run in milliseconds. It can only shorten waits, so it cannot make a real run misbehave.
 */
export function waitScale(env: NodeJS.ProcessEnv): number {
  const raw = (env.GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE ?? '').trim()
  const n = Number(raw)
  return raw !== '' && Number.isFinite(n) && n >= 0 && n <= 1 ? n : 1
}

export function policyOf(
  s: { maxAttempts: number; timeoutMs: number },
  log: Log,
  connections: Connections,
  budget: number,
  env = process.env
): HttpPolicy {
  return {
    maxAttempts: s.maxAttempts,
    timeoutMs: s.timeoutMs,
    deadline: Date.now() + budget,
    connections,
    waitScale: waitScale(env),
    log: line => log.info(line)
  }
}
