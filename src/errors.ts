// Every message the action can fail or warn with lives here, so wording stays consistent and
// each case is testable. Messages never embed a secret: callers pass only non-secret facts.
import type { RevokeFailed, RevokeResult } from './genesys/api.js'
import { REGIONS } from './genesys/endpoints.js'
import { GenesysFailure, tokenRefusal, verifyRefusal, type UrlProblem } from './genesys/failure.js'
import { networkHint, tokenHint, verifyHint } from './hints.js'
import { RequestFailed, type NetworkFailure } from './net/failure.js'

/** A failure the action explains itself; anything else is a bug and gets a generic message. */
export class ActionError extends Error {
  override name = 'ActionError'
  /** The attempts of the request that failed, when a request was made (the summary shows it). */
  attempts?: number
}

export const fail = (message: string, attempts?: number): ActionError =>
  Object.assign(new ActionError(message), attempts === undefined ? {} : { attempts })

/** What the log and the summary show for a client ID that is not one: it may be a secret. */
export const CLIENT_ID_MASKED = 'masked: not a UUID, as Genesys Cloud client IDs are'
/** A server's text, without the full stop we add ourselves. */
export const clause = (text: string): string => text.trim().replace(/[.\s]+$/, '')
export const quote = (value: string): string =>
  JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)

/** How many items of a list a message or the summary shows before "and K more". */
export const SHOWN_ITEMS = 20

/** The first `max` items, then how many more: a server may list a hundred thousand scopes. */
export function firstOf(items: readonly string[], sep: string, max = SHOWN_ITEMS): string {
  const more = items.length - max
  return more > 0 ? `${items.slice(0, max).join(sep)} and ${more} more` : items.join(sep)
}

export const FORK_HINT =
  'Secrets are not passed to workflows triggered from forks, and Dependabot runs read only Dependabot secrets.'

