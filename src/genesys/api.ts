// Calls to the Genesys Cloud Platform API with the new token: the Bearer header and the error
// message of a refusal in one place, and the two calls on the token itself. GET
// /api/v2/tokens/me proves the token works on the API host and says which organization it
// belongs to (and, when the API tells, which scopes it carries); DELETE revokes it.
import { isSuccess, send } from '../net/http.js'
import type { HttpPolicy, Lifecycle } from '../net/policy.js'
import { isRecord, parseJson, serverText, type Redact } from '../net/text.js'
import { GenesysFailure } from './failure.js'

export interface ApiCall {
  method: 'GET' | 'HEAD' | 'DELETE'
  /** A path on the API host, starting with /api/. */
  path: string
  /** What the call is for, as messages name it: "Token verification". */
  what: string
  /** A probe needs the status, not the body: a huge answer is cut, not failed. */
  statusOnly?: boolean
  lifecycle?: Lifecycle
}

export interface ApiAnswer {
  status: number
  ok: boolean
  /** The parsed body (undefined when not JSON). */
  json: unknown
  /** The API's own error message (`message`, else `code`), one line; '' on success. */
  message: string
  attempts: number
}

/** The message of a Platform API error body (`{"message": ..., "code": ...}`), made one line. */
export function apiMessageOf(json: unknown, redact: Redact): string {
  if (!isRecord(json)) return ''
  return serverText(typeof json.message === 'string' ? json.message : json.code, redact, 500)
}

export async function callApi(
  apiUrl: string,
  token: string,
  call: ApiCall,
  policy: HttpPolicy
): Promise<ApiAnswer> {
  const res = await send(
    {
      method: call.method,
      url: `${apiUrl}${call.path}`,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      what: call.what,
      oversized: call.statusOnly ? 'truncate' : 'fail',
      ...(call.lifecycle ? { lifecycle: call.lifecycle } : {})
    },
    policy
  )
  const ok = isSuccess(res.status)
  const json = parseJson(res.body)
  return {
    status: res.status,
    ok,
    json,
    message: ok ? '' : apiMessageOf(json, policy.redact),
    attempts: res.attempts
  }
}

export interface TokenInfo {
  organizationId: string
  /** One line, as the server's text is untrusted. */
  organizationName: string
  /** Undefined when the API did not list any (client-credentials tokens may carry none). */
  authorizedScope?: string[]
  /**
   * `OAuthClient.roleDivisions`: the client's roles and the divisions each is granted in. Undefined
   * when the answer has no such list (or one this cannot read): the roles are then unknown, which
   * is neither "no roles" (an empty list) nor "every role".
   */
  roleDivisions?: RoleDivision[]
}

export interface RoleDivision {
  roleId: string
  /** `*` for all divisions. */
  divisionId: string
}

const ID = /^(\*|[\w-]{1,64})$/

function roleDivisionsOf(json: unknown): RoleDivision[] | undefined {
  const client = isRecord(json) ? json.OAuthClient : undefined
  const listed = isRecord(client) ? client.roleDivisions : undefined
  if (!Array.isArray(listed)) return undefined
  const pairs: RoleDivision[] = []
  for (const p of listed) {
    // Ids go into a request path: one that is not an id makes the whole list unreadable.
    if (!isRecord(p) || typeof p.roleId !== 'string' || typeof p.divisionId !== 'string')
      return undefined
    if (!ID.test(p.roleId) || p.roleId === '*' || !ID.test(p.divisionId)) return undefined
    pairs.push({ roleId: p.roleId, divisionId: p.divisionId })
  }
  return pairs
}

export function parseTokenInfo(json: unknown, redact: Redact): TokenInfo {
  const org = isRecord(json) ? json.organization : undefined
  if (!isRecord(org) || typeof org.id !== 'string' || !/^[\w-]{1,64}$/.test(org.id))
    throw new GenesysFailure({ kind: 'verify-response', why: 'its body names no organization' })
  const listed = isRecord(json) && Array.isArray(json.authorizedScope) ? json.authorizedScope : []
  const scopes = listed.map(s => serverText(s, redact, 200)).filter(s => s && !/\s/.test(s))
  const roleDivisions = roleDivisionsOf(json)
  return {
    organizationId: org.id,
    organizationName: serverText(org.name, redact, 200),
    ...(scopes.length ? { authorizedScope: scopes } : {}),
    ...(roleDivisions ? { roleDivisions } : {})
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
  if (!answer.ok)
    throw new GenesysFailure({
      kind: 'verify-refused',
      status: answer.status,
      message: answer.message,
      attempts: answer.attempts
    })
  return parseTokenInfo(answer.json, policy.redact)
}

/** Fails unless the organization is one of the expected ids (an empty list allows any). */
export function checkOrganization(expected: readonly string[], info: TokenInfo): void {
  if (expected.length && !expected.includes(info.organizationId.toLowerCase()))
    throw new GenesysFailure({
      kind: 'organization-mismatch',
      expected: [...expected],
      actualId: info.organizationId,
      actualName: info.organizationName
    })
}

/**
 * What a revocation came to. Only a 2xx proves it: a 401 says that this API host does not know
 * the token, which may have been revoked already or belong to another region's API, where it
 * stays valid (explicit login and API URLs that disagree answer every call with 401).
 */
export type RevokeResult = { outcome: 'revoked' } | { outcome: 'unknown' } | RevokeFailed
/** A revocation that did not happen: the API's refusal, or what kept it from answering. */
export type RevokeFailed =
  { outcome: 'failed'; status: number; message: string } | { outcome: 'failed'; error: unknown }

/** Never throws: a failed revocation is worth a warning, not a failed job. */
export async function revokeToken(
  apiUrl: string,
  token: string,
  policy: HttpPolicy
): Promise<RevokeResult> {
  try {
    const answer = await callApi(
      apiUrl,
      token,
      {
        method: 'DELETE',
        path: '/api/v2/tokens/me',
        what: 'Token revocation',
        lifecycle: 'revokes'
      },
      policy
    )
    if (answer.ok) return { outcome: 'revoked' }
    if (answer.status === 401) return { outcome: 'unknown' }
    return { outcome: 'failed', status: answer.status, message: answer.message }
  } catch (error) {
    return { outcome: 'failed', error }
  }
}
