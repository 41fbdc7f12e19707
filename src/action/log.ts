// The only way this action writes to the log. Everything secret is registered first: the runner
// is told to mask it (::add-mask::), and every line is redacted as a second guard and kept one
// line with no `##[` in it (server text inside it cannot start a workflow command of its own)
// before it is printed.
import { noLegacyCommands, oneLine } from '../net/text.js'
import type { Runner } from './runner.js'

export class Secrets {
  private readonly values: string[] = []

  constructor(private readonly register: (value: string) => void) {}

  /** Masks a value (and each of its lines, which the runner matches separately). */
  add(value: string | undefined): void {
    if (!value) return
    for (const v of [value, ...value.split(/\r?\n/)]) {
      const trimmed = v.trim()
      if (!trimmed || this.values.includes(trimmed)) continue
      this.values.push(trimmed)
      this.register(trimmed)
    }
    // Longest first, so a secret containing another is redacted whole.
    this.values.sort((a, b) => b.length - a.length)
  }

  redact(text: string): string {
    let out = text
    for (const v of this.values) out = out.split(v).join('***')
    return out
  }
}

export interface Log {
  info(line: string): void
  /** Shown only when the job runs with debug logging (RUNNER_DEBUG=1). */
  debug(line: string): void
  warning(line: string): void
  fail(line: string): void
  /** The run's secrets out of a text: server text is redacted with it before it is cut. */
  redact(text: string): string
}

/**
 * warning and setFailed escape line breaks themselves (%0A), so failures may span lines; but the
 * runner finds `##[` anywhere, in the data of a `::warning::` line too.
 */
export function createLog(
  secrets: Secrets,
  sink: Pick<Runner, 'info' | 'debug' | 'warning' | 'setFailed'>
): Log {
  return {
    info: line => sink.info(oneLine(secrets.redact(line))),
    debug: line => sink.debug(oneLine(secrets.redact(line))),
    warning: line => sink.warning(noLegacyCommands(secrets.redact(line))),
    fail: line => sink.setFailed(noLegacyCommands(secrets.redact(line))),
    redact: text => secrets.redact(text)
  }
}

/** Debug lines only when the job asks for them: core.isDebug's test, on the step's own env. */
export const debugOf = (env: NodeJS.ProcessEnv, log: Log): ((line: string) => void) | undefined =>
  env.RUNNER_DEBUG === '1' ? line => log.debug(line) : undefined
