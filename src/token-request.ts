// The OAuth 2 Client Credentials request (RFC 6749 §4.4), as Genesys Cloud's SDKs send it.
import { errors } from './errors.js'
import { send, type HttpPolicy, type HttpRequest } from './http.js'
import { transientStatus } from './retry.js'
import { accessTokenOf, oauthErrorOf } from './token-response.js'

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
  const { error, description } = oauthErrorOf(body)
  return error === 'invalid_request' && /^rate limit exceeded/i.test(description)
    ? 'HTTP 400 rate limit exceeded'
    : undefined
}

export function buildTokenRequest(c: ClientCredentials): HttpRequest {
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
    transient: tokenTransient
  }
}

/** The raw 2xx answer's token and fields; the caller masks the token before judging the rest. */
export async function requestToken(
  c: ClientCredentials,
  policy: HttpPolicy
): Promise<ReturnType<typeof accessTokenOf> & { attempts: number }> {
  const res = await send(buildTokenRequest(c), policy)
  if (res.status < 200 || res.status >= 300) {
    const { error, description } = oauthErrorOf(res.body)
    throw errors.tokenEndpoint(res.status, error, description, res.attempts)
  }
  return { ...accessTokenOf(res.body), attempts: res.attempts }
}
