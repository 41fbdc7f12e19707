// The post step in-process: run(runner, env, timing) with the state an in-process main step saved,
// against the loopback emulator. It warns, never fails, and leaves no listener behind.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { run as runMain } from '../../src/steps/main.js'
import { budgetMs, budgetScale, policyOf, waitScale, type Timing } from '../../src/net/policy.js'
import { run as runPost } from '../../src/steps/post.js'
import { readState, saveState, STATE } from '../../src/action/outputs.js'
import { Connections } from '../../src/net/connections.js'
import { Emulator } from '../../tools/emulator.js'
import { inputsFor } from '../../tools/harness.js'
import { fakeRunner, printed } from '../support/fake-runner.js'

const CLIENT = { id: 'client-post-1', secret: 'S3cr3t-post-value-0123456789' }
/** Retries in-process wait for nothing: time is a dependency of run(). */
const NO_WAIT: Timing = { sleep: async () => undefined }
const BOUND = { timeout: 20_000 }

describe('post run() in-process', () => {
  let emulator: Emulator
  before(async () => {
    emulator = await Emulator.start({ clients: [{ ...CLIENT }] })
  })
  after(() => emulator.stop())

  const inputs = (extra: Record<string, string> = {}) =>
    inputsFor(emulator, { verify: 'false', ...extra }, CLIENT)

  /** The state a successful main step leaves for the post step. */
  async function mainState(): Promise<Record<string, string>> {
    const { runner, calls } = fakeRunner(inputs())
    await runMain(runner, {}, NO_WAIT)
    assert.deepEqual(calls.failed, [])
    return calls.state
  }

  async function post(
    state: Record<string, string>,
    extra: Record<string, string> = {},
    timing: Timing = NO_WAIT
  ) {
    const before = process.listenerCount('uncaughtException')
    const { runner, calls } = fakeRunner(inputs(extra), { state })
    await runPost(runner, {}, timing)
    assert.equal(process.listenerCount('uncaughtException'), before, 'a listener was left behind')
    assert.deepEqual(calls.failed, [], 'the post step never fails the job')
    if (state.token) {
      assert.equal(calls.secrets[0], state.token, 'the token is masked before anything else')
      assert.ok(!printed(calls).includes(state.token))
    }
    return calls
  }

  it('revokes the saved token with that token', BOUND, async () => {
    const state = await mainState()
    const start = emulator.requests.length
    const calls = await post(state)
    const sent = emulator.requests.slice(start)
    assert.deepEqual(
      sent.map(r => `${r.method} ${r.path} ${r.headers.authorization}`),
      [`DELETE /api/v2/tokens/me Bearer ${state.token}`]
    )
    assert.ok(emulator.revoked.has(state.token))
    assert.deepEqual(calls.info, ['The token was revoked.'])
    assert.deepEqual(calls.warnings, [])
  })

  it('sends nothing without a token, or for one that has expired', BOUND, async () => {
    const start = emulator.requests.length
    const none = await post({})
    assert.deepEqual(none.info, ['No token to revoke: none was issued, or it was revoked already.'])
    const state = await mainState()
    const afterMain = emulator.requests.length
    const expired = await post({
      ...state,
      [STATE.expiresAt]: new Date(Date.now() - 1).toISOString()
    })
    assert.deepEqual(expired.info, ['The token has already expired; nothing to revoke.'])
    // The same token, on a clock at its expiry: the step's time is the one it is given.
    const atExpiry = await post(state, {}, { now: () => Date.parse(state[STATE.expiresAt]) })
    assert.deepEqual(atExpiry.info, ['The token has already expired; nothing to revoke.'])
    assert.equal(emulator.requests.length, afterMain)
    assert.ok(afterMain > start)
  })

  it('warns when the API refuses, or cannot be reached; never fails', BOUND, async () => {
    const state = await mainState()
    emulator.faults.revoke.push({ status: 403, body: '{"message":"Not allowed\\n::x"}' })
    const refused = await post(state, { 'max-attempts': '1' })
    assert.deepEqual(refused.warnings, [
      'Could not revoke the token (HTTP 403: Not allowed ::x); it stays valid until it expires.'
    ])
    const unreachable = await post(
      { ...state, [STATE.apiUrl]: 'http://127.0.0.1:1' },
      {
        'max-attempts': '1'
      }
    )
    assert.match(
      unreachable.warnings[0],
      /^Could not revoke the token \(Token revocation to http:\/\/127\.0\.0\.1:1 failed: ECONNREFUSED/
    )
  })

  it('sends nothing to a URL in state that the main step would refuse', BOUND, async () => {
    const state = await mainState()
    const start = emulator.requests.length
    for (const apiUrl of [
      emulator.url.replace('//', '//u:p@'),
      `${emulator.url}/?x=1`,
      'http://api.example.com',
      'ftp://127.0.0.1',
      'not a url'
    ]) {
      const calls = await post({ ...state, [STATE.apiUrl]: apiUrl })
      assert.equal(calls.warnings.length, 1, apiUrl)
      assert.match(
        calls.warnings[0],
        /^Did not revoke the token: the API URL the main step saved was refused \(/
      )
      assert.doesNotMatch(calls.warnings[0], /u:p|x=1/)
    }
    assert.equal(emulator.requests.length, start)
  })

  it('reads "max-attempts" and "timeout" leniently: a bad value falls back', BOUND, async () => {
    const state = await mainState()
    const calls = await post(state, { 'max-attempts': 'lots', timeout: '-1' })
    assert.deepEqual(calls.info, ['The token was revoked.'])
  })
})

describe('state', () => {
  it('saves under the runner names and reads every field back', () => {
    const store: Record<string, string> = {}
    const runner = {
      saveState: (k: string, v: unknown) => void (store[k] = String(v)),
      getState: (k: string) => store[k] ?? ''
    }
    saveState(runner, { token: 't', apiUrl: 'https://api.x' })
    saveState(runner, { expiresAt: '2026-01-01T00:00:00.000Z' })
    assert.deepEqual(store, {
      token: 't',
      'api-url': 'https://api.x',
      'expires-at': '2026-01-01T00:00:00.000Z'
    })
    assert.deepEqual(readState(runner), {
      token: 't',
      apiUrl: 'https://api.x',
      expiresAt: '2026-01-01T00:00:00.000Z',
      keep: ''
    })
    saveState(runner, { token: '', keep: 'true' })
    assert.equal(readState(runner).keep, 'true')
    assert.equal(readState(runner).token, '')
  })
})

describe('policy', () => {
  it('budgetMs: 3 min, or twice the timeout when longer; the post step passes its own floor', () => {
    assert.equal(budgetMs(10_000), 180_000)
    assert.equal(budgetMs(300_000), 600_000)
    assert.equal(budgetMs(10_000, 60_000), 60_000)
    assert.equal(budgetMs(45_000, 60_000), 90_000)
  })

  const LOOPBACK = ['http://127.0.0.1:8080/oauth/token', 'https://[::1]:8443', 'http://localhost:1']
  const scale = (v: string | undefined, urls = LOOPBACK) =>
    waitScale({ GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: v }, urls)

  it('waitScale only ever shortens waits: 0 to 1, anything else is 1', () => {
    assert.equal(scale('0.01'), 0.01)
    assert.equal(scale('0'), 0)
    assert.equal(scale('1'), 1)
    for (const v of [undefined, '', '2', '-1', 'NaN', 'fast', 'Infinity'])
      assert.equal(scale(v), 1, String(v))
  })

  // Number(' ') is 0: a blank value must leave the waits alone, not turn them off.
  it('waitScale: a blank value is no value', () => {
    for (const v of [' ', '\t', '\n']) assert.equal(scale(v), 1)
  })

  // A run against Genesys Cloud, or anything off this machine, keeps its real waits whatever the
  // job's environment says: one host that is not loopback is enough.
  it('waitScale is ignored unless every URL the step talks to is on loopback', () => {
    const real = ['https://login.mypurecloud.ie/oauth/token', 'https://api.mypurecloud.ie']
    assert.equal(scale('0', real), 1)
    assert.equal(scale('0', [LOOPBACK[0], real[1]]), 1, 'loopback login, real API')
    assert.equal(scale('0', [real[0], LOOPBACK[1]]), 1, 'real login, loopback API')
    assert.equal(scale('0', ['https://127.0.0.1.nip.io', 'http://127.0.0.2.example']), 1)
    assert.equal(scale('0', ['https://10.0.0.1', 'http://[::2]:80']), 1)
    assert.equal(scale('0', []), 1, 'no URL is no proof')
    assert.equal(scale('0', ['', 'not a url']), 1, 'an unreadable URL is no proof')
  })

  it('budgetScale: its own switch, under the same rules (0 to 1, loopback only)', () => {
    const env = (v: string) => ({ GENESYS_CLOUD_AUTH_TEST_BUDGET_SCALE: v })
    assert.equal(budgetScale(env('0'), LOOPBACK), 0)
    assert.equal(budgetScale(env('0.5'), LOOPBACK), 0.5)
    assert.equal(budgetScale({ GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '0' }, LOOPBACK), 1)
    for (const v of ['', ' ', '2', '-1', 'x']) assert.equal(budgetScale(env(v), LOOPBACK), 1, v)
    assert.equal(budgetScale(env('0'), ['https://api.mypurecloud.ie']), 1, 'not loopback')
    assert.equal(budgetScale(env('0'), [LOOPBACK[0], 'https://api.mypurecloud.ie']), 1)
  })

  it('policyOf: the settings, a deadline one budget from now, the connections, the log', () => {
    const lines: string[] = []
    const log = {
      info: (l: string) => lines.push(l),
      warning: () => {},
      fail: () => {},
      redact: (t: string) => t.replace('pw', '***')
    }
    const connections = new Connections(1000)
    const before = Date.now()
    const urls = ['https://api.mypurecloud.ie']
    const p = policyOf({ maxAttempts: 4, timeoutMs: 7000 }, log, connections, 50_000, {
      urls,
      env: { GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '0' }
    })
    assert.equal(p.maxAttempts, 4)
    assert.equal(p.timeoutMs, 7000)
    assert.equal(p.connections, connections)
    assert.equal(p.waitScale, 1, 'not loopback: the switch is ignored')
    assert.ok(p.deadline >= before + 50_000 && p.deadline <= Date.now() + 50_000)
    p.log('hello')
    assert.deepEqual(lines, ['hello'])
    assert.equal(p.redact('a pw'), 'a ***', "the log's redaction")
    connections.close()
  })

  it('policyOf: injected time sets the deadline and replaces sleep, random and now', () => {
    const log = { info: () => undefined, redact: (text: string) => text }
    const connections = new Connections(1000)
    const timing: Timing = { now: () => 1_000, sleep: async () => undefined, random: () => 0.5 }
    const p = policyOf({ maxAttempts: 1, timeoutMs: 1000 }, log, connections, 50_000, {
      urls: ['http://127.0.0.1:1'],
      env: {},
      timing
    })
    assert.equal(p.deadline, 51_000)
    assert.equal(p.waitScale, 1, 'loopback without the variable')
    assert.equal(p.now, timing.now)
    assert.equal(p.sleep, timing.sleep)
    assert.equal(p.random, timing.random)
    connections.close()
  })
})
