// The only way this action writes to the log: each line is redacted, and kept one line (server
// text inside it cannot start a workflow command of its own), before it is printed.
import type { Runner } from './runner.js'
import type { Secrets } from './secrets.js'
import { oneLine } from './server-text.js'

export interface Log {
  info(line: string): void
  warning(line: string): void
  fail(line: string): void
}

/** warning and setFailed escape line breaks themselves (%0A), so failures may span lines. */
export function createLog(
  secrets: Secrets,
  sink: Pick<Runner, 'info' | 'warning' | 'setFailed'>
): Log {
  return {
    info: line => sink.info(oneLine(secrets.redact(line))),
    warning: line => sink.warning(secrets.redact(line)),
    fail: line => sink.setFailed(secrets.redact(line))
  }
}
