import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isLoopbackHost } from '../../src/net/proxy.js'
import { parseBaseUrl, regionOfLoginHost, resolveEndpoints } from '../../src/genesys/endpoints.js'
import { ActionError } from '../../src/errors.js'
import { inWords } from '../support/worded.js'
import { REGIONS } from '../../src/genesys/endpoints.js'

/**
 * Asserts the ActionError the user sees (the fact genesys/ raises, worded by the catalogue) and
 * that its message matches every pattern; returns the message.
 */
function failure(fn: () => unknown, ...patterns: RegExp[]): string {
  let message = ''
  assert.throws(
    () => inWords(fn),
    (err: unknown) => {
      assert.ok(err instanceof ActionError, `expected an ActionError, got ${String(err)}`)
      message = err.message
      return true
    }
  )
  for (const p of patterns) assert.match(message, p)
  return message
}

describe('resolveEndpoints from a region', () => {
  it('defaults to us-east-1 when no region is given', () => {
    assert.deepEqual(resolveEndpoints('', '', ''), {
      region: 'us-east-1',
      domain: 'mypurecloud.com',
      loginUrl: 'https://login.mypurecloud.com',
      tokenUrl: 'https://login.mypurecloud.com/oauth/token',
      apiUrl: 'https://api.mypurecloud.com'
    })
  })

  for (const [key, domain] of Object.entries(REGIONS))
    it(`${key}: login, token and API URLs of ${domain}`, () => {
      const expected = {
        region: key,
        domain,
        loginUrl: `https://login.${domain}`,
        tokenUrl: `https://login.${domain}/oauth/token`,
        apiUrl: `https://api.${domain}`
      }
      assert.deepEqual(resolveEndpoints(key, '', ''), expected)
      assert.deepEqual(resolveEndpoints(key.replace(/-/g, '_').toUpperCase(), '', ''), expected)
      assert.deepEqual(resolveEndpoints(`${domain}.`, '', ''), expected)
    })

  it('rejects an unknown region, quoting it and listing all 18 valid keys', () => {
    const message = failure(
      () => resolveEndpoints('moon-1', '', ''),
      /^Input "region" is "moon-1", which is not a Genesys Cloud region/,
      /underscores and any case also work/,
      /"login-url"/
    )
    for (const key of Object.keys(REGIONS)) assert.ok(message.includes(key), key)
    assert.ok(message.includes(`(${Object.keys(REGIONS).join(', ')};`))
  })

  it('rejects a login host typed as the region', () => {
    failure(() => resolveEndpoints('login.mypurecloud.ie', '', ''), /Input "region"/)
  })
})

