// No token outlives the job: a step cancelled as the runner cancels it (SIGINT, SIGTERM 7.5 s
// later, SIGKILL 2.5 s after), a token answered after its attempt timed out, and a token that
// failed a check with "revoke: false" are all revoked by the step that was given them.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'

const LONG = { timeoutMs: 30_000 }
const QUEUES = '/api/v2/routing/queues'

describe('cancelled while the token request is in flight', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  for (const first of ['SIGINT', 'SIGTERM'] as const) {
    it(`${first}: the answer is awaited, its token revoked, the step fails before SIGTERM`, async () => {
      emu.faults.token.push({ kind: 'delay', ms: 1500 })
      const issued = emu.tokens.length
      const r = await run(emu, 'main', inputsFor(emu), {
        ...LONG,
        cancel: { when: emu.arrival('token'), first }
      })
      assert.deepEqual(r.signals, [first], 'the step ended before the runner sent anything else')
      assert.equal(r.code, 1, r.stdout)
      assert.equal(emu.tokens.length, issued + 1, 'the server issued the token after the signal')
      const token = emu.tokens.at(-1)!
      assert.ok(emu.revoked.has(token), 'the token issued after the signal was revoked')
      assert.match(errorOf(r), new RegExp(`cancelled \\(${first}\\) before a token was handed out`))
      assert.deepEqual(r.outputs, {})
      assert.ok(!r.state.token, 'nothing is left for the post step')
    })
  }

  it('a token request that never answers is given up within the grace, and fails', async () => {
    emu.faults.token.push({ kind: 'hang' })
    const requests = emu.count('token')
    const r = await run(emu, 'main', inputsFor(emu), {
      ...LONG,
      cancel: { when: emu.arrival('token') }
    })
    assert.deepEqual(r.signals, ['SIGINT'])
    assert.equal(r.code, 1, r.stdout)
    assert.equal(emu.count('token'), requests + 1, 'no retry after the signal')
    assert.match(errorOf(r), /cancelled \(SIGINT\)/)
  })
})

describe('cancelled while the token is being checked', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
    emu.probeRoutes.set(QUEUES, 'routing:queue:view')
  })
  after(() => emu.stop())

  const cases: [string, 'tokens-me' | 'probe', Record<string, string>][] = [
    ['verification', 'tokens-me', {}],
    ['a permission probe', 'probe', { verify: 'false', 'check-endpoints': QUEUES }]
  ]
  for (const [name, route, extra] of cases) {
    for (const revoke of ['true', 'false']) {
      it(`during ${name} (revoke: ${revoke}): the token is revoked at once, the step fails`, async () => {
        emu.faults[route].push({ kind: 'hang' })
        const r = await run(emu, 'main', inputsFor(emu, { revoke, ...extra }), {
          ...LONG,
          cancel: { when: emu.arrival(route) }
        })
        assert.deepEqual(r.signals, ['SIGINT'])
        assert.equal(r.code, 1, r.stdout)
        const token = emu.tokens.at(-1)!
        // A loopback emulator is no Genesys Cloud host: "revoke: false" sends nothing there.
        assert.equal(emu.revoked.has(token), revoke === 'true')
        assert.deepEqual(r.outputs, {})
      })
    }
  }
})

describe('a token attempt that timed out, answered late with a token', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  it('the late token is revoked; the token of the retry is handed out', async () => {
    // timeout 2 s: the first answer comes at 2.8 s, while it is still listened to (until 4 s).
    emu.faults.token.push({ kind: 'delay', ms: 2800 })
    const before = emu.tokens.length
    const r = await run(emu, 'main', inputsFor(emu, { timeout: '2' }), LONG)
    assert.equal(r.code, 0, r.stdout)
    const fresh = emu.tokens.slice(before)
    assert.equal(fresh.length, 2, 'two tokens were issued')
    const handedOut = r.outputs['access-token']
    const late = fresh.find(t => t !== handedOut)!
    assert.ok(emu.revoked.has(late), 'the late token was revoked')
    assert.ok(!emu.revoked.has(handedOut), 'the handed-out token lives')
    assert.match(r.stdout, /A token that came after its request had timed out was revoked\./)
    assert.ok(r.stdout.includes(`::add-mask::${late}`), 'the late token was masked')
  })

  it('every attempt timed out: the step fails, and still revokes what comes late', async () => {
    emu.faults.token.push({ kind: 'delay', ms: 2800 })
    const before = emu.tokens.length
    const r = await run(emu, 'main', inputsFor(emu, { timeout: '2', 'max-attempts': '1' }), LONG)
    assert.equal(r.code, 1, r.stdout)
    const fresh = emu.tokens.slice(before)
    assert.equal(fresh.length, 1)
    assert.ok(emu.revoked.has(fresh[0]), 'the late token was revoked')
  })
})

describe('the post step, cancelled during its revocation', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  it('lets the revocation on the wire finish, and says so', async () => {
    const main = await run(emu, 'main', inputsFor(emu, { verify: 'false' }), LONG)
    assert.equal(main.code, 0, main.stdout)
    emu.faults.revoke.push({ kind: 'delay', ms: 1000 })
    const post = await run(emu, 'post', inputsFor(emu), {
      ...LONG,
      state: main.state,
      cancel: { when: emu.arrival('revoke') }
    })
    assert.deepEqual(post.signals, ['SIGINT'])
    assert.equal(post.code, 0, 'the post step never fails the job')
    assert.match(post.stdout, /The token was revoked\./)
    assert.ok(emu.revoked.has(main.outputs['access-token']))
  })
})
