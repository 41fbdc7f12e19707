// Every socket this action opens is opened here, so one place can reuse them (keep-alive), open
// them early (preconnect, while the token request is still in flight) and end them all (close).
// @actions/http-client still makes the requests: it is handed these agents per request, in a
// request it never looks up a proxy for (src/net/http.ts).
// Proxies are ours too: the route comes from the environment the step was given (proxy.ts), and
// the CONNECT tunnel, with TLS to the proxy when it is https://, is opened here.
import type { Duplex } from 'node:stream'
import http from 'node:http'
import https from 'node:https'
import { isIP, type Socket } from 'node:net'
import { isTlsCode, NetworkFailure, tlsFailure } from './failure.js'
import { describeRoute, readProxySettings, routeFor, type Proxy } from './proxy.js'

type Callback = (err: Error | null, stream?: Duplex) => void

export class Connections {
  private readonly agents = new Map<string, http.Agent>()
  private readonly sockets = new Set<Duplex>()
  private readonly warm = new Map<string, Promise<Duplex>[]>()
  private readonly routed = new Set<string>()
  private closed = false

  /**
   * `connectMs` bounds a proxy's answer to CONNECT; everything else on a socket is bounded by the
   * request using it (its deadline destroys it) or by close(). `env` holds the proxy settings;
   * `debug`, when given, hears one line per host: its route.
   */
  constructor(
    private readonly connectMs: number,
    private readonly options: { env?: NodeJS.ProcessEnv; debug?: (line: string) => void } = {}
  ) {}

  /** The keep-alive agent for the URL's origin; every socket it opens is owned here. */
  agentFor(url: URL): http.Agent {
    const origin = url.origin
    const known = this.agents.get(origin)
    if (known) return known
    const secure = url.protocol === 'https:'
    const Base = secure ? https.Agent : http.Agent
    const open = (options: http.ClientRequestArgs, done: Callback) =>
      this.take(origin, options, done)
    const owned: http.Agent = new (class extends Base {
      override createConnection(
        options: http.ClientRequestArgs,
        done?: (err: Error | null, stream: Duplex) => void
      ) {
        open(options, (err, stream) => done!(err, stream!))
        return undefined
      }
    })({ keepAlive: true, maxSockets: 16 })
    this.agents.set(origin, owned)
    return owned
  }

