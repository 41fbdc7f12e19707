import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError, worded } from '../../src/errors.js'
import { inWords } from '../support/worded.js'
import {
  accessTokenOf,
  decodeClaims,
  MAX_LIFETIME_S,
  oauthErrorOf,
  parseTokenResponse,
  TOKEN_LENGTH
} from '../../src/genesys/token.js'
import { noSecrets } from '../support/loopback.js'

const TOKEN = 'tok3n-Secret_Value-0123456789'
const b64 = (v: unknown) =>
  Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url')
const body = (fields: Record<string, unknown>) => JSON.stringify(fields)
/** What the caller does: take the token out (to mask it), then judge the other fields. */
const parse = (text: string) => {
  const { accessToken, json } = accessTokenOf(text)
  return parseTokenResponse(accessToken, json, noSecrets)
}

/** Fails with an ActionError about the token response, matching `pattern`, never quoting TOKEN. */
function refused(text: string, pattern: RegExp, step: (text: string) => unknown = parse): void {
  assert.throws(
    () => inWords(() => step(text)),
    (e: unknown) => {
      assert.ok(e instanceof ActionError, `expected an ActionError, got ${String(e)}`)
      assert.match(e.message, /^Token request failed: the server answered 2xx but /)
      assert.match(e.message, pattern)
      assert.match(e.message, /Check "login-url"/)
      assert.ok(!e.message.includes('tok3n'), `the message quotes the token: ${e.message}`)
      return true
    },
    text
  )
}

describe('parseTokenResponse: accepted responses', () => {
  it('reads a Genesys Cloud response', () => {
    assert.deepEqual(
      parse(body({ access_token: TOKEN, token_type: 'bearer', expires_in: 86399 })),
      { accessToken: TOKEN, tokenType: 'bearer', expiresIn: 86399 }
    )
  })

  it('treats token_type case-insensitively and keeps it as sent', () => {
    for (const t of ['Bearer', 'BEARER', 'bEaReR'])
      assert.equal(parse(body({ access_token: TOKEN, token_type: t, expires_in: 1 })).tokenType, t)
  })

  it('a missing or empty token_type is taken as bearer', () => {
    assert.equal(parse(body({ access_token: TOKEN, expires_in: 1 })).tokenType, 'bearer')
    assert.equal(
      parse(body({ access_token: TOKEN, expires_in: 1, token_type: '' })).tokenType,
      'bearer'
    )
  })

  it('reads expires_in as a number or a numeric string, in whole seconds', () => {
    const expiresIn = (v: unknown) => parse(body({ access_token: TOKEN, expires_in: v })).expiresIn
    assert.equal(expiresIn(300), 300)
    assert.equal(expiresIn('300'), 300)
    assert.equal(expiresIn(299.9), 299)
    assert.equal(expiresIn('172800'), 172800)
    assert.equal(expiresIn(0), 0)
  })

  it('keeps the response scope field only when it is a string', () => {
    assert.equal(parse(body({ access_token: TOKEN, expires_in: 1, scope: 'a b' })).scope, 'a b')
    const withoutScope = parse(body({ access_token: TOKEN, expires_in: 1, scope: 1 }))
    assert.equal('scope' in withoutScope, false)
    assert.equal('scope' in parse(body({ access_token: TOKEN, expires_in: 1 })), false)
  })

  it('accepts a JWT access token as it is', () => {
    const jwt = `${b64({ alg: 'RS256' })}.${b64({ scope: 'a' })}.c2ln`
    assert.equal(parse(body({ access_token: jwt, expires_in: 60 })).accessToken, jwt)
  })
  it('reads expires_in up to MAX_LIFETIME_S (366 days)', () => {
    assert.equal(MAX_LIFETIME_S, 366 * 24 * 3600)
    for (const v of [MAX_LIFETIME_S, String(MAX_LIFETIME_S), MAX_LIFETIME_S - 0.5])
      assert.ok(parse(body({ access_token: TOKEN, expires_in: v })).expiresIn >= MAX_LIFETIME_S - 1)
  })

  it('keeps the scope field one line', () => {
    const scope = parse(body({ access_token: TOKEN, expires_in: 1, scope: 'a\nb\u2028c' })).scope
    assert.equal(scope, 'a b c')
  })
})

describe('accessTokenOf', () => {
  it('takes the token out, with the parsed body for the other fields', () => {
    const fields = { access_token: TOKEN, token_type: 'bearer', expires_in: 5, extra: [1] }
    assert.deepEqual(accessTokenOf(body(fields)), { accessToken: TOKEN, json: fields })
  })

  it('needs only the token: the other fields are judged later, by parseTokenResponse', () => {
    const { accessToken, json } = accessTokenOf(body({ access_token: TOKEN, expires_in: 'never' }))
    assert.equal(accessToken, TOKEN)
    refused('never', /its "expires_in" is missing or not a number of seconds/, () =>
      parseTokenResponse(accessToken, json, noSecrets)
    )
  })
})

