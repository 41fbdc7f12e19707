import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { classifyFailure, NetworkFailure } from '../../src/net/failure.js'

/** A Node system error as node:net and node:dns raise them. */
const sysError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${code} with request options: Authorization: Basic c2VjcmV0`), {
    code,
    ...extra
  })
const facts = (f: NetworkFailure) => ({ reason: f.reason, transient: f.transient, kind: f.kind })

describe('classifyFailure', () => {
  it("ENOTFOUND is final, names the host (the error's own, else the fallback)", () => {
    assert.deepEqual(facts(classifyFailure(sysError('ENOTFOUND', { hostname: 'a.invalid' }))), {
      reason: 'the host name a.invalid could not be resolved (ENOTFOUND)',
      transient: false,
      kind: 'dns'
    })
    assert.equal(
      classifyFailure(sysError('ENOTFOUND'), 'login.example.com').reason,
      'the host name login.example.com could not be resolved (ENOTFOUND)'
    )
    assert.equal(
      classifyFailure(sysError('ENOTFOUND')).reason,
      'the host name (unknown) could not be resolved (ENOTFOUND)'
    )
  })

  it('EAI_AGAIN (a temporary DNS failure) is transient', () => {
    assert.deepEqual(facts(classifyFailure(sysError('EAI_AGAIN'), 'h.example')), {
      reason: 'temporary DNS failure for h.example (EAI_AGAIN)',
      transient: true,
      kind: 'dns'
    })
  })

  it('TLS failures are final, told apart: untrusted CA, other names, anything else', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'SELF_SIGNED_CERT_IN_CHAIN',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'CERT_UNTRUSTED'
    ])
      assert.deepEqual(facts(classifyFailure(sysError(code), 'h.example')), {
        reason: `the TLS certificate of h.example is not trusted (${code})`,
        transient: false,
        kind: 'tls-untrusted'
      })
    assert.deepEqual(
      facts(classifyFailure(sysError('ERR_TLS_CERT_ALTNAME_INVALID'), 'h.example')),
      {
        reason:
          'the TLS certificate of h.example is for other host names (ERR_TLS_CERT_ALTNAME_INVALID)',
        transient: false,
        kind: 'tls-name'
      }
    )
    for (const code of ['CERT_HAS_EXPIRED', 'ERR_SSL_WRONG_VERSION_NUMBER'])
      assert.deepEqual(facts(classifyFailure(sysError(code), 'h.example')), {
        reason: `TLS with h.example failed (${code})`,
        transient: false,
        kind: 'tls'
      })
  })

  it('invalid-request codes are final; other codes are transient', () => {
    assert.deepEqual(facts(classifyFailure(sysError('ERR_INVALID_URL'))), {
      reason: 'ERR_INVALID_URL',
      transient: false,
      kind: 'network'
    })
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'])
      assert.deepEqual(facts(classifyFailure(sysError(code))), {
        reason: code,
        transient: true,
        kind: 'network'
      })
  })

  it("http-client's socket timeout is a transient timeout", () => {
    assert.deepEqual(facts(classifyFailure(new Error('Request timeout: /oauth/token'))), {
      reason: 'no answer in time',
      transient: true,
      kind: 'timeout'
    })
  })

  it('never quotes the error message: only codes and host names', () => {
    for (const err of [sysError('ECONNRESET'), new Error('Basic c2VjcmV0'), 'c2VjcmV0', null])
      assert.ok(!classifyFailure(err).reason.includes('c2VjcmV0'))
    assert.deepEqual(facts(classifyFailure(new Error('Basic c2VjcmV0'))), {
      reason: 'connection failed',
      transient: true,
      kind: 'network'
    })
    assert.equal(classifyFailure(undefined).reason, 'connection failed')
    assert.equal(classifyFailure({ code: 42 }).reason, 'connection failed')
  })

  it('passes a NetworkFailure through as it is', () => {
    const f = new NetworkFailure('no answer within 1 s', true, 'timeout')
    assert.equal(classifyFailure(f), f)
    assert.equal(f.name, 'NetworkFailure')
    assert.equal(f.message, 'no answer within 1 s')
    assert.equal(new NetworkFailure('x', true).kind, 'network')
  })
})
