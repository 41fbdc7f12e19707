// The rules every HTTP exchange of a step runs under: attempts, deadlines, the step's time budget,
// how a cancelled step cuts requests, and the test-only wait scale; shared by the main and post
// steps.
import type { Connections } from './connections.js'
import { isLoopbackHost } from './proxy.js'
import type { Redact } from './text.js'

export type Lifecycle = 'issues' | 'revokes'

/**
 * A cancelled step (SIGINT, SIGTERM). Once `requested`, no request and no retry starts, except the
 * first attempt of a revocation, and a retry's wait ends at once (`signal('call')`); requests on
 * the wire are cut when `signal(kind)` aborts: at once for ordinary calls, later for one that
 * issues a token or revokes one, since their answers decide whether a token outlives the job.
 */
export interface Cancellation {
  readonly requested: boolean
  signal(kind: Lifecycle | 'call'): AbortSignal
}

export interface HttpPolicy {
  maxAttempts: number
  timeoutMs: number
  /** Epoch ms by which every attempt ends: the step's time budget (see firstAttemptMs). */
  deadline: number
  connections: Connections
  /** Multiplies every wait: 1 in any real run (see waitScale). */
  waitScale: number
  log: (line: string) => void
  /** Applied to server text before it is cut to size for a message (net/text.ts serverText). */
  redact: Redact
  random?: () => number
  /** A retry's wait; `signal` aborts when the step is cancelled, and the wait must end then. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  now?: () => number
  cancellation?: Cancellation
}

/** The main step's budget when "timeout" is short: 3 min (the post step passes its own floor). */
export const BUDGET_FLOOR_MS = 180_000

/** No request or retry starts after this much of a step (3 min, or twice "timeout" if longer). */
export const budgetMs = (timeoutMs: number, floorMs = BUDGET_FLOOR_MS): number =>
  Math.max(floorMs, 2 * timeoutMs)

/** A retry shorter than this is not worth starting: the budget is spent. */
const MIN_ATTEMPT_MS = 1_000
export const minAttemptMs = (timeoutMs: number): number => Math.min(MIN_ATTEMPT_MS, timeoutMs)

/**
 * An attempt that `left` ms of the budget allow (at least minAttemptMs): "timeout", or what is
 * left cut to a tenth of a second, as messages tell it ("no answer within 2.9 s").
 */
export const attemptWithin = (left: number, timeoutMs: number): number =>
  left >= timeoutMs ? timeoutMs : Math.max(Math.floor(left / 100) * 100, minAttemptMs(timeoutMs))

/**
 * How long the first attempt of a request may take: what is left of the step's budget, up to
 * "timeout"; undefined when too little is left to start one (the request is not made). A
 * revocation is the exception: its first attempt gets a whole "timeout" whatever the budget says
 * (the revocation grace), since a token's life depends on it. So every attempt but that one ends
 * by the deadline, and a step ends within its budget plus a late token answer's extra "timeout"
 * (see HttpRequest.late) plus one revocation attempt.
 */
export function firstAttemptMs(
  policy: Pick<HttpPolicy, 'timeoutMs' | 'deadline'>,
  lifecycle: Lifecycle | 'call',
  now: number
): number | undefined {
  if (lifecycle === 'revokes') return policy.timeoutMs
  const left = policy.deadline - now
  return left < minAttemptMs(policy.timeoutMs) ? undefined : attemptWithin(left, policy.timeoutMs)
}

/** Time as a caller may inject it: in-process tests pass these through run()'s dependencies. */
export type Timing = Pick<HttpPolicy, 'sleep' | 'random' | 'now'>

const WAIT_SCALE = 'GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE'
const BUDGET_SCALE = 'GENESYS_CLOUD_AUTH_TEST_BUDGET_SCALE'

/**
 * End-to-end tests run dist/ as a process, where nothing can be injected: a test switch (0 to 1)
 * shortens what it names. It is honoured only when every URL the step talks to is on a loopback
 * host (which no proxy is used for), so no job's environment can shorten anything of a run
 * against a real service.
 */
function testScale(name: string, env: NodeJS.ProcessEnv, urls: string[]): number {
  const raw = (env[name] ?? '').trim()
  const n = Number(raw)
  const loopback =
    urls.length > 0 && urls.every(url => URL.canParse(url) && isLoopbackHost(new URL(url).hostname))
  return loopback && raw !== '' && Number.isFinite(n) && n >= 0 && n <= 1 ? n : 1
}

/** WAIT_SCALE: multiplies the backoff and the Retry-After wait. */
export const waitScale = (env: NodeJS.ProcessEnv, urls: string[]): number =>
  testScale(WAIT_SCALE, env, urls)

/**
 * BUDGET_SCALE: multiplies the budget's floor (3 min, 1 min for the post step), never its
 * "twice timeout" part, so that a test of the time bound runs in seconds with real timeouts.
 */
export const budgetScale = (env: NodeJS.ProcessEnv, urls: string[]): number =>
  testScale(BUDGET_SCALE, env, urls)

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