describe('parseTokenResponse: refused responses, never quoting the token', () => {
  it('a body that is not a JSON object', () => {
    for (const text of [
      '',
      'not json',
      '<html>tok3n</html>',
      '[]',
      `["${TOKEN}"]`,
      'null',
      '42',
      `"${TOKEN}"`,
      'true'
    ])
      refused(text, /the body is not a JSON object/, accessTokenOf)
  })

  it('no usable access_token', () => {
    for (const token of [undefined, null, '', '   ', 42, true, [TOKEN], { v: TOKEN }])
      refused(
        body({ access_token: token, expires_in: 1 }),
        /it holds no "access_token"/,
        accessTokenOf
      )
    refused(
      body({ accessToken: TOKEN, expires_in: 1 }),
      /it holds no "access_token"/,
      accessTokenOf
    )
  })

  it('an access_token with whitespace or control characters inside or around', () => {
    for (const token of [
      `${TOKEN} x`,
      ` ${TOKEN}`,
      `${TOKEN}\n`,
      `${TOKEN}\ttail`,
      `${TOKEN}\u0000`,
      `${TOKEN}\u001b[0m`,
      `${TOKEN}\u007f`,
      `Bearer ${TOKEN}`
    ])
      refused(
        body({ access_token: token, expires_in: 1 }),
        /its "access_token" holds whitespace or control characters/,
        accessTokenOf
      )
  })

  it('expires_in missing, negative, or not a number', () => {
    for (const v of [undefined, null, -1, -0.5, 'soon', '1 hour', true, [3600], { s: 1 }, '-5'])
      refused(
        body({ access_token: TOKEN, expires_in: v }),
        /its "expires_in" is missing or not a number of seconds/
      )
    refused(
      `{"access_token":"${TOKEN}","expires_in":1e400}`,
      /its "expires_in" is missing or not a number of seconds/
    )
  })

  it('an expires_in beyond MAX_LIFETIME_S is refused, naming "expires_in"', () => {
    for (const v of [MAX_LIFETIME_S + 0.5, MAX_LIFETIME_S + 1, '31622401', 1e12, 2 ** 53])
      refused(
        body({ access_token: TOKEN, expires_in: v }),
        /its "expires_in" \([\d.]+ s\) is beyond a year/
      )
  })

  it('hexadecimal, signed or exponent strings are not numbers of seconds', () => {
    for (const v of ['0x10', '+5', '1e3', '5 s', '1.', '.5'])
      refused(
        body({ access_token: TOKEN, expires_in: v }),
        /its "expires_in" is missing or not a number of seconds/
      )
  })

  it('an empty or blank expires_in string is not a number of seconds', () => {
    for (const v of ['', ' '])
      refused(
        body({ access_token: TOKEN, expires_in: v }),
        /its "expires_in" is missing or not a number of seconds/
      )
  })

  it('a token_type other than bearer, quoted, one line and shortened', () => {
    refused(
      body({ access_token: TOKEN, expires_in: 5, token_type: 'mac' }),
      /its "token_type" is "mac", not "bearer"/
    )
    refused(
      body({ access_token: TOKEN, expires_in: 5, token_type: 'DPoP' }),
      /its "token_type" is "DPoP", not "bearer"/
    )
    refused(
      body({ access_token: TOKEN, expires_in: 5, token_type: 'x'.repeat(100) }),
      new RegExp(`its "token_type" is "${'x'.repeat(40)}…", not "bearer"`)
    )
    refused(
      body({ access_token: TOKEN, expires_in: 5, token_type: 'mac\n::add-path::/tmp' }),
      /its "token_type" is "mac ::add-path::\/tmp", not "bearer"/
    )
  })
})