export const errors = {
  inputRequired: (name: string, variable: string) =>
    fail(
      `Input "${name}" is required and was empty, and ${variable} is not set either. Pass it from a secret, e.g. \`${name}: \${{ secrets.GENESYS_CLOUD_${name === 'client-id' ? 'CLIENT_ID' : 'CLIENT_SECRET'} }}\`, or set ${variable} from one in the job's env. ${FORK_HINT}`
    ),
  inputInvalid: (name: string, value: string, accepted: string) =>
    fail(`Input "${name}" is ${quote(value)}: ${accepted}`),
  inputSecretInvalid: (name: string, accepted: string) => fail(`Input "${name}" ${accepted}`),
  variableSecretInvalid: (variable: string, accepted: string) =>
    fail(`Environment variable ${variable} ${accepted}`),
  /**
   * `nearest`: the keys the value is a likely typo of (genesys/endpoints nearestRegions);
   * `variable`: the environment variable the value came from, when not the input.
   */
  regionUnknown: (value: string, keys: string[], nearest: string[], variable?: string) =>
    fail(
      `${variable ? `Environment variable ${variable}` : 'Input "region"'} is ${quote(value)}, which is not a Genesys Cloud region${nearest.length ? `: did you mean ${nearest.join(' or ')}?` : '.'} Accepted: a region key (${keys.join(', ')}; underscores and any case also work) or its domain (e.g. mypurecloud.ie). For another OAuth server, set "login-url" and "api-url".`
    ),
  envCredentialsElsewhere: (variable: string, loginUrl: string) =>
    fail(
      `Input "client-secret" is empty, and ${variable} is not sent to "login-url" ${loginUrl}, which is not a Genesys Cloud login host. Pass "client-id" and "client-secret" explicitly for another OAuth server.`
    ),
  envCredentialsApiElsewhere: (variable: string, apiUrl: string) =>
    fail(
      `Input "client-secret" is empty, and a token made from ${variable} is not sent to "api-url" ${apiUrl}, which is not the Genesys Cloud API host of the login's region (https://api.<domain>). Pass "client-id" and "client-secret" explicitly for another API host.`
    ),
  url: (name: string, value: string, why: string) =>
    fail(`Input "${name}" is ${quote(value)}: ${why}`),

  network: (what: string, origin: string, failure: NetworkFailure, attempts: number) =>
    fail(
      `${what} to ${origin} failed: ${failure.reason}${attempts ? `, after ${attempts} attempt${attempts === 1 ? '' : 's'}` : ''}. ${networkHint(what, failure.kind)}`,
      attempts || undefined
    ),
  tokenEndpoint: (status: number, error: string, description: string, attempts: number) =>
    fail(
      `Token request failed: HTTP ${status}${error ? ` ${error}` : ''}${description ? `: ${clause(description)}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}. ${tokenHint(tokenRefusal(status, error, description))}`,
      attempts
    ),
  tokenLength: (length: number, bounds: { min: number; max: number }) =>
    fail(
      `Token request failed: the server answered 2xx but its "access_token" is ${length} characters long, ${length < bounds.min ? `shorter than ${bounds.min}` : `longer than ${bounds.max / 1024} KiB`}, which no token is; it was not handed out. Check "login-url": it must point at an OAuth 2 token endpoint.`
    ),
  tokenResponse: (why: string) =>
    fail(
      `Token request failed: the server answered 2xx but ${why}. Check "login-url": it must point at an OAuth 2 token endpoint.`
    ),

  scopesMissing: (missing: string[], granted: string[]) =>
    fail(
      `The token lacks required scope${missing.length === 1 ? '' : 's'}: ${firstOf(missing, ', ')}. Granted: ${granted.length ? firstOf(granted, ' ') : '(none)'}. Grant ${missing.length === 1 ? 'it' : 'them'} to the OAuth client, or change "required-scopes".`
    ),
  /** `verified`: tokens/me was asked and told no scopes; `requested`: they came from "scopes". */
  scopesUnknown: (required: string[], verified: boolean, requested: boolean) =>
    fail(
      `Cannot check required scopes (${firstOf(required, ', ')}): the token is opaque and neither the token response nor ${verified ? '/api/v2/tokens/me' : 'the API'} told which scopes it grants.${requested ? ' "required-scopes" defaults to the requested "scopes", so requesting them also requires them.' : ''} Genesys Cloud grants client-credentials clients roles, not scopes: remove "scopes" and "required-scopes", and prove permissions with "check-endpoints"${verified ? '' : '; on a server that reports scopes, set "verify: true" so that /api/v2/tokens/me can report them'}.`
    ),
  tokenExpired: (expiresAt: string) =>
    fail(
      `The token was issued already expired (expires at ${expiresAt}). Check the runner's clock and the OAuth client's token lifetime.`
    ),
  tokenTooShort: (seconds: number, minValidity: number) =>
    fail(
      `The token is valid for ${seconds} s, less than "min-validity" (${minValidity} s). Raise the OAuth client's token lifetime in Genesys Cloud (Admin > OAuth), or lower "min-validity".`
    ),

  verifyFailed: (status: number, message: string, attempts: number) =>
    fail(
      `Token verification (GET /api/v2/tokens/me) failed: HTTP ${status}${message ? `: ${clause(message)}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}. ${verifyHint(verifyRefusal(status))}`
    ),
  verifyResponse: (why: string) =>
    fail(
      `Token verification (GET /api/v2/tokens/me) answered 2xx but ${why}. Check "api-url": it must be the Genesys Cloud API host of the token's region.`
    ),
  organizationMismatch: (expected: string[], actualId: string, actualName: string) =>
    fail(
      `The token belongs to organization "${actualName}" (${actualId}), not to the expected ${expected.length === 1 ? `organization ${expected[0]}` : `organizations (${expected.join(', ')})`}. These credentials are for another org: check which secret this job reads, or "expected-organization-id".`
    ),

  probeInvalid: (line: string, why: string) =>
    fail(
      `Input "check-endpoints" has ${quote(line)}: ${why}. Example: /api/v2/routing/queues?pageSize=1`
    ),
  /** `url`: the line is a URL (or //host) rather than a path that lacks its /api/ start. */
  probeNotApiPath: (line: string, url: boolean) =>
    errors.probeInvalid(
      line,
      url
        ? 'a probe is a path on the API host, not a URL: drop the scheme and host, and start it with /api/'
        : 'it must start with /api/ (a path on the API host, such as /api/v2/routing/queues)'
    ),
  probesTooMany: (max: number) =>
    fail(
      `Input "check-endpoints" lists more than ${max} distinct probes. Accepted: at most ${max} (a probe listed twice counts once); probe one read call per permission the deployment needs.`
    ),
  probesFailed: (failures: { method: string; path: string; status: number; message: string }[]) =>
    fail(
      `${failures.length} permission probe${failures.length === 1 ? '' : 's'} failed; the token cannot do what the deployment needs:\n${failures
        .map(
          f =>
            `- ${f.method} ${f.path}: ${f.status ? `HTTP ${f.status}` : 'no answer'}${f.message ? `: ${clause(f.message)}` : ''}`
        )
        .join(
          '\n'
        )}\nGrant the missing permissions to the OAuth client's roles (Admin > Roles / Permissions), or fix the paths.`
    ),

  permissionInvalid: (value: string) =>
    fail(
      `Input "required-permissions" has ${quote(value)}: accepted: permissions as domain:entity:action (routing:queue:add; * for a whole part), space-, comma- or newline-separated.`
    ),
  permissionsNeedVerify: (inputs: string) =>
    fail(
      `Input "verify" is false, but ${inputs} needs it: the permission check reads the OAuth client's roles from GET /api/v2/tokens/me. Remove "verify: false" (or the check).`
    ),
  /** `variable`: GITHUB_OUTPUT, GITHUB_ENV or GITHUB_STATE; `reason`: never the error's own text. */
  runnerFile: (variable: string, reason: string) =>
    fail(
      `Could not write the runner's file ${variable} (${RUNNER_FILES[variable] ?? 'a file command'}): ${reason}. The runner creates it for every step: a step before this one may have removed or replaced it, or the runner's disk is full.`
    ),

  cancelled: (signal = 'a signal', handedOut = false) =>
    fail(
      handedOut
        ? `The step was cancelled (${signal}) after the token was handed out.`
        : `The step was cancelled (${signal}) before a token was handed out. A token issued by then was revoked unless the log says otherwise.`
    ),

  unexpected: (what: string) =>
    fail(
      `Unexpected failure (${what}). Please report it; the message was withheld in case it held a secret.`
    )
}

