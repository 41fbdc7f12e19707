// When the token stops working, and whether that is soon enough to fail the step.
import { GenesysFailure } from './failure.js'

/** The largest time a Date can hold (ECMAScript: 8.64e15 ms after the epoch). */
const MAX_DATE_MS = 8.64e15

export interface Expiry {
  /** Whole seconds left, from now. */
  expiresIn: number
  expiresAt: Date
}

/** The earlier of `expires_in` and the JWT's `exp`: a server may state either one loosely. */
export function computeExpiry(expiresIn: number, exp: number | undefined, nowMs: number): Expiry {
  let atMs = nowMs + expiresIn * 1000
  // An `exp` no date can hold (a broken or hostile JWT) is ignored rather than trusted.
  if (exp !== undefined && Number.isFinite(exp) && exp >= 0 && exp * 1000 <= MAX_DATE_MS)
    atMs = Math.min(atMs, exp * 1000)
  const seconds = Math.floor((atMs - nowMs) / 1000)
  return { expiresIn: Math.max(0, seconds), expiresAt: new Date(Math.floor(atMs / 1000) * 1000) }
}

export function checkValidity(expiry: Expiry, minValidity: number, nowMs: number): void {
  if (expiry.expiresAt.getTime() <= nowMs)
    throw new GenesysFailure({ kind: 'token-expired', expiresAt: expiry.expiresAt.toISOString() })
  if (expiry.expiresIn < minValidity)
    throw new GenesysFailure({ kind: 'token-too-short', seconds: expiry.expiresIn, minValidity })
}

/** "23 h 59 min", for the job summary and logs. */
export function humanDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  return h ? `${h} h ${m} min` : `${m} min`
}
