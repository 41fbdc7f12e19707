// Property-based, inputs side: random and adversarial inputs never crash the parsers with anything
// but the action's own ActionError, and no error quotes a secret.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parseBaseUrl } from '../src/genesys/endpoints.js'
import { parseInputs } from '../src/action/inputs.js'
import { REGIONS, resolveRegion } from '../src/genesys/endpoints.js'
import { parseScopeList } from '../src/genesys/scopes.js'
import { actionErrorOrNothing, nasty, replayOf, RUNS } from './support/arbitraries.js'

describe('parseInputs under random inputs', () => {
  const NAMES = [
    'client-id',
    'region',
    'login-url',
    'api-url',
    'scopes',
    'required-scopes',
    'auth-method',
    'min-validity',
    'export-env',
    'verify',
    'expected-organization-id',
    'revoke',
    'summary',
    'max-attempts',
    'timeout',
    'check-endpoints'
  ]
  // Junk for any input...
  const junk = fc.oneof(
    nasty,
    fc.constantFrom(
      'true',
      'False',
      'yes',
      '5',
      '0',
      '10',
      '300',
      '0.5',
      'basic',
      'post',
      'moon-1'
    ),
    fc.webUrl({
      validSchemes: ['http', 'https', 'ftp'],
      withQueryParameters: true,
      withFragments: true,
      authoritySettings: { withUserInfo: true, withPort: true, withIPv4: true, withIPv6: true }
    })
  )
  const bool = fc.constantFrom('', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', ' true ')
  const scopeList = fc
    .array(
      fc.tuple(
        fc.stringMatching(/^[a-z]{1,10}(:[a-z]{1,8})?$/),
        fc.constantFrom(' ', ',', '\n', ', ')
      )
    )
    .map(parts => parts.map(([scope, sep]) => scope + sep).join(''))
  // ...and values each input accepts, so that most runs get through the whole parse.
  const VALID: Record<string, fc.Arbitrary<string>> = {
    'client-id': fc.stringMatching(/^[a-f0-9-]{8,36}$/),
    region: fc.constantFrom(
      '',
      ...Object.keys(REGIONS),
      'EU_WEST_1',
      'mypurecloud.ie.',
      'MYPURECLOUD.JP'
    ),
    'login-url': fc.constantFrom(
      '',
      'https://login.example.com/',
      'http://127.0.0.1:8080',
      'https://idp.example.com/v1/token'
    ),
    'api-url': fc.constantFrom('', 'https://api.example.com/', 'http://[::1]:9000/base'),
    scopes: scopeList,
    'required-scopes': scopeList,
    'auth-method': fc.constantFrom('', 'basic', 'POST', ' post '),
    'min-validity': fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 172800 }).map(String)),
    'export-env': bool,
    verify: bool,
    'expected-organization-id': fc.oneof(fc.constant(''), fc.uuid()),
    revoke: bool,
    summary: bool,
    'max-attempts': fc.oneof(fc.constant(''), fc.integer({ min: 1, max: 10 }).map(String)),
    timeout: fc.constantFrom('', '1', '0.5', '300', ' 30 '),
    'check-endpoints': fc.constantFrom('', '/api/v2/users?pageSize=1', 'HEAD /api/v2/flows\n# note')
  }
  const inputs = fc.oneof(
    fc.dictionary(fc.constantFrom(...NAMES), junk),
    fc.record(
      Object.fromEntries(
        NAMES.map(n => [
          n,
          fc.oneof({ arbitrary: VALID[n], weight: 20 }, { arbitrary: junk, weight: 1 })
        ])
      ),
      { requiredKeys: [] }
    )
  )
  const secret = fc
    .tuple(
      fc.constantFrom('', '', ' ', '\n'),
      fc.string({ minLength: 10 }),
      fc.constantFrom('', '', '\t')
    )
    .map(([a, s, b]) => `${a}SECRET${s}${b}`)

  it('throws nothing but ActionErrors, none quoting the client secret', () => {
    fc.assert(
      fc.property(inputs, secret, (inputs, raw) => {
        const read = (name: string) => (name === 'client-secret' ? raw : (inputs[name] ?? ''))
        const e = actionErrorOrNothing(() => parseInputs(read))
        if (e)
          assert.ok(!e.message.includes(raw.trim()), `an error quoted the secret: ${e.message}`)
      }),
      RUNS
    )
  })

  it('the same holds when the secret and region come from the GENESYSCLOUD_* variables', () => {
    fc.assert(
      fc.property(inputs, secret, junk, (inputs, raw, region) => {
        const read = (name: string) =>
          name === 'client-secret' || name === 'region' ? '' : (inputs[name] ?? '')
        const env = { GENESYSCLOUD_OAUTHCLIENT_SECRET: raw, GENESYSCLOUD_REGION: region }
        let parsed: ReturnType<typeof parseInputs> | undefined
        const e = actionErrorOrNothing(() => (parsed = parseInputs(read, env)))
        if (e)
          assert.ok(!e.message.includes(raw.trim()), `an error quoted the secret: ${e.message}`)
        if (!parsed) return
        assert.equal(parsed.settings.clientSecret, raw.trim())
        assert.ok(!parsed.sources.includes(raw.trim()))
        for (const w of parsed.warnings) assert.ok(!w.includes(raw.trim()))
      }),
      RUNS
    )
  })

  it('accepted settings are always within their documented bounds', () => {
    fc.assert(
      fc.property(inputs, secret, (inputs, raw) => {
        const read = (name: string) =>
          name === 'client-secret'
            ? raw
            : name === 'client-id'
              ? (inputs[name] ?? 'id')
              : (inputs[name] ?? '')
        let parsed: ReturnType<typeof parseInputs> | undefined
        actionErrorOrNothing(() => (parsed = parseInputs(read)))
        if (!parsed) return
        const s = parsed.settings
        assert.equal(s.clientSecret, raw.trim())
        assert.ok(s.clientId.length > 0 && s.clientId === s.clientId.trim())
        assert.ok(s.authMethod === 'basic' || s.authMethod === 'post')
        assert.ok(Number.isInteger(s.minValidity) && s.minValidity >= 0 && s.minValidity <= 172800)
        assert.ok(Number.isInteger(s.maxAttempts) && s.maxAttempts >= 1 && s.maxAttempts <= 10)
        assert.ok(s.timeoutMs > 0 && s.timeoutMs <= 300_000)
        for (const url of [s.endpoints.tokenUrl, s.endpoints.apiUrl]) {
          const u = new URL(url)
          assert.ok(u.protocol === 'https:' || /^(127\.|localhost$|\[::1\]$)/.test(u.hostname), url)
          assert.equal(u.username + u.password + u.search + u.hash, '', url)
        }
        assert.ok(!s.expectedOrganizationIds.length || s.verify)
        assert.equal(
          parsed.warnings.length > 0,
          raw !== raw.trim() ||
            read('client-id') !== s.clientId ||
            // region given beside login-url: not used, and said so
            (read('region').trim() !== '' && read('login-url').trim() !== '')
        )
      }),
      RUNS
    )
  })
})

