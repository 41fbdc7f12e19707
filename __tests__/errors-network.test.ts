// The hints of the proxy and TLS failure kinds: each says what went wrong and what works.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { errors } from '../src/errors.js'
import { NetworkFailure, type FailureKind } from '../src/net/failure.js'

const hint = (kind: FailureKind) =>
  errors.network('Token request', 'https://x', new NetworkFailure('why', false, kind), 1).message

describe('network hints for proxies and TLS', () => {
  it('untrusted CA: NODE_EXTRA_CA_CERTS, or --use-system-ca on Node 24', () => {
    assert.match(hint('tls-untrusted'), /NODE_EXTRA_CA_CERTS=.*NODE_OPTIONS=--use-system-ca/)
  })

  it('other names: the host or an intercepting proxy presents them', () => {
    assert.match(
      hint('tls-name'),
      /The host, or a proxy that intercepts TLS, presented a certificate for other names/
    )
  })

  it('any other TLS failure: the clock, or an intercepting proxy', () => {
    assert.match(hint('tls'), /runner's clock.*NODE_EXTRA_CA_CERTS/)
  })

  it('NTLM/Negotiate: only Basic works; a local relay or no_proxy does', () => {
    const text = hint('proxy-auth-scheme')
    assert.match(text, /Basic only/)
    assert.match(text, /cntlm or px/)
    assert.match(text, /no_proxy/)
    assert.doesNotMatch(text, /user:password@/)
  })

  it('an unusable setting: an HTTP proxy, no_proxy, or a relay for SOCKS', () => {
    assert.match(
      hint('proxy-setting'),
      /https_proxy to an HTTP proxy.*no_proxy.*SOCKS proxies need a local HTTP relay/
    )
  })
})
