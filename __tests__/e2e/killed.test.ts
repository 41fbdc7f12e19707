// A main step killed hard (SIGKILL: out of memory, a lost runner) runs none of its own code, so
// the token it held must already be in the post step's state: the post step then revokes it. That
// holds in check mode (output-token: false) and, on Genesys Cloud, for a token not yet handed out
// with revoke: false; a token handed out with revoke: false is marked "keep" and left alive.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, inputsFor, run, startEmulator } from '../../tools/harness.js'
import { startProxied, type Proxied } from '../support/proxied.js'

const KILL = { first: 'SIGKILL' as const }

describe('killed during verification (loopback)', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  it('check mode: the post step revokes the token the main step held', async () => {
    emu.faults['tokens-me'].push({ kind: 'hang' })
    const inputs = inputsFor(emu, { 'output-token': 'false' })
    const main = await run(emu, 'main', inputs, {
      cancel: { when: emu.arrival('tokens-me'), ...KILL }
    })
    assert.equal(main.code, null, 'killed')
    assert.deepEqual(main.signals, ['SIGKILL'])
    const token = emu.tokens.at(-1)!
    assert.ok(!emu.revoked.has(token), 'the main step could not revoke it')
    assert.equal(main.state.token, token)
    const post = await run(emu, 'post', inputs, { state: main.state })
    assert.equal(post.code, 0, post.stdout)
    assert.match(post.stdout, /^The token was revoked\.$/m)
    assert.ok(emu.revoked.has(token))
  })

  it('check mode that ends well leaves the post step nothing', async () => {
    const inputs = inputsFor(emu, { 'output-token': 'false' })
    const main = await run(emu, 'main', inputs)
    assert.equal(main.code, 0, main.stdout)
    assert.ok(emu.revoked.has(emu.tokens.at(-1)!))
    assert.equal(main.state.token, '')
    const revokes = emu.count('revoke')
    const post = await run(emu, 'post', inputs, { state: main.state })
    assert.equal(post.code, 0)
    assert.equal(emu.count('revoke'), revokes, 'the post step sent nothing')
  })
})

describe('revoke: false on a Genesys Cloud host', () => {
  let p: Proxied
  before(async () => {
    p = await startProxied()
  })
  after(() => p.stop())
  const inputs = {
    'client-id': CLIENT.id,
    'client-secret': CLIENT.secret,
    region: 'eu-west-1',
    revoke: 'false'
  }

  it('killed before the token was handed out: the post step revokes it', async () => {
    p.emu.faults['tokens-me'].push({ kind: 'hang' })
    const main = await run(p.emu, 'main', inputs, {
      env: p.env,
      cancel: { when: p.emu.arrival('tokens-me'), ...KILL }
    })
    assert.equal(main.code, null, 'killed')
    const token = p.emu.tokens.at(-1)!
    assert.equal(main.state.token, token, 'saved before any check')
    assert.equal(main.state['api-url'], 'https://api.mypurecloud.ie')
    const post = await run(p.emu, 'post', inputs, { env: p.env, state: main.state })
    assert.equal(post.code, 0, post.stdout)
    assert.ok(p.emu.revoked.has(token), 'never handed out, so revoked')
  })

  it('handed out: the state says keep, and the post step sends nothing', async () => {
    const main = await run(p.emu, 'main', inputs, { env: p.env })
    assert.equal(main.code, 0, main.stdout)
    const token = main.outputs['access-token']
    assert.deepEqual([main.state.token, main.state.keep], ['', 'true'])
    const revokes = p.emu.count('revoke')
    const post = await run(p.emu, 'post', inputs, { env: p.env, state: main.state })
    assert.equal(post.code, 0)
    assert.match(post.stdout, /handed out with revoke: false; it is left to expire/)
    assert.equal(p.emu.count('revoke'), revokes, 'the post step sent nothing')
    assert.ok(!p.emu.revoked.has(token), 'kept alive, as asked')
  })
})
