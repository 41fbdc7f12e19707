// A TCP relay on loopback that behaves like a distant server: every chunk waits RTT/2 in each
// direction, and a new connection's first bytes wait one RTT more (the TCP handshake a real
// connection pays before it can send anything). Bytes are opaque (TLS passes through untouched)
// and never reordered. No kernel netem, so it needs no privileges.
import net from 'node:net'
import type { AddressInfo } from 'node:net'

export interface Relay {
  readonly port: number
  /** Round-trip time in ms for connections accepted from now on; 0 forwards at once. */
  rtt: number
  /** performance.now() of each accepted connection; the caller may empty it. */
  readonly accepted: number[]
  close(): Promise<void>
}

type Item = Buffer | 'end' | 'destroy'

/** One direction of one connection: items leave in arrival order, each no earlier than its due time. */
class DelayLine {
  private readonly queue: { due: number; item: Item }[] = []
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly out: net.Socket) {}

  push(item: Item, delay: number): void {
    // A later chunk never overtakes an earlier one (the first chunk waits longer than the rest).
    const due = Math.max(performance.now() + delay, this.queue.at(-1)?.due ?? 0)
    this.queue.push({ due, item })
    if (this.queue.length === 1) this.schedule()
  }

  private schedule(): void {
    clearTimeout(this.timer)
    const head = this.queue[0]
    if (head) this.timer = setTimeout(() => this.flush(), Math.max(0, head.due - performance.now()))
  }

  private flush(): void {
    // Timers have millisecond granularity; a head due within a fraction of one is due now.
    while (this.queue.length && this.queue[0].due <= performance.now() + 0.5) {
      const { item } = this.queue.shift()!
      if (this.out.destroyed) continue
      if (item === 'end') this.out.end()
      else if (item === 'destroy') this.out.destroy()
      else this.out.write(item)
    }
    this.schedule()
  }

  clear(): void {
    clearTimeout(this.timer)
    this.queue.length = 0
  }
}

/** Both directions between an accepted client socket and its upstream connection. */
function pipeWithDelay(client: net.Socket, upstream: net.Socket, rtt: number): () => void {
  const toUpstream = new DelayLine(upstream)
  const toClient = new DelayLine(client)
  let first = true
  client.on('data', (chunk: Buffer) => {
    toUpstream.push(chunk, rtt / 2 + (first ? rtt : 0))
    first = false
  })
  upstream.on('data', (chunk: Buffer) => toClient.push(chunk, rtt / 2))
  const wire = (from: net.Socket, line: DelayLine) => {
    let ended = false
    from.on('end', () => {
      ended = true
      line.push('end', rtt / 2)
    })
    // A reset (or an error) reaches the other side as a reset, after the same delay.
    from.on('close', () => ended || line.push('destroy', rtt / 2))
    from.on('error', () => {})
  }
  wire(client, toUpstream)
  wire(upstream, toClient)
  return () => {
    toUpstream.clear()
    toClient.clear()
    client.destroy()
    upstream.destroy()
  }
}

/** Starts a relay on 127.0.0.1 (a free port) to target, with the given round-trip time. */
export async function startRelay(
  target: { host: string; port: number },
  rtt: number
): Promise<Relay> {
  const open = new Set<() => void>()
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, client => {
    relay.accepted.push(performance.now())
    const upstream = net.connect({ ...target, allowHalfOpen: true, noDelay: true })
    const teardown = pipeWithDelay(client, upstream, relay.rtt)
    open.add(teardown)
    const done = () => open.delete(teardown)
    client.on('close', done)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const relay: Relay = {
    port: (server.address() as AddressInfo).port,
    rtt,
    accepted: [],
    close: () =>
      new Promise<void>(resolve => {
        for (const teardown of open) teardown()
        server.close(() => resolve())
      })
  }
  return relay
}
