// What a server sends is untrusted text. JSON is parsed without throwing (a broken body is an
// answer to report), and text that will be printed is made one plain line where it enters: a line
// break in it would let it start a workflow command (`::add-path::`) in the log, or a second line
// in an output; and the runner's older command form, `##[name]data`, is acted on anywhere in a
// line, so it is broken up too.

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Replaces every secret of the run, whole, in a text (action/log.ts's Secrets). */
export type Redact = (text: string) => string

// C0/C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g

/**
 * The runner looks for the literal `##[` anywhere in a line (actions/runner ActionCommand.TryParse)
 * and acts on a registered name up to the next `]`: `##\[` reads the same to a person and matches
 * nothing. Inserting a character between `#` and `[` cannot form a new `##[`.
 */
export const noLegacyCommands = (text: string): string => text.replace(/##\[/g, '##\\[')

/**
 * Server text as it may be printed. Redacted first, while every secret it may echo is still whole
 * (cutting or collapsing spaces first would leave pieces that no longer match), then made one line,
 * capped at `max` characters, and stripped of the runner's `##[` commands.
 */
export function serverText(value: unknown, redact: Redact, max = 300): string {
  if (typeof value !== 'string') return ''
  const line = redact(value).replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim()
  return noLegacyCommands(line.length > max ? `${line.slice(0, max)}…` : line)
}

/** Any printed line, as a last guard: whatever it holds, it stays one line and no command. */
export const oneLine = (line: string): string => noLegacyCommands(line.replace(CONTROLS, ' '))
