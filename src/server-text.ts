// Text that comes from a server (organization names, error descriptions, API messages) is
// untrusted: a line break in it would let it start a workflow command (`::add-path::`) in the
// log, or a second line in an output. It is made one plain line, and capped, where it enters.

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
