// The HTTP policy from settings, shared by the main and post steps.
import type { HttpPolicy } from './http.js'
import type { Log } from './log.js'

/**
 * Test-only knob: GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE (0 to 1) shortens retry waits so fault tests
 * run in milliseconds. It can only shorten waits, so it cannot make a real run misbehave.
 */
export function waitScale(env: NodeJS.ProcessEnv): number {
  const n = Number(env.GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE)
  return Number.isFinite(n) && n >= 0 && n <= 1 && env.GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE !== ''
    ? n
    : 1
}

export function policyOf(
  s: { maxAttempts: number; timeoutMs: number },
  log: Log,
  env = process.env
): HttpPolicy {
  return {
    maxAttempts: s.maxAttempts,
    timeoutMs: s.timeoutMs,
    waitScale: waitScale(env),
    log: line => log.info(line)
  }
}