describe('decodeClaims', () => {
  it('decodes the claims of a JWT access token', () => {
    const claims = { scope: 'a b', exp: 1_800_000_000, sub: 'client', name: 'Zoë ✓' }
    assert.deepEqual(
      decodeClaims(`${b64({ alg: 'RS256', typ: 'at+jwt' })}.${b64(claims)}.sig`),
      claims
    )
  })

  it('accepts an unsigned JWT (empty signature segment)', () => {
    assert.deepEqual(decodeClaims(`${b64({ alg: 'none' })}.${b64({ a: 1 })}.`), { a: 1 })
  })

  it("returns undefined for an opaque token (Genesys Cloud's kind)", () => {
    for (const t of ['opaque-genesys-token', 'AbC_123-xyz', ''])
      assert.equal(decodeClaims(t), undefined, t)
  })

  it('returns undefined, without throwing, for anything that is not a JWT of two objects', () => {
    const header = b64({ alg: 'RS256' })
    for (const t of [
      'a.b',
      'a.b.c.d',
      '..',
      `.${b64({ a: 1 })}.s`,
      `${header}..s`,
      `${header}.!!!.sig`,
      `${header}.${b64({ a: 1 })}.s+g/=`,
      `${header}.${b64({ a: 1 })}==.sig`,
      `${header}.${b64('not json')}.sig`,
      `${header}.${b64('{"a":')}.sig`,
      `${header}.${b64([1, 2])}.sig`,
      `${header}.${b64(null)}.sig`,
      `${header}.${b64('"str"')}.sig`,
      `${header}.${b64(42)}.sig`,
      `${b64('not json')}.${b64({ a: 1 })}.s`,
      `${b64([1])}.${b64({ a: 1 })}.s`,
      `${b64(null)}.${b64({ a: 1 })}.s`,
      ` ${header}.${b64({ a: 1 })}.sig`,
      `${header}.${b64({ a: 1 })}.sig\n`
    ])
      assert.equal(decodeClaims(t), undefined, t)
  })
})

describe('oauthErrorOf', () => {
  it('reads error and error_description', () => {
    assert.deepEqual(
      oauthErrorOf(
        body({ error: 'invalid_client', error_description: 'authentication failed' }),
        noSecrets
      ),
      { error: 'invalid_client', description: 'authentication failed' }
    )
  })

  it("falls back to Genesys's description field", () => {
    assert.deepEqual(
      oauthErrorOf(body({ error: 'invalid_client', description: 'client not found' }), noSecrets),
      {
        error: 'invalid_client',
        description: 'client not found'
      }
    )
  })

  it('prefers error_description over description', () => {
    assert.deepEqual(
      oauthErrorOf(body({ error: 'e', description: 'd', error_description: 'ed' }), noSecrets),
      {
        error: 'e',
        description: 'ed'
      }
    )
    assert.equal(
      oauthErrorOf(body({ description: 'd', error_description: '' }), noSecrets).description,
      'd'
    )
  })

  it('ignores fields that are not strings, and bodies that are not objects', () => {
    assert.deepEqual(
      oauthErrorOf(body({ error: 1, error_description: ['x'], description: null }), noSecrets),
      {
        error: '',
        description: ''
      }
    )
    for (const text of ['', '<html>502</html>', '[]', 'null', '"invalid_client"'])
      assert.deepEqual(oauthErrorOf(text, noSecrets), { error: '', description: '' }, text)
  })

  it('caps the error at 100 characters and the description at 300, marking the cut', () => {
    const e = oauthErrorOf(
      body({ error: 'x'.repeat(1000), description: 'y'.repeat(1000) }),
      noSecrets
    )
    assert.equal(e.error, `${'x'.repeat(100)}…`)
    assert.equal(e.description, `${'y'.repeat(300)}…`)
  })

  it('makes each field one line: server text cannot start a workflow command', () => {
    const e = oauthErrorOf(
      body({
        error: 'invalid_client\r\n::error::x',
        error_description: 'bad\n::add-path::/tmp\u0085'
      }),
      noSecrets
    )
    assert.deepEqual(e, { error: 'invalid_client ::error::x', description: 'bad ::add-path::/tmp' })
  })

  it('falls back to description when error_description holds nothing printable', () => {
    assert.equal(
      oauthErrorOf(body({ error_description: ' \n\t', description: 'client not found' }), noSecrets)
        .description,
      'client not found'
    )
  })
})

describe('accessTokenOf: tokens that cannot be tokens', () => {
  it('hands back a token under 16 or over 16 KiB characters with the error to fail with', () => {
    for (const token of [
      'q7Z',
      'x'.repeat(TOKEN_LENGTH.min - 1),
      'y'.repeat(TOKEN_LENGTH.max + 1),
      'z'.repeat(700 * 1024)
    ]) {
      const issued = accessTokenOf(body({ access_token: token, expires_in: 60 }))
      assert.equal(issued.accessToken, token, 'the token comes back, to be revoked')
      const refused = worded(issued.refused)
      assert.ok(refused instanceof ActionError)
      assert.match(refused.message, new RegExp(`"access_token" is ${token.length} characters long`))
      assert.match(refused.message, token.length < 16 ? /shorter than 16/ : /longer than 16 KiB/)
      assert.ok(!refused.message.includes(token))
    }
  })

  it('takes tokens from 16 characters to 16 KiB', () => {
    for (const token of ['a'.repeat(TOKEN_LENGTH.min), 'b'.repeat(TOKEN_LENGTH.max)])
      assert.equal(accessTokenOf(body({ access_token: token })).refused, undefined)
  })
})
