// A CONNECT proxy on loopback that routes every tunnel, whatever host it names, to one local
// TLS server: the action can use real Genesys host names while no packet leaves the machine.
import { writeFileSync, mkdtempSync } from 'node:fs'
import http from 'node:http'
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

  static async start(target: { host: string; port: number }): Promise<TunnelProxy> {
    const proxy = new TunnelProxy(http.createServer(), target)
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
 * A preload (for NODE_OPTIONS=--require) that makes every DNS look-up of a non-loopback name
 * fail: if the action ever bypassed the proxy, the test fails instead of reaching the internet.
 */
export function offlineGuard(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gca-guard-')), 'offline.cjs')
  writeFileSync(
    file,
    `const dns = require('node:dns');
const refuse = (host, ...rest) => {
  const cb = rest.pop();
  const err = Object.assign(new Error('offline test: no DNS for ' + host), { code: 'ENOTFOUND' });
  process.nextTick(cb, err);
};
dns.lookup = refuse;
`
  )
  return file
}
