// The only way this action writes to the log: each line is redacted before it is printed.
import * as core from '@actions/core'
import type { Secrets } from './secrets.js'

export interface Log {
  info(line: string): void
  warning(line: string): void
  debug(line: string): void
  fail(line: string): void
}

export function createLog(
  secrets: Secrets,
  sink: Pick<typeof core, 'info' | 'warning' | 'debug' | 'setFailed'> = core
): Log {
  return {
    info: line => sink.info(secrets.redact(line)),
    warning: line => sink.warning(secrets.redact(line)),
    debug: line => sink.debug(secrets.redact(line)),
    fail: line => sink.setFailed(secrets.redact(line))
  }
}
