// The retry policy shared by every request: what is transient, and how long to wait.
import { oauthErrorOf } from './token-response.js'

export const MAX_WAIT_MS = 60_000
const BASE_MS = 1_000
const CEILING_MS = 30_000

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504])

/** A reason to retry, or undefined when the answer is final (success or a real refusal). */
export function transientReason(status: number, body: string): string | undefined {
  if (RETRYABLE_STATUS.has(status)) return `HTTP ${status}`
  if (status === 400) {
    // Genesys's token endpoint rate-limits with a 400, not a 429.
    const { error, description } = oauthErrorOf(body)
    if (error === 'invalid_request' && /^rate limit exceeded/i.test(description))
      return 'HTTP 400 rate limit exceeded'
  }
  return undefined
}

/** Milliseconds the server asked us to wait (`Retry-After` seconds or date, `inin-ratelimit-reset`). */
export function serverHintMs(
  headers: Record<string, string | string[] | undefined>,
  nowMs: number
): number | undefined {
  const first = (name: string) => {
    const v = headers[name]
    return (Array.isArray(v) ? v[0] : v)?.trim()
  }
  const retryAfter = first('retry-after')
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs)
  }
  const reset = first('inin-ratelimit-reset')
  if (reset && /^\d+(\.\d+)?$/.test(reset)) {
    const n = Number(reset)
    // Seconds to wait, or (unverified) an epoch time in seconds: survive both.
    return n > 1e9 ? Math.max(0, n * 1000 - nowMs) : n * 1000
  }
  return undefined
}

/**
 * Exponential backoff with full jitter. A server hint (a rate limit) wins, plus jitter twice as
 * wide as the plain backoff's and doubling with each attempt: a matrix of jobs told the same
 * Retry-After spreads out instead of coming back in lockstep to a full window. No single wait
 * exceeds MAX_WAIT_MS.
 */
export function backoffMs(attempt: number, hintMs: number | undefined, random: number): number {
  const ceiling = Math.min(CEILING_MS, BASE_MS * 2 ** (attempt - 1))
  if (hintMs !== undefined) {
    // Below the cap the spread comes on top of the hint; near it, it comes off the cap, so jobs
    // told "Retry-After: 3600" still spread out instead of all waiting exactly 60 s.
    const spread = Math.min(2 * ceiling, MAX_WAIT_MS / 4)
    return Math.round(Math.min(hintMs, MAX_WAIT_MS - spread) + random * spread)
  }
  return Math.min(MAX_WAIT_MS, Math.round(random * ceiling) + 100)
}
