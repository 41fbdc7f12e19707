// Revoking the tokens this step does not hand out: one that came too late, one refused, one that
// was only checked (output-token: false), and the rule for when that is allowed at all.
import type { Settings } from '../action/inputs.js'
import type { Log } from '../action/log.js'
import { revocationLine, warnings, type RevocationSaid } from '../errors.js'
import { revokeToken, type RevokeResult } from '../genesys/api.js'
import { TOKEN_LENGTH } from '../genesys/token.js'
import type { Report } from '../action/summary.js'
import type { Deps } from './authenticate.js'

/**
 * Logs what a revocation came to, claiming no more than its answer proves: `revoked` (said only
 * on a 2xx), or a warning that names a 401 for what it is, or the failure.
 */
export function tellRevocation(
  log: Pick<Log, 'info' | 'warning'>,
  result: RevokeResult,
  said: RevocationSaid
): void {
  const line = revocationLine(result, said)
  if (line) log[line[0]](line[1])
}

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
 * it is printed; it only goes to the API host, in the revocation's header. Resolves with what the
 * revocation came to (undefined: not tried).
 */
export async function revokeUnused(
  s: Settings,
  deps: Deps,
  token: string,
  why: 'late' | 'refused'
): Promise<RevokeResult['outcome'] | undefined> {
  const { log, policy } = deps
  if (token.length >= TOKEN_LENGTH.min) deps.secrets.add(token)
  const what =
    why === 'late' ? 'A token that came after its request had timed out' : 'The refused token'
  if (!revokesUnused(s)) {
    log.warning(warnings.unusedTokenKept(what))
    return undefined
  }
  const { apiUrl } = s.endpoints
  const result = await revokeToken(apiUrl, token, { ...policy, maxAttempts: 1 })
  tellRevocation(log, result, {
    what,
    apiUrl,
    rejected: true,
    revoked: `${what} was revoked.`,
    ...(token.length < TOKEN_LENGTH.min ? { reason: 'not confirmed' } : {})
  })
  return result.outcome
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
    report.revokedAfterCheck = 'kept'
    deps.log.warning(warnings.notRevoked(expiresAt))
    return
  }
  report.revokedAfterCheck = await revokeHeld(accessToken, s, deps, {
    what: 'The checked token',
    rejected: false,
    revoked: 'The token was checked and revoked (output-token: false): no later step gets it.'
  })
}

/**
 * Revokes a token this step holds and says what came of it. Unless the revocation failed, the
 * token is let go: nothing is left for the crash guard or the post step, whom a 401 would answer
 * the same. A failed one stays saved, and the post step tries again.
 */
export async function revokeHeld(
  token: string,
  s: Settings,
  deps: Deps,
  said: Omit<RevocationSaid, 'apiUrl'>
): Promise<RevokeResult['outcome']> {
  const { apiUrl } = s.endpoints
  const result = await revokeToken(apiUrl, token, deps.policy)
  tellRevocation(deps.log, result, { ...said, apiUrl })
  if (result.outcome !== 'failed') {
    deps.hold?.(undefined)
    forget(deps)
  }
  return result.outcome
}

/** Nothing left for the post step; best effort, since saving state may be what failed. */
function forget(deps: Pick<Deps, 'remember'>): void {
  try {
    deps.remember({ token: '' })
  } catch {
    // The post step then finds the revoked token and its revoke answers 401: done either way.
  }
}
