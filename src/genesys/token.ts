// The OAuth 2 Client Credentials request (RFC 6749 §4.4), as Genesys Cloud's SDKs send it, and
// its answer. Nothing here may put token text into an error message: the access token is taken
// out first, so the caller can mask it (and revoke it) before any other field is judged.
import { jwtDecode } from 'jwt-decode'
import { ActionError, errors } from '../errors.js'
import { isSuccess, type Answer, type HttpRequest } from '../net/http.js'
import type { HttpPolicy } from '../net/policy.js'
import { transientStatus } from '../net/retry.js'
import { isRecord, parseJson, serverText, type Redact } from '../net/text.js'
import { request } from './api.js'

export interface ClientCredentials {
  clientId: string
  clientSecret: string
  authMethod: 'basic' | 'post'
  scopes: string[]
  tokenUrl: string
}

/** The Basic header's credential: the value to mask alongside the secret itself. */
export const basicCredential = (c: Pick<ClientCredentials, 'clientId' | 'clientSecret'>): string =>
  Buffer.from(`${c.clientId}:${c.clientSecret}`, 'utf8').toString('base64')

/** Genesys's token endpoint rate-limits with a 400 `invalid_request`, not a 429. */
export function tokenTransient(status: number, body: string): string | undefined {
  if (status !== 400) return transientStatus(status)
  // Matched, never printed: nothing to redact.
  const { error, description } = oauthErrorOf(body, text => text)
  return error === 'invalid_request' && /^rate limit exceeded/i.test(description)
    ? 'HTTP 400 rate limit exceeded'
    : undefined
}

export function buildTokenRequest(
  c: ClientCredentials,
  late?: (answer: Promise<Answer>) => void
): HttpRequest {
  const form = new URLSearchParams({ grant_type: 'client_credentials' })
  if (c.scopes.length) form.set('scope', c.scopes.join(' '))
  const headers: Record<string, string> = {
    'Content-Type': 'application/x-www-form-urlencoded',
    Accept: 'application/json'
  }
  if (c.authMethod === 'basic') headers.Authorization = `Basic ${basicCredential(c)}`
  else {
    form.set('client_id', c.clientId)
    form.set('client_secret', c.clientSecret)
  }
  return {
    method: 'POST',
    url: c.tokenUrl,
    headers,
    body: form.toString(),
    what: 'Token request',
    transient: tokenTransient,
    lifecycle: 'issues',
    ...(late ? { late } : {})
  }
}

/** The token of an answer that came after its attempt had timed out, if it brought one. */
export async function lateToken(answer: Promise<Answer>): Promise<string | undefined> {
  try {
    const res = await answer
    return isSuccess(res.status) ? accessTokenOf(res.body).accessToken : undefined
  } catch {
    return undefined
  }
}

/** The raw 2xx answer's token and fields; the caller masks the token before judging the rest. */
export async function requestToken(
  c: ClientCredentials,
  policy: HttpPolicy,
  late?: (token: Promise<string | undefined>) => void
): Promise<ReturnType<typeof accessTokenOf> & { attempts: number }> {
  const req = buildTokenRequest(c, late && (answer => late(lateToken(answer))))
  const res = await request(req, policy)
  if (!isSuccess(res.status)) {
    const { error, description } = oauthErrorOf(res.body, policy.redact)
    throw errors.tokenEndpoint(res.status, error, description, res.attempts)
  }
  try {
    return { ...accessTokenOf(res.body), attempts: res.attempts }
  } catch (err) {
    if (err instanceof ActionError) err.attempts ??= res.attempts
    throw err
  }
}

export interface TokenResponse {
  accessToken: string
  tokenType: string
  expiresIn: number
  /** The response's own `scope` field, when present. */
  scope?: string
}

/** Genesys allows 48 h; a lifetime beyond a year is a broken server, and no date we can print. */
export const MAX_LIFETIME_S = 366 * 24 * 3600

/**
 * Bounds of a usable access token. Below 16 characters it is no credential (and masking it
 * would hide that word in the whole job's log); above 16 KiB it is no bearer header a server
 * takes, and as state or an exported variable it stops every later process from starting (an
 * environment value over 128 KiB is E2BIG). Genesys tokens are about 64 characters, big JWTs a
 * few KiB.
 */
export const TOKEN_LENGTH = { min: 16, max: 16 * 1024 } as const

/**
 * The access token of a 2xx answer, or the reason there is none (no token exists yet). A token
 * of an impossible length exists on the server all the same: it comes back with `refused`, the
 * error to fail with once the caller has revoked it (masking it only when it is long).
 */
export function accessTokenOf(body: string): {
  accessToken: string
  json: Record<string, unknown>
  refused?: ActionError
} {
  const json = parseJson(body)
  if (!isRecord(json)) throw errors.tokenResponse('the body is not a JSON object')
  const token = json.access_token
  if (typeof token !== 'string' || token.trim() === '')
    throw errors.tokenResponse('it holds no "access_token"')
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(token))
    throw errors.tokenResponse('its "access_token" holds whitespace or control characters')
  if (token.length < TOKEN_LENGTH.min || token.length > TOKEN_LENGTH.max)
    return { accessToken: token, json, refused: errors.tokenLength(token.length, TOKEN_LENGTH) }
  return { accessToken: token, json }
}

/** The other fields; a failure here comes after a token exists, so the caller revokes it. */
export function parseTokenResponse(
  accessToken: string,
  json: Record<string, unknown>,
  redact: Redact
): TokenResponse {
  // A numeric string is tolerated; "", " " and "0x10" are not numbers of seconds.
  const expiresIn =
    typeof json.expires_in === 'string' && /^\d+(\.\d+)?$/.test(json.expires_in.trim())
      ? Number(json.expires_in)
      : json.expires_in
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0)
    throw errors.tokenResponse('its "expires_in" is missing or not a number of seconds')
  if (expiresIn > MAX_LIFETIME_S)
    throw errors.tokenResponse(
      `its "expires_in" (${expiresIn} s) is beyond a year, which no token lives (Genesys Cloud allows at most 172800 s)`
    )
  const tokenType =
    typeof json.token_type === 'string' && json.token_type ? json.token_type : 'bearer'
  if (tokenType.toLowerCase() !== 'bearer')
    throw errors.tokenResponse(
      `its "token_type" is ${JSON.stringify(serverText(tokenType, redact, 40))}, not "bearer"`
    )
  return {
    accessToken,
    tokenType,
    expiresIn: Math.floor(expiresIn),
    ...(typeof json.scope === 'string' ? { scope: serverText(json.scope, redact, 2000) } : {})
  }
}

/**
 * Claims of a JWT access token, or undefined for an opaque token (Genesys Cloud's kind).
 * Decoding errors are swallowed on purpose: jwt-decode's messages can quote token text.
 */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) return undefined
  try {
    const header: unknown = jwtDecode(token, { header: true })
    const claims: unknown = jwtDecode(token)
    return isRecord(header) && isRecord(claims) ? claims : undefined
  } catch {
    return undefined
  }
}

/** Error fields of an OAuth error body (`error`, `error_description` or Genesys's `description`). */
export function oauthErrorOf(body: string, redact: Redact): { error: string; description: string } {
  const json = parseJson(body)
  if (!isRecord(json)) return { error: '', description: '' }
  return {
    error: serverText(json.error, redact, 100),
    description: serverText(json.error_description, redact) || serverText(json.description, redact)
  }
}
