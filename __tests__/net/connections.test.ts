// Connections owns every socket: keep-alive reuse, preconnects, close(), and no socket left behind
// by a request that timed out. Observed from the server's side (accepted and closed connections).
import assert from 'node:assert/strict'
import { afterEach, describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import type { HttpRequest } from '../../src/net/http.js'
import type { HttpPolicy } from '../../src/net/policy.js'
// request() is request() with a final failure worded as the user reads it.
import { request } from '../support/worded.js'
import { Loopback, testPolicy, useLoopback } from '../support/loopback.js'

const BOUND = { timeout: 15_000 }

const resources = (type: string) => process.getActiveResourcesInfo().filter(r => r === type).length
/** TCP sockets (either end) open in this process. */
const sockets = () => resources('TCPSocketWrap')
const socketsBelow = async (n: number) => {
  while (sockets() >= n) await new Promise(resolve => setImmediate(resolve))
}

describe('Connections with request()', () => {
  const net = useLoopback({ each: true })
  afterEach(async () => {
    await socketsBelow(1) // each test starts with no TCP socket in the process
  })

  const policy = (extra: Partial<HttpPolicy> = {}) => testPolicy(net.connections, extra)
  const get = (path = '/c'): HttpRequest => ({
    method: 'GET',
    url: `${net.server.origin}${path}`,
    headers: {},
    what: 'T'
  })
  const sockets = () => process.getActiveResourcesInfo().filter(r => r === 'TCPSocketWrap').length

  it('two sequential requests to one origin share one TCP connection', BOUND, async () => {
    assert.equal((await request(get('/1'), policy())).status, 200)
    assert.equal((await request(get('/2'), policy())).status, 200)
    assert.equal(net.server.connections, 1)
    assert.deepEqual(
      net.server.requests.map(r => r.connection),
      [1, 1]
    )
  })

  // An unread (empty) HEAD answer would never end, so its socket would never be freed.
  it('HEAD requests reuse the connection too', BOUND, async () => {
    for (const path of ['/1', '/2']) {
      // A framed answer (Content-Length), as API servers send: the server keeps the connection.
      net.server.handlers.push((_q, r) => r.writeHead(200, { 'Content-Length': '2' }).end('ok'))
      const res = await request({ ...get(path), method: 'HEAD' }, policy())
      assert.equal(res.status, 200)
    }
    assert.equal(net.server.connections, 1)
  })

  // http-client hands the agent URL.hostname, which keeps an IPv6 literal's brackets ("[::1]").
  it('reaches an IPv6 literal origin, preconnected or not', BOUND, async () => {
    const v6 = await Loopback.start('::1')
    try {
      net.connections.preconnect(v6.origin, 1)
      const res = await request({ ...get(), url: `${v6.origin}/v6` }, policy())
      assert.equal(res.status, 200)
      assert.equal(v6.connections, 1, 'the request used the preconnected socket')
    } finally {
      await v6.stop()
    }
  })

  it('preconnect(origin, n) opens n connections that the requests then use', BOUND, async () => {
    net.connections.preconnect(net.server.origin, 3)
    await net.server.until(() => net.server.connections === 3)
    assert.equal(net.server.requests.length, 0, 'no request went out with the preconnects')
    const answers = await Promise.all([1, 2, 3].map(i => request(get(`/${i}`), policy())))
    assert.deepEqual(
      answers.map(a => a.status),
      [200, 200, 200]
    )
    assert.equal(net.server.connections, 3, 'the requests opened no connection of their own')
    assert.deepEqual(new Set(net.server.requests.map(r => r.connection)), new Set([1, 2, 3]))
  })

  it('a preconnected socket that died meanwhile is replaced, not used', BOUND, async () => {
    net.connections.preconnect(net.server.origin, 1)
    await net.server.until(() => net.server.connections === 1)
    net.server.drop()
    await socketsBelow(1) // both ends are gone: the request finds the warm socket dead
    assert.equal((await request(get(), policy())).status, 200)
    assert.equal(net.server.connections, 2)
    assert.equal(net.server.requests[0].connection, 2)
  })

  it('close() ends idle keep-alive sockets, and later requests fail at once', BOUND, async () => {
    await request(get(), policy())
    assert.equal(net.server.open, 1, 'the socket stays open for reuse')
    net.connections.close()
    await net.server.until(() => net.server.closed === 1)
    await assert.rejects(
      request(get(), policy({ maxAttempts: 3 })),
      (e: unknown) =>
        e instanceof ActionError &&
        /^T to http:\/\/127\.0\.0\.1:\d+ failed: connection closed, after 1 attempt\./.test(
          e.message
        )
    )
    assert.equal(net.server.connections, 1, 'no connection was opened after close()')
  })

  it('close() ends preconnected sockets that no request used', BOUND, async () => {
    net.connections.preconnect(net.server.origin, 2)
    await net.server.until(() => net.server.connections === 2, 'two preconnected sockets')
    assert.equal(net.server.open, 2, 'both wait open for a request')
    net.connections.close()
    await net.server.until(() => net.server.open === 0, 'close() ends both')
    assert.equal(net.server.connections, 2, 'close() opened nothing')
    assert.deepEqual(net.server.requests, [], 'no request went out on them')
  })

  it(
    'a server that accepts but never answers is cut at timeoutMs, its socket destroyed',
    BOUND,
    async () => {
      const before = sockets()
      const timers = resources('Timeout')
      net.server.handlers.push(() => undefined)
      const started = performance.now()
      await assert.rejects(request(get(), policy({ timeoutMs: 300 })), (e: Error) =>
        /failed: no answer within 0\.3 s, after 1 attempt/.test(e.message)
      )
      assert.ok(performance.now() - started < 5000, 'did not hang')
      await net.server.until(() => net.server.closed === 1)
      // Both ends of the connection are gone, and the attempt's timer: nothing keeps us alive.
      await socketsBelow(before + 1)
      assert.ok(resources('Timeout') <= timers, 'a timer was left behind')
    }
  )
})
