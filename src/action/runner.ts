// The runner interface the steps use (@actions/core's), passed in so tests can drive the steps.
import type * as core from '@actions/core'
import type { Cancellation, Lifecycle } from '../net/policy.js'

export type Runner = Pick<
  typeof core,
  | 'getInput'
  | 'setSecret'
  | 'info'
  | 'debug'
  | 'warning'
  | 'setFailed'
  | 'setOutput'
  | 'exportVariable'
  | 'saveState'
  | 'getState'
  | 'summary'
>

/** Where cancellation signals come from: the process, or an emitter an in-process test drives. */
export interface SignalSource {
  on(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
  off(signal: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown
}

/**
 * Ends the process shortly after the step's work, even if a library left a handle open (a socket,
 * a timer): a runner would otherwise wait for the job's timeout. Unref'd, so it never delays a
 * process that is already free to exit. `exit` and `afterMs` are the process's and 200 ms, except
 * in a test.
 */
export function exitSoon(exit: () => void = () => process.exit(), afterMs = 200): void {
  setTimeout(function end() {
    // A revocation in progress is let finish (each is bounded by its own timeout).
    if (!finishing.size) return exit()
    void Promise.allSettled(finishing).then(() => setTimeout(end, 0).unref())
  }, afterMs).unref()
}

const finishing = new Set<Promise<unknown>>()

/** Registers work that exitSoon() must let finish: a revocation. Returns the same promise. */
export function finish<T>(work: Promise<T>): Promise<T> {
  finishing.add(work)
  const done = () => void finishing.delete(work)
  work.then(done, done)
  return work
}

/**
 * On cancel the runner sends SIGINT, SIGTERM 7.5 s later, and kills the process 2.5 s after
 * that. After the first signal: ordinary calls and every retry's wait stop at once; a token
 * request on the wire gets until `issues` to answer (its token is then revoked), a revocation
 * until `revokes`; the process exits at `exit` whatever is left, before the SIGTERM. A second
 * signal exits at once.
 */
export const CANCEL_MS = { issues: 4_000, revokes: 6_500, exit: 7_000 } as const

/** The step's cancellation: which signal came, and when each kind of request must end. */
export class StepCancellation implements Cancellation {
  signalName?: string
  private readonly ends = {
    call: new AbortController(),
    issues: new AbortController(),
    revokes: new AbortController()
  }
  private readonly timers: NodeJS.Timeout[] = []

  get requested(): boolean {
    return this.signalName !== undefined
  }

  signal(kind: Lifecycle | 'call'): AbortSignal {
    return this.ends[kind].signal
  }

  /** The first signal starts the grace periods; `exit` ends the process when they are over. */
  cancel(signalName: string, exit: () => void): void {
    if (this.requested) return exit()
    this.signalName = signalName
    this.ends.call.abort()
    this.timers.push(
      setTimeout(() => this.ends.issues.abort(), CANCEL_MS.issues).unref(),
      setTimeout(() => this.ends.revokes.abort(), CANCEL_MS.revokes).unref(),
      setTimeout(exit, CANCEL_MS.exit).unref()
    )
  }

  /** The step's work is over: nothing is left to cut, and no exit to force. */
  close(): void {
    this.timers.forEach(clearTimeout)
  }
}
