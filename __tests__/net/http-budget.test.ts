// request() under the step's time budget: policy.deadline, judged on an injected clock that moves
// only when request() sleeps, so every decision is exact and no test waits for real.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import type { HttpRequest } from '../../src/net/http.js'
import { attemptWithin, firstAttemptMs, type HttpPolicy } from '../../src/net/policy.js'
import { PROBE_CONCURRENCY, runProbes } from '../../src/genesys/probes.js'
// request() is request() with a final failure worded as the user reads it.
import { request } from '../support/worded.js'
import { type Handler, useLoopback } from '../support/loopback.js'

const T0 = Date.UTC(2026, 10, 25, 12, 0, 0)
const SPENT = "not retrying: the step's time budget is spent"

describe('the budget decisions', () => {
  const policy = { timeoutMs: 10_000, deadline: T0 + 60_000 }
  it('a first attempt gets "timeout", or what is left cut to tenths, or nothing under 1 s', () => {
    assert.equal(firstAttemptMs(policy, 'call', T0), 10_000)
    assert.equal(firstAttemptMs(policy, 'issues', T0 + 55_000), 5_000)
    assert.equal(firstAttemptMs(policy, 'call', T0 + 57_654), 2_300)
    assert.equal(firstAttemptMs(policy, 'call', T0 + 59_000), 1_000)
    assert.equal(firstAttemptMs(policy, 'call', T0 + 59_001), undefined)
    assert.equal(firstAttemptMs(policy, 'issues', T0 + 90_000), undefined)
  })

  it("a revocation's first attempt gets a whole timeout whatever the budget says", () => {
    for (const now of [T0, T0 + 59_500, T0 + 3_600_000])
      assert.equal(firstAttemptMs(policy, 'revokes', now), 10_000)
  })

  it('with a timeout under 1 s, that timeout is the least worth starting', () => {
    const short = { timeoutMs: 300, deadline: T0 + 1_000 }
    assert.equal(firstAttemptMs(short, 'call', T0 + 700), 300)
    assert.equal(firstAttemptMs(short, 'call', T0 + 701), undefined)
    assert.equal(attemptWithin(1_099, 5_000), 1_000)
    assert.equal(attemptWithin(450, 300), 300)
  })
})

