// A stand-in for @actions/core in in-process tests of the steps: inputs from a record, and every
// call the step makes recorded for assertions.
import type { Runner } from '../../src/action/runner.js'

export interface Recorded {
  secrets: string[]
  info: string[]
  warnings: string[]
  failed: string[]
  outputs: Record<string, string>
  env: Record<string, string>
  state: Record<string, string>
  summaries: string[]
  /** uncaughtException listeners seen when the step saved state (i.e. while it ran). */
  listenersWhileRunning: number[]
}

export interface FakeRunnerOptions {
  /** State from an earlier step (the post step reads it). */
  state?: Record<string, string>
  /** What the summary's write() does: resolve, or throw as a full disk would. */
  summaryWrite?: 'ok' | 'throws'
  /** setOutput throws, as @actions/core does when GITHUB_OUTPUT names a missing file. */
  outputThrows?: boolean
}

export function fakeRunner(
  inputs: Record<string, string>,
  options: FakeRunnerOptions = {}
): { runner: Runner; calls: Recorded } {
  const calls: Recorded = {
    secrets: [],
    info: [],
    warnings: [],
    failed: [],
    outputs: {},
    env: {},
    state: { ...options.state },
    summaries: [],
    listenersWhileRunning: []
  }
  const summary = {
    addRaw(text: string) {
      calls.summaries.push(text)
      return {
        write: async () => {
          if (options.summaryWrite === 'throws')
            throw new Error('EACCES: permission denied, open /summary')
          return summary
        }
      }
    }
  }
  const runner = {
    getInput: (name: string) => inputs[name] ?? '',
    setSecret: (value: string) => void calls.secrets.push(value),
    info: (line: string) => void calls.info.push(line),
    debug: (line: string) => void calls.info.push(`debug: ${line}`),
    warning: (line: string | Error) => void calls.warnings.push(String(line)),
    setFailed: (line: string | Error) => void calls.failed.push(String(line)),
    setOutput: (name: string, value: unknown) => {
      if (options.outputThrows)
        throw Object.assign(new Error(`ENOENT: no such file, open /output (${name})`), {
          code: 'ENOENT'
        })
      calls.outputs[name] = String(value)
    },
    exportVariable: (name: string, value: unknown) => void (calls.env[name] = String(value)),
    saveState: (name: string, value: unknown) => {
      calls.listenersWhileRunning.push(process.listenerCount('uncaughtException'))
      calls.state[name] = String(value)
    },
    getState: (name: string) => calls.state[name] ?? '',
    summary
  }
  return { runner: runner as unknown as Runner, calls }
}

/** Everything the step printed, for leak checks. */
export const printed = (calls: Recorded): string =>
  [...calls.info, ...calls.warnings, ...calls.failed, ...calls.summaries].join('\n')
