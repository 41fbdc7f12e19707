// The rules every HTTP exchange of a step runs under: attempts, deadlines, the step's time budget,
// how a cancelled step cuts requests, and the test-only wait scale; shared by the main and post
// steps.
import type { Connections } from './connections.js'
import { isLoopbackHost } from './proxy.js'
import type { Redact } from './text.js'

export type Lifecycle = 'issues' | 'revokes'

/**
 * A cancelled step (SIGINT, SIGTERM). Once `requested`, no request and no retry starts, except the
 * first attempt of a revocation; requests on the wire are cut when `signal(kind)` aborts: at once
 * for ordinary calls, later for one that issues a token or revokes one, since their answers decide
 * whether a token outlives the job.
 */
export interface Cancellation {
  readonly requested: boolean
  signal(kind: Lifecycle | 'call'): AbortSignal
}

export interface HttpPolicy {
  maxAttempts: number
  timeoutMs: number
  /** Epoch ms after which no retry starts: the step's time budget. */
  deadline: number
  connections: Connections
  /** Multiplies every wait: 1 in any real run (see waitScale). */
  waitScale: number
  log: (line: string) => void
  /** Applied to server text before it is cut to size for a message (net/text.ts serverText). */
  redact: Redact
  random?: () => number
  sleep?: (ms: number) => Promise<void>
  now?: () => number
  cancellation?: Cancellation
}

/** No retry starts after this much of a step (3 min, or twice "timeout" when that is longer). */
export const budgetMs = (timeoutMs: number, floorMs = 180_000): number =>
  Math.max(floorMs, 2 * timeoutMs)

/** Time as a caller may inject it: in-process tests pass these through run()'s dependencies. */
export type Timing = Pick<HttpPolicy, 'sleep' | 'random' | 'now'>

const WAIT_SCALE = 'GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE'

/**
 * End-to-end tests run dist/ as a process, where nothing can be injected: WAIT_SCALE (0 to 1)
 * shortens their waits. It is honoured only when every URL the step talks to is on a loopback host
 * (which no proxy is used for), so no job's environment can shorten the backoff or the
 * Retry-After wait of a run against a real service.
 */
export function waitScale(env: NodeJS.ProcessEnv, urls: string[]): number {
  const raw = (env[WAIT_SCALE] ?? '').trim()
  const n = Number(raw)
  const loopback =
    urls.length > 0 && urls.every(url => URL.canParse(url) && isLoopbackHost(new URL(url).hostname))
  return loopback && raw !== '' && Number.isFinite(n) && n >= 0 && n <= 1 ? n : 1
}

/** The HTTP policy from settings, shared by the main and post steps. */
export function policyOf(
  s: { maxAttempts: number; timeoutMs: number },
  log: { info(line: string): void; redact: Redact },
  connections: Connections,
  budget: number,
  run: { urls: string[]; env: NodeJS.ProcessEnv; timing?: Timing }
): HttpPolicy {
  const now = run.timing?.now ?? Date.now
  return {
    maxAttempts: s.maxAttempts,
    timeoutMs: s.timeoutMs,
    deadline: now() + budget,
    connections,
    waitScale: waitScale(run.env, run.urls),
    log: line => log.info(line),
    redact: text => log.redact(text),
    ...run.timing
  }
}
