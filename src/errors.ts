// Every message the action can fail or warn with lives here, so wording stays consistent and
// each case is testable. Messages never embed a secret: callers pass only non-secret facts.
import type { FailureKind, NetworkFailure } from './net/failure.js'

/** A failure the action explains itself; anything else is a bug and gets a generic message. */
export class ActionError extends Error {
  override name = 'ActionError'
}

export const fail = (message: string): ActionError => new ActionError(message)
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
  /** `variable`: the environment variable the value came from, when not the input. */
  /** `nearest`: the keys the value is a likely typo of (genesys/endpoints nearestRegions). */
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
      `${what} to ${origin} failed: ${failure.reason}, after ${attempts} attempt${attempts === 1 ? '' : 's'}. ${networkHint(what, failure.kind)}`
    ),
  tokenEndpoint: (status: number, error: string, description: string, attempts: number) =>
    fail(
      `Token request failed: HTTP ${status}${error ? ` ${error}` : ''}${description ? `: ${clause(description)}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}. ${tokenHint(status, error, description)}`
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
      `Token verification (GET /api/v2/tokens/me) failed: HTTP ${status}${message ? `: ${clause(message)}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}. ${verifyHint(status)}`
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
  summaryFailed: () => 'Could not write the job summary.',
  regionIgnored: (region: string) =>
    `Input "region" (${quote(region)}) is not used: "login-url" sets the hosts, and the region comes from the login host when it is a Genesys Cloud one. Remove one of the two.`,
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

function tokenHint(status: number, error: string, description: string): string {
  const text = `${error} ${description}`.toLowerCase()
  if (text.includes('client not found'))
    return 'The client ID is unknown at this login host: check "region" (each Genesys Cloud region has its own login host) and "client-id".'
  const secretHint =
    'The client secret was rejected: check "client-secret" (copy it again; look for trailing whitespace) and that the client was not deleted or its secret rotated.'
  if (text.includes('authentication failed')) return secretHint
  if (error === 'invalid_client' && status !== 404)
    return status === 401 || status === 403 ? `${secretHint} ${IP_HINT}` : secretHint
  if (error === 'unauthorized_client' || text.includes('grant type'))
    return 'The OAuth client must use the "Client Credentials" grant (Admin > Integrations > OAuth).'
  if (error === 'invalid_scope')
    return 'A requested scope is not allowed for this client: check "scopes".'
  if (error === 'invalid_request' && text.includes('rate limit'))
    return 'The token endpoint is rate limiting this client; retries were used up. Fewer parallel jobs, or a higher "max-attempts", help.'
  if (status === 429 || status === 408)
    return 'The login host kept refusing for load (rate limit or timeout); retries were used up. Fewer parallel jobs, or a higher "max-attempts", help.'
  if (status === 404 || status === 405)
    return 'No token endpoint at this address: check "login-url" (the token endpoint is <login-url>/oauth/token).'
  if (status >= 300 && status < 400)
    return 'The login host redirected; redirects are not followed for the token request. Check "login-url".'
  if (status >= 500) return 'The login service is failing; retries were used up. Try again later.'
  if (status === 401 || status === 403) return `Check the client ID, secret and region. ${IP_HINT}`
  return 'Check the client ID, secret and region.'
}

/** The answer to a refused address is not public: a refusal we cannot classify may be one. */
const IP_HINT =
  "Also check the organization's Allowed IP Addresses and any IP restriction of the OAuth client: a GitHub-hosted runner's address changes from job to job (see the README, Good to know)."

function networkHint(what: string, kind: FailureKind): string {
  switch (kind) {
    case 'tls':
      return "Check the runner's clock (a certificate expired or not yet valid), and whether a proxy intercepts TLS (its CA then goes in NODE_EXTRA_CA_CERTS)."
    case 'tls-untrusted':
      return "Node does not trust the CA that issued it (a private CA, or a proxy that intercepts TLS): give Node that CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem in the job's env, or on Node 24 set NODE_OPTIONS=--use-system-ca to trust the runner's system store (where a corporate CA is usually installed). Not retried."
    case 'tls-name':
      return 'The host, or a proxy that intercepts TLS, presented a certificate for other names: check "region" and the URL inputs, the host name in https_proxy, and whether a proxy intercepts TLS for the Genesys hosts. Not retried.'
    case 'proxy-auth-scheme':
      return "This action authenticates to proxies with Basic only (user:password in https_proxy). Use a local relay that speaks the proxy's scheme (cntlm or px, then https_proxy=http://127.0.0.1:3128), or, if the runner may reach the Genesys hosts directly, list them in no_proxy (e.g. no_proxy=.mypurecloud.com)."
    case 'proxy-setting':
      return 'Set https_proxy to an HTTP proxy (http://host:port or https://host:port), or list the Genesys hosts in no_proxy if the runner may reach them directly; SOCKS proxies need a local HTTP relay.'
    case 'body':
      return `The server sent far more than a ${what === 'Token request' ? 'token endpoint' : 'Platform API'} answers; check the URL inputs.`
    case 'dns':
      return 'Check "region" or the URL inputs for a typo, and the runner\'s DNS.'
    case 'proxy-auth':
      return 'Give the proxy its credentials in the proxy URL, e.g. https_proxy=http://user:password@proxy.example:3128 (percent-encode special characters; the password is masked in the log).'
    case 'proxy':
      return 'Check the proxy settings (https_proxy, no_proxy) and that the proxy allows CONNECT to this host on port 443.'
    default:
      return 'Check the region or URL inputs, the runner\'s network and any proxy settings (https_proxy, no_proxy); "timeout" and "max-attempts" tune the patience.'
  }
}

function verifyHint(status: number): string {
  if (status === 401)
    return 'The API rejected the new token: "api-url" may be of another region than "login-url", or the token was revoked.'
  if (status === 403)
    return "The API refused this token: check the OAuth client's roles and divisions."
  if (status === 404)
    return 'No such API at "api-url": check it points at the Genesys Cloud API host (https://api.<domain>).'
  return 'The Genesys Cloud API is failing; retries were used up. Try again later, or set "verify: false" to skip the check.'
}
