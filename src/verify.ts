// Token verification: GET /api/v2/tokens/me proves the token works on the API host and says
// which organization it belongs to (and, when the API tells, which scopes it carries).
import { errors } from './errors.js'
import { send, type HttpPolicy } from './http.js'
import { apiMessageOf, parseJson } from './token-response.js'

export interface TokenInfo {
  organizationId: string
  organizationName: string
  /** Undefined when the API did not list any (client-credentials tokens may carry none). */
  authorizedScope?: string[]
  attempts: number
}

export const bearer = (token: string) => ({
  Authorization: `Bearer ${token}`,
  Accept: 'application/json'
})

export function parseTokenInfo(body: string): Omit<TokenInfo, 'attempts'> {
  const json = parseJson(body) as
    { organization?: { id?: unknown; name?: unknown }; authorizedScope?: unknown } | undefined
  const org = json && typeof json === 'object' ? json.organization : undefined
  if (!org || typeof org.id !== 'string' || !org.id)
    throw errors.verifyResponse('its body names no organization')
  const scopes = Array.isArray(json?.authorizedScope)
    ? json.authorizedScope.filter((s): s is string => typeof s === 'string')
    : []
  return {
    organizationId: org.id,
    organizationName: typeof org.name === 'string' ? org.name : '',
    ...(scopes.length ? { authorizedScope: scopes } : {})
  }
}

export async function verifyToken(
  apiUrl: string,
  token: string,
  policy: HttpPolicy
): Promise<TokenInfo> {
  const res = await send(
    {
      method: 'GET',
      url: `${apiUrl}/api/v2/tokens/me`,
      headers: bearer(token),
      what: 'Token verification'
    },
    policy
  )
  if (res.status < 200 || res.status >= 300)
    throw errors.verifyFailed(res.status, apiMessageOf(res.body), res.attempts)
  return { ...parseTokenInfo(res.body), attempts: res.attempts }
}

/** Fails unless the organization is one of the expected ids (an empty list allows any). */
export function checkOrganization(
  expected: readonly string[],
  info: Pick<TokenInfo, 'organizationId' | 'organizationName'>
): void {
  if (expected.length && !expected.includes(info.organizationId.toLowerCase()))
    throw errors.organizationMismatch([...expected], info.organizationId, info.organizationName)
}
