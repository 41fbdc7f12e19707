// What went wrong with Genesys Cloud, as facts: the kind of failure and its data, worded by the
// layer above that knows what the user typed (src/errors.ts names the inputs). As net/failure.ts
// does for the wire: `why` clauses describe a server's answer and name no input. Nothing here may
// hold token or secret text.

/** Why a base URL is refused before any request goes to it. */
export type UrlProblem = 'not-url' | 'credentials' | 'query' | 'http' | 'scheme'

/** Which of the two hosts a URL is for. */
export type Host = 'login' | 'api'

/**
 * What a token endpoint's refusal most likely means, told from its status and OAuth error fields
 * (Genesys answers 400 `invalid_client` "client not found" / "authentication failed", and 400
 * `invalid_request` "rate limit exceeded").
 */
export type TokenRefusal =
  | 'unknown-client'
  | 'bad-secret'
  /** A refusal that may also be of the runner's address (the answer to that is not public). */
  | 'bad-secret-or-address'
  | 'grant-type'
  | 'scope'
  | 'rate-limit'
  | 'load'
  | 'no-endpoint'
  | 'redirect'
  | 'server'
  | 'refused'
  | 'other'

/** What GET /api/v2/tokens/me's refusal means for a token just issued. */
export type VerifyRefusal = 'token-rejected' | 'forbidden' | 'no-api' | 'server'

export type Fact =
  | { kind: 'region-unknown'; value: string; nearest: string[] }
  | { kind: 'url'; host: Host; shown: string; problem: UrlProblem }
  | { kind: 'token-refused'; status: number; error: string; description: string; attempts: number }
  | { kind: 'token-response'; why: string }
  | { kind: 'token-length'; length: number; bounds: { min: number; max: number } }
  | { kind: 'token-expired'; expiresAt: string }
  | { kind: 'token-too-short'; seconds: number; minValidity: number }
  | { kind: 'verify-refused'; status: number; message: string; attempts: number }
  | { kind: 'verify-response'; why: string }
  | { kind: 'organization-mismatch'; expected: string[]; actualId: string; actualName: string }

/** A failure Genesys Cloud's side explains; its message is only the kind, never data. */
export class GenesysFailure extends Error {
  override name = 'GenesysFailure'
  constructor(readonly fact: Fact) {
    super(fact.kind)
  }
}

export function tokenRefusal(status: number, error: string, description: string): TokenRefusal {
  const text = `${error} ${description}`.toLowerCase()
  if (text.includes('client not found')) return 'unknown-client'
  if (text.includes('authentication failed')) return 'bad-secret'
  if (error === 'invalid_client' && status !== 404)
    return status === 401 || status === 403 ? 'bad-secret-or-address' : 'bad-secret'
  if (error === 'unauthorized_client' || text.includes('grant type')) return 'grant-type'
  if (error === 'invalid_scope') return 'scope'
  if (error === 'invalid_request' && text.includes('rate limit')) return 'rate-limit'
  if (status === 429 || status === 408) return 'load'
  if (status === 404 || status === 405) return 'no-endpoint'
  if (status >= 300 && status < 400) return 'redirect'
  if (status >= 500) return 'server'
  if (status === 401 || status === 403) return 'refused'
  return 'other'
}

export function verifyRefusal(status: number): VerifyRefusal {
  if (status === 401) return 'token-rejected'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'no-api'
  return 'server'
}
