import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError, errors } from '../src/errors.js'

describe('error messages', () => {
  it('token endpoint errors carry the server words and a fix', () => {
    const cases: [number, string, string, RegExp][] = [
      [400, 'invalid_client', 'client not found', /check "region"/],
      [
        400,
        'invalid_client',
        'authentication failed',
        /check "client-secret".*trailing whitespace/
      ],
      [401, 'invalid_client', '', /client secret was rejected/],
      [
        400,
        'unauthorized_client',
        'client is not authorized to use the client_credential grant type',
        /"Client Credentials" grant/
      ],
      [400, 'invalid_scope', 'nope', /check "scopes"/],
      [400, 'invalid_request', 'rate limit exceeded; x', /rate limiting this client/],
      [404, '', '', /No token endpoint at this address/],
      [302, '', '', /redirects are not followed/],
      [503, '', '', /login service is failing/],
      [418, '', '', /Check the client ID, secret and region/]
    ]
    for (const [status, error, description, hint] of cases) {
      const e = errors.tokenEndpoint(status, error, description, 1)
      assert.ok(e instanceof ActionError)
      assert.match(e.message, new RegExp(`^Token request failed: HTTP ${status}`))
      assert.match(e.message, hint)
      if (description) assert.ok(e.message.includes(description.replace(/\.$/, '')))
    }
  })

  it('says how many attempts were made, and keeps one full stop', () => {
    assert.equal(
      errors.tokenEndpoint(503, '', 'Down.', 5).message.includes('Down (after 5 attempts). '),
      true
    )
    assert.match(
      errors.verifyFailed(401, 'Bad token. ', 1).message,
      /HTTP 401: Bad token\. The API rejected/
    )
  })

  it('probe failures list every path', () => {
    const e = errors.probesFailed([
      { method: 'GET', path: '/api/v2/a', status: 403, message: 'missing [x:y:z].' },
      { method: 'HEAD', path: '/api/v2/b', status: 0, message: '' }
    ])
    assert.match(e.message, /^2 permission probes failed/)
    assert.match(e.message, /- GET \/api\/v2\/a: HTTP 403: missing \[x:y:z\]\n/)
    assert.match(e.message, /- HEAD \/api\/v2\/b: no answer\n/)
  })

  it('a long bad value is shortened in the message', () => {
    assert.ok(
      errors.inputInvalid('auth-method', 'x'.repeat(500), 'accepted: basic').message.length < 200
    )
  })
})
