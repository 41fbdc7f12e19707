// Property-based, server side: whatever a server answers (token bodies, JWTs, headers, error
// bodies), the parsers throw nothing but ActionErrors, and no error quotes a token.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { backoffMs, MAX_WAIT_MS, serverHintMs } from '../src/net/retry.js'
import { noLegacyCommands, oneLine, parseJson, serverText } from '../src/net/text.js'
import {
  accessTokenOf,
  decodeClaims,
  MAX_LIFETIME_S,
  oauthErrorOf,
  parseTokenResponse
} from '../src/genesys/token.js'
import { actionErrorOrNothing, nasty, RUNS } from './support/arbitraries.js'
import { noSecrets } from './support/loopback.js'

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** What the action does with a 2xx body: take the token out, then judge the other fields. */
const parse = (body: string) => {
  const { accessToken, json } = accessTokenOf(body)
  return parseTokenResponse(accessToken, json, noSecrets)
}
// One printed line: no C0/C1 control, DEL, or Unicode line/paragraph separator.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const isOneLine = (text: string) => !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text)

const b64url = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')

// JWT look-alikes: three base64url segments holding valid JSON of any shape, broken JSON, or
// random bytes.
const segment = fc.oneof(
  fc.json().map(b64url),
  fc.jsonValue().map(b64url),
  fc.string().map(b64url),
  fc.string().map(s => b64url(`{"a":${s}`)),
  fc.uint8Array({ maxLength: 64 }).map(a => Buffer.from(a).toString('base64url')),
  fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/)
)
const jwtLike = fc.tuple(segment, segment, segment).map(([h, p, s]) => `${h}.${p}.${s}`)

describe('parseTokenResponse under random bodies', () => {
  // A token that is easy to spot in a message: long, and unlike any message text.
  const token = fc.stringMatching(/^[A-Za-z0-9_.~+/=-]{12,60}$/).map(s => `TK${s}`)
  // The same token spoiled by whitespace or control characters, to reach that refusal too.
  const spoiled = fc
    .tuple(token, fc.constantFrom(' ', '\n', '\t', '\r\n', '\u0000', '\u001b', '\u007f'), fc.nat())
    .map(([t, bad, at]) => {
      const i = at % (t.length + 1)
      return t.slice(0, i) + bad + t.slice(i)
    })
  const field = fc.oneof(
    nasty,
    fc.jsonValue(),
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.boolean()
  )
  const expiresIn = fc.oneof(
    { arbitrary: fc.integer({ min: -10, max: 200_000 }), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 200_000 }).map(String), weight: 2 },
    { arbitrary: fc.integer({ min: MAX_LIFETIME_S - 10, max: 2 * MAX_LIFETIME_S }), weight: 1 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: field, weight: 1 }
  )
  const tokenType = fc.oneof(
    { arbitrary: fc.constantFrom('bearer', 'Bearer', 'BEARER', '', 'mac', 'DPoP'), weight: 4 },
    { arbitrary: field, weight: 1 }
  )

  it('throws nothing but ActionErrors, none quoting the token', () => {
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: token, weight: 3 }, { arbitrary: spoiled, weight: 1 }),
        fc.record(
          { expires_in: expiresIn, token_type: tokenType, scope: field, extra: field },
          { requiredKeys: [] }
        ),
        (accessToken, rest) => {
          const body = JSON.stringify({ access_token: accessToken, ...rest })
          const e = actionErrorOrNothing(() => {
            const t = parse(body)
            assert.equal(t.accessToken, accessToken)
            assert.ok(Number.isInteger(t.expiresIn) && t.expiresIn >= 0)
            assert.ok(t.expiresIn <= MAX_LIFETIME_S, String(t.expiresIn))
            assert.equal(t.tokenType.toLowerCase(), 'bearer')
            assert.ok(t.scope === undefined || (typeof t.scope === 'string' && isOneLine(t.scope)))
          })
          if (e) {
            assert.ok(
              !e.message.includes(accessToken),
              `the message quotes the token: ${e.message}`
            )
            for (const part of accessToken.split(/[\s\p{Cc}]+/u))
              if (part.length >= 8)
                assert.ok(!e.message.includes(part), `a part of the token: ${e.message}`)
          }
        }
      ),
      RUNS
    )
  })

  it('any body at all: nothing but ActionErrors', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nasty,
          fc.json(),
          fc.jsonValue().map(v => JSON.stringify(v) ?? '')
        ),
        body => {
          actionErrorOrNothing(() => parse(body))
        }
      ),
      RUNS
    )
  })

  it('any object after the token: nothing but ActionErrors, and error text stays one line', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        field.map(v => ({ v })),
        (json, x) => {
          for (const fields of [json, { ...json, expires_in: 1, token_type: x.v }]) {
            const e = actionErrorOrNothing(() =>
              parseTokenResponse('TK-token-value', fields, noSecrets)
            )
            if (e) {
              assert.ok(!e.message.includes('TK-token-value'))
              assert.ok(isOneLine(e.message), e.message)
            }
          }
        }
      ),
      RUNS
    )
  })
})