  /** Opens `count` connections to the origin now, for requests that will follow. */
  preconnect(origin: string, count: number): void {
    const url = new URL(origin)
    const agent = this.agentFor(url)
    const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80)
    const list = this.warm.get(origin) ?? []
    for (let i = 0; i < count; i++) {
      const socket = new Promise<Duplex>((resolve, reject) =>
        this.open(agent, url, { host: url.hostname, port }, (err, s) =>
          err ? reject(err) : resolve(s!)
        )
      )
      socket.catch(() => undefined) // a failed warm socket is simply not used
      list.push(socket)
    }
    this.warm.set(origin, list)
  }

  /** Ends every socket and agent; later requests fail at once instead of opening new ones. */
  close(): void {
    this.closed = true
    for (const agent of this.agents.values()) agent.destroy()
    for (const s of this.sockets) s.destroy()
    this.sockets.clear()
    this.warm.clear()
  }

  /** A warm socket if one is ready and alive, else a new one. */
  private take(origin: string, options: http.ClientRequestArgs, done: Callback): void {
    const next = this.warm.get(origin)?.shift()
    const url = new URL(origin)
    const agent = this.agents.get(origin)!
    if (!next) return this.open(agent, url, options, done)
    next.then(
      s => (s.destroyed ? this.open(agent, url, options, done) : done(null, s)),
      () => this.open(agent, url, options, done)
    )
  }

  private open(agent: http.Agent, url: URL, options: http.ClientRequestArgs, done: Callback): void {
    if (this.closed) return done(new NetworkFailure('connection closed', false))
    const secure = url.protocol === 'https:'
    const route = routeFor(url, readProxySettings(this.options.env ?? process.env))
    if (!this.routed.has(url.host)) {
      this.routed.add(url.host)
      this.options.debug?.(describeRoute(url.host, route))
    }
    // An unusable proxy setting fails the request before any socket: never go direct instead.
    if ('unusable' in route)
      return done(new NetworkFailure(route.unusable.reason, false, 'proxy-setting'))
    const base = secure ? https.Agent.prototype : http.Agent.prototype
    // URL.hostname keeps an IPv6 literal's brackets; sockets and tunnels want the bare address.
    const host = String(options.host ?? url.hostname).replace(/^\[(.*)\]$/, '$1')
    // The agent names the TLS server for its own requests; a preconnect must do it itself.
    const servername =
      (options as { servername?: string }).servername ?? (secure && !isIP(host) ? host : undefined)
    const connect = (extra: object) =>
      this.track(
        base.createConnection.call(agent, { ...options, host, servername, ...extra }) as Duplex
      )
    if (!('via' in route)) return done(null, connect({}))
    this.tunnel(route.via, host, Number(options.port)).then(
      socket => done(null, connect({ socket })),
      (err: Error) => done(err)
    )
  }

  private track<T extends Duplex>(socket: T): T {
    if (this.closed) socket.destroy()
    // A request that uses the socket hears its errors; an unused (warm) one must not crash us.
    socket.on('error', () => undefined)
    this.sockets.add(socket)
    socket.once('close', () => this.sockets.delete(socket))
    return socket
  }

  /** An HTTP CONNECT tunnel through the proxy to host:port; the TLS session runs inside it. */
  private tunnel(proxy: Proxy, host: string, port: number): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const target = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`
      const headers: Record<string, string> = { host: target }
      if (proxy.username || proxy.password)
        headers['proxy-authorization'] =
          `Basic ${Buffer.from(`${proxy.username}:${proxy.password}`).toString('base64')}`
      const shown = proxy.origin
      const req = (proxy.secure ? https : http).request({
        host: proxy.hostname,
        port: proxy.port,
        // The TLS session to an https:// proxy is with the proxy: its name, not the target's
        // (which Node would take from the Host header). An address gets no SNI ('' stops Node
        // from deriving one) and its certificate is checked against the address.
        ...(proxy.secure && { servername: isIP(proxy.hostname) ? '' : proxy.hostname }),
        method: 'CONNECT',
        path: target,
        headers,
        agent: false
      })
      const refused = (status: number, challenges: string[]) => {
        if (status !== 407)
          return new NetworkFailure(
            `the proxy ${shown} refused the tunnel to ${target} (HTTP ${status})`,
            status >= 500,
            'proxy'
          )
        // Only Basic can be answered from the URL; NTLM, Negotiate (Kerberos) and the like cannot.
        const schemes = challenges.map(c => c.trim().split(/\s+/)[0]).filter(Boolean)
        const other = schemes.filter(s => s.toLowerCase() !== 'basic')
        return schemes.length && other.length === schemes.length
          ? new NetworkFailure(
              `the proxy ${shown} wants ${[...new Set(other)].join(' or ')} authentication (HTTP 407), which this action does not support`,
              false,
              'proxy-auth-scheme'
            )
          : new NetworkFailure(
              `the proxy ${shown} wants credentials (HTTP 407)`,
              false,
              'proxy-auth'
            )
      }
      req.on('socket', s => this.track(s))
      req.setTimeout(this.connectMs, () =>
        req.destroy(
          new NetworkFailure(
            `no answer from the proxy ${shown} within ${this.connectMs / 1000} s`,
            true,
            'proxy'
          )
        )
      )
      const challenges = (res: http.IncomingMessage) =>
        res.headersDistinct['proxy-authenticate'] ?? []
      req.once('connect', (res, socket, head) => {
        req.setTimeout(0)
        if (res.statusCode === 200 && head.length === 0) return resolve(socket)
        socket.destroy()
        reject(refused(res.statusCode ?? 0, challenges(res)))
      })
      // A refusal with a body can arrive as an ordinary response instead of a 'connect'.
      req.once('response', res => {
        res.destroy()
        req.destroy()
        reject(refused(res.statusCode ?? 0, challenges(res)))
      })
      req.once('error', err => {
        const code = codeOf(err)
        reject(
          err instanceof NetworkFailure
            ? err
            : isTlsCode(code)
              ? tlsFailure(code, `the proxy ${shown}`)
              : new NetworkFailure(
                  `could not reach the proxy ${shown} (${code || 'connection failed'})`,
                  code !== 'ENOTFOUND',
                  'proxy'
                )
        )
      })
      req.end()
    })
  }
}

const codeOf = (err: unknown): string =>
  typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : ''
