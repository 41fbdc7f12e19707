// Revocation: DELETE /api/v2/tokens/me ends the token's life before it would expire.
import { ActionError } from './errors.js'
import { send, type HttpPolicy } from './http.js'
import { apiMessageOf } from './token-response.js'
import { bearer } from './verify.js'

export type RevokeResult = { ok: true } | { ok: false; reason: string }

/** Never throws: a failed revocation is worth a warning, not a failed job. */
export async function revokeToken(
  apiUrl: string,
  token: string,
  policy: HttpPolicy
): Promise<RevokeResult> {
  try {
    const res = await send(
      {
        method: 'DELETE',
        url: `${apiUrl}/api/v2/tokens/me`,
        headers: bearer(token),
        what: 'Token revocation'
      },
      policy
    )
    // 401: the token is already dead, which is what revocation wants.
    if ((res.status >= 200 && res.status < 300) || res.status === 401) return { ok: true }
    const message = apiMessageOf(res.body)
    return { ok: false, reason: `HTTP ${res.status}${message ? `: ${message}` : ''}` }
  } catch (err) {
    return { ok: false, reason: err instanceof ActionError ? err.message : 'unexpected failure' }
  }
}
