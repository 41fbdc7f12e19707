// send() and the end of a token's life: an answer that comes after its attempt timed out is
// handed over instead of dropped, and a cancellation ends each kind of request at its own time.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { RequestFailed } from '../../src/net/failure.js'
import { send, type Answer, type HttpRequest } from '../../src/net/http.js'
import type { Cancellation } from '../../src/net/policy.js'
import { testPolicy, useLoopback, type Handler } from '../support/loopback.js'

/** A cancellation driven by hand: `cut(kind)` ends that kind of request. */
function handCancellation(): Cancellation & { cut(kind: 'call' | 'issues' | 'revokes'): void } {
  const ends = {
    call: new AbortController(),
    issues: new AbortController(),
    revokes: new AbortController()
  }
  return {
    requested: true,
    signal: kind => ends[kind].signal,
    cut: kind => ends[kind].abort()
  }
}

describe('send: late answers and cancellation', () => {
  const net = useLoopback()
  const req = (extra: Partial<HttpRequest> = {}): HttpRequest => ({
    method: 'POST',
    url: `${net.server.origin}/token`,
    headers: {},
    body: 'x',
    what: 'Token request',
    ...extra
  })

  it('hands over the answer of an attempt that timed out, and still fails that attempt', async () => {
    net.server.handlers.push((_q, r) => setTimeout(() => r.writeHead(200).end('{"late":1}'), 400))
    const late: Promise<Answer>[] = []
    await assert.rejects(
      send(req({ late: a => void late.push(a) }), testPolicy(net.connections, { timeoutMs: 250 })),
      (e: unknown) => e instanceof RequestFailed && /no answer within 0.25 s/.test(e.message)
    )
    assert.equal(late.length, 1)
    const answer = await late[0]
    assert.deepEqual([answer.status, answer.body], [200, '{"late":1}'])
  })

  it('without a late handler, a timed-out attempt is dropped as before', async () => {
    net.server.handlers.push((_q, r) => setTimeout(() => r.writeHead(200).end('{}'), 500))
    await assert.rejects(
      send(req(), testPolicy(net.connections, { timeoutMs: 250 })),
      /no answer within 0.25 s/
    )
  })

  it('a late answer is waited for one more timeout at most', async () => {
    net.server.handlers.push((_q, r) => setTimeout(() => r.writeHead(200).end('{}'), 2_000))
    const late: Promise<Answer>[] = []
    await assert.rejects(
      send(req({ late: a => void late.push(a) }), testPolicy(net.connections, { timeoutMs: 250 }))
    )
    await assert.rejects(late[0])
  })

  it('once cancelled, no request starts but a revocation', async () => {
    const cancellation = handCancellation()
    const policy = testPolicy(net.connections, { cancellation })
    const start = net.server.requests.length
    for (const lifecycle of [undefined, 'issues'] as const)
      await assert.rejects(
        send(req(lifecycle ? { lifecycle } : {}), policy),
        /the step was cancelled/
      )
    assert.equal(net.server.requests.length, start)
    const res = await send(req({ method: 'DELETE', lifecycle: 'revokes' }), policy)
    assert.equal(res.status, 200)
  })

  it('a token request on the wire outlives the cut of calls, and ends at its own', async () => {
    const cancellation = { ...handCancellation(), requested: false }
    const policy = testPolicy(net.connections, { cancellation, timeoutMs: 5_000 })
    net.server.handlers.push((_q, r) => setTimeout(() => r.writeHead(200).end('{"t":1}'), 300))
    const answered = send(req({ lifecycle: 'issues' }), policy)
    await net.server.until(() => net.server.requests.length > 0)
    cancellation.cut('call')
    assert.equal((await answered).body, '{"t":1}')

    net.server.handlers.push(() => undefined) // never answers
    const hanging = send(req({ lifecycle: 'issues' }), policy)
    const call = send(req({ method: 'GET' }), policy)
    setTimeout(() => cancellation.cut('issues'), 200)
    await assert.rejects(call, /the step was cancelled/)
    await assert.rejects(hanging, /the step was cancelled/)
  })

  it('a cancellation ends a retry wait at once, even a sleep that does not heed it', async () => {
    const cancellation = { ...handCancellation(), requested: false }
    const told: (AbortSignal | undefined)[] = []
    const policy = testPolicy(net.connections, {
      cancellation,
      maxAttempts: 5,
      // Never ends by itself: only the cancellation can end the wait.
      sleep: (_ms, signal) => {
        told.push(signal)
        cancellation.requested = true
        cancellation.cut('call')
        return new Promise<void>(() => undefined)
      }
    })
    net.server.handlers.push((_q, r) => r.writeHead(503, { 'Retry-After': '30' }).end())
    const start = net.server.requests.length
    await assert.rejects(
      send(req({ lifecycle: 'issues' }), policy),
      (e: unknown) =>
        e instanceof RequestFailed && e.attempts === 1 && /the step was cancelled/.test(e.message)
    )
    assert.equal(net.server.requests.length - start, 1, 'no attempt after the cancel')
    assert.equal(told.length, 1)
    assert.equal(told[0], cancellation.signal('call'), 'the sleep is told the signal')
  })

  it('a sleep that heeds the signal ends at once too; without a cancel it waits as told', async () => {
    const cancellation = { ...handCancellation(), requested: false }
    const waits: number[] = []
    const policy = testPolicy(net.connections, {
      cancellation,
      maxAttempts: 3,
      sleep: (ms, signal) =>
        new Promise<void>(resolve => {
          waits.push(ms)
          if (waits.length === 1) return resolve() // the first wait runs its course
          signal?.addEventListener('abort', () => resolve(), { once: true })
          cancellation.requested = true
          cancellation.cut('call')
        })
    })
    const busy: Handler = (_q, r) => r.writeHead(503, { 'Retry-After': '5' }).end()
    net.server.handlers.push(busy, busy)
    const start = net.server.requests.length
    await assert.rejects(send(req(), policy), /the step was cancelled/)
    assert.equal(net.server.requests.length - start, 2)
    assert.equal(waits.length, 2)
  })
})
