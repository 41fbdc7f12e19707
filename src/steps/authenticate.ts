// The main path: token request → expiry → verification and probes → organization → scopes →
// publish. Once a token exists it is masked and, when this run would revoke it, saved for the post
// step at once; any failure after that (publishing included) revokes it before the error goes up.
import { shownClientId } from '../action/credentials.js'
import type { Settings } from '../action/inputs.js'
import type { Log, Secrets } from '../action/log.js'
import type { Saved } from '../action/outputs.js'
import type { PermissionReport, Report } from '../action/summary.js'
import { ActionError, errors, reasonOf, worded } from '../errors.js'
import { checkOrganization, verifyToken, type TokenInfo } from '../genesys/api.js'
import { checkValidity, computeExpiry } from '../genesys/expiry.js'
import { PROBE_CONCURRENCY, probeFailed, runProbes } from '../genesys/probes.js'
import { missingScopes, parseScopeList, scopesFromClaims } from '../genesys/scopes.js'
import {
  basicCredential,
  decodeClaims,
  parseTokenResponse,
  requestToken,
  type TokenResponse
} from '../genesys/token.js'
import type { HttpPolicy } from '../net/policy.js'
import { revokeChecked, revokeHeld, revokesUnused, revokeUnused } from './revoke.js'

export interface Deps {
  secrets: Secrets
  log: Log
  policy: HttpPolicy
  now: () => number
  /** Saves what the post step needs: called as soon as a revocable token exists. */
  remember: (saved: Partial<Saved>) => void
  /** Hands the checked token to later steps; a failure here still revokes it. */
  publish: (token: TokenResponse) => void
  /**
   * The token this run would revoke if it had to stop now (a crash): set once a revocable token
   * exists, cleared once it is revoked, or handed out to be kept (`revoke: false`).
   */
  hold?: (held: { token: string; apiUrl: string } | undefined) => void
  /** The permission preflight (steps/permissions.ts), when "terraform-plan" or "required-permissions" asks for it. */
  permissions?: PermissionCheck
}

export interface PermissionCheck {
  /** Reads the client's roles and judges the plan; rejects when the roles cannot be known. */
  check(info: TokenInfo, token: string): Promise<PermissionReport>
  /** Logs the outcome; the failure to throw when something is missing. */
  judge(report: PermissionReport): Error | undefined
}

export function newReport(s: Settings): Report {
  const { region, loginUrl, apiUrl } = s.endpoints
  return {
    clientId: s.clientId,
    region,
    loginUrl,
    apiUrl,
    requiredScopes: s.requiredScopes,
    expectedOrganizationIds: s.expectedOrganizationIds,
    verified: false
  }
}

/** Resolves with the checked, published token; `report` holds what was learned, success or not. */
export async function authenticate(
  s: Settings,
  report: Report,
  deps: Deps
): Promise<TokenResponse> {
  const { secrets, log, policy } = deps
  const { apiUrl, tokenUrl } = s.endpoints
  // Every encoding of the secret that goes on the wire is masked before the request is built.
  secrets.add(basicCredential(s))
  secrets.add(encodeURIComponent(s.clientSecret))
  secrets.add(new URLSearchParams({ s: s.clientSecret }).toString().slice(2))

  // The API host's handshakes do not need the token: they run while the token request is out.
  // The role reads follow verification on its connection; a second one is ready for a second role.
  const apiConnections =
    (s.verify ? 1 : 0) + (deps.permissions ? 1 : 0) + Math.min(s.probes.length, PROBE_CONCURRENCY)
  if (apiConnections) policy.connections.preconnect(new URL(apiUrl).origin, apiConnections)

  // A token attempt that timed out may still be answered with a token: revoke it when it comes.
  // The step waits for these (each bounded: its answer by one more "timeout", its revoke by one
  // attempt); an answer that comes after the step has ended cannot be revoked.
  const late: Promise<void>[] = []
  const onLate = (token: Promise<string | undefined>) =>
    late.push(token.then(async t => void (t && (await revokeUnused(s, deps, t, 'late')))))
  try {
    log.info(
      `Requesting a token from ${tokenUrl} for client ${shownClientId(s.clientId)} (${s.authMethod} auth)`
    )
    const issued = await requestToken({ ...s, tokenUrl }, policy, onLate).catch((err: unknown) => {
      const known = worded(err)
      if (known instanceof ActionError && known.attempts) report.attempts = known.attempts
      throw known
    })
    report.attempts = issued.attempts
    if (issued.refused) {
      report.revokedAfterFailure = await revokeUnused(s, deps, issued.accessToken, 'refused')
      throw issued.refused
    }
    return await check(s, report, deps, issued.accessToken, issued.json)
  } catch (err) {
    throw worded(err)
  } finally {
    await Promise.all(late)
  }
}

