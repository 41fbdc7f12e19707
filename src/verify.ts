// Token verification: GET /api/v2/tokens/me proves the token works on the API host and says
// which organization it belongs to (and, when the API tells, which scopes it carries).
import { callApi } from './api.js'
import { errors } from './errors.js'
import type { HttpPolicy } from './http.js'
import { isRecord } from './json.js'
import { serverText } from './server-text.js'

export interface TokenInfo {
  organizationId: string
  /** One line, as the server's text is untrusted. */
  organizationName: string
  /** Undefined when the API did not list any (client-credentials tokens may carry none). */
  authorizedScope?: string[]
}

export function parseTokenInfo(json: unknown): TokenInfo {
  const org = isRecord(json) ? json.organization : undefined
  if (!isRecord(org) || typeof org.id !== 'string' || !/^[\w-]{1,64}$/.test(org.id))
    throw errors.verifyResponse('its body names no organization')
  const listed = isRecord(json) && Array.isArray(json.authorizedScope) ? json.authorizedScope : []
  const scopes = listed.map(s => serverText(s, 200)).filter(s => s && !/\s/.test(s))
  return {
    organizationId: org.id,
    organizationName: serverText(org.name, 200),
    ...(scopes.length ? { authorizedScope: scopes } : {})
  }
}

export async function verifyToken(
  apiUrl: string,
  token: string,
  policy: HttpPolicy
): Promise<TokenInfo> {
  const answer = await callApi(
    apiUrl,
    token,
    { method: 'GET', path: '/api/v2/tokens/me', what: 'Token verification' },
    policy
  )
  if (!answer.ok) throw errors.verifyFailed(answer.status, answer.message, answer.attempts)
  return parseTokenInfo(answer.json)
}

/** Fails unless the organization is one of the expected ids (an empty list allows any). */
export function checkOrganization(expected: readonly string[], info: TokenInfo): void {
  if (expected.length && !expected.includes(info.organizationId.toLowerCase()))
    throw errors.organizationMismatch([...expected], info.organizationId, info.organizationName)
}
