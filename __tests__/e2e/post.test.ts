// The post step, run as its own process with the STATE_* values the main step saved.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { inputsFor, run, startEmulator } from '../../tools/harness.js'

describe('post step', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  const mainRun = async (extra: Record<string, string> = {}) => {
    const r = await run(emu, 'main', inputsFor(emu, { verify: 'false', ...extra }))
    assert.equal(r.code, 0, r.stdout)
    return r
  }

  it('revokes the token saved in state, with that token, and masks it in its own log', async () => {
    const main = await mainRun()
    const token = main.outputs['access-token']
    const start = emu.requests.length
    const post = await run(emu, 'post', inputsFor(emu), { state: main.state })
    assert.equal(post.code, 0)
    const sent = emu.requests.slice(start)
    assert.deepEqual(
      sent.map(r => `${r.method} ${r.path}`),
      ['DELETE /api/v2/tokens/me']
    )
    assert.equal(sent[0].headers.authorization, `Bearer ${token}`)
    assert.ok(emu.revoked.has(token))
    assert.ok(post.stdout.startsWith(`::add-mask::${token}`), 'masked before anything else')
    assert.match(post.stdout, /The token was revoked\./)
  })

  it('sends nothing when revoke is false: the main step saved no token', async () => {
    const main = await mainRun({ revoke: 'false' })
    assert.deepEqual(main.state, {})
    const start = emu.requests.length
    const post = await run(emu, 'post', inputsFor(emu, { revoke: 'false' }), { state: main.state })
    assert.equal(post.code, 0)
    assert.equal(emu.requests.length, start)
    assert.match(post.stdout, /No token to revoke/)
  })

  it('skips a token that has already expired', async () => {
    const main = await mainRun()
    const start = emu.requests.length
    const state = { ...main.state, 'expires-at': new Date(Date.now() - 1000).toISOString() }
    const post = await run(emu, 'post', inputsFor(emu), { state })
    assert.equal(post.code, 0)
    assert.equal(emu.requests.length, start)
    assert.match(post.stdout, /already expired/)
  })

  it('does nothing when the main step issued no token', async () => {
    const start = emu.requests.length
    const post = await run(emu, 'post', inputsFor(emu), { state: {} })
    assert.equal(post.code, 0)
    assert.equal(emu.requests.length, start)
    assert.match(post.stdout, /No token to revoke/)
  })

  it('warns and exits 0 when the API answers 500 (after its retries)', async () => {
    const main = await mainRun()
    const failure = {
      status: 500,
      body: JSON.stringify({ message: 'Internal error', status: 500 })
    }
    emu.faults.revoke.push(failure, failure)
    const start = emu.requests.length
    const post = await run(emu, 'post', inputsFor(emu, { 'max-attempts': '2' }), {
      state: main.state
    })
    assert.equal(post.code, 0, 'a failed revocation never fails the job')
    assert.equal(emu.requests.length - start, 2)
    assert.match(post.stdout, /::warning::Could not revoke the token \(HTTP 500: Internal error\)/)
    assert.ok(!emu.revoked.has(main.outputs['access-token']))
  })

  it('an already revoked token (401): not called revoked, the 401 explained, the job passes', async () => {
    const main = await mainRun()
    emu.revoked.add(main.outputs['access-token'])
    const post = await run(emu, 'post', inputsFor(emu), { state: main.state })
    assert.equal(post.code, 0)
    assert.doesNotMatch(post.stdout, /The token was revoked/)
    assert.match(post.stdout, /::warning::The token is not known to be revoked: .* HTTP 401/)
  })
})
