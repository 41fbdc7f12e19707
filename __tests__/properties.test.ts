// Property-based: random and adversarial inputs never crash the parsers with anything but the
// action's own clear errors, and no error quotes a token or a secret.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parseBaseUrl, resolveEndpoints } from '../src/endpoints.js'
import { ActionError } from '../src/errors.js'
import { parseInputs } from '../src/inputs.js'
import { parseProbes } from '../src/probes.js'
import { serverHintMs, transientReason } from '../src/retry.js'
import { parseScopeList, scopesFromClaims } from '../src/scopes.js'
import { decodeClaims, oauthErrorOf, parseTokenResponse } from '../src/token-response.js'

const RUNS = { numRuns: 300 }
const onlyActionErrors = (fn: () => unknown) => {
  try {
    fn()
    return true
  } catch (e) {
    return e instanceof ActionError
  }
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    ' ',
    '\n',
    'null',
    '{}',
    '[]',
    '__proto__',
    'constructor',
    '%',
    '%00',
    '\u0000',
    'http://',
    'https://@',
    '../',
    '//',
    '#'
  )
)
const b64 = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')
const jwtLike = fc
  .tuple(
    fc.oneof(fc.json(), fc.string()),
    fc.oneof(fc.json(), fc.string(), fc.jsonValue().map(String)),
    fc.string()
  )
  .map(([h, p, s]) => `${b64(h)}.${b64(p)}.${b64(s)}`)

describe('parsers under random input', () => {
  it('parseInputs: only ActionErrors, and never quoting the secret', () => {
    const names = [
      'client-id',
      'client-secret',
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
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...names), nasty),
        fc.string({ minLength: 12 }).map(s => `SECRET${s}`),
        (inputs, secret) => {
          const read = (n: string) => (n === 'client-secret' ? secret : (inputs[n] ?? ''))
          try {
            parseInputs(read)
          } catch (e) {
            assert.ok(e instanceof ActionError, String(e))
            if (secret.trim().length > 8)
              assert.ok(!e.message.includes(secret.trim()), 'an error quoted the secret')
          }
        }
      ),
      RUNS
    )
  })

  it('resolveEndpoints and parseBaseUrl: only ActionErrors; accepted URLs are https or loopback http', () => {
    const urls = fc.oneof(
      nasty,
      fc.webUrl({
        withQueryParameters: true,
        withFragments: true,
        validSchemes: ['http', 'https', 'ftp']
      })
    )
    fc.assert(
      fc.property(nasty, urls, urls, (region, login, api) => {
        assert.ok(onlyActionErrors(() => resolveEndpoints(region, login, api)))
        try {
          const u = new URL(parseBaseUrl('login-url', login))
          assert.ok(
            u.protocol === 'https:' ||
              ['127.0.0.1', 'localhost', '[::1]'].some(
                h => u.hostname === h || u.hostname.startsWith('127.')
              )
          )
          assert.equal(u.search + u.hash + u.username + u.password, '')
        } catch (e) {
          assert.ok(e instanceof ActionError || e instanceof TypeError)
        }
      }),
      RUNS
    )
  })

  it('parseTokenResponse: only ActionErrors, none quoting the token', () => {
    const bodies = fc.oneof(
      nasty,
      fc.json(),
      fc
        .record(
          {
            access_token: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
            expires_in: fc.oneof(fc.integer(), fc.string(), fc.double()),
            token_type: fc.oneof(fc.string(), fc.constant('bearer'))
          },
          { requiredKeys: [] }
        )
        .map(o => JSON.stringify(o))
    )
    fc.assert(
      fc.property(bodies, body => {
        try {
          const t = parseTokenResponse(body)
          assert.ok(t.accessToken.length > 0 && Number.isInteger(t.expiresIn) && t.expiresIn >= 0)
        } catch (e) {
          assert.ok(e instanceof ActionError, String(e))
          const parsed = safeJson(body)
          const token =
            parsed && typeof parsed === 'object'
              ? (parsed as { access_token?: unknown }).access_token
              : undefined
          if (typeof token === 'string' && token.length > 3) assert.ok(!e.message.includes(token))
        }
      }),
      RUNS
    )
  })

  it('decodeClaims: never throws, returns an object or undefined, for JWT-looking strings too', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, jwtLike), token => {
        const claims = decodeClaims(token)
        assert.ok(claims === undefined || (typeof claims === 'object' && !Array.isArray(claims)))
        const scopes = scopesFromClaims(claims)
        assert.ok(scopes === undefined || scopes.every(s => typeof s === 'string' && s.length > 0))
      }),
      RUNS
    )
  })

  it('scope lists, error bodies, retry hints and probes never crash', () => {
    fc.assert(
      fc.property(
        nasty,
        fc.integer({ min: 0, max: 999 }),
        fc.dictionary(fc.constantFrom('retry-after', 'inin-ratelimit-reset'), nasty),
        (text, status, headers) => {
          assert.ok(parseScopeList(text).every(s => s.length > 0 && !/[\s,]/.test(s)))
          const e = oauthErrorOf(text)
          assert.ok(typeof e.error === 'string' && typeof e.description === 'string')
          const reason = transientReason(status, text)
          assert.ok(reason === undefined || reason.startsWith('HTTP '))
          const hint = serverHintMs(headers, Date.now())
          assert.ok(hint === undefined || (Number.isFinite(hint) && hint >= 0))
          assert.ok(onlyActionErrors(() => parseProbes(text)))
        }
      ),
      RUNS
    )
  })

  it('every accepted probe stays on the API host', () => {
    fc.assert(
      fc.property(fc.string(), fc.webPath(), (junk, path) => {
        for (const line of [junk, `/api/${junk}`, `/api${path}`]) {
          try {
            for (const p of parseProbes(line))
              assert.equal(new URL(`https://api.example.com${p.path}`).host, 'api.example.com')
          } catch (e) {
            assert.ok(e instanceof ActionError)
          }
        }
      }),
      RUNS
    )
  })
})

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