describe("send: the step's time budget", () => {
  const net = useLoopback()

  const status =
    (code: number, headers: Record<string, string> = {}): Handler =>
    (_q, r) =>
      r.writeHead(code, headers).end()
  const get = (): HttpRequest => ({
    method: 'GET',
    url: `${net.server.origin}/b`,
    headers: {},
    what: 'T'
  })

  /** A policy on a fake clock starting at T0; random 0.5 makes the first wait 600 ms. */
  function budget(deadlineIn: number, extra: Partial<HttpPolicy> = {}) {
    let now = T0
    const waits: number[] = []
    const lines: string[] = []
    const policy: HttpPolicy = {
      maxAttempts: 5,
      timeoutMs: 1000,
      deadline: T0 + deadlineIn,
      connections: net.connections,
      waitScale: 1,
      log: l => lines.push(l),
      redact: t => t,
      random: () => 0.5,
      now: () => now,
      sleep: async ms => {
        waits.push(ms)
        now += ms
      },
      ...extra
    }
    return { policy, waits, lines }
  }

  it('retries while the budget lasts', async () => {
    net.server.handlers.push(status(503), status(503))
    const start = net.server.requests.length
    const { policy, waits } = budget(10_000)
    const res = await request(get(), policy)
    assert.equal(res.status, 200)
    assert.equal(res.attempts, 3)
    assert.deepEqual(waits, [600, 1100])
    assert.equal(net.server.requests.length - start, 3)
  })

  it('takes no retry whose wait ends less than 1 s before the deadline: the last answer returns', async () => {
    // Wait 600 ms, then 1000 ms left: the retry is taken (the bound is inclusive).
    net.server.handlers.push(status(503))
    const taken = budget(1600)
    assert.equal((await request(get(), taken.policy)).status, 200)
    assert.deepEqual(taken.waits, [600])

    // One millisecond less: no retry; the 503 itself is the answer, at once.
    net.server.handlers.push(status(503))
    const start = net.server.requests.length
    const spent = budget(1599)
    const res = await request(get(), spent.policy)
    assert.equal(res.status, 503)
    assert.equal(res.attempts, 1)
    assert.equal(net.server.requests.length - start, 1)
    assert.deepEqual(spent.waits, [])
    assert.deepEqual(spent.lines, [`T: attempt 1 failed (HTTP 503); ${SPENT}`])
  })

  it('with a timeout under 1 s, the margin is the timeout', async () => {
    net.server.handlers.push(status(503))
    const taken = budget(600 + 300, { timeoutMs: 300 })
    assert.equal((await request(get(), taken.policy)).attempts, 2)

    net.server.handlers.push(status(503))
    const spent = budget(600 + 299, { timeoutMs: 300 })
    assert.equal((await request(get(), spent.policy)).attempts, 1)
    assert.deepEqual(spent.waits, [])
  })

  it('a Retry-After longer than the budget returns the 429 at once instead of waiting', async () => {
    net.server.handlers.push(status(429, { 'Retry-After': '30' }))
    const { policy, waits, lines } = budget(20_000)
    const res = await request(get(), policy)
    assert.equal(res.status, 429)
    assert.equal(res.attempts, 1)
    assert.deepEqual(waits, [])
    assert.deepEqual(lines, [`T: attempt 1 failed (HTTP 429); ${SPENT}`])
  })

  it('past the deadline no request starts, and says why', async () => {
    const start = net.server.requests.length
    for (const deadlineIn of [-1, 999]) {
      const { policy, waits } = budget(deadlineIn)
      await assert.rejects(
        request(get(), policy),
        (e: unknown) =>
          e instanceof ActionError &&
          /^T to http:\/\/127\.0\.0\.1:\d+ failed: not started: the step's time budget is spent\. Earlier requests/.test(
            e.message
          )
      )
      assert.deepEqual(waits, [])
    }
    assert.equal(net.server.requests.length, start)
  })

  it("a revocation's first attempt is made whole even past the deadline (the grace); no retry follows", async () => {
    net.server.handlers.push(status(502))
    const start = net.server.requests.length
    const { policy, waits } = budget(-1)
    const res = await request({ ...get(), method: 'DELETE', lifecycle: 'revokes' }, policy)
    assert.equal(res.status, 502)
    assert.equal(net.server.requests.length - start, 1)
    assert.deepEqual(waits, [])
  })

  it('throws the last network failure when the budget ends the retries', async () => {
    const { policy, waits, lines } = budget(1000)
    await assert.rejects(
      request({ ...get(), url: 'http://127.0.0.1:1/b' }, policy),
      (e: unknown) =>
        e instanceof ActionError &&
        /^T to http:\/\/127\.0\.0\.1:1 failed: ECONNREFUSED, after 1 attempt\. /.test(e.message)
    )
    assert.deepEqual(waits, [])
    assert.deepEqual(lines, [`T: attempt 1 failed (ECONNREFUSED); ${SPENT}`])
  })

  it("cuts the first attempt's timeout to what is left of the budget, in tenths of a second", async () => {
    net.server.handlers.push(() => undefined)
    const { policy } = budget(1_250, { timeoutMs: 5000, maxAttempts: 1 })
    await assert.rejects(request(get(), policy), /failed: no answer within 1\.2 s, after 1 attempt/)
  })

  it("cuts a retry's timeout to what is left of the budget", async () => {
    // 600 ms wait, then 1000 ms left: the second attempt may last 1 s, not the 5 s of "timeout".
    net.server.handlers.push(status(503), () => undefined)
    const { policy } = budget(1600, { timeoutMs: 5000 })
    const started = performance.now()
    await assert.rejects(request(get(), policy), (e: Error) =>
      /^T to http:\/\/127\.0\.0\.1:\d+ failed: no answer within 1 s, after 2 attempts/.test(
        e.message
      )
    )
    assert.ok(performance.now() - started < 4000, 'the 5 s timeout was not cut')
  })

  it('no probe starts after the budget; those that started ran', async () => {
    // Each answer moves the clock 2 s: the first round of four ends past a 1.5 s budget.
    let now = T0
    const answerLate: Handler = (_q, r) => {
      now += 2_000
      r.writeHead(200).end()
    }
    const start = net.server.requests.length
    net.server.handlers.push(...Array.from({ length: PROBE_CONCURRENCY }, () => answerLate))
    const { policy } = budget(1_500, { now: () => now })
    const probes = Array.from({ length: 10 }, (_, i) => ({
      method: 'GET' as const,
      path: `/p${i}`
    }))
    const results = await runProbes(net.server.origin, 'tok', probes, policy)
    assert.equal(net.server.requests.length - start, PROBE_CONCURRENCY)
    assert.deepEqual(
      results.map(r => r.status),
      [...Array(PROBE_CONCURRENCY).fill(200), ...Array(10 - PROBE_CONCURRENCY).fill(0)]
    )
    for (const r of results.slice(PROBE_CONCURRENCY))
      assert.equal(r.message, "not started: the step's time budget is spent")
  })
})
