// Every message the action can fail or warn with lives here, so wording stays consistent and
// each case is testable. Messages never embed a secret: callers pass only non-secret facts.
import type { FailureKind, NetworkFailure } from './net/failure.js'

/** A failure the action explains itself; anything else is a bug and gets a generic message. */
export class ActionError extends Error {
  override name = 'ActionError'
}

const fail = (message: string): ActionError => new ActionError(message)
/** A server's text, without the full stop we add ourselves. */
const clause = (text: string): string => text.trim().replace(/[.\s]+$/, '')
const quote = (value: string): string =>
  JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)

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
  regionUnknown: (value: string, keys: string[], variable?: string) =>
    fail(
      `${variable ? `Environment variable ${variable}` : 'Input "region"'} is ${quote(value)}, which is not a Genesys Cloud region. Accepted: a region key (${keys.join(', ')}; underscores and any case also work) or its domain (e.g. mypurecloud.ie). For another OAuth server, set "login-url" and "api-url".`
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
      `The token lacks required scope${missing.length === 1 ? '' : 's'}: ${missing.join(', ')}. Granted: ${granted.length ? granted.join(' ') : '(none)'}. Grant ${missing.length === 1 ? 'it' : 'them'} to the OAuth client, or change "required-scopes".`
    ),
  scopesUnknown: (required: string[]) =>
    fail(
      `Cannot check required scopes (${required.join(', ')}): the token is opaque and neither the token response nor the API told which scopes it grants. Genesys Cloud client-credentials clients are granted roles, not scopes: leave "required-scopes" empty (and "scopes" too), or keep "verify: true" so that /api/v2/tokens/me reports them.`
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
  unusedTokenKept: (what: string) =>
    `${what} was not handed out and not revoked: "revoke" is false and the login host is not Genesys Cloud's; it stays valid until it expires.`,
  stateUrlRefused: (why: string) =>
    `Did not revoke the token: the API URL the main step saved was refused (${why}); nothing was sent, and the token stays valid until it expires.`
}

function tokenHint(status: number, error: string, description: string): string {
  const text = `${error} ${description}`.toLowerCase()
  if (text.includes('client not found'))
    return 'The client ID is unknown at this login host: check "region" (each Genesys Cloud region has its own login host) and "client-id".'
  if (text.includes('authentication failed') || (error === 'invalid_client' && status !== 404))
    return 'The client secret was rejected: check "client-secret" (copy it again; look for trailing whitespace) and that the client was not deleted or its secret rotated.'
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
  return 'Check the client ID, secret and region.'
}

function networkHint(what: string, kind: FailureKind): string {
  switch (kind) {
    case 'tls':
      return 'The TLS certificate was not trusted: a proxy that intercepts TLS needs its CA in NODE_EXTRA_CA_CERTS.'
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
