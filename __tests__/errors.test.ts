import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError, errors, firstOf, FORK_HINT, SHOWN_ITEMS, warnings } from '../src/errors.js'
import { NetworkFailure } from '../src/net/failure.js'

const HINTS = {
  region:
    'The client ID is unknown at this login host: check "region" (each Genesys Cloud region has its own login host) and "client-id".',
  secret:
    'The client secret was rejected: check "client-secret" (copy it again; look for trailing whitespace) and that the client was not deleted or its secret rotated.',
  grant: 'The OAuth client must use the "Client Credentials" grant (Admin > Integrations > OAuth).',
  scope: 'A requested scope is not allowed for this client: check "scopes".',
  rateLimit:
    'The token endpoint is rate limiting this client; retries were used up. Fewer parallel jobs, or a higher "max-attempts", help.',
  noEndpoint:
    'No token endpoint at this address: check "login-url" (the token endpoint is <login-url>/oauth/token).',
  redirect:
    'The login host redirected; redirects are not followed for the token request. Check "login-url".',
  serverDown: 'The login service is failing; retries were used up. Try again later.',
  generic: 'Check the client ID, secret and region.',
  ip: "Also check the organization's Allowed IP Addresses and any IP restriction of the OAuth client: a GitHub-hosted runner's address changes from job to job (see the README, Good to know)."
}

describe('errors.tokenEndpoint: the hint for each answer of the token endpoint', () => {
  const cases: [status: number, error: string, description: string, hint: string][] = [
    // Observed Genesys answers (400), and the 401 other clients report.
    [400, 'invalid_client', 'client not found', HINTS.region],
    [401, 'invalid_client', 'client not found', HINTS.region],
    [400, 'invalid_client', 'Client Not Found', HINTS.region],
    [400, 'invalid_client', 'authentication failed', HINTS.secret],
    [401, 'invalid_client', 'authentication failed', HINTS.secret],
    [400, 'invalid_client', '', HINTS.secret],
    // A refusal that is not a known invalid_client answer may be a refused address (its text is
    // not public): the allowed IP addresses are among the causes named.
    [401, 'invalid_client', '', `${HINTS.secret} ${HINTS.ip}`],
    [403, 'invalid_client', 'forbidden', `${HINTS.secret} ${HINTS.ip}`],
    [401, '', 'Authentication failed', HINTS.secret],
    [
      400,
      'unauthorized_client',
      'client is not authorized to use the client_credential grant type',
      HINTS.grant
    ],
    [400, 'unauthorized_client', '', HINTS.grant],
    [400, 'invalid_grant', 'unsupported grant type', HINTS.grant],
    [400, 'invalid_scope', 'nope', HINTS.scope],
    [400, 'invalid_request', 'rate limit exceeded; retry later', HINTS.rateLimit],
    [400, 'invalid_request', 'Rate limit exceeded', HINTS.rateLimit],
    [404, '', '', HINTS.noEndpoint],
    [404, 'invalid_client', '', HINTS.noEndpoint],
    [405, '', '', HINTS.noEndpoint],
    [301, '', '', HINTS.redirect],
    [302, '', '', HINTS.redirect],
    [307, '', '', HINTS.redirect],
    [500, '', '', HINTS.serverDown],
    [502, '', '', HINTS.serverDown],
    [503, '', 'Service Unavailable', HINTS.serverDown],
    [504, '', '', HINTS.serverDown],
    [400, 'invalid_request', 'missing grant_type', HINTS.generic],
    [400, '', '', HINTS.generic],
    [403, '', '', `${HINTS.generic} ${HINTS.ip}`],
    [401, '', '', `${HINTS.generic} ${HINTS.ip}`],
    [403, 'access_denied', 'denied', `${HINTS.generic} ${HINTS.ip}`],
    [418, '', '', HINTS.generic]
  ]
  for (const [status, error, description, hint] of cases)
    it(`HTTP ${status} ${error || '(no error)'} ${description || '(no description)'}`, () => {
      const message = errors.tokenEndpoint(status, error, description, 1).message
      assert.ok(message.startsWith(`Token request failed: HTTP ${status}`), message)
      assert.ok(message.endsWith(`. ${hint}`), message)
    })

  it('known answers (wrong secret, unknown client) do not blame the IP allow-list', () => {
    for (const description of ['authentication failed', 'client not found'])
      for (const status of [400, 401])
        assert.doesNotMatch(
          errors.tokenEndpoint(status, 'invalid_client', description, 1).message,
          /Allowed IP/
        )
  })

  it('a wrong region ("client not found") is not blamed on the secret', () => {
    const message = errors.tokenEndpoint(400, 'invalid_client', 'client not found', 1).message
    assert.ok(message.includes('check "region"'))
    assert.ok(!message.includes('client-secret'))
  })
})

