// Platform API calls (api.ts) and the JSON helpers they share, over a loopback server.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { apiMessageOf, callApi } from '../../src/genesys/api.js'
import { isSuccess } from '../../src/net/http.js'
import { isRecord, parseJson } from '../../src/net/text.js'
import { noSecrets, testPolicy, type Handler, useLoopback } from '../support/loopback.js'
import { settledInWords } from '../support/worded.js'

const answer =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_q, r) =>
    r
      .writeHead(status, { 'Content-Type': 'application/json', ...headers })
      .end(typeof body === 'string' ? body : JSON.stringify(body))

describe('parseJson and isRecord', () => {
  it('parseJson returns undefined instead of throwing', () => {
    assert.equal(parseJson('{'), undefined)
    assert.equal(parseJson(''), undefined)
    assert.deepEqual(parseJson('{"a":[1]}'), { a: [1] })
    assert.equal(parseJson('null'), null)
  })

  it('isRecord holds for plain objects only', () => {
    assert.ok(isRecord({}) && isRecord({ a: 1 }))
    for (const v of [null, undefined, [], [1], 'x', 1, true]) assert.ok(!isRecord(v), String(v))
  })
})

describe('apiMessageOf', () => {
  it('reads a Platform API message, or its code, capped at 500 characters', () => {
    assert.equal(apiMessageOf({ message: 'Forbidden', code: 'x' }, noSecrets), 'Forbidden')
    assert.equal(apiMessageOf({ code: 'too.many.requests' }, noSecrets), 'too.many.requests')
    assert.equal(apiMessageOf({ message: 'm'.repeat(900) }, noSecrets), `${'m'.repeat(500)}…`)
    assert.equal(apiMessageOf({ message: 42, code: 'c' }, noSecrets), 'c')
    assert.equal(apiMessageOf({ message: 42, code: 7 }, noSecrets), '')
    for (const json of [undefined, 'oops', [], null, 42])
      assert.equal(apiMessageOf(json, noSecrets), '')
  })

  it('makes the message one line', () => {
    assert.equal(
      apiMessageOf({ message: 'Missing [a]\n::add-path::/tmp\u2028x' }, noSecrets),
      'Missing [a] ::add-path::/tmp x'
    )
  })
})

describe('isSuccess', () => {
  it('is 2xx', () => {
    for (const s of [200, 201, 204, 299]) assert.ok(isSuccess(s), String(s))
    for (const s of [0, 199, 300, 304, 401, 500]) assert.ok(!isSuccess(s), String(s))
  })
})

describe('callApi', () => {
  const net = useLoopback()
  const policy = (lines: string[] = []) =>
    testPolicy(net.connections, { maxAttempts: 3, log: l => lines.push(l), random: () => 0.5 })
  const call = { method: 'GET', path: '/api/v2/x?y=1', what: 'Thing' } as const

  it('sends the Bearer token, asks for JSON, and returns the parsed answer', async () => {
    net.server.handlers.push(answer(200, { a: 1 }))
    const start = net.server.requests.length
    const res = await callApi(net.server.origin, 'tok-1', call, policy())
    assert.deepEqual(res, { status: 200, ok: true, json: { a: 1 }, message: '', attempts: 1 })
    const seen = net.server.requests[start]
    assert.equal(seen.path, '/api/v2/x?y=1')
    assert.equal(seen.headers.authorization, 'Bearer tok-1')
    assert.equal(seen.headers.accept, 'application/json')
  })

  it("a refusal carries the API's message; a non-JSON body gives none", async () => {
    net.server.handlers.push(answer(403, { message: 'Missing permission\n::x', code: 'forbidden' }))
    const res = await callApi(net.server.origin, 't', call, policy())
    assert.equal(res.ok, false)
    assert.equal(res.status, 403)
    assert.equal(res.message, 'Missing permission ::x')
    net.server.handlers.push(answer(500, '<html>oops</html>'), answer(404, '<html>no</html>'))
    const other = await callApi(net.server.origin, 't', call, policy())
    assert.deepEqual(
      { status: other.status, message: other.message, json: other.json, attempts: other.attempts },
      { status: 404, message: '', json: undefined, attempts: 2 }
    )
  })

  it('retries 429 and 5xx, but not a 400 "rate limit exceeded" (a token endpoint rule)', async () => {
    net.server.handlers.push(answer(429, { code: 'too.many.requests' }, { 'Retry-After': '0' }))
    const lines: string[] = []
    assert.equal((await callApi(net.server.origin, 't', call, policy(lines))).attempts, 2)
    assert.deepEqual(lines, ['Thing: attempt 1/3 failed (HTTP 429); retrying in 0.0 s'])

    const rateLimit = { error: 'invalid_request', error_description: 'rate limit exceeded' }
    net.server.handlers.push(answer(400, rateLimit))
    const start = net.server.requests.length
    const res = await callApi(net.server.origin, 't', call, policy())
    assert.equal(res.status, 400)
    assert.equal(res.attempts, 1)
    assert.equal(net.server.requests.length - start, 1)
  })

  it('a huge answer fails a call that needs the body, and is cut for a status-only call', async () => {
    const huge = `{"padding":"${'x'.repeat(2 * 1024 * 1024)}"}`
    net.server.handlers.push(answer(200, huge))
    await assert.rejects(
      settledInWords(callApi(net.server.origin, 't', call, policy())),
      (e: Error) =>
        /^Thing to http:\/\/127\.0\.0\.1:\d+ failed: response body over 1024 KiB, after 1 attempt\. The server sent far more than a Platform API answers/.test(
          e.message
        )
    )
    net.server.handlers.push(answer(200, huge), answer(403, huge))
    for (const status of [200, 403]) {
      const res = await callApi(net.server.origin, 't', { ...call, statusOnly: true }, policy())
      assert.equal(res.status, status)
      assert.equal(res.ok, status === 200)
      assert.equal(res.json, undefined, 'a cut body is no JSON')
      assert.equal(res.message, '')
    }
  })
})