describe('resolveEndpoints with URL overrides', () => {
  it('a custom login URL belongs to no region; its login. host has an api. twin', () => {
    assert.deepEqual(resolveEndpoints('eu-west-1', 'https://login.example.com/', ''), {
      region: '',
      domain: '',
      loginUrl: 'https://login.example.com',
      tokenUrl: 'https://login.example.com/oauth/token',
      apiUrl: 'https://api.example.com'
    })
  })

  it('the api. twin keeps the port, drops the path, and follows upper-case hosts', () => {
    assert.equal(
      resolveEndpoints('', 'https://login.example.com:8443/base/', '').apiUrl,
      'https://api.example.com:8443'
    )
    assert.equal(
      resolveEndpoints('', 'https://LOGIN.Example.com', '').apiUrl,
      'https://api.example.com'
    )
  })

  it('a login host not starting with login. serves the API from its own origin', () => {
    assert.equal(
      resolveEndpoints('', 'https://idp.example.com/realms/x', '').apiUrl,
      'https://idp.example.com'
    )
    assert.equal(
      resolveEndpoints('', 'https://mylogin.example.com', '').apiUrl,
      'https://mylogin.example.com'
    )
    assert.equal(
      resolveEndpoints('', 'http://127.0.0.1:8080/x', '').apiUrl,
      'http://127.0.0.1:8080'
    )
  })

  it('token URL is <login-url>/oauth/token, unless the path already ends in /token', () => {
    const cases: [login: string, token: string][] = [
      ['https://login.example.com', 'https://login.example.com/oauth/token'],
      ['https://login.example.com/', 'https://login.example.com/oauth/token'],
      ['https://login.example.com/base', 'https://login.example.com/base/oauth/token'],
      ['https://login.example.com/mytoken', 'https://login.example.com/mytoken/oauth/token'],
      ['https://login.example.com/token/x', 'https://login.example.com/token/x/oauth/token'],
      ['https://login.example.com/oauth/token', 'https://login.example.com/oauth/token'],
      ['https://login.example.com/oauth/token/', 'https://login.example.com/oauth/token'],
      [
        'https://idp.example.com/oauth2/default/v1/token',
        'https://idp.example.com/oauth2/default/v1/token'
      ],
      [
        'https://login.microsoftonline.com/tenant/oauth2/v2.0/token',
        'https://login.microsoftonline.com/tenant/oauth2/v2.0/token'
      ],
      [
        'https://kc.example.com/realms/r/protocol/openid-connect/token',
        'https://kc.example.com/realms/r/protocol/openid-connect/token'
      ]
    ]
    for (const [login, token] of cases)
      assert.equal(resolveEndpoints('', login, '').tokenUrl, token, login)
  })

  it('an explicit API URL wins over the twin, and is validated and normalised', () => {
    const e = resolveEndpoints('', 'https://login.example.com', 'https://gateway.example.com/v1/')
    assert.equal(e.apiUrl, 'https://gateway.example.com/v1')
    failure(
      () => resolveEndpoints('', 'https://login.example.com', 'http://gateway.example.com'),
      /^Input "api-url"/
    )
  })

  it('an API override alone keeps the region and its login host', () => {
    assert.deepEqual(resolveEndpoints('eu-west-1', '', 'https://api.mypurecloud.ie/'), {
      region: 'eu-west-1',
      domain: 'mypurecloud.ie',
      loginUrl: 'https://login.mypurecloud.ie',
      tokenUrl: 'https://login.mypurecloud.ie/oauth/token',
      apiUrl: 'https://api.mypurecloud.ie'
    })
  })

  it('a login URL on a Genesys Cloud login host keeps that region and domain', () => {
    assert.deepEqual(resolveEndpoints('', 'https://login.mypurecloud.ie', ''), {
      region: 'eu-west-1',
      domain: 'mypurecloud.ie',
      loginUrl: 'https://login.mypurecloud.ie',
      tokenUrl: 'https://login.mypurecloud.ie/oauth/token',
      apiUrl: 'https://api.mypurecloud.ie'
    })
  })

  it('the login host decides the region, not the "region" input', () => {
    const e = resolveEndpoints('us-east-1', 'https://LOGIN.euw2.pure.cloud/', '')
    assert.equal(e.region, 'eu-west-2')
    assert.equal(e.domain, 'euw2.pure.cloud')
    assert.equal(e.apiUrl, 'https://api.euw2.pure.cloud')
  })

  it('a Genesys login host with an explicit API URL still keeps its region', () => {
    const e = resolveEndpoints('', 'https://login.mypurecloud.de', 'https://gateway.example.com')
    assert.deepEqual(
      [e.region, e.domain, e.apiUrl],
      ['eu-central-1', 'mypurecloud.de', 'https://gateway.example.com']
    )
  })

  it('a look-alike of a Genesys login host belongs to no region', () => {
    for (const login of [
      'https://login.mypurecloud.ie.example.com',
      'https://xlogin.mypurecloud.ie',
      'https://api.mypurecloud.ie',
      'https://login.eu.mypurecloud.ie',
      'https://mypurecloud.ie'
    ]) {
      const e = resolveEndpoints('eu-west-1', login, '')
      assert.deepEqual([e.region, e.domain], ['', ''], login)
    }
  })

  it('a bad login URL is reported as "login-url"', () => {
    failure(() => resolveEndpoints('', 'http://login.example.com', ''), /^Input "login-url"/)
  })
})

describe('regionOfLoginHost', () => {
  it("maps every region's login host to its key and domain, in any case, with a trailing dot", () => {
    for (const [key, domain] of Object.entries(REGIONS)) {
      assert.deepEqual(regionOfLoginHost(`login.${domain}`), { key, domain })
      assert.deepEqual(regionOfLoginHost(`LOGIN.${domain.toUpperCase()}.`), { key, domain })
    }
  })

  it('gives undefined for any other host', () => {
    for (const host of [
      'mypurecloud.ie',
      'api.mypurecloud.ie',
      'login.example.com',
      'login.',
      'login.mypurecloud.ie.evil.example',
      'login.login.mypurecloud.ie',
      '127.0.0.1',
      ''
    ])
      assert.equal(regionOfLoginHost(host), undefined, host)
  })
})

