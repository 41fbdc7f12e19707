// Scope lists: parsing what users type, reading what a token grants, deciding what is missing.
import { serverText, type Redact } from '../net/text.js'

/** Splits a space-, comma- or newline-separated list; drops empties and duplicates. */
export function parseScopeList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))]
}

/**
 * Granted scopes from JWT claims (RFC 9068 `scope`, or `scp` as a string or array).
 * Undefined when the claims say nothing, which is not the same as "none granted".
 */
export function scopesFromClaims(
  claims: Record<string, unknown> | undefined,
  redact: Redact
): string[] | undefined {
  if (!claims) return undefined
  for (const name of ['scope', 'scp']) {
    const value = claims[name]
    // Claims are server text: one line each, as everything a server says (net/text.ts).
    if (typeof value === 'string') return parseScopeList(serverText(value, redact, 4000))
    if (Array.isArray(value))
      return parseScopeList(value.map(v => serverText(v, redact, 200)).join(' '))
  }
  return undefined
}

/**
 * A required scope is met by itself or by a broader grant: `conversations` meets
 * `conversations:readonly`. Looked up in a Set, prefix by prefix, so that a server listing a
 * hundred thousand scopes costs a lookup each, not a scan each.
 */
export function isGranted(required: string, granted: ReadonlySet<string>): boolean {
  if (granted.has(required)) return true
  for (let i = required.indexOf(':'); i >= 0; i = required.indexOf(':', i + 1))
    if (granted.has(required.slice(0, i))) return true
  return false
}

export function missingScopes(required: readonly string[], granted: readonly string[]): string[] {
  const set = new Set(granted)
  return required.filter(r => !isGranted(r, set))
}
