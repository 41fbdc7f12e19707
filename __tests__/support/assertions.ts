// Assertions on a finished run: that the process ended by itself, and that no server text
// became a workflow command (the runner acts on any output line that starts with `::`).
import assert from 'node:assert/strict'
import type { RunResult } from '../../tools/run-action.js'

/** The commands this action issues itself; anything else on a `::` line was injected. */
const OWN_COMMAND = /^::(add-mask|error|warning|notice|debug)( [^:\r\n]*)?::/

/** Lines as the runner reads them: split at every line break (bare CR too), left-trimmed. */
export function commandLines(result: Pick<RunResult, 'stdout' | 'stderr'>): string[] {
  return `${result.stdout}\n${result.stderr}`
    .split(/\r\n|\n|\r/)
    .map(line => line.trimStart())
    .filter(line => line.startsWith('::'))
}

export function assertNoInjectedCommands(result: Pick<RunResult, 'stdout' | 'stderr'>): void {
  const foreign = commandLines(result).filter(line => !OWN_COMMAND.test(line))
  assert.deepEqual(foreign, [], 'server text became a workflow command')
}

/**
 * The process exited by itself with `code`, well before the harness's kill (which leaves
 * `code` null): `withinMs` bounds what the action's own timeouts and retries allow.
 */
export function assertExited(
  result: Pick<RunResult, 'code' | 'ms' | 'stdout'>,
  code: number,
  withinMs = 15_000
): void {
  const ms = Math.round(result.ms)
  assert.equal(
    result.code,
    code,
    `exit code ${result.code} after ${ms} ms (null: killed, it hung)\n${result.stdout}`
  )
  assert.ok(result.ms < withinMs, `took ${ms} ms, more than ${withinMs} ms`)
}
