// The retry policy shared by every request: how long to wait, and which statuses are transient
// by default. A request with its own rules (the token endpoint's 400 rate limit) says so itself.
export const MAX_WAIT_MS = 60_000
const BASE_MS = 1_000
const CEILING_MS = 30_000

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504])

/** The default rule: a reason to retry, or undefined when the answer is final. */
export function transientStatus(status: number): string | undefined {
  return RETRYABLE_STATUS.has(status) ? `HTTP ${status}` : undefined
}

// RFC 9110 §10.2.3: delay-seconds (digits only) or an HTTP-date in IMF-fixdate form.
const DELAY_SECONDS = /^\d{1,9}$/
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/

/** Milliseconds the server asked us to wait (`Retry-After`, `inin-ratelimit-reset`), if it did. */
export function serverHintMs(
  headers: Record<string, string | string[] | undefined>,
  nowMs: number
): number | undefined {
  const first = (name: string) => {
    const v = headers[name]
    return (Array.isArray(v) ? v[0] : v)?.trim()
  }
  const retryAfter = first('retry-after')
  if (retryAfter && DELAY_SECONDS.test(retryAfter)) return Number(retryAfter) * 1000
  if (retryAfter && IMF_FIXDATE.test(retryAfter)) {
    const date = Date.parse(retryAfter)
    if (!Number.isNaN(date)) return Math.max(0, date - nowMs)
  }
  const reset = first('inin-ratelimit-reset')
  if (reset && /^\d{1,12}$/.test(reset)) {
    const n = Number(reset)
    // Seconds to wait, or (unverified) an epoch time in seconds: survive both.
    return n > 1e9 ? Math.max(0, n * 1000 - nowMs) : n * 1000
  }
  return undefined
}

/**
 * Exponential backoff with full jitter. A server hint (a rate limit) comes first, never cut
 * short below MAX_WAIT_MS, plus jitter twice as wide as the plain backoff's and doubling with each
 * attempt: a matrix of jobs told the same Retry-After spreads out instead of coming back in
 * lockstep to a full window. A hint beyond MAX_WAIT_MS is capped there (the step's budget would
 * not wait an hour); no wait exceeds MAX_WAIT_MS plus its spread (75 s).
 */
export function backoffMs(attempt: number, hintMs: number | undefined, random: number): number {
  const ceiling = Math.min(CEILING_MS, BASE_MS * 2 ** (attempt - 1))
  if (hintMs !== undefined) {
    const spread = Math.min(2 * ceiling, MAX_WAIT_MS / 4)
    return Math.round(Math.min(hintMs, MAX_WAIT_MS) + random * spread)
  }
  return Math.min(MAX_WAIT_MS, Math.round(random * ceiling) + 100)
}
