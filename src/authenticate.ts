// The main path: token request → expiry → verification and probes → organization → scopes →
// publish. Once a token exists it is masked and remembered for the post step at once, and any
// failure after that (publishing included) revokes it before the error goes up.
import type { Settings } from './action/inputs.js'
import type { Log, Secrets } from './action/log.js'
import type { Saved } from './action/outputs.js'
import type { Report } from './action/summary.js'
import { errors, warnings } from './errors.js'
import { checkOrganization, revokeToken, verifyToken } from './genesys/api.js'
import { checkValidity, computeExpiry } from './genesys/expiry.js'
import { PROBE_CONCURRENCY, probeFailed, runProbes } from './genesys/probes.js'
import { missingScopes, parseScopeList, scopesFromClaims } from './genesys/scopes.js'
import {
  basicCredential,
  decodeClaims,
  parseTokenResponse,
  requestToken,
  type TokenResponse
} from './genesys/token.js'
import type { HttpPolicy } from './net/http.js'

export interface Deps {
  secrets: Secrets
  log: Log
  policy: HttpPolicy
  now: () => number
  /** Keeps what the post step needs (and the crash guard): called as soon as a token exists. */
  remember: (saved: Partial<Saved>) => void
  /** Hands the checked token to later steps; a failure here still revokes it. */
  publish: (token: TokenResponse) => void
}

export function newReport(s: Settings): Report {
  const { region, loginUrl, apiUrl } = s.endpoints
  return {
    clientId: s.clientId,
    region,
    loginUrl,
    apiUrl,
    requiredScopes: s.requiredScopes,
    verified: false
  }
}

/** Resolves with the checked, published token; `report` holds what was learned, success or not. */
export async function authenticate(
  s: Settings,
  report: Report,
  deps: Deps
): Promise<TokenResponse> {
  const { secrets, log, policy, now } = deps
  const { apiUrl, tokenUrl } = s.endpoints
  // Every encoding of the secret that goes on the wire is masked before the request is built.
  secrets.add(basicCredential(s))
  secrets.add(encodeURIComponent(s.clientSecret))
  secrets.add(new URLSearchParams({ s: s.clientSecret }).toString().slice(2))

  // The API host's handshakes do not need the token: they run while the token request is out.
  const apiConnections = (s.verify ? 1 : 0) + Math.min(s.probes.length, PROBE_CONCURRENCY)
  if (apiConnections) policy.connections.preconnect(new URL(apiUrl).origin, apiConnections)

  log.info(`Requesting a token from ${tokenUrl} for client ${s.clientId} (${s.authMethod} auth)`)
  const issued = await requestToken({ ...s, tokenUrl }, policy)
  const accessToken = issued.accessToken
  secrets.add(accessToken)
  report.attempts = issued.attempts
  const revoking = revokes(s)
  try {
    // Inside the try: if the post step cannot be told about the token, it is revoked now.
    if (revoking) deps.remember({ token: accessToken, apiUrl })
    const token = parseTokenResponse(accessToken, issued.json, policy.redact)
    report.tokenType = token.tokenType
    const claims = decodeClaims(accessToken)
    const exp = typeof claims?.exp === 'number' ? claims.exp : undefined
    report.expiry = computeExpiry(token.expiresIn, exp, now())
    if (revoking) deps.remember({ expiresAt: report.expiry.expiresAt.toISOString() })
    checkValidity(report.expiry, s.minValidity, now())

    const fromClaims = scopesFromClaims(claims, policy.redact)
    if (fromClaims) [report.grantedScopes, report.scopeSource] = [fromClaims, 'token claims']
    else if (token.scope !== undefined)
      [report.grantedScopes, report.scopeSource] = [parseScopeList(token.scope), 'token response']

    // Probes do not depend on verification: both go out now; the checks still decide in order.
    const verifying = s.verify ? verifyToken(apiUrl, accessToken, policy) : undefined
    const probing = s.probes.length ? runProbes(apiUrl, accessToken, s.probes, policy) : undefined

    if (verifying) {
      const info = await verifying
      Object.assign(report, {
        verified: true,
        organizationId: info.organizationId,
        organizationName: info.organizationName
      })
      log.info(
        `Verified: the token works on ${apiUrl} for organization "${info.organizationName}" (${info.organizationId})`
      )
      if (!report.grantedScopes && info.authorizedScope)
        [report.grantedScopes, report.scopeSource] = [info.authorizedScope, 'tokens/me']
      checkOrganization(s.expectedOrganizationIds, info)
    }

    if (s.requiredScopes.length) {
      if (!report.grantedScopes)
        throw errors.scopesUnknown(
          s.requiredScopes,
          report.verified,
          s.requiredScopes.join(' ') === s.scopes.join(' ')
        )
      const missing = missingScopes(s.requiredScopes, report.grantedScopes)
      if (missing.length) throw errors.scopesMissing(missing, report.grantedScopes)
    }

    if (probing) {
      report.probes = await probing
      const failures = report.probes.filter(probeFailed)
      if (failures.length) throw errors.probesFailed(failures)
      log.info(
        `Permission probes passed: ${report.probes.map(p => `${p.method} ${p.path}`).join(', ')}`
      )
    }
    deps.publish(token)
    if (!s.outputToken) await revokeChecked(accessToken, report, deps, s)
    return token
  } catch (err) {
    if (revoking) {
      const result = await revokeToken(apiUrl, accessToken, policy)
      report.revokedAfterFailure = result.ok
      if (result.ok) {
        log.info('The rejected token was revoked.')
        forget(deps)
      } else log.warning(warnings.revokeFailed(result.reason, true))
    }
    throw err
  }
}

/**
 * Whether this step revokes the token itself when a check fails: with "revoke", or when the token
 * is never handed out (output-token: false), except on a login host that is not Genesys Cloud,
 * where "revoke: false" means no revoke request at all.
 */
const revokes = (s: Settings): boolean => s.revoke || (!s.outputToken && s.endpoints.region !== '')

/** output-token: false: every check passed, and the token, handed to no one, ends here. */
async function revokeChecked(
  accessToken: string,
  report: Report,
  deps: Deps,
  s: Settings
): Promise<void> {
  const expiresAt = report.expiry!.expiresAt.toISOString()
  if (!revokes(s)) {
    report.revokedAfterCheck = false
    deps.log.warning(warnings.notRevoked(expiresAt))
    return
  }
  const result = await revokeToken(s.endpoints.apiUrl, accessToken, deps.policy)
  report.revokedAfterCheck = result.ok
  if (result.ok) {
    deps.log.info('The token was checked and revoked (output-token: false): no later step gets it.')
    forget(deps)
  } else deps.log.warning(warnings.revokeFailed(result.reason, false))
}

/** Nothing left for the post step; best effort, since saving state may be what failed. */
function forget(deps: Pick<Deps, 'remember'>): void {
  try {
    deps.remember({ token: '' })
  } catch {
    // The post step then finds the revoked token and its revoke answers 401: done either way.
  }
}
