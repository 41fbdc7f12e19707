// A cancel that comes while the step waits to retry (a Retry-After of 30 s, a long backoff) ends
// the wait at once: the step says it was cancelled, writes its summary, revokes the token it
// holds (on a Genesys Cloud host even with "revoke: false", as that token was never handed out)
// and exits long before the runner's SIGTERM. Waits here are real (scale 1): the cancel cuts them.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator, Route } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'
import type { RunResult } from '../../tools/run-action.js'
import { startProxied, type Proxied } from '../support/proxied.js'

const QUEUES = '/api/v2/routing/queues'
const REAL_WAITS = { GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '1' }
const RETRY_LATER = { status: 503, headers: { 'Retry-After': '30' } }
/** Far from a tight timing: the old code ended only at its 7 s forced exit. */
const PROMPT_MS = 5_000

/** The signal came during the wait (after the log said so) and the step ended promptly. */
function assertCancelledPromptly(r: RunResult): void {
  assert.deepEqual(r.signals, ['SIGINT'], 'the step ended before the runner sent anything else')
  assert.ok(r.afterSignalMs! < PROMPT_MS, `exited ${Math.round(r.afterSignalMs!)} ms after SIGINT`)
  assert.equal(r.code, 1, r.stdout)
  assert.match(errorOf(r), /^The step was cancelled \(SIGINT\) before a token was handed out\./)
  assert.match(
    r.summary,
    /\| Result \| ❌ failed \(reason below\) \|[\s\S]*### Why it failed\n\nThe step was cancelled \\\(SIGINT\\\)/
  )
  assert.deepEqual(r.outputs, {})
  assert.ok(!r.state.token, 'nothing is left for the post step')
}

const waiting = (what: string) => new RegExp(`^${what}: attempt 1/5 failed .*; retrying in`, 'm')

describe('cancelled during a retry wait (loopback)', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
    emu.probeRoutes.set(QUEUES, 'routing:queue:view')
  })
  after(() => emu.stop())

  it('of the token request: the wait ends, no token is asked for again', async () => {
    emu.faults.token.push(RETRY_LATER)
    const [requests, issued] = [emu.count('token'), emu.tokens.length]
    const r = await run(emu, 'main', inputsFor(emu), {
      env: REAL_WAITS,
      cancel: { when: waiting('Token request') }
    })
    assertCancelledPromptly(r)
    assert.equal(emu.count('token'), requests + 1, 'no retry after the signal')
    assert.equal(emu.tokens.length, issued, 'no token was issued')
  })

  const checks: [string, Route, Record<string, string>][] = [
    ['Token verification', 'tokens-me', {}],
    [`Probe GET ${QUEUES}`, 'probe', { verify: 'false', 'check-endpoints': QUEUES }]
  ]
  for (const [what, route, extra] of checks)
    it(`of ${what}: the wait ends, the token is revoked`, async () => {
      emu.faults[route].push(RETRY_LATER)
      const requests = emu.count(route)
      const r = await run(emu, 'main', inputsFor(emu, extra), {
        env: REAL_WAITS,
        cancel: { when: waiting(what) }
      })
      assertCancelledPromptly(r)
      assert.equal(emu.count(route), requests + 1, 'no retry after the signal')
      assert.ok(emu.revoked.has(emu.tokens.at(-1)!), 'the token was revoked')
    })

  it("of the post step's revocation: the wait ends, the step warns and passes", async () => {
    const main = await run(emu, 'main', inputsFor(emu, { verify: 'false' }))
    assert.equal(main.code, 0, main.stdout)
    emu.faults.revoke.push(RETRY_LATER)
    const requests = emu.count('revoke')
    const post = await run(emu, 'post', inputsFor(emu), {
      env: REAL_WAITS,
      state: main.state,
      cancel: { when: waiting('Token revocation') }
    })
    assert.deepEqual(post.signals, ['SIGINT'])
    assert.ok(post.afterSignalMs! < PROMPT_MS, `${Math.round(post.afterSignalMs!)} ms`)
    assert.equal(post.code, 0, 'the post step never fails the job')
    assert.equal(emu.count('revoke'), requests + 1, 'no retry after the signal')
    assert.match(post.stdout, /^::warning::Could not revoke the token \(.*the step was cancelled/m)
  })
})

describe('cancelled during a retry wait on a Genesys Cloud host, with revoke: false', () => {
  let p: Proxied
  before(async () => {
    p = await startProxied()
  })
  after(() => p.stop())

  // Real host names through a CONNECT proxy: the wait scale is ignored, the 30 s wait is real.
  it('the token, never handed out, is revoked all the same', async () => {
    p.emu.faults['tokens-me'].push(RETRY_LATER)
    const inputs = {
      'client-id': CLIENT.id,
      'client-secret': CLIENT.secret,
      region: 'eu-west-1',
      revoke: 'false'
    }
    const r = await run(p.emu, 'main', inputs, {
      env: p.env,
      cancel: { when: waiting('Token verification') }
    })
    assertCancelledPromptly(r)
    assert.equal(p.emu.count('tokens-me'), 1)
    assert.ok(p.emu.revoked.has(p.emu.tokens.at(-1)!), 'the token was revoked')
  })
})
