// The bench's latency relay (bench/relay.ts): a plain echo server on loopback behind it. Only
// lower bounds on time: a slow machine can make the relay slower, never faster.
import assert from 'node:assert/strict'
import net from 'node:net'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { startRelay, type Relay } from '../../bench/relay.js'

const RTT = 100

let echo: net.Server
let relay: Relay

before(async () => {
  echo = net.createServer(socket => socket.pipe(socket))
  await new Promise<void>(resolve => echo.listen(0, '127.0.0.1', resolve))
  relay = await startRelay({ host: '127.0.0.1', port: (echo.address() as AddressInfo).port }, RTT)
})

after(async () => {
  await relay.close()
  await new Promise(resolve => echo.close(resolve))
})

function connect(): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(relay.port, '127.0.0.1', () => resolve(socket))
    socket.on('error', reject)
  })
}

/** Resolves with everything received once `expected` bytes have arrived. */
function receive(socket: net.Socket, expected: number): Promise<string> {
  return new Promise(resolve => {
    let text = ''
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8')
      if (text.length >= expected) {
        socket.off('data', onData)
        resolve(text)
      }
    }
    socket.on('data', onData)
  })
}

describe('bench latency relay', () => {
  it("delays a new connection's first exchange by at least 1.5 RTT, later ones by about 1 RTT", async () => {
    const socket = await connect()
    let started = performance.now()
    const first = receive(socket, 4)
    socket.write('ping')
    assert.equal(await first, 'ping')
    const firstMs = performance.now() - started
    assert.ok(firstMs >= 1.5 * RTT, `first request/answer took ${firstMs.toFixed(0)} ms`)

    started = performance.now()
    const second = receive(socket, 4)
    socket.write('pong')
    assert.equal(await second, 'pong')
    const secondMs = performance.now() - started
    assert.ok(secondMs >= 0.9 * RTT, `second request/answer took ${secondMs.toFixed(0)} ms`)
    socket.destroy()
  })

  it('keeps chunk order, also for chunks sent while the first one still waits', async () => {
    const socket = await connect()
    const parts = Array.from({ length: 40 }, (_, i) => `<${i}>`)
    const all = receive(socket, parts.join('').length)
    for (const part of parts) {
      socket.write(part)
      // Separate writes a few ms apart arrive as separate chunks with different due times.
      await new Promise(resolve => setTimeout(resolve, 3))
    }
    assert.equal(await all, parts.join(''))
    socket.destroy()
  })

  it('passes a half-close through: the echo server sees the end and closes its side', async () => {
    const socket = await connect()
    const closed = new Promise<string>(resolve => {
      let text = ''
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
      socket.on('end', () => resolve(text))
    })
    socket.end('bye')
    assert.equal(await closed, 'bye')
  })
})