/** Warnings: the step goes on (or has already succeeded), but the user should know. */
export const warnings = {
  whitespace: (name: string) =>
    `Input "${name}" had leading or trailing whitespace (a common copy-paste fault); it was trimmed. Fix the stored value to silence this warning.`,
  variableWhitespace: (variable: string) =>
    `Environment variable ${variable} had leading or trailing whitespace (a common copy-paste fault); it was trimmed. Fix the stored value to silence this warning.`,
  revokeFailed: (reason: string, rejected: boolean) =>
    rejected
      ? `Could not revoke the rejected token (${reason}); it expires on its own.`
      : `Could not revoke the token (${reason}); it stays valid until it expires.`,
  /** A revocation answered 401: `what` is "The rejected token", "The token", ... */
  revokeUnknown: (what: string, apiUrl: string) =>
    `${what} is not known to be revoked: ${apiUrl} answered the revocation with HTTP 401, so that host does not know the token: it may belong to another region's API or have been revoked already. If "api-url" is not the API host of the login host's region, the token stays valid there until it expires.`,
  summaryFailed: () => 'Could not write the job summary.',
  regionIgnored: (region: string) =>
    `Input "region" (${quote(region)}) is not used: "login-url" sets the hosts, and the region comes from the login host when it is a Genesys Cloud one. Remove one of the two.`,
  /** `id` and `secret`: where each came from ('input "client-id"' or the variable's name). */
  credentialsSwapped: (id: string, secret: string) =>
    `The client ID (${id}) does not look like a Genesys Cloud client ID, a UUID, and the client secret (${secret}) does: they may be swapped. Neither is printed; the client ID is masked like the secret.`,
  /** The job's env already holds a token (an earlier step, a workflow-level env:) that later steps would use. */
  inheritedToken: (variable: string) =>
    `${variable} is already set in this job's environment (by an earlier step or an env: block): Terraform and the gc CLI in later steps use that token, not this one. Set "export-env: true" to replace it, or pass this step's access-token output to them.`,
  notRevoked: (expiresAt: string) =>
    `The token was not revoked: "revoke" is false and the login host is not Genesys Cloud. It was not handed out ("output-token: false"), and stays valid until ${expiresAt}.`,
  unusedTokenKept: (what: string) =>
    `${what} was not handed out and not revoked: "revoke" is false and the login host is not Genesys Cloud's; it stays valid until it expires.`,
  stateUrlRefused: (why: string) =>
    `Did not revoke the token: the API URL the main step saved was refused (${why}); nothing was sent, and the token stays valid until it expires.`
}