describe('decodeClaims under random and JWT-looking strings', () => {
  it('returns claims or undefined; anything thrown is an ActionError without the token', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, jwtLike), token => {
        let claims: Record<string, unknown> | undefined
        const e = actionErrorOrNothing(() => (claims = decodeClaims(token)))
        if (e) assert.ok(!e.message.includes(token), 'an error quoted the token')
        else assert.ok(claims === undefined || isRecord(claims))
      }),
      RUNS
    )
  })

  it('decodes every well-formed JWT whose header and payload are JSON objects', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.dictionary(fc.string(), fc.jsonValue()),
        fc.stringMatching(/^[A-Za-z0-9_-]{0,40}$/),
        (header, payload, signature) => {
          const expected = JSON.parse(JSON.stringify(payload))
          assert.deepEqual(
            decodeClaims(`${b64url(header)}.${b64url(payload)}.${signature}`),
            expected
          )
        }
      ),
      RUNS
    )
  })

  it('never takes a payload that is not a JSON object for claims', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(fc.jsonValue()),
          // Raw payload text, and a JSON string; fc.string() can draw `{}`, an object's text.
          fc.string().filter(text => !isRecord(parseJson(text))),
          fc.string().map(text => JSON.stringify(text)),
          fc.double(),
          fc.boolean(),
          fc.constant(null)
        ),
        payload => {
          assert.equal(decodeClaims(`${b64url({ alg: 'none' })}.${b64url(payload)}.`), undefined)
        }
      ),
      RUNS
    )
  })
})

describe('serverHintMs under random headers', () => {
  const headerValue = fc.oneof(
    nasty,
    fc.nat().map(String),
    fc.double({ min: 0, max: 1e12, noNaN: true }).map(String),
    fc.date({ noInvalidDate: true }).map(d => d.toUTCString()),
    fc.constant(undefined),
    fc.array(nasty, { maxLength: 3 })
  )

  it('gives undefined or a wait of at least 0 ms; backoff honours it up to 60 s, within 75 s', () => {
    fc.assert(
      fc.property(
        fc.record(
          { 'retry-after': headerValue, 'inin-ratelimit-reset': headerValue },
          { requiredKeys: [] }
        ),
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (headers, now, attempt, random) => {
          let hint: number | undefined
          actionErrorOrNothing(() => (hint = serverHintMs(headers, now)))
          assert.ok(hint === undefined || (typeof hint === 'number' && hint >= 0), String(hint))
          const wait = backoffMs(attempt, hint, random)
          assert.ok(wait >= 0 && wait <= MAX_WAIT_MS * 1.25, String(wait))
          // A hint is honoured in full up to the cap; jitter only ever adds to it.
          if (hint !== undefined) assert.ok(wait >= Math.min(hint, MAX_WAIT_MS), String(wait))
          else assert.ok(wait <= MAX_WAIT_MS, String(wait))
        }
      ),
      RUNS
    )
  })

  it('reads any number of seconds exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), s => {
        assert.equal(serverHintMs({ 'retry-after': String(s) }, 0), s * 1000)
      }),
      RUNS
    )
  })

  it('never reads a fraction, a sign or an exponent as delay-seconds', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
        fc.constantFrom('', '+', '-'),
        (n, sign) => {
          const value = `${sign}${n}`
          fc.pre(!/^\d+$/.test(value))
          assert.equal(serverHintMs({ 'retry-after': value }, 0), undefined, value)
        }
      ),
      RUNS
    )
  })
})

describe('oauthErrorOf under random bodies', () => {
  it('always returns two one-line strings, capped (error 100, description 300, plus …)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nasty,
          fc.json(),
          fc.jsonValue().map(v => JSON.stringify(v) ?? '')
        ),
        body => {
          let e = { error: '', description: '' }
          actionErrorOrNothing(() => (e = oauthErrorOf(body, noSecrets)))
          assert.equal(typeof e.error, 'string')
          assert.equal(typeof e.description, 'string')
          assert.ok(e.error.length <= 101 && e.description.length <= 301)
          assert.ok(isOneLine(e.error) && isOneLine(e.description))
        }
      ),
      RUNS
    )
  })

  it('reads the fields of any OAuth error object', () => {
    // Plain one-line text, as OAuth servers send it, comes back as it was (capped).
    const plain = fc.stringMatching(/^[\w.:;-]+( [\w.:;-]+)*$/)
    const cap = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)
    fc.assert(
      fc.property(
        plain,
        fc.option(plain, { nil: undefined }),
        fc.option(plain, { nil: undefined }),
        (error, errorDescription, description) => {
          const e = oauthErrorOf(
            JSON.stringify({ error, error_description: errorDescription, description }),
            noSecrets
          )
          assert.equal(e.error, cap(error, 100))
          assert.equal(e.description, cap(errorDescription || description || '', 300))
        }
      ),
      RUNS
    )
  })
})

describe('serverText under random text', () => {
  it('one trimmed line without double spaces, capped at max plus …, taken from the text', () => {
    fc.assert(
      fc.property(nasty, fc.integer({ min: 1, max: 400 }), (text, max) => {
        const printed = serverText(text, noSecrets, max)
        assert.ok(isOneLine(printed), JSON.stringify(printed))
        assert.ok(!printed.includes('##['), JSON.stringify(printed))
        assert.ok(!oneLine(text).includes('##['))
        // Read back past the runner-command guard, it is flattened and capped.
        const out = printed.replace(/##\\\[/g, '##[')
        assert.equal(out, out.trim())
        assert.ok(!out.includes('  '))
        assert.ok(out.length <= max + 1)
        const words = printed.replace(/…$/, '').split(' ')
        for (const w of words) assert.ok(noLegacyCommands(text).includes(w), JSON.stringify(w))
        assert.ok(isOneLine(oneLine(text)))
        assert.equal(oneLine(text).replace(/##\\\[/g, '##[').length <= text.length, true)
      }),
      RUNS
    )
  })
})