/** The checks on an issued token, which is revoked when one fails. */
async function check(
  s: Settings,
  report: Report,
  deps: Deps,
  accessToken: string,
  json: Record<string, unknown>
): Promise<TokenResponse> {
  const { secrets, log, policy, now } = deps
  const { apiUrl } = s.endpoints
  const cancelled = () => policy.cancellation?.requested
  secrets.add(accessToken)
  // Every token this run would revoke is saved for the post step until this step has revoked it
  // or handed it out to be kept: a step killed in between (SIGKILL, out of memory), where none of
  // its code runs, still leaves nothing alive. That covers check mode (output-token: false) and a
  // token not yet handed out with revoke: false on Genesys Cloud.
  const revokes = revokesUnused(s)
  try {
    if (revokes) {
      deps.hold?.({ token: accessToken, apiUrl })
      // Inside the try: if the post step cannot be told about the token, it is revoked now.
      deps.remember({ token: accessToken, apiUrl })
    }
    if (cancelled()) throw errors.cancelled()
    const token = parseTokenResponse(accessToken, json, policy.redact)
    report.tokenType = token.tokenType
    const claims = decodeClaims(accessToken)
    const exp = typeof claims?.exp === 'number' ? claims.exp : undefined
    report.expiry = computeExpiry(token.expiresIn, exp, now())
    if (revokes) deps.remember({ expiresAt: report.expiry.expiresAt.toISOString() })
    checkValidity(report.expiry, s.minValidity, now())

    const fromClaims = scopesFromClaims(claims, policy.redact)
    if (fromClaims) [report.grantedScopes, report.scopeSource] = [fromClaims, 'token claims']
    else if (token.scope !== undefined)
      [report.grantedScopes, report.scopeSource] = [parseScopeList(token.scope), 'token response']

    // Probes do not depend on verification: both go out now; the checks still decide in order.
    const verifying = s.verify ? verifyToken(apiUrl, accessToken, policy) : undefined
    const probing = s.probes.length ? runProbes(apiUrl, accessToken, s.probes, policy) : undefined
    // The roles are read as soon as tokens/me names them, beside the probes.
    const checking =
      verifying && deps.permissions
        ? verifying.then(info => deps.permissions!.check(info, accessToken))
        : undefined
    // Decided below, in order: an earlier failure must not leave this one unhandled.
    checking?.catch(() => undefined)

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

    if (checking) report.permissions = await checking

    if (probing) {
      // A probe without an answer says why in the catalogue's words, as any failure does.
      report.probes = (await probing).map(({ error, ...p }) =>
        error === undefined ? p : { ...p, message: reasonOf(error) }
      )
      const failures = report.probes.filter(probeFailed)
      if (failures.length) throw errors.probesFailed(failures)
      log.info(
        `Permission probes passed: ${report.probes.map(p => `${p.method} ${p.path}`).join(', ')}`
      )
    }
    if (report.permissions) {
      const missing = deps.permissions!.judge(report.permissions)
      if (missing) throw missing
    }
    if (cancelled()) throw errors.cancelled()
    deps.publish(token)
    if (!s.outputToken) await revokeChecked(accessToken, report, deps, s)
    else if (!s.revoke) {
      deps.hold?.(undefined)
      // Handed out with revoke: false: the post step must leave it alive, as asked. A step
      // killed just before this line leaves it to be revoked, which is the safer mistake.
      if (revokes) deps.remember({ token: '', keep: 'true' })
    }
    return token
  } catch (err) {
    if (revokes) {
      report.revokedAfterFailure = await revokeHeld(accessToken, s, deps, {
        what: 'The rejected token',
        rejected: true,
        revoked: 'The rejected token was revoked.'
      })
    }
    throw worded(err)
  }
}
