// Connections' own CONNECT tunnels, through a loopback proxy that refuses or stalls as told: the
// failure kinds, retries and hints, and that the proxy's credentials never reach a message.
// (Tunnels that succeed, with TLS inside, are covered end to end in e2e/proxy.test.ts.)
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { after, afterEach, before, beforeEach, describe, it } from 'node:test'
import { Connections } from '../../src/net/connections.js'
import { ActionError } from '../../src/errors.js'
// request() is send() with a final failure worded as the user reads it.
import { request } from '../support/worded.js'
import { testPolicy } from '../support/loopback.js'

type Reply = string | 'hang'
const PASSWORD = 'pr0xy@pass word'
const BOUND = { timeout: 15_000 }

describe('CONNECT tunnels through a proxy', () => {
  let proxy: http.Server
  let proxyUrl = ''
  const replies: Reply[] = []
  const seen: { target: string; auth: string }[] = []
  const sockets = new Set<Socket>()
  const saved = { https_proxy: process.env.https_proxy, no_proxy: process.env.no_proxy }
  let connections: Connections

  before(async () => {
    proxy = http.createServer((_req, res) => res.writeHead(405).end())
    proxy.on('connect', (req, socket: Socket) => {
      sockets.add(socket)
      socket.on('error', () => undefined)
      seen.push({ target: req.url ?? '', auth: String(req.headers['proxy-authorization'] ?? '') })
      const reply = replies.shift() ?? 'HTTP/1.1 502 Bad Gateway\r\n\r\n'
      if (reply !== 'hang') socket.end(reply)
    })
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
    process.env.https_proxy = `http://me:${encodeURIComponent(PASSWORD)}@${proxyUrl.slice(7)}`
    delete process.env.no_proxy
  })
  after(async () => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    for (const s of sockets) s.destroy()
    await new Promise<void>(resolve => proxy.close(() => resolve()))
  })
  beforeEach(() => {
    connections = new Connections(300)
    seen.length = 0
  })
  afterEach(() => connections.close())

  const policy = (maxAttempts = 1) => testPolicy(connections, { maxAttempts, timeoutMs: 5000 })
  // A host only the proxy could reach: nothing is resolved or sent beyond the loopback proxy.
  const req = {
    method: 'GET',
    url: 'https://api.example.test/api/v2/x',
    headers: {},
    what: 'T'
  } as const

  /** The ActionError of a failed send, checked never to quote the proxy's credentials. */
  async function failure(maxAttempts = 1): Promise<string> {
    let message = ''
    await assert.rejects(request(req, policy(maxAttempts)), (e: unknown) => {
      assert.ok(e instanceof ActionError, String(e))
      message = e.message
      return true
    })
    const basic = Buffer.from(`me:${PASSWORD}`).toString('base64')
    for (const secret of [PASSWORD, encodeURIComponent(PASSWORD), basic, 'me:'])
      assert.ok(!message.includes(secret), message)
    return message
  }

  it('asks for host:443 with the Basic credentials of the proxy URL, decoded', BOUND, async () => {
    replies.push('HTTP/1.1 403 Forbidden\r\n\r\n')
    await failure()
    assert.deepEqual(seen, [
      {
        target: 'api.example.test:443',
        auth: `Basic ${Buffer.from(`me:${PASSWORD}`).toString('base64')}`
      }
    ])
  })

  it('a 407 is final and asks for credentials in the proxy URL', BOUND, async () => {
    replies.push('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n')
    const message = await failure(3)
    assert.equal(seen.length, 1)
    assert.ok(
      message.startsWith(
        `T to https://api.example.test failed: the proxy ${proxyUrl} wants credentials (HTTP 407), after 1 attempt. Give the proxy its credentials`
      ),
      message
    )
  })

  it('a refusal with a body is read the same way', BOUND, async () => {
    replies.push('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 4\r\n\r\nnope')
    assert.match(await failure(), /wants credentials \(HTTP 407\)/)
  })

  it('a 5xx refusal is retried; a 4xx one is not', BOUND, async () => {
    replies.push('HTTP/1.1 502 Bad Gateway\r\n\r\n', 'HTTP/1.1 503 Busy\r\n\r\n')
    const message = await failure(2)
    assert.equal(seen.length, 2)
    assert.match(
      message,
      /failed: the proxy http:\/\/127\.0\.0\.1:\d+ refused the tunnel to api\.example\.test:443 \(HTTP 503\), after 2 attempts\. Check the proxy settings/
    )
    seen.length = 0
    replies.push('HTTP/1.1 403 Forbidden\r\n\r\n')
    assert.match(await failure(3), /refused the tunnel .* \(HTTP 403\), after 1 attempt\./)
    assert.equal(seen.length, 1)
  })

  it('a proxy that never answers the CONNECT is cut at the connect timeout', BOUND, async () => {
    replies.push('hang')
    const started = performance.now()
    assert.match(
      await failure(),
      /failed: no answer from the proxy http:\/\/127\.0\.0\.1:\d+ within 0\.3 s, after 1 attempt\./
    )
    assert.ok(performance.now() - started < 5000, 'did not hang')
  })

  it('an unreachable proxy is named, without its credentials', BOUND, async () => {
    const port = (proxy.address() as AddressInfo).port
    process.env.https_proxy = `http://me:${encodeURIComponent(PASSWORD)}@127.0.0.1:1`
    try {
      assert.match(
        await failure(),
        /failed: could not reach the proxy http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\), after 1 attempt\. Check the proxy settings/
      )
    } finally {
      process.env.https_proxy = `http://me:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`
    }
  })
})