describe('errors.tokenEndpoint: the message around the hint', () => {
  it('states status, error and description, with one full stop', () => {
    assert.equal(
      errors.tokenEndpoint(400, 'invalid_client', 'client not found.', 1).message,
      `Token request failed: HTTP 400 invalid_client: client not found. ${HINTS.region}`
    )
    assert.equal(
      errors.tokenEndpoint(503, '', ' Down.. \n', 1).message,
      `Token request failed: HTTP 503: Down. ${HINTS.serverDown}`
    )
    assert.equal(
      errors.tokenEndpoint(404, '', '', 1).message,
      `Token request failed: HTTP 404. ${HINTS.noEndpoint}`
    )
  })

  it('counts attempts only when there was more than one', () => {
    assert.ok(
      errors
        .tokenEndpoint(503, '', 'Down', 5)
        .message.includes('HTTP 503: Down (after 5 attempts). ')
    )
    assert.ok(!errors.tokenEndpoint(503, '', 'Down', 1).message.includes('attempt'))
  })

  it('is an ActionError', () => {
    const e = errors.tokenEndpoint(400, 'invalid_client', '', 1)
    assert.ok(e instanceof ActionError)
    assert.ok(e instanceof Error)
    assert.equal(e.name, 'ActionError')
  })
})

describe('other messages', () => {
  it('inputRequired names the input, its variable, the secret to pass, and the fork/Dependabot hint', () => {
    assert.equal(
      errors.inputRequired('client-id', 'GENESYSCLOUD_OAUTHCLIENT_ID').message,
      `Input "client-id" is required and was empty, and GENESYSCLOUD_OAUTHCLIENT_ID is not set either. Pass it from a secret, e.g. \`client-id: \${{ secrets.GENESYS_CLOUD_CLIENT_ID }}\`, or set GENESYSCLOUD_OAUTHCLIENT_ID from one in the job's env. ${FORK_HINT}`
    )
    assert.ok(
      errors
        .inputRequired('client-secret', 'GENESYSCLOUD_OAUTHCLIENT_SECRET')
        .message.includes('secrets.GENESYS_CLOUD_CLIENT_SECRET')
    )
    assert.match(FORK_HINT, /forks.*Dependabot/)
  })

  it('a long bad value is shortened to 80 characters in the message', () => {
    const message = errors.inputInvalid('auth-method', 'x'.repeat(500), 'accepted: basic').message
    assert.equal(message, `Input "auth-method" is "${'x'.repeat(80)}…": accepted: basic`)
  })

  it('verification hints depend on the status', () => {
    assert.match(
      errors.verifyFailed(401, 'Bad token. ', 1).message,
      /^Token verification \(GET \/api\/v2\/tokens\/me\) failed: HTTP 401: Bad token\. The API rejected the new token/
    )
    assert.match(errors.verifyFailed(403, '', 1).message, /HTTP 403\. The API refused this token/)
    assert.match(errors.verifyFailed(404, '', 1).message, /HTTP 404\. No such API at "api-url"/)
    assert.match(
      errors.verifyFailed(500, '', 3).message,
      /HTTP 500 \(after 3 attempts\)\. The Genesys Cloud API is failing/
    )
  })

  it('network hints depend on the kind of failure', () => {
    const network = (what: string, failure: NetworkFailure, attempts = 1) =>
      errors.network(what, 'https://x', failure, attempts).message
    assert.match(
      network('Token request', new NetworkFailure('SELF_SIGNED_CERT_IN_CHAIN', false, 'tls')),
      /^Token request to https:\/\/x failed: SELF_SIGNED_CERT_IN_CHAIN, after 1 attempt\. .*NODE_EXTRA_CA_CERTS/
    )
    assert.match(
      network(
        'Token request',
        new NetworkFailure('the host name x could not be resolved (ENOTFOUND)', false, 'dns'),
        2
      ),
      /^Token request to https:\/\/x failed: the host name x could not be resolved \(ENOTFOUND\), after 2 attempts\. Check "region" or the URL inputs for a typo, and the runner's DNS\.$/
    )
    assert.match(
      network(
        'T',
        new NetworkFailure('the proxy http://p:1 wants credentials (HTTP 407)', false, 'proxy-auth')
      ),
      /\. Give the proxy its credentials in the proxy URL/
    )
    assert.match(
      network(
        'T',
        new NetworkFailure('could not reach the proxy http://p:1 (ECONNREFUSED)', true, 'proxy')
      ),
      /\. Check the proxy settings \(https_proxy, no_proxy\) and that the proxy allows CONNECT/
    )
    for (const kind of ['network', 'timeout'] as const)
      assert.match(
        network('T', new NetworkFailure('ECONNRESET', true, kind)),
        /after 1 attempt\. Check the region or URL inputs, the runner's network and any proxy settings/
      )
    assert.match(
      network('T', new NetworkFailure('ECONNRESET', true)),
      /after 1 attempt\. Check the region or URL inputs/,
      "'network' is the default kind"
    )
  })

  it('the hint for an oversized body names what answered, by the request', () => {
    const body = new NetworkFailure('response body over 1024 KiB', false, 'body')
    assert.match(
      errors.network('Token request', 'https://x', body, 1).message,
      /failed: response body over 1024 KiB, after 1 attempt\. The server sent far more than a token endpoint answers; check the URL inputs\.$/
    )
    for (const what of ['Token verification', 'Token revocation', 'Probe GET /api/v2/x'])
      assert.match(
        errors.network(what, 'https://x', body, 1).message,
        /The server sent far more than a Platform API answers; check the URL inputs\.$/,
        what
      )
  })

  it('the post step and the job summary have warnings of their own', () => {
    assert.equal(
      warnings.revokeFailed('HTTP 500', false),
      'Could not revoke the token (HTTP 500); it stays valid until it expires.'
    )
    assert.equal(
      warnings.revokeFailed('HTTP 500', true),
      'Could not revoke the rejected token (HTTP 500); it expires on its own.'
    )
    assert.equal(warnings.summaryFailed(), 'Could not write the job summary.')
  })

  it('an unexpected failure names only its kind, and withholds the message', () => {
    assert.equal(
      errors.unexpected('TypeError').message,
      'Unexpected failure (TypeError). Please report it; the message was withheld in case it held a secret.'
    )
  })
})

