// Reliability under faults: what is retried, what fails at once, how long it takes, and what
// the user reads. Waits are shortened with GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE, which the action
// honours only when every host it talks to is loopback (the last suite proves a real run ignores it).
import assert from 'node:assert/strict'
import net from 'node:net'
import { after, before, describe, it } from 'node:test'
import type { Emulator, Fault } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'
import { startProxied, type Proxied } from '../support/proxied.js'

const rateLimitBody = JSON.stringify({
  error: 'invalid_request',
  description: 'rate limit exceeded; try again later',
  error_description: 'rate limit exceeded; try again later'
})

describe('faults at the token endpoint', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  const attempt = async (
    faults: Fault[],
    extra: Record<string, string> = {},
    env: Record<string, string> = {}
  ) => {
    emu.faults.token.length = 0
    emu.faults.token.push(...faults)
    const start = emu.requests.length
    const r = await run(emu, 'main', inputsFor(emu, { verify: 'false', ...extra }), { env })
    return { r, requests: emu.requests.length - start }
  }

  const transient: [string, Fault][] = [
    ['408', { status: 408 }],
    ['429', { status: 429 }],
    ['500', { status: 500 }],
    ['502', { status: 502 }],
    ['503', { status: 503 }],
    ['504', { status: 504 }],
    ['400 rate limit exceeded', { status: 400, body: rateLimitBody }],
    ['connection reset', { kind: 'reset' }]
  ]
  for (const [name, fault] of transient) {
    it(`retries ${name} and succeeds on the third attempt`, async () => {
      const { r, requests } = await attempt([fault, fault])
      assert.equal(r.code, 0, r.stdout)
      assert.equal(requests, 3)
      assert.ok(emu.issued.has(r.outputs['access-token']))
      const retries = r.stdout
        .split('\n')
        .filter(l => /^Token request: attempt \d\/5 failed \(.+\); retrying in \d+\.\d s$/.test(l))
      assert.equal(retries.length, 2, r.stdout)
      assert.ok(r.ms < 10_000, `${r.ms} ms`)
    })
  }

  it('gives up after max-attempts and says how many were made', async () => {
    const f: Fault = { status: 503 }
    const { r, requests } = await attempt([f, f, f, f, f, f], { 'max-attempts': '4' })
    assert.equal(r.code, 1)
    assert.equal(requests, 4)
    assert.match(
      errorOf(r),
      /Token request failed: HTTP 503 \(after 4 attempts\)\. The login service is failing/
    )
  })

  it('max-attempts: 1 means no retry', async () => {
    const { r, requests } = await attempt([{ status: 502 }], { 'max-attempts': '1' })
    assert.equal(r.code, 1)
    assert.equal(requests, 1)
  })

  it('honours Retry-After (seconds) instead of its own backoff', async () => {
    const { r, requests } = await attempt(
      [{ status: 429, headers: { 'Retry-After': '3' } }],
      {},
      { GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '0.1' }
    )
    assert.equal(r.code, 0, r.stdout)
    assert.equal(requests, 2)
    // 3 s plus up to 2 s of jitter, scaled by 0.1: 0.3 to 0.5 s.
    assert.match(r.stdout, /failed \(HTTP 429\); retrying in 0\.[345] s/)
    assert.ok(r.ms >= 300, `${r.ms} ms`)
  })

  it('honours an HTTP-date Retry-After and inin-ratelimit-reset', async () => {
    const date = new Date(Date.now() + 5000).toUTCString()
    const { r } = await attempt(
      [
        { status: 503, headers: { 'Retry-After': date } },
        { status: 429, headers: { 'inin-ratelimit-reset': '2' } }
      ],
      {},
      { GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '0.1' }
    )
    assert.equal(r.code, 0, r.stdout)
    // The date is 4 to 5 s ahead when set (whole seconds), less the action's start-up by the time
    // it is read, plus up to 2 s of jitter, scaled by 0.1; the plain backoff would be 0.1 s at most.
    assert.match(r.stdout, /attempt 1\/5 failed \(HTTP 503\); retrying in 0\.[2-7] s/)
    assert.match(r.stdout, /attempt 2\/5 failed \(HTTP 429\); retrying in 0\.[2-6] s/)
  })

  it('caps a huge Retry-After at 60 s', async () => {
    const { r } = await attempt(
      [{ status: 429, headers: { 'Retry-After': '3600' } }],
      {},
      { GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '0.001' }
    )
    assert.equal(r.code, 0, r.stdout)
    assert.match(r.stdout, /retrying in 0\.1 s/)
    assert.ok(r.ms < 2500, `${r.ms} ms`)
  })

  const final: [string, Fault, RegExp][] = [
    [
      'invalid_client',
      {
        status: 401,
        body: JSON.stringify({ error: 'invalid_client', description: 'authentication failed' })
      },
      /HTTP 401 invalid_client: authentication failed\. The client secret was rejected/
    ],
    [
      'unauthorized_client',
      {
        status: 400,
        body: JSON.stringify({
          error: 'unauthorized_client',
          error_description: 'client is not authorized to use the client_credential grant type'
        })
      },
      /must use the "Client Credentials" grant/
    ],
    ['403', { status: 403 }, /HTTP 403/],
    [
      'invalid_scope',
      {
        status: 400,
        body: JSON.stringify({ error: 'invalid_scope', error_description: 'bad scope' })
      },
      /check "scopes"/
    ],
    [
      'a redirect (not followed)',
      { status: 302, headers: { Location: 'https://evil.example/' } },
      /redirected; redirects are not followed/
    ],
    ['malformed JSON', { kind: 'malformed' }, /answered 2xx but the body is not a JSON object/],
    [
      'a 200 without access_token',
      { kind: 'no-token' },
      /answered 2xx but it holds no "access_token"/
    ],
    ['a huge body', { kind: 'huge' }, /response body over 1024 KiB, after 1 attempt/]
  ]
  for (const [name, fault, message] of final) {
    it(`fails at once on ${name}`, async () => {
      const { r, requests } = await attempt([fault])
      assert.equal(r.code, 1)
      assert.equal(requests, 1)
      assert.match(errorOf(r), message)
      assert.deepEqual(r.outputs, {})
    })
  }

  it('aborts a server that accepts and never answers, after "timeout", and retries', async () => {
    const { r, requests } = await attempt([{ kind: 'hang' }], { timeout: '0.5' })
    assert.equal(r.code, 0, r.stdout)
    assert.equal(requests, 2)
    assert.match(r.stdout, /attempt 1\/5 failed \(no answer within 0\.5 s\)/)
    assert.ok(r.ms >= 500 && r.ms < 5000, `${r.ms} ms`)
  })

  it('aborts a slow trickle that never completes, within the timeout of each attempt', async () => {
    const { r, requests } = await attempt([{ kind: 'trickle' }, { kind: 'trickle' }], {
      timeout: '0.5',
      'max-attempts': '2'
    })
    assert.equal(r.code, 1)
    assert.equal(requests, 2)
    assert.match(errorOf(r), /failed: no answer within 0\.5 s, after 2 attempts/)
    assert.ok(r.ms >= 1000 && r.ms < 6000, `${r.ms} ms`)
  })
})