describe('parseBaseUrl', () => {
  it('accepts https URLs and strips trailing slashes', () => {
    const cases: [string, string][] = [
      ['https://login.example.com', 'https://login.example.com'],
      ['https://login.example.com/', 'https://login.example.com'],
      ['https://login.example.com///', 'https://login.example.com'],
      ['https://login.example.com/a/b/', 'https://login.example.com/a/b'],
      ['https://login.example.com:8443/', 'https://login.example.com:8443'],
      ['HTTPS://Login.Example.COM/Path', 'https://login.example.com/Path']
    ]
    for (const [input, output] of cases) assert.equal(parseBaseUrl('login', input), output, input)
  })

  it('accepts plain http on loopback hosts only: 127.x, ::1, localhost', () => {
    const cases: [string, string][] = [
      ['http://127.0.0.1', 'http://127.0.0.1'],
      ['http://127.0.0.1:1234/', 'http://127.0.0.1:1234'],
      ['http://127.255.255.254:9', 'http://127.255.255.254:9'],
      ['http://127.1', 'http://127.0.0.1'],
      ['http://localhost:8080/x/', 'http://localhost:8080/x'],
      ['http://LOCALHOST', 'http://localhost'],
      ['http://[::1]:9000', 'http://[::1]:9000'],
      ['http://[0:0:0:0:0:0:0:1]', 'http://[::1]']
    ]
    for (const [input, output] of cases) assert.equal(parseBaseUrl('login', input), output, input)
  })

  it('refuses plain http on any other host, naming the input', () => {
    for (const url of [
      'http://login.example.com',
      'http://10.0.0.1',
      'http://192.168.1.1:8080',
      'http://128.0.0.1',
      'http://0.0.0.0',
      'http://localhost.example.com',
      'http://127.0.0.1.nip.io',
      'http://[::2]',
      'http://[::ffff:127.0.0.1]'
    ])
      failure(
        () => parseBaseUrl('api', url),
        /^Input "api-url" is ".*": only https:\/\/ is accepted \(http:\/\/ only for loopback/
      )
  })

  it('refuses other schemes', () => {
    for (const url of [
      'ftp://example.com',
      'ws://127.0.0.1',
      'wss://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/plain,x'
    ])
      failure(
        () => parseBaseUrl('login', url),
        /^Input "login-url" is ".*": only https:\/\/ URLs are accepted/
      )
  })

  it('refuses what is not an absolute URL', () => {
    for (const value of [
      'login.example.com',
      '/oauth/token',
      '',
      'https://',
      'https://exa mple.com'
    ])
      failure(
        () => parseBaseUrl('login', value),
        /^Input "login-url" is ".*": not a URL\. Accepted: an absolute https:\/\//
      )
  })

  it('refuses credentials in the URL and never echoes them', () => {
    for (const url of [
      'https://me:hunter2-password@login.example.com',
      'https://me:hunter2-password@login.example.com/path?x=1',
      'http://me:hunter2-password@127.0.0.1:8080',
      'https://:hunter2-password@login.example.com',
      'ftp://me:hunter2-password@example.com'
    ]) {
      const message = failure(
        () => parseBaseUrl('login', url),
        /^Input "login-url" is ".*\*\*\*@.*": URLs must not carry credentials; pass them as "client-id" and "client-secret"/
      )
      assert.ok(!message.includes('hunter2'), message)
    }
    const userOnly = failure(
      () => parseBaseUrl('login', 'https://someuser@login.example.com'),
      /must not carry credentials/
    )
    assert.ok(!userOnly.includes('someuser'), userOnly)
  })

  it('does not echo the password of a URL that carries credentials but does not parse', () => {
    for (const url of [
      'https://me:hunter2-password@login.example.com:99999',
      'https://me:hunter2-password@',
      'https://me:hunter2-password@exa mple.com'
    ]) {
      const message = failure(() => parseBaseUrl('login', url), /^Input "login-url"/)
      assert.ok(!message.includes('hunter2-password'), message)
    }
  })

  it('refuses a query string or fragment, even an empty one', () => {
    for (const url of [
      'https://login.example.com/?a=1',
      'https://login.example.com?a=1',
      'https://login.example.com/#x',
      'https://login.example.com/?',
      'https://login.example.com/#',
      'https://login.example.com/path?',
      'http://127.0.0.1:8080/?x'
    ])
      failure(
        () => parseBaseUrl('login', url),
        /^Input "login-url" is ".*": a base URL takes no query string or fragment$/
      )
  })
})

describe('isLoopbackHost', () => {
  it('recognises 127.0.0.0/8, ::1 and localhost, bracketed or not, any case', () => {
    for (const h of [
      'localhost',
      'LOCALHOST',
      '127.0.0.1',
      '127.255.0.9',
      '127.0.0.255',
      '[::1]',
      '::1'
    ])
      assert.equal(isLoopbackHost(h), true, h)
  })

  it('rejects every other host, including look-alikes', () => {
    for (const h of [
      'localhost.example.com',
      'mylocalhost',
      '127.0.0.1.nip.io',
      '127.0.0',
      '127.0.0.1.2',
      '10.0.0.1',
      '128.0.0.1',
      '1127.0.0.1',
      '0.0.0.0',
      '[::2]',
      '::',
      ''
    ])
      assert.equal(isLoopbackHost(h), false, h)
  })
})