describe('parseScopeList under random text', () => {
  it('yields unique, non-empty scopes without separators, each taken from the text', () => {
    fc.assert(
      fc.property(nasty, text => {
        let scopes: string[] = []
        actionErrorOrNothing(() => (scopes = parseScopeList(text)))
        assert.equal(new Set(scopes).size, scopes.length)
        for (const s of scopes) {
          assert.ok(s.length > 0 && !/[\s,]/.test(s), JSON.stringify(s))
          assert.ok(text.includes(s))
        }
        assert.deepEqual(parseScopeList(scopes.join(',')), scopes)
      }),
      RUNS
    )
  })
})

describe('resolveRegion under random text', () => {
  it('returns a real region or undefined', () => {
    fc.assert(
      fc.property(nasty, value => {
        let region: ReturnType<typeof resolveRegion>
        actionErrorOrNothing(() => (region = resolveRegion(value)))
        if (region) assert.equal(REGIONS[region.key], region.domain)
      }),
      RUNS
    )
  })

  it('resolves every key in any case, with either separator, padded, with a trailing dot', () => {
    const spelled = fc
      .tuple(
        fc.constantFrom(...Object.keys(REGIONS)),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        fc.constantFrom('', ' ', '\n', '\t '),
        fc.constantFrom('', '.')
      )
      .map(([key, upper, underscore, pad, dot]) => {
        let n = 0
        const text = [...key]
          .map((c, i) =>
            c === '-' ? (underscore[n++] ? '_' : '-') : upper[i] ? c.toUpperCase() : c
          )
          .join('')
        return { key, value: `${pad}${text}${dot}${pad}` }
      })
    fc.assert(
      fc.property(spelled, ({ key, value }) => {
        assert.deepEqual(resolveRegion(value), { key, domain: REGIONS[key] })
      }),
      RUNS
    )
  })
})