describe('network faults', () => {
  it('retries a refused connection, then explains', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>(resolve => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port
        s.close(() => resolve(p))
      })
    })
    const url = `http://127.0.0.1:${port}`
    const r = await run(undefined, 'main', {
      'client-id': CLIENT.id,
      'client-secret': CLIENT.secret,
      'login-url': url,
      'max-attempts': '3'
    })
    assert.equal(r.code, 1)
    assert.equal(
      r.stdout.split('\n').filter(l => l.includes('failed (ECONNREFUSED); retrying')).length,
      2
    )
    assert.match(
      errorOf(r),
      new RegExp(
        `Token request to ${url} failed: ECONNREFUSED, after 3 attempts\\. Check the region`
      )
    )
    assert.ok(r.ms < 10_000)
  })
})

describe('faults on the API calls', () => {
  it('retries the verify call and the revoke call under the same policy', async () => {
    const emu = await startEmulator()
    try {
      emu.faults['tokens-me'].push(
        { status: 503 },
        { status: 429, headers: { 'Retry-After': '1' } }
      )
      const main = await run(emu, 'main', inputsFor(emu))
      assert.equal(main.code, 0, main.stdout)
      assert.equal(emu.count('tokens-me'), 3)
      assert.match(main.stdout, /Token verification: attempt 2\/5 failed \(HTTP 429\)/)
      emu.faults.revoke.push({ kind: 'reset' })
      const post = await run(emu, 'post', inputsFor(emu), { state: main.state })
      assert.equal(post.code, 0)
      assert.equal(emu.count('revoke'), 2)
      assert.ok(emu.revoked.has(main.outputs['access-token']))
    } finally {
      await emu.stop()
    }
  })
})

describe('the wait scale on a run whose hosts are not loopback', () => {
  let p: Proxied
  before(async () => {
    p = await startProxied()
  })
  after(() => p.stop())

  // The region's real host names, reached through a CONNECT proxy on loopback: to the action this
  // is a run against Genesys Cloud, and no job's environment may shorten its waits.
  it('is ignored: the backoff is the real one', async () => {
    p.emu.faults.token.push({ status: 503 })
    const inputs = {
      'client-id': CLIENT.id,
      'client-secret': CLIENT.secret,
      region: 'eu-west-1',
      verify: 'false'
    }
    const env = { ...p.env, GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '0' }
    const r = await run(p.emu, 'main', inputs, { env })
    assert.equal(r.code, 0, r.stdout)
    assert.equal(p.emu.count('token'), 2)
    // The first backoff is 0.1 to 1.1 s; scaled by 0 the log would say 0.0 s.
    assert.match(
      r.stdout,
      /^Token request: attempt 1\/5 failed \(HTTP 503\); retrying in (0\.[1-9]|1\.[01]) s$/m
    )
  })
})
