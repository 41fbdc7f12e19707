// request() over real loopback sockets, with injected sleep and random so the policy is observable.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import { MAX_BODY_BYTES } from '../../src/net/http.js'
import type { HttpPolicy } from '../../src/net/policy.js'
// request() is request() with a final failure worded as the user reads it.
import { request } from '../support/worded.js'
import { type Handler, useLoopback } from '../support/loopback.js'

describe('send', () => {
  const net = useLoopback()
  let url = ''
  before(() => {
    url = `${net.server.origin}/x`
  })
  const seenCount = () => net.server.requests.length

  const policy = (
    waits: number[],
    lines: string[],
    extra: Partial<HttpPolicy> = {}
  ): HttpPolicy => ({
    maxAttempts: 3,
    timeoutMs: 1000,
    deadline: Date.now() + 600_000,
    connections: net.connections,
    waitScale: 1,
    log: l => lines.push(l),
    redact: t => t,
    random: () => 0.5,
    sleep: async ms => void waits.push(ms),
    ...extra
  })

  it('returns the final answer with its attempt count, after logged, jittered waits', async () => {
    net.server.handlers.push(
      (_q, r) => r.writeHead(503).end(),
      (_q, r) => r.writeHead(429, { 'Retry-After': '2' }).end()
    )
    const waits: number[] = []
    const lines: string[] = []
    const start = seenCount()
    const res = await request(
      { method: 'GET', url, headers: {}, what: 'Thing' },
      policy(waits, lines)
    )
    assert.equal(res.status, 200)
    assert.equal(res.attempts, 3)
    assert.equal(res.body, '{"ok":true}')
    assert.equal(seenCount() - start, 3)
    assert.deepEqual(waits, [600, 4000])
    assert.deepEqual(lines, [
      'Thing: attempt 1/3 failed (HTTP 503); retrying in 0.6 s',
      'Thing: attempt 2/3 failed (HTTP 429); retrying in 4.0 s'
    ])
  })

  it('returns a transient status as final once attempts run out', async () => {
    net.server.handlers.push(
      ...Array.from({ length: 3 }, (): Handler => (_q, r) => r.writeHead(502).end())
    )
    const res = await request({ method: 'GET', url, headers: {}, what: 'T' }, policy([], []))
    assert.equal(res.status, 502)
    assert.equal(res.attempts, 3)
  })

  it('does not follow redirects', async () => {
    net.server.handlers.push((_q, r) => r.writeHead(302, { Location: `${url}/elsewhere` }).end())
    const start = seenCount()
    const res = await request(
      { method: 'POST', url, headers: {}, body: 'a=b', what: 'T' },
      policy([], [])
    )
    assert.equal(res.status, 302)
    assert.equal(seenCount() - start, 1)
  })

  it('aborts an attempt that gets no answer in time, and says so', async () => {
    net.server.handlers.push(
      () => undefined,
      () => undefined
    )
    const started = performance.now()
    await assert.rejects(
      request(
        { method: 'GET', url, headers: {}, what: 'Slow' },
        policy([], [], { maxAttempts: 2, timeoutMs: 200 })
      ),
      (e: unknown) =>
        e instanceof ActionError &&
        /^Slow to http:\/\/127\.0\.0\.1:\d+ failed: no answer within 0\.2 s, after 2 attempts/.test(
          e.message
        )
    )
    assert.ok(performance.now() - started < 2000)
  })

  it('caps the body and fails at once on an oversized one', async () => {
    net.server.handlers.push((_q, r) => r.writeHead(200).end('x'.repeat(2 * 1024 * 1024)))
    const start = seenCount()
    await assert.rejects(
      request({ method: 'GET', url, headers: {}, what: 'Big' }, policy([], [])),
      /response body over 1024 KiB, after 1 attempt/
    )
    assert.equal(seenCount() - start, 1)
  })

  it('names the error code of a network failure, never the request', async () => {
    const lines: string[] = []
    await assert.rejects(
      request(
        {
          method: 'POST',
          url: 'http://127.0.0.1:1/token',
          headers: { Authorization: 'Basic c2VjcmV0' },
          body: 'client_secret=secret',
          what: 'T'
        },
        policy([], lines)
      ),
      (e: Error) =>
        /failed: ECONNREFUSED, after 3 attempts/.test(e.message) &&
        !/secret|c2VjcmV0/.test(e.message + lines.join())
    )
    assert.equal(lines.length, 2)
  })

  it('reads a body of exactly MAX_BODY_BYTES whole', async () => {
    net.server.handlers.push((_q, r) => r.writeHead(200).end('y'.repeat(MAX_BODY_BYTES)))
    const res = await request({ method: 'GET', url, headers: {}, what: 'Edge' }, policy([], []))
    assert.equal(res.body.length, MAX_BODY_BYTES)
  })

  it("'truncate' cuts an oversized body instead of failing, 2xx or 4xx", async () => {
    for (const status of [200, 403]) {
      net.server.handlers.push((_q, r) => r.writeHead(status).end('x'.repeat(3 * MAX_BODY_BYTES)))
      const start = seenCount()
      const res = await request(
        { method: 'GET', url, headers: {}, what: 'Probe', oversized: 'truncate' },
        policy([], [])
      )
      assert.equal(res.status, status)
      assert.equal(res.attempts, 1)
      assert.equal(seenCount() - start, 1)
      assert.ok(res.body.length <= MAX_BODY_BYTES, String(res.body.length))
      assert.ok(res.body.length > MAX_BODY_BYTES / 2, String(res.body.length))
      assert.match(res.body, /^x+$/)
    }
  })

  it('by default retries 408, 429 and 5xx gateway statuses only: a 400 or 501 is final', async () => {
    for (const status of [400, 401, 404, 501]) {
      net.server.handlers.push((_q, r) => r.writeHead(status).end('{"error":"invalid_request"}'))
      const start = seenCount()
      const res = await request({ method: 'GET', url, headers: {}, what: 'T' }, policy([], []))
      assert.equal(res.status, status)
      assert.equal(res.attempts, 1)
      assert.equal(seenCount() - start, 1)
    }
  })

  it("follows the request's own transient rule, and logs its reason", async () => {
    net.server.handlers.push(
      (_q, r) => r.writeHead(400).end('busy'),
      (_q, r) => r.writeHead(503).end('down')
    )
    const lines: string[] = []
    const rule = (status: number, body: string) =>
      status === 400 && body === 'busy' ? 'the server is busy' : undefined
    const res = await request(
      { method: 'GET', url, headers: {}, what: 'Own', transient: rule },
      policy([], lines)
    )
    assert.equal(res.status, 503, 'a 503 is final under a rule that does not call it transient')
    assert.equal(res.attempts, 2)
    assert.deepEqual(lines, ['Own: attempt 1/3 failed (the server is busy); retrying in 0.6 s'])
  })

  it('sends the method, headers and body as given', async () => {
    const start = seenCount()
    await request(
      { method: 'DELETE', url, headers: { Authorization: 'Bearer t' }, what: 'T' },
      policy([], [])
    )
    const seen = net.server.requests[start]
    assert.equal(seen.method, 'DELETE')
    assert.equal(seen.path, '/x')
    assert.equal(seen.headers.authorization, 'Bearer t')
  })
})