/** What each runner file is for, to name it in an error. */
const RUNNER_FILES: Record<string, string> = {
  GITHUB_OUTPUT: 'step outputs',
  GITHUB_ENV: 'environment for later steps',
  GITHUB_STATE: 'state for the post step'
}

/** Why a URL input is refused, per problem genesys/endpoints finds. */
const URL_PROBLEMS: Record<UrlProblem, string> = {
  'not-url': 'not a URL. Accepted: an absolute https:// URL, e.g. https://login.mypurecloud.ie',
  credentials: 'URLs must not carry credentials; pass them as "client-id" and "client-secret"',
  query: 'a base URL takes no query string or fragment',
  http: 'only https:// is accepted (http:// only for loopback hosts such as 127.0.0.1)',
  scheme: 'only https:// URLs are accepted'
}

/**
 * The catalogue's error for a failure a lower layer raised as facts (net/'s RequestFailed,
 * genesys/'s GenesysFailure); anything else is handed back as it is.
 */
export function worded(err: unknown): unknown {
  if (err instanceof RequestFailed)
    return errors.network(err.what, err.origin, err.failure, err.attempts)
  if (!(err instanceof GenesysFailure)) return err
  const f = err.fact
  switch (f.kind) {
    case 'region-unknown':
      return errors.regionUnknown(f.value, Object.keys(REGIONS), f.nearest)
    case 'url':
      return errors.url(
        f.host === 'login' ? 'login-url' : 'api-url',
        f.shown,
        URL_PROBLEMS[f.problem]
      )
    case 'token-refused':
      return errors.tokenEndpoint(f.status, f.error, f.description, f.attempts)
    case 'token-response':
      return errors.tokenResponse(f.why)
    case 'token-length':
      return errors.tokenLength(f.length, f.bounds)
    case 'token-expired':
      return errors.tokenExpired(f.expiresAt)
    case 'token-too-short':
      return errors.tokenTooShort(f.seconds, f.minValidity)
    case 'verify-refused':
      return errors.verifyFailed(f.status, f.message, f.attempts)
    case 'verify-response':
      return errors.verifyResponse(f.why)
    case 'organization-mismatch':
      return errors.organizationMismatch(f.expected, f.actualId, f.actualName)
  }
}

/** The message a failure shows as a reason within another (a probe, a revocation). */
export function reasonOf(err: unknown): string {
  const known = worded(err)
  return known instanceof ActionError ? known.message : 'unexpected failure'
}

/** Why a revocation did not happen: the API's refusal, or the failure that kept it from answering. */
export const revokeReason = (r: RevokeFailed): string =>
  'status' in r ? `HTTP ${r.status}${r.message ? `: ${r.message}` : ''}` : reasonOf(r.error)

/** How a revocation is told: what the token is called, where it went, and the line for success. */
export interface RevocationSaid {
  what: string
  apiUrl: string
  /** The token was rejected by a check (it "expires on its own") rather than handed out. */
  rejected: boolean
  /** The line for a revocation that happened; nothing is said when absent. */
  revoked?: string
  /** Said instead of the failure's own reason (a short token's revocation is "not confirmed"). */
  reason?: string
}

/**
 * What the log says of a revocation, as [level, line]; undefined when there is nothing to say.
 * Only a 2xx is called a revocation: a 401 is told as what it is (see warnings.revokeUnknown).
 */
export function revocationLine(
  result: RevokeResult,
  said: RevocationSaid
): ['info' | 'warning', string] | undefined {
  if (result.outcome === 'revoked') return said.revoked ? ['info', said.revoked] : undefined
  if (result.outcome === 'unknown')
    return ['warning', warnings.revokeUnknown(said.what, said.apiUrl)]
  return ['warning', warnings.revokeFailed(said.reason ?? revokeReason(result), said.rejected)]
}
