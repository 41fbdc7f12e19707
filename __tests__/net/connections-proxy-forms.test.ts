// Connections' proxy forms in-process (end to end through dist/ in e2e/proxy-forms.test.ts): an
// unusable setting opens no socket, a 407's challenge decides which failure it is, and the TLS
// failure of the session to an https:// proxy names the proxy.
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { Connections } from '../../src/net/connections.js'
import { RequestFailed } from '../../src/net/failure.js'
import { send } from '../../src/net/http.js'
import { testTls } from '../../tools/tls.js'
import { TunnelProxy } from '../support/proxy.js'
import { testPolicy } from '../support/loopback.js'

const BOUND = { timeout: 15_000 }
const req = { method: 'GET', url: 'https://api.example.test/x', headers: {}, what: 'T' } as const

/** The RequestFailed of a send (up to 3 attempts) through Connections made with `env`. */
async function failure(env: NodeJS.ProcessEnv, lines: string[] = []): Promise<RequestFailed> {
  const connections = new Connections(2000, { env, debug: line => lines.push(line) })
  try {
    const e = await send(req, testPolicy(connections, { maxAttempts: 3 })).then(
      () => undefined,
      (err: unknown) => err
    )
    assert.ok(e instanceof RequestFailed, String(e))
    return e
  } finally {
    connections.close()
  }
}

describe('Connections: proxy forms', () => {
  let proxy: http.Server
  let url = ''
  let connects = 0
  const challenges: string[][] = []
  const sockets = new Set<Socket>()
  before(async () => {
    proxy = http.createServer()
    proxy.on('connection', () => connects++)
    proxy.on('connect', (_req, socket: Socket) => {
      sockets.add(socket)
      socket.on('error', () => undefined)
      const headers = (challenges.shift() ?? []).map(c => `Proxy-Authenticate: ${c}\r\n`).join('')
      socket.end(
        `HTTP/1.1 407 Proxy Authentication Required\r\n${headers}Content-Length: 0\r\n\r\n`
      )
    })
    await new Promise<void>(resolve => proxy.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
  })
  after(async () => {
    for (const s of sockets) s.destroy()
    await new Promise<void>(resolve => proxy.close(() => resolve()))
  })

  it(
    'a SOCKS setting fails at once, opening no socket; the debug line says so',
    BOUND,
    async () => {
      const before = connects
      const lines: string[] = []
      const e = await failure({ https_proxy: url.replace('http:', 'socks5h:') }, lines)
      assert.equal(e.failure.kind, 'proxy-setting')
      assert.equal(e.attempts, 1)
      assert.match(e.failure.reason, /^https_proxy names a SOCKS proxy \(socks5h:\/\/\)/)
      assert.equal(connects, before)
      assert.deepEqual(lines, [`api.example.test: no route (${e.failure.reason})`])
    }
  )

  it(
    'a 407 names NTLM/Negotiate when only they are offered, else asks for Basic',
    BOUND,
    async () => {
      challenges.push(['NTLM', 'Negotiate'])
      let e = await failure({ https_proxy: url })
      assert.equal(e.failure.kind, 'proxy-auth-scheme')
      assert.equal(e.attempts, 1)
      assert.match(e.failure.reason, /wants NTLM or Negotiate authentication \(HTTP 407\)/)
      challenges.push(['NTLM', 'Basic realm="x"'])
      e = await failure({ https_proxy: url })
      assert.equal(e.failure.kind, 'proxy-auth')
      challenges.push([])
      e = await failure({ https_proxy: url })
      assert.equal(e.failure.kind, 'proxy-auth')
    }
  )

  it(
    'a TLS failure with an https:// proxy names the proxy, and opens no tunnel',
    BOUND,
    async () => {
      const tunnel = await TunnelProxy.start(
        { host: '127.0.0.1', port: 1 },
        { tls: testTls('genesys') }
      )
      try {
        const e = await failure({ https_proxy: tunnel.url })
        assert.equal(e.failure.kind, 'tls-untrusted') // this process does not trust the test CA
        assert.match(
          e.failure.reason,
          /^the TLS certificate of the proxy https:\/\/localhost:\d+ is not trusted/
        )
        assert.equal(tunnel.tunnels.length, 0)
      } finally {
        await tunnel.stop()
      }
    }
  )
})
