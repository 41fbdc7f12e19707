// send() over real loopback sockets, with injected sleep and random so the policy is observable.
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { ActionError } from '../src/errors.js'
import { send, type HttpPolicy } from '../src/http.js'

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void

describe('send', () => {
  let server: http.Server
  let url = ''
  const handlers: Handler[] = []
  let seen = 0
  before(async () => {
    server = http.createServer((req, res) => {
      seen++
      const h = handlers.shift()
      if (h) h(req, res)
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
    })
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`
  })
  after(() => {
    server.closeAllConnections()
    server.close()
  })

  const policy = (
    waits: number[],
    lines: string[],
    extra: Partial<HttpPolicy> = {}
  ): HttpPolicy => ({
    maxAttempts: 3,
    timeoutMs: 1000,
    waitScale: 1,
    log: l => lines.push(l),
    random: () => 0.5,
    sleep: async ms => void waits.push(ms),
    ...extra
  })

  it('returns the final answer with its attempt count, after logged, jittered waits', async () => {
    handlers.push(
      (_q, r) => r.writeHead(503).end(),
      (_q, r) => r.writeHead(429, { 'Retry-After': '2' }).end()
    )
    const waits: number[] = []
    const lines: string[] = []
    const start = seen
    const res = await send({ method: 'GET', url, headers: {}, what: 'Thing' }, policy(waits, lines))
    assert.equal(res.status, 200)
    assert.equal(res.attempts, 3)
    assert.equal(res.body, '{"ok":true}')
    assert.equal(seen - start, 3)
    assert.deepEqual(waits, [600, 4000])
    assert.deepEqual(lines, [
      'Thing: attempt 1/3 failed (HTTP 503); retrying in 0.6 s',
      'Thing: attempt 2/3 failed (HTTP 429); retrying in 4.0 s'
    ])
  })

  it('returns a transient status as final once attempts run out', async () => {
    handlers.push(...Array.from({ length: 3 }, (): Handler => (_q, r) => r.writeHead(502).end()))
    const res = await send({ method: 'GET', url, headers: {}, what: 'T' }, policy([], []))
    assert.equal(res.status, 502)
    assert.equal(res.attempts, 3)
  })

  it('does not follow redirects', async () => {
    handlers.push((_q, r) => r.writeHead(302, { Location: `${url}/elsewhere` }).end())
    const start = seen
    const res = await send(
      { method: 'POST', url, headers: {}, body: 'a=b', what: 'T' },
      policy([], [])
    )
    assert.equal(res.status, 302)
    assert.equal(seen - start, 1)
  })

  it('aborts an attempt that gets no answer in time, and says so', async () => {
    handlers.push(
      () => undefined,
      () => undefined
    )
    const started = performance.now()
    await assert.rejects(
      send(
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
    handlers.push((_q, r) => r.writeHead(200).end('x'.repeat(2 * 1024 * 1024)))
    const start = seen
    await assert.rejects(
      send({ method: 'GET', url, headers: {}, what: 'Big' }, policy([], [])),
      /response body over 1024 KiB, after 1 attempt/
    )
    assert.equal(seen - start, 1)
  })

  it('names the error code of a network failure, never the request', async () => {
    const lines: string[] = []
    await assert.rejects(
      send(
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
})
