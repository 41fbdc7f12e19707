// Revoking the tokens this step does not hand out: one that came too late, one refused, one that
// was only checked (output-token: false), and the rule for when that is allowed at all.
import type { Settings } from '../action/inputs.js'
import { revokeReason, warnings } from '../errors.js'
import { revokeToken } from '../genesys/api.js'
import { TOKEN_LENGTH } from '../genesys/token.js'
import type { Report } from '../action/summary.js'
import type { Deps } from './authenticate.js'

/**
 * Whether a token this run never handed out is revoked. On Genesys Cloud (a region's login host)
 * always: there `revoke` governs only the post step. Elsewhere only with `revoke: true`: another
 * OAuth server may not implement DELETE /api/v2/tokens/me, and `revoke: false` sends nothing.
 */
export const revokesUnused = (s: Pick<Settings, 'revoke' | 'endpoints'>): boolean =>
  s.revoke || s.endpoints.region !== ''

/**
 * Revokes a token nobody will use: one that came too late, or of an impossible length. A short
 * one is not masked (it would hide that text in the whole log) and nothing the server says about
 * it is printed; it only goes to the API host, in the revocation's header. Resolves with whether
 * it was revoked (undefined: not tried).
 */
export async function revokeUnused(
  s: Settings,
  deps: Deps,
  token: string,
  why: 'late' | 'refused'
): Promise<boolean | undefined> {
  const { log, policy } = deps
  if (token.length >= TOKEN_LENGTH.min) deps.secrets.add(token)
  const what =
    why === 'late' ? 'A token that came after its request had timed out' : 'The refused token'
  if (!revokesUnused(s)) {
    log.warning(warnings.unusedTokenKept(what))
    return undefined
  }
  const result = await revokeToken(s.endpoints.apiUrl, token, { ...policy, maxAttempts: 1 })
  if (result.ok) log.info(`${what} was revoked.`)
  else
    log.warning(
      warnings.revokeFailed(
        token.length < TOKEN_LENGTH.min ? 'not confirmed' : revokeReason(result),
        true
      )
    )
  return result.ok
}

/** output-token: false: every check passed, and the token, handed to no one, ends here. */
export async function revokeChecked(
  accessToken: string,
  report: Report,
  deps: Deps,
  s: Settings
): Promise<void> {
  const expiresAt = report.expiry!.expiresAt.toISOString()
  if (!revokesUnused(s)) {
    report.revokedAfterCheck = false
    deps.log.warning(warnings.notRevoked(expiresAt))
    return
  }
  const result = await revokeToken(s.endpoints.apiUrl, accessToken, deps.policy)
  report.revokedAfterCheck = result.ok
  if (result.ok) {
    deps.log.info('The token was checked and revoked (output-token: false): no later step gets it.')
    deps.hold?.(undefined)
    forget(deps)
  } else deps.log.warning(warnings.revokeFailed(revokeReason(result), false))
}

/** Nothing left for the post step; best effort, since saving state may be what failed. */
export function forget(deps: Pick<Deps, 'remember'>): void {
  try {
    deps.remember({ token: '' })
  } catch {
    // The post step then finds the revoked token and its revoke answers 401: done either way.
  }
}