describe('scope lists in messages: the first SHOWN_ITEMS, then a count', () => {
  const many = Array.from({ length: 150_000 }, (_, i) => `scope-${i}`)

  it('firstOf shows a short list whole and a long one cut, saying how many more', () => {
    assert.equal(firstOf(['a', 'b'], ', '), 'a, b')
    assert.equal(firstOf([], ' '), '')
    assert.equal(firstOf(['a', 'b', 'c'], ' ', 2), 'a b and 1 more')
    assert.equal(firstOf(many.slice(0, SHOWN_ITEMS), ' ').split(' ').length, SHOWN_ITEMS)
  })

  it('scopesMissing and scopesUnknown stay short, however many scopes a server lists', () => {
    const missing = errors.scopesMissing(many.slice(0, 500), many).message
    assert.match(missing, /: scope-0, scope-1, .*scope-19 and 480 more\. Granted: scope-0 scope-1 /)
    assert.match(missing, / scope-19 and 149980 more\. Grant them/)
    assert.ok(missing.length < 2000, `${missing.length} characters`)
    const unknown = errors.scopesUnknown(many, true, false).message
    assert.match(unknown, /\(scope-0, .*scope-19 and 149980 more\)/)
    assert.ok(unknown.length < 2000)
  })
})

describe('errors.scopesUnknown: advice that fits what was already tried', () => {
  it('"scopes" alone with verify on: required-scopes defaults to them; remove both', () => {
    const message = errors.scopesUnknown(['foo'], true, true).message
    assert.match(message, /"required-scopes" defaults to the requested "scopes"/)
    assert.match(
      message,
      /grants client-credentials clients roles, not scopes: remove "scopes" and "required-scopes"/
    )
    assert.doesNotMatch(message, /verify/, 'verify is already true')
  })

  it('verify off: setting it is part of the advice; explicit required-scopes get no default note', () => {
    const message = errors.scopesUnknown(['foo'], false, false).message
    assert.match(message, /set "verify: true"/)
    assert.doesNotMatch(message, /defaults to/)
  })
})

describe('errors.runnerFile', () => {
  it('names the variable, what the file is for and the reason', () => {
    assert.match(
      errors.runnerFile('GITHUB_ENV', 'it is a directory').message,
      /^Could not write the runner's file GITHUB_ENV \(environment for later steps\): it is a directory\. /
    )
  })
})
