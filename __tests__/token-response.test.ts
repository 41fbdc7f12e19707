import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../src/errors.js'
import {
  apiMessageOf,
  decodeClaims,
  oauthErrorOf,
  parseTokenResponse
} from '../src/token-response.js'

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

describe('parseTokenResponse', () => {
  it('reads a Genesys response', () => {
    assert.deepEqual(
      parseTokenResponse('{"access_token":"abc-DEF_1","token_type":"bearer","expires_in":86399}'),
      {
        accessToken: 'abc-DEF_1',
        tokenType: 'bearer',
        expiresIn: 86399
      }
    )
  })

  it('accepts Bearer in any case, expires_in as a string, and keeps a scope field', () => {
    const t = parseTokenResponse(
      '{"access_token":"t","token_type":"Bearer","expires_in":"300","scope":"a b"}'
    )
    assert.equal(t.tokenType, 'Bearer')
    assert.equal(t.expiresIn, 300)
    assert.equal(t.scope, 'a b')
  })

  it('rejects what is not a usable token response, without quoting the token', () => {
    const cases: [string, RegExp][] = [
      ['not json', /not a JSON object/],
      ['[]', /not a JSON object/],
      ['null', /not a JSON object/],
      ['{"token_type":"bearer","expires_in":1}', /no "access_token"/],
      ['{"access_token":"  ","expires_in":1}', /no "access_token"/],
      ['{"access_token":42,"expires_in":1}', /no "access_token"/],
      ['{"access_token":"secret-tok en","expires_in":1}', /whitespace or control characters/],
      ['{"access_token":"secret-token"}', /"expires_in" is missing/],
      ['{"access_token":"secret-token","expires_in":-5}', /"expires_in"/],
      ['{"access_token":"secret-token","expires_in":"soon"}', /"expires_in"/],
      [
        '{"access_token":"secret-token","expires_in":5,"token_type":"mac"}',
        /"token_type" is "mac", not "bearer"/
      ]
    ]
    for (const [body, message] of cases)
      assert.throws(
        () => parseTokenResponse(body),
        (e: unknown) =>
          e instanceof ActionError && message.test(e.message) && !e.message.includes('secret-tok'),
        body
      )
  })
})

describe('decodeClaims', () => {
  it('decodes a JWT access token', () => {
    const jwt = `${b64({ alg: 'RS256' })}.${b64({ scope: 'a b', exp: 123 })}.sig`
    assert.deepEqual(decodeClaims(jwt), { scope: 'a b', exp: 123 })
  })

  it('treats opaque tokens and broken JWTs as opaque, silently', () => {
    for (const t of [
      'opaque-genesys-token',
      'a.b',
      'a.b.c.d',
      `${b64({ alg: 'x' })}.!!!.sig`,
      `${b64('str')}.${b64({ a: 1 })}.s`,
      `${b64({ alg: 'x' })}.${b64([1])}.s`,
      'e30.bm90IGpzb24.sig'
    ])
      assert.equal(decodeClaims(t), undefined, t)
  })
})

describe('error bodies', () => {
  it('read OAuth errors, preferring error_description over Genesys description', () => {
    assert.deepEqual(oauthErrorOf('{"error":"invalid_client","description":"client not found"}'), {
      error: 'invalid_client',
      description: 'client not found'
    })
    assert.deepEqual(oauthErrorOf('{"error":"e","description":"d","error_description":"ed"}'), {
      error: 'e',
      description: 'ed'
    })
    assert.deepEqual(oauthErrorOf('<html>'), { error: '', description: '' })
    assert.equal(oauthErrorOf(JSON.stringify({ error: 'x'.repeat(1000) })).error.length, 300)
  })

  it('read Platform API messages', () => {
    assert.equal(apiMessageOf('{"message":"Forbidden","code":"x"}'), 'Forbidden')
    assert.equal(apiMessageOf('{"code":"too.many.requests"}'), 'too.many.requests')
    assert.equal(apiMessageOf('oops'), '')
  })
})
