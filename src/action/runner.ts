// The runner interface the steps use (@actions/core's), passed in so tests can drive the steps.
import type * as core from '@actions/core'

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

/**
 * Ends the process shortly after the step's work, even if a library left a handle open (a socket,
 * a timer): a runner would otherwise wait for the job's timeout. Unref'd, so it never delays a
 * process that is already free to exit.
 */
export function exitSoon(): void {
  setTimeout(() => process.exit(), 200).unref()
}
