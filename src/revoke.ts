// Revocation: DELETE /api/v2/tokens/me ends the token's life before it would expire.
import { callApi } from './api.js'
import { ActionError } from './errors.js'
import type { HttpPolicy } from './http.js'

export type RevokeResult = { ok: true } | { ok: false; reason: string }

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
      { method: 'DELETE', path: '/api/v2/tokens/me', what: 'Token revocation' },
      policy
    )
    // 401: the token is already dead, which is what revocation wants.
    if (answer.ok || answer.status === 401) return { ok: true }
    return {
      ok: false,
      reason: `HTTP ${answer.status}${answer.message ? `: ${answer.message}` : ''}`
    }
  } catch (err) {
    return { ok: false, reason: err instanceof ActionError ? err.message : 'unexpected failure' }
  }
}
