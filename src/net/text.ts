// What a server sends is untrusted text. JSON is parsed without throwing (a broken body is an
// answer to report), and text that will be printed is made one plain line where it enters: a line
// break in it would let it start a workflow command (`::add-path::`) in the log, or a second line
// in an output.

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

// C0/C1 controls, DEL, and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g

export function serverText(value: unknown, max = 300): string {
  if (typeof value !== 'string') return ''
  const line = value.replace(CONTROLS, ' ').replace(/ {2,}/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max)}…` : line
}

/** Any printed line, as a last guard: whatever it holds, it stays one line of the log. */
export const oneLine = (line: string): string => line.replace(CONTROLS, ' ')
