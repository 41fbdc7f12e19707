// A plain HTTP server on 127.0.0.1 for in-process tests of the HTTP layer: answers from a queue of
// handlers (default: 200 {"ok":true}), and counts the TCP connections it accepts and sees closed,
// so connection reuse, preconnects and clean-up are observable from the server's side. Suites take
// it, with a Connections pool, from useLoopback().
import assert from 'node:assert/strict'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { after, afterEach, before, beforeEach } from 'node:test'
import { Connections } from '../../src/net/connections.js'
import type { HttpPolicy } from '../../src/net/policy.js'
import type { Redact } from '../../src/net/text.js'

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void

export interface Seen {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  /** Which accepted connection (1, 2, ...) carried the request. */
  connection: number
}

export class Loopback {
  readonly handlers: Handler[] = []
  readonly requests: Seen[] = []
  /** 'connection' events so far. */
  connections = 0
  /** Accepted sockets that have closed since. */
  closed = 0
  origin = ''
  private readonly server: http.Server
  private readonly sockets = new Map<Socket, number>()
  private waiters: (() => void)[] = []

  constructor() {
    this.server = http.createServer((req, res) => {
      this.requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        connection: this.sockets.get(req.socket) ?? 0
      })
      const handler = this.handlers.shift()
      if (handler) handler(req, res)
      else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}')
    })
    this.server.on('connection', socket => {
      this.sockets.set(socket, ++this.connections)
      socket.once('close', () => {
        this.sockets.delete(socket)
        this.closed++
        this.notify()
      })
      this.notify()
    })
  }

  static async start(host: '127.0.0.1' | '::1' = '127.0.0.1'): Promise<Loopback> {
    const lb = new Loopback()
    await new Promise<void>(resolve => lb.server.listen(0, host, resolve))
    const port = (lb.server.address() as AddressInfo).port
    lb.origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
    return lb
  }

  /** Connections accepted and still open. */
  get open(): number {
    return this.connections - this.closed
  }

  /**
   * Resolves once `test` holds, re-checked on every connection event. A wait that lasts `ms` fails
   * as an assertion that names what was `expected` and what the server saw instead.
   */
  async until(
    test: () => boolean,
    expected = 'the awaited connections',
    ms = 5_000
  ): Promise<void> {
    let late = false
    const timer = setTimeout(() => {
      late = true
      this.notify()
    }, ms)
    try {
      while (!test()) {
        assert.ok(
          !late,
          `${expected}: not so within ${ms / 1000} s; the server accepted ${this.connections} ` +
            `connections, saw ${this.closed} closed and ${this.requests.length} requests`
        )
        await new Promise<void>(resolve => this.waiters.push(resolve))
      }
    } finally {
      clearTimeout(timer)
    }
  }

  /** Closes every open connection from the server's side. */
  drop(): void {
    for (const socket of this.sockets.keys()) socket.destroy()
  }

  async stop(): Promise<void> {
    this.drop()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  private notify(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }
}

/** No secrets to redact: server text as the server sent it (tests of parsing, not of masking). */
export const noSecrets: Redact = text => text

/** An HTTP policy for in-process tests: no waits, a budget that never ends the test, no log. */
export function testPolicy(connections: Connections, extra: Partial<HttpPolicy> = {}): HttpPolicy {
  return {
    maxAttempts: 1,
    timeoutMs: 2000,
    deadline: Date.now() + 60_000,
    connections,
    waitScale: 0,
    log: () => undefined,
    redact: noSecrets,
    ...extra
  }
}

/**
 * A Loopback server and a Connections pool for the enclosing describe(), started before its tests
 * and closed after them (`each`: around every test, which then starts with no connection). Read
 * `server` and `connections` inside the tests: they exist once the suite has started.
 */
export function useLoopback(options: { each?: boolean } = {}): {
  readonly server: Loopback
  readonly connections: Connections
} {
  let server: Loopback | undefined
  let connections: Connections | undefined
  const start = async () => {
    server = await Loopback.start()
    connections = new Connections(1000)
  }
  const stop = async () => {
    connections?.close()
    await server?.stop()
  }
  if (options.each) {
    beforeEach(start)
    afterEach(stop)
  } else {
    before(start)
    after(stop)
  }
  const started = <T>(value: T | undefined): T => {
    assert.ok(value !== undefined, 'the loopback fixture is read before its suite started')
    return value
  }
  return {
    get server() {
      return started(server)
    },
    get connections() {
      return started(connections)
    }
  }
}

/** One turn of the event loop: every timer due now, and what it set off, has run. */
export const turn = (): Promise<void> => new Promise(resolve => setTimeout(resolve, 0))