describe('parseBaseUrl under random URLs', () => {
  const urls = fc.oneof(
    nasty,
    fc.webUrl({
      validSchemes: ['http', 'https', 'ftp', 'ws'],
      withQueryParameters: true,
      withFragments: true,
      authoritySettings: {
        withUserInfo: true,
        withPort: true,
        withIPv4: true,
        withIPv6: true,
        withIPv4Extended: true
      }
    }),
    fc
      .tuple(
        fc.constantFrom('http', 'https', 'HTTP', 'ftp'),
        fc.constantFrom(
          '127.0.0.1',
          'localhost',
          '[::1]',
          '127.9.9.9',
          '10.0.0.1',
          'login.example.com'
        ),
        fc.webPath(),
        fc.constantFrom('', '/', '//', '?', '#', '?a=1')
      )
      .map(([scheme, host, path, tail]) => `${scheme}://${host}${path}${tail}`)
  )

  it('throws nothing but ActionErrors; what it accepts is https, or http on loopback, bare', () => {
    fc.assert(
      fc.property(urls, value => {
        let out = ''
        const e = actionErrorOrNothing(() => (out = parseBaseUrl('login', value)))
        if (e) {
          assert.match(e.message, /^Input "login-url" is /)
          return
        }
        const u = new URL(out)
        assert.ok(
          u.protocol === 'https:' ||
            (u.protocol === 'http:' && /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/.test(u.hostname)),
          out
        )
        assert.equal(u.username + u.password + u.search + u.hash, '', out)
        assert.ok(!out.endsWith('/'), out)
        assert.ok(!value.includes('?') && !value.includes('#'), value)
      }),
      RUNS
    )
  })

  it('never echoes a URL password in a well-formed URL', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('https', 'http', 'ftp'),
        fc.stringMatching(/^[a-z]{1,8}$/),
        fc.stringMatching(/^[A-Za-z0-9]{10,20}$/).map(p => `PW${p}`),
        fc.constantFrom('login.example.com', '127.0.0.1:8080', 'example.com/base?x=1'),
        (scheme, user, password, rest) => {
          const e = actionErrorOrNothing(() =>
            parseBaseUrl('login', `${scheme}://${user}:${password}@${rest}`)
          )
          assert.ok(e, 'a URL with credentials was accepted')
          assert.ok(!e.message.includes(password), e.message)
        }
      ),
      RUNS
    )
  })

  it('never echoes a URL password, even in a URL that does not parse', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{10,20}$/).map(p => `PW${p}`),
        fc.constantFrom('', 'exa mple.com', 'login.example.com:99999', '[::1', 'a b'),
        (password, rest) => {
          const e = actionErrorOrNothing(() =>
            parseBaseUrl('login', `https://me:${password}@${rest}`)
          )
          assert.ok(e)
          assert.ok(!e.message.includes(password), e.message)
        }
      ),
      RUNS
    )
  })
})

describe('a failing property', () => {
  const failing = fc.property(fc.integer(), fc.string(), (n, text) => {
    assert.ok(n < 1000 || text.length > 0, 'found')
  })
  const thrown = (params: fc.Parameters<[number, string]>): Error => {
    try {
      fc.assert(failing, params)
    } catch (e) {
      return e as Error
    }
    assert.fail('the property did not fail')
  }

  it('prints its seed and path, and FC_SEED/FC_PATH replay its counterexample', () => {
    const first = thrown({ ...RUNS, seed: 42 })
    const found = /\{ seed: (-?\d+), path: "([\d:]+)", endOnFailure: true \}/.exec(first.message)
    assert.ok(found, first.message)
    assert.equal(found[1], '42')
    const again = thrown({ ...RUNS, ...replayOf({ FC_SEED: found[1], FC_PATH: found[2] }) })
    const counterexample = (e: Error) => /Counterexample: (.*)/.exec(e.message)?.[1]
    assert.equal(counterexample(again), counterexample(first))
    assert.equal(counterexample(first), '[1000,""]')
  })

  it('replayOf reads a seed, with or without a path; anything else is no replay', () => {
    assert.deepEqual(replayOf({ FC_SEED: '-7', FC_PATH: '3:0' }), {
      seed: -7,
      path: '3:0',
      endOnFailure: true
    })
    assert.deepEqual(replayOf({ FC_SEED: '12' }), { seed: 12 })
    for (const FC_SEED of [undefined, '', ' ', 'x', '1.5'])
      assert.deepEqual(replayOf({ FC_SEED }), {})
  })
})
