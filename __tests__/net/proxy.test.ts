// The one proxy parser: what routes a request and what is masked, read as curl reads it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  bypassed,
  describeRoute,
  parseProxy,
  proxySecrets,
  readProxySettings,
  routeFor,
  type Proxy
} from '../../src/net/proxy.js'

const basic = (text: string) => Buffer.from(text).toString('base64')
const usable = (value: string, variable = 'https_proxy'): Proxy => {
  const { proxy } = parseProxy(variable, value)
  assert.ok(!('reason' in proxy), `${value}: ${'reason' in proxy ? proxy.reason : ''}`)
  return proxy
}
const reasonOf = (value: string): string => {
  const { proxy } = parseProxy('https_proxy', value)
  assert.ok('reason' in proxy, `${value} was accepted`)
  return proxy.reason
}
const route = (url: string, env: NodeJS.ProcessEnv) =>
  routeFor(new URL(url), readProxySettings(env))

describe('parseProxy: one proxy value', () => {
  it('takes a value without a scheme as http:// (curl), host and port kept', () => {
    assert.deepEqual(usable('proxy.corp:3128'), {
      variable: 'https_proxy',
      secure: false,
      hostname: 'proxy.corp',
      port: 3128,
      username: '',
      password: '',
      origin: 'http://proxy.corp:3128'
    })
    assert.equal(usable('localhost:3128').hostname, 'localhost')
    assert.equal(usable('u:p@proxy.corp:3128').username, 'u')
  })

  it('default ports: 80 for http://, 443 for https://, which is TLS to the proxy', () => {
    assert.equal(usable('http://proxy.corp').port, 80)
    const tls = usable('https://proxy.corp')
    assert.equal(tls.port, 443)
    assert.equal(tls.secure, true)
    assert.equal(tls.origin, 'https://proxy.corp')
  })

  it('an IPv6 literal keeps its brackets only in the printed origin', () => {
    const p = usable('http://[::1]:3128')
    assert.equal(p.hostname, '::1')
    assert.equal(p.origin, 'http://[::1]:3128')
  })

  it('decodes credentials; a malformed %-escape is used as typed, the proxy kept', () => {
    assert.deepEqual(
      [usable('http://me:p%40ss%20w@proxy:1').password, usable('http://me:pa%zz@proxy:1').password],
      ['p@ss w', 'pa%zz']
    )
    assert.equal(usable('http://me:pa%zz@proxy:1').hostname, 'proxy')
  })

  it('refuses SOCKS in every form, naming the variable and saying what works', () => {
    for (const scheme of ['socks4', 'socks4a', 'socks5', 'socks5h', 'SOCKS5'])
      assert.match(
        reasonOf(`${scheme}://127.0.0.1:1080`),
        new RegExp(
          `^https_proxy names a SOCKS proxy \\(${scheme.toLowerCase()}://\\), which this action does not support: it speaks to HTTP proxies only`
        )
      )
  })

  it('refuses another scheme, and a value that is no address, naming the variable', () => {
    assert.match(reasonOf('ftp://proxy:21'), /^https_proxy has the scheme ftp:\/\//)
    for (const value of ['http://[bad', 'http://', 'http://:3128'])
      assert.match(reasonOf(value), /^https_proxy could not be read as a proxy address/, value)
  })

  it('never quotes credentials in a reason or an origin', () => {
    assert.doesNotMatch(reasonOf('socks5://me:secret-pw@host:1'), /secret-pw|me:/)
    assert.equal(usable('http://me:secret-pw@host:1').origin, 'http://host:1')
  })
})

describe('proxySecrets: what is masked', () => {
  it('a password as written, decoded, and inside the Basic value; not the user name', () => {
    assert.deepEqual(proxySecrets({ https_proxy: 'http://me:p%40ss%20word@proxy.example:3128' }), [
      'p%40ss%20word',
      'p@ss word',
      basic('me:p@ss word')
    ])
  })

  it('a password with a malformed %-escape, as typed', () => {
    assert.deepEqual(proxySecrets({ https_proxy: 'http://me:pa%zz@proxy.example:3128' }), [
      'pa%zz',
      'pa%zz',
      basic('me:pa%zz')
    ])
  })

  it('a lone user name (an API-key proxy) is the secret: raw, decoded and in Basic', () => {
    assert.deepEqual(proxySecrets({ https_proxy: 'http://AP%49KEY-123@proxy.example:3128' }), [
      'AP%49KEY-123',
      'APIKEY-123',
      basic('APIKEY-123:')
    ])
  })

  it('all four variables, with or without a scheme, SOCKS ones too', () => {
    const found = proxySecrets({
      https_proxy: 'socks5://u:pw0@proxy.example:1',
      HTTPS_PROXY: 'u:pw1@proxy.example:1',
      http_proxy: 'http://u:pw2@proxy.example:2',
      HTTP_PROXY: 'https://u:pw3@proxy.example:3'
    })
    for (const pw of ['pw0', 'pw1', 'pw2', 'pw3']) assert.ok(found.includes(pw), pw)
  })

  it('nothing without credentials, nor from what does not parse', () => {
    assert.deepEqual(
      proxySecrets({ https_proxy: 'http://proxy.example:3128', http_proxy: 'http://[bad' }),
      []
    )
  })
})

describe('readProxySettings and routeFor: which proxy, for which host', () => {
  const api = 'https://api.mypurecloud.ie/api/v2/x'

  it('https_proxy wins over HTTPS_PROXY; an empty one counts as unset', () => {
    const via = (env: NodeJS.ProcessEnv) => {
      const r = route(api, env)
      return 'via' in r ? `${r.via.variable} ${r.via.origin}` : JSON.stringify(r)
    }
    assert.equal(
      via({ https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:2' }),
      'https_proxy http://low:1'
    )
    assert.equal(via({ https_proxy: ' ', HTTPS_PROXY: 'http://up:2' }), 'HTTPS_PROXY http://up:2')
  })

  it('http_proxy routes nothing: every proxied request is https', () => {
    assert.deepEqual(route(api, { http_proxy: 'http://p:1', HTTP_PROXY: 'http://p:2' }), {
      direct: 'no proxy set'
    })
  })

  it('loopback is never proxied, whatever no_proxy says', () => {
    for (const url of ['https://127.0.0.1:8443/', 'https://localhost/', 'https://[::1]:1/'])
      assert.deepEqual(route(url, { https_proxy: 'http://p:1' }), { direct: 'loopback' })
  })

  it('an unusable setting stops the request only when it would be used', () => {
    assert.ok('unusable' in route(api, { https_proxy: 'socks5://p:1' }))
    assert.deepEqual(route(api, { https_proxy: 'socks5://p:1', no_proxy: '.mypurecloud.ie' }), {
      direct: 'no_proxy'
    })
  })

  it('no_proxy wins over NO_PROXY, lower case first as for the proxy', () => {
    const env = { https_proxy: 'http://p:1', no_proxy: 'example.com', NO_PROXY: '*' }
    assert.ok('via' in route(api, env))
    assert.deepEqual(route(api, { ...env, no_proxy: '' }), { direct: 'no_proxy' })
  })

  it('the debug line names the proxy origin, never its credentials', () => {
    const env = { https_proxy: 'http://me:secret-pw@proxy.corp:3128' }
    assert.equal(
      describeRoute('api.mypurecloud.ie', route(api, env)),
      'api.mypurecloud.ie: via proxy http://proxy.corp:3128 (https_proxy)'
    )
    assert.equal(
      describeRoute('127.0.0.1:1', route('https://127.0.0.1:1/', env)),
      '127.0.0.1:1: direct (loopback)'
    )
  })
})

describe('bypassed: no_proxy as curl matches it', () => {
  const list = (text: string) => readProxySettings({ no_proxy: text }).noProxy
  const cases: [string, string, boolean][] = [
    ['*', 'api.mypurecloud.ie', true],
    ['mypurecloud.ie', 'api.mypurecloud.ie', true],
    ['mypurecloud.ie', 'mypurecloud.ie', true],
    ['.mypurecloud.ie', 'api.mypurecloud.ie', true],
    ['.mypurecloud.ie', 'mypurecloud.ie', true],
    ['MyPureCloud.IE.', 'API.mypurecloud.ie.', true],
    ['purecloud.ie', 'api.mypurecloud.ie', false],
    ['api.mypurecloud.ie', 'login.mypurecloud.ie', false],
    // Lists: commas, spaces, both.
    ['example.com,mypurecloud.ie', 'api.mypurecloud.ie', true],
    ['example.com mypurecloud.ie', 'api.mypurecloud.ie', true],
    [' example.com , .mypurecloud.ie ', 'api.mypurecloud.ie', true],
    // Not in curl: a leading "*." wildcard, a port, or "*" inside a list entry.
    ['*.mypurecloud.ie', 'api.mypurecloud.ie', false],
    ['api.mypurecloud.ie:443', 'api.mypurecloud.ie', false],
    ['example.com,*', 'api.mypurecloud.ie', false],
    // Addresses match addresses, exactly or by CIDR range; names never match them.
    ['10.1.2.3', '10.1.2.3', true],
    ['10.0.0.0/8', '10.1.2.3', true],
    ['10.0.0.0/16', '10.1.2.3', false],
    ['10.1.2.3', '10.1.2.4', false],
    ['2001:db8::/32', '[2001:db8::5]', true],
    ['[2001:db8::5]', '2001:db8::5', true],
    ['2001:db8::/32', '2001:db9::5', false],
    ['10.0.0.0/33', '10.1.2.3', false],
    ['1.2.3.4', 'api.mypurecloud.ie', false]
  ]
  for (const [noProxy, host, expected] of cases)
    it(`${JSON.stringify(noProxy)} ${expected ? 'covers' : 'does not cover'} ${host}`, () =>
      assert.equal(bypassed(host, list(noProxy)), expected))
})
