import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isLoopbackHost, parseBaseUrl, resolveEndpoints } from '../src/endpoints.js'
import { ActionError } from '../src/errors.js'

const rejects = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (err: unknown) => err instanceof ActionError && message.test(err.message))

describe('resolveEndpoints', () => {
  it('derives both hosts from the region, default us-east-1', () => {
    assert.deepEqual(resolveEndpoints('', '', ''), {
      region: 'us-east-1',
      domain: 'mypurecloud.com',
      loginUrl: 'https://login.mypurecloud.com',
      tokenUrl: 'https://login.mypurecloud.com/oauth/token',
      apiUrl: 'https://api.mypurecloud.com'
    })
    assert.equal(resolveEndpoints('mypurecloud.de', '', '').apiUrl, 'https://api.mypurecloud.de')
  })

  it('a custom login URL belongs to no region; its api. twin is the default API', () => {
    const e = resolveEndpoints('eu-west-1', 'https://login.example.com/', '')
    assert.equal(e.region, '')
    assert.equal(e.domain, '')
    assert.equal(e.loginUrl, 'https://login.example.com')
    assert.equal(e.tokenUrl, 'https://login.example.com/oauth/token')
    assert.equal(e.apiUrl, 'https://api.example.com')
  })

  it('a login URL whose path ends in /token is the token endpoint itself', () => {
    const e = resolveEndpoints(
      '',
      'https://idp.example.com/oauth2/default/v1/token',
      'https://api.example.com/base/'
    )
    assert.equal(e.tokenUrl, 'https://idp.example.com/oauth2/default/v1/token')
    assert.equal(e.apiUrl, 'https://api.example.com/base')
  })

  it('an API override alone keeps the region', () => {
    const e = resolveEndpoints('eu-west-1', '', 'https://api.mypurecloud.ie')
    assert.equal(e.region, 'eu-west-1')
    assert.equal(e.tokenUrl, 'https://login.mypurecloud.ie/oauth/token')
  })

  it('a login host without login. uses its own origin for the API', () => {
    assert.equal(
      resolveEndpoints('', 'http://127.0.0.1:8080/x', '').apiUrl,
      'http://127.0.0.1:8080'
    )
  })

  it('rejects an unknown region, listing the valid keys', () => {
    rejects(
      () => resolveEndpoints('moon-1', '', ''),
      /Input "region" is "moon-1".*us-east-1, .*ap-northeast-3/
    )
  })
})

describe('parseBaseUrl', () => {
  it('accepts https anywhere and http only on loopback', () => {
    assert.equal(
      parseBaseUrl('login-url', 'https://login.example.com/'),
      'https://login.example.com'
    )
    for (const url of [
      'http://127.0.0.1:1234',
      'http://127.1.2.3',
      'http://localhost:80',
      'http://[::1]:9'
    ])
      assert.equal(parseBaseUrl('login-url', url), url.replace(/:80$/, ''))
    rejects(
      () => parseBaseUrl('login-url', 'http://login.example.com'),
      /Input "login-url".*only https:\/\//
    )
    rejects(() => parseBaseUrl('api-url', 'http://10.0.0.1'), /Input "api-url"/)
    rejects(() => parseBaseUrl('api-url', 'ftp://example.com'), /only https/)
  })

  it('rejects credentials without echoing them', () => {
    assert.throws(
      () => parseBaseUrl('login-url', 'https://me:hunter2-password@login.example.com'),
      (err: Error) =>
        /must not carry credentials/.test(err.message) && !err.message.includes('hunter2')
    )
  })

  it('rejects query strings, fragments and non-URLs', () => {
    rejects(
      () => parseBaseUrl('login-url', 'https://login.example.com/?a=1'),
      /no query string or fragment/
    )
    rejects(
      () => parseBaseUrl('login-url', 'https://login.example.com/#x'),
      /no query string or fragment/
    )
    rejects(() => parseBaseUrl('login-url', 'https://login.example.com/?'), /no query string/)
    rejects(() => parseBaseUrl('login-url', 'login.example.com'), /not a URL/)
  })

  it('recognises loopback hosts only', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.0.9', '[::1]', '::1'])
      assert.ok(isLoopbackHost(h), h)
    for (const h of ['localhost.example.com', '127.0.0.1.nip.io', '10.0.0.1', '[::2]', '128.0.0.1'])
      assert.ok(!isLoopbackHost(h), h)
  })
})
