// A CONNECT proxy on loopback that routes every tunnel, whatever host it names, to one local
// TLS server: the action can use real Genesys host names while no packet leaves the machine.
import { writeFileSync, mkdtempSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export class TunnelProxy {
  readonly tunnels: string[] = []
  private readonly sockets = new Set<net.Socket>()
  url = ''

  private constructor(
    private readonly server: http.Server,
    target: { host: string; port: number }
  ) {
    server.on('connect', (req, client: net.Socket) => {
      this.tunnels.push(req.url ?? '')
      const upstream = net.connect(target.port, target.host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.pipe(client)
        client.pipe(upstream)
      })
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('error', () => undefined)
        s.on('close', () => this.sockets.delete(s))
      }
      upstream.on('close', () => client.destroy())
      client.on('close', () => upstream.destroy())
    })
    // Plain (non-CONNECT) proxy requests are refused: this proxy only tunnels.
    server.on('request', (_req, res) => res.writeHead(405).end())
  }

  /**
   * `tls`: an https:// proxy (TLS to the proxy itself), reached as https://localhost:port, so
   * its certificate must name localhost. `host`: where it listens (default 127.0.0.1; '::1'
   * gives http://[::1]:port).
   */
  static async start(
    target: { host: string; port: number },
    options: { tls?: { key: string; cert: string }; host?: string } = {}
  ): Promise<TunnelProxy> {
    const server = options.tls ? https.createServer(options.tls) : http.createServer()
    const proxy = new TunnelProxy(server, target)
    const host = options.host ?? '127.0.0.1'
    await new Promise<void>(resolve => proxy.server.listen(0, host, resolve))
    const port = (proxy.server.address() as net.AddressInfo).port
    proxy.url = options.tls
      ? `https://localhost:${port}`
      : `http://${host.includes(':') ? `[${host}]` : host}:${port}`
    return proxy
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }
}

/**
 * A preload (for NODE_OPTIONS=--require) that makes every DNS look-up of a non-loopback name
 * fail: if the action ever bypassed the proxy, the test fails instead of reaching the internet.
 */
export function offlineGuard(lookupLog?: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gca-guard-')), 'offline.cjs')
  // With a log file, each refused look-up appends its host name: one line per attempt.
  const record = lookupLog
    ? `require('node:fs').appendFileSync(${JSON.stringify(lookupLog)}, host + '\\n');`
    : ''
  writeFileSync(
    file,
    `const dns = require('node:dns');
const lookup = dns.lookup;
const refuse = (host, ...rest) => {
  // localhost stays local (a test proxy may be reached by name); nothing else resolves.
  if (host === 'localhost') return lookup(host, ...rest);
  ${record}
  const cb = rest.pop();
  const err = Object.assign(new Error('offline test: no DNS for ' + host), { code: 'ENOTFOUND' });
  process.nextTick(cb, err);
};
dns.lookup = refuse;
`
  )
  return file
}

/** A proxy that accepts connections and never answers: the socket stays open, silent. */
export class BlackHoleProxy {
  connections = 0
  private readonly sockets = new Set<net.Socket>()
  url = ''

  private constructor(private readonly server: net.Server) {
    server.on('connection', socket => {
      this.connections++
      this.sockets.add(socket)
      socket.on('error', () => undefined)
      socket.on('close', () => this.sockets.delete(socket))
      socket.resume() // read and drop whatever the client sends
    })
  }

  static async start(): Promise<BlackHoleProxy> {
    const proxy = new BlackHoleProxy(net.createServer())
    await new Promise<void>(resolve => proxy.server.listen(0, '127.0.0.1', resolve))
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as net.AddressInfo).port}`
    return proxy
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }
}

/**
 * A proxy that wants Basic credentials (Proxy-Authorization). Without `credentials` it answers
 * every CONNECT with 407; with them, a CONNECT carrying the right header is tunnelled to
 * `target` as TunnelProxy does, and any other gets 407. `challenges`: the Proxy-Authenticate
 * headers of its 407 (default: Basic), e.g. ['NTLM', 'Negotiate'] for a Windows proxy.
 */
export class AuthProxy {
  /** Each CONNECT seen: its target and whether it carried the expected credentials. */
  readonly connects: { target: string; authorized: boolean }[] = []
  private readonly sockets = new Set<net.Socket>()
  url = ''

  private constructor(
    private readonly server: http.Server,
    options: {
      target?: { host: string; port: number }
      credentials?: { user: string; password: string }
      challenges?: string[]
    }
  ) {
    const expected = options.credentials
      ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}`
      : undefined
    server.on('connect', (req, client: net.Socket) => {
      this.sockets.add(client)
      client.on('error', () => undefined)
      client.on('close', () => this.sockets.delete(client))
      const authorized = expected !== undefined && req.headers['proxy-authorization'] === expected
      this.connects.push({ target: req.url ?? '', authorized })
      if (!authorized || !options.target) {
        const challenges = options.challenges ?? ['Basic realm="corp"']
        client.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\n' +
            challenges.map(c => `Proxy-Authenticate: ${c}\r\n`).join('') +
            'Content-Length: 0\r\nConnection: close\r\n\r\n'
        )
        return
      }
      const upstream = net.connect(options.target.port, options.target.host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.pipe(client)
        client.pipe(upstream)
      })
      this.sockets.add(upstream)
      upstream.on('error', () => undefined)
      upstream.on('close', () => {
        this.sockets.delete(upstream)
        client.destroy()
      })
      client.on('close', () => upstream.destroy())
    })
    server.on('request', (_req, res) => res.writeHead(405).end())
  }

  static async start(
    options: {
      target?: { host: string; port: number }
      credentials?: { user: string; password: string }
      challenges?: string[]
    } = {}
  ): Promise<AuthProxy> {
    const proxy = new AuthProxy(http.createServer(), options)
    await new Promise<void>(resolve => proxy.server.listen(0, '127.0.0.1', resolve))
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as net.AddressInfo).port}`
    return proxy
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }
}
