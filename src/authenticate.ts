// The main path: token request → expiry → verification → organization → scopes → probes.
// Any failure after a token exists revokes that token before the error goes up.
import { checkValidity, computeExpiry } from './expiry.js'
import { errors, warnings } from './errors.js'
import type { HttpPolicy } from './http.js'
import type { Settings } from './inputs.js'
import type { Log } from './log.js'
import type { Report } from './report.js'
import { probeFailed, runProbes } from './probes.js'
import { revokeToken } from './revoke.js'
import { missingScopes, parseScopeList, scopesFromClaims } from './scopes.js'
import type { Secrets } from './secrets.js'
import { basicCredential, requestToken } from './token-request.js'
import { decodeClaims, type TokenResponse } from './token-response.js'
import { checkOrganization, verifyToken } from './verify.js'

export interface Deps {
  secrets: Secrets
  log: Log
  policy: HttpPolicy
  now: () => number
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

/** Resolves with the checked token; `report` holds what was learned, success or not. */
export async function authenticate(
  s: Settings,
  report: Report,
  deps: Deps
): Promise<TokenResponse> {
  const { secrets, log, policy, now } = deps
  // Every encoding of the secret that goes on the wire is masked before the request is built.
  secrets.add(basicCredential(s))
  secrets.add(encodeURIComponent(s.clientSecret))
  secrets.add(new URLSearchParams({ s: s.clientSecret }).toString().slice(2))

  log.info(
    `Requesting a token from ${s.endpoints.tokenUrl} for client ${s.clientId} (${s.authMethod} auth)`
  )
  const { token, attempts } = await requestToken({ ...s, tokenUrl: s.endpoints.tokenUrl }, policy)
  secrets.add(token.accessToken)
  report.attempts = attempts
  report.tokenType = token.tokenType
  try {
    const claims = decodeClaims(token.accessToken)
    const exp = typeof claims?.exp === 'number' ? claims.exp : undefined
    report.expiry = computeExpiry(token.expiresIn, exp, now())
    checkValidity(report.expiry, s.minValidity, now())

    const fromClaims = scopesFromClaims(claims)
    if (fromClaims) [report.grantedScopes, report.scopeSource] = [fromClaims, 'token claims']
    else if (token.scope !== undefined)
      [report.grantedScopes, report.scopeSource] = [parseScopeList(token.scope), 'token response']

    if (s.verify) {
      const info = await verifyToken(s.endpoints.apiUrl, token.accessToken, policy)
      Object.assign(report, {
        verified: true,
        organizationId: info.organizationId,
        organizationName: info.organizationName
      })
      log.info(
        `Verified: the token works on ${s.endpoints.apiUrl} for organization "${info.organizationName}" (${info.organizationId})`
      )
      if (!report.grantedScopes && info.authorizedScope)
        [report.grantedScopes, report.scopeSource] = [info.authorizedScope, 'tokens/me']
      checkOrganization(s.expectedOrganizationIds, info)
    }

    if (s.requiredScopes.length) {
      if (!report.grantedScopes) throw errors.scopesUnknown(s.requiredScopes)
      const missing = missingScopes(s.requiredScopes, report.grantedScopes)
      if (missing.length) throw errors.scopesMissing(missing, report.grantedScopes)
    }

    if (s.probes.length) {
      report.probes = await runProbes(s.endpoints.apiUrl, token.accessToken, s.probes, policy)
      const failures = report.probes.filter(probeFailed)
      if (failures.length) throw errors.probesFailed(failures)
      log.info(
        `Permission probes passed: ${report.probes.map(p => `${p.method} ${p.path}`).join(', ')}`
      )
    }
    return token
  } catch (err) {
    if (s.revoke) {
      const result = await revokeToken(s.endpoints.apiUrl, token.accessToken, policy)
      report.revokedAfterFailure = result.ok
      if (result.ok) log.info('The rejected token was revoked.')
      else log.warning(warnings.revokeFailed(result.reason, true))
    }
    throw err
  }
}
