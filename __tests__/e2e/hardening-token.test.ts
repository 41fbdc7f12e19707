// Hardening once a token exists: it is never left alive and unaccounted for, whatever fails
// after it was issued; and big probe answers are judged by their status, not their size.
import assert from 'node:assert/strict'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { assertExited } from '../support/assertions.js'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'

const LONG = { timeoutMs: 30_000 }
const QUEUES = '/api/v2/routing/queues'
const USERS = '/api/v2/users'
const OTHER_ORG = '0a1b2c3d-0000-4000-8000-00000000b002'

describe('a token response with an absurd expires_in', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ tokenResponse: { expires_in: 1e15 } })
  })
  after(() => emu.stop())

  it('fails naming expires_in, and revokes the token it was given', async () => {
    const r = await run(emu, 'main', inputsFor(emu), LONG)
    assertExited(r, 1)
    assert.match(errorOf(r), /expires_in/)
    const token = emu.tokens.at(-1)!
    assert.ok(token, 'the emulator issued a token')
    assert.ok(emu.revoked.has(token), 'the issued token was revoked')
  })
})

describe('a token whose outputs cannot be published', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  it('fails, revokes the token, and prints no token', async () => {
    // The runner's output file is gone: @actions/core cannot write the outputs.
    const missing = join(mkdtempSync(join(tmpdir(), 'gca-gone-')), 'missing-dir', 'output')
    const r = await run(emu, 'main', inputsFor(emu), { ...LONG, env: { GITHUB_OUTPUT: missing } })
    assertExited(r, 1)
    const token = emu.tokens.at(-1)!
    assert.ok(token, 'the emulator issued a token')
    assert.ok(emu.revoked.has(token), 'the issued token was revoked')
    assert.doesNotMatch(r.stdout, /::set-output/)
    // The harness's leak scan already failed the run had the token been printed unmasked.
  })

  it('revokes the token when the state for the post step cannot be saved', async () => {
    // Without its state file the post step could never revoke: the main step must, at once.
    const missing = join(mkdtempSync(join(tmpdir(), 'gca-gone-')), 'missing-dir', 'state')
    const r = await run(emu, 'main', inputsFor(emu), { ...LONG, env: { GITHUB_STATE: missing } })
    assertExited(r, 1)
    const token = emu.tokens.at(-1)!
    assert.ok(emu.revoked.has(token), 'the issued token was revoked')
    assert.match(r.stdout, /The rejected token was revoked/)
    assert.deepEqual(r.outputs, {})
  })
})

describe('a runner file that cannot be written', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  const cases: [variable: string, fault: 'missing' | 'directory', reason: RegExp][] = [
    ['GITHUB_OUTPUT', 'missing', /it does not exist/],
    ['GITHUB_OUTPUT', 'directory', /it is a directory/],
    ['GITHUB_ENV', 'directory', /it is a directory/],
    ['GITHUB_STATE', 'missing', /it does not exist/],
    ['GITHUB_STATE', 'directory', /it is a directory/]
  ]
  for (const [variable, fault, reason] of cases)
    it(`${variable} ${fault === 'missing' ? 'missing' : 'a directory'}: named with the reason, token revoked`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gca-file-'))
      const path = fault === 'missing' ? join(dir, 'missing-dir', 'file') : dir
      const r = await run(emu, 'main', inputsFor(emu, { 'export-env': 'true' }), {
        ...LONG,
        env: { [variable]: path }
      })
      assertExited(r, 1)
      const error = errorOf(r)
      assert.ok(error.startsWith(`Could not write the runner's file ${variable} (`), error)
      assert.match(error, reason)
      assert.doesNotMatch(error, /Unexpected failure|Please report it/)
      assert.ok(!error.includes(dir), 'the path is not needed to name the file')
      assert.ok(emu.revoked.has(emu.tokens.at(-1)!), 'the issued token was revoked')
    })
})

describe('a failed check whose revoke fails too', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ clients: [{ ...CLIENT, permissions: ['routing:queue:view'] }] })
    emu.probeRoutes.set(QUEUES, 'routing:queue:view')
    emu.probeRoutes.set(USERS, 'directory:user:view')
  })
  after(() => emu.stop())

  /** Main fails with the revoke answering 503 twice; the post step must revoke the token. */
  const failThenPost = async (extra: Record<string, string>) => {
    emu.faults.revoke.length = 0
    emu.faults.revoke.push({ status: 503 }, { status: 503 })
    const inputs = inputsFor(emu, { 'max-attempts': '2', ...extra })
    const main = await run(emu, 'main', inputs, LONG)
    assertExited(main, 1)
    const token = emu.tokens.at(-1)!
    assert.ok(!emu.revoked.has(token), 'the in-step revoke was meant to fail')
    assert.equal(emu.faults.revoke.length, 0, 'the in-step revoke was tried twice')
    assert.ok(main.state.token, 'state is saved once the token exists')
    assert.equal(main.state.token, token)
    assert.equal(main.state['api-url'], emu.url)

    const post = await run(emu, 'post', inputs, { ...LONG, state: main.state })
    assertExited(post, 0)
    assert.ok(emu.revoked.has(token), 'the post step revoked the token')
  }

  it('organization mismatch: the post step revokes the token', () =>
    failThenPost({ 'expected-organization-id': OTHER_ORG }))

  it('failed permission probe: the post step revokes the token', () =>
    failThenPost({ 'check-endpoints': `${QUEUES}\n${USERS}` }))
})

describe('probe answers over 1 MiB', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ clients: [{ ...CLIENT, permissions: ['routing:queue:view'] }] })
    emu.probeRoutes.set(QUEUES, 'routing:queue:view')
  })
  after(() => emu.stop())

  it('a 2xx with a 3 MiB body passes: only the status matters', async () => {
    emu.faults.probe.push({ kind: 'huge' })
    const r = await run(emu, 'main', inputsFor(emu, { 'check-endpoints': QUEUES }), LONG)
    assertExited(r, 0)
    assert.equal(emu.faults.probe.length, 0, 'the huge answer was served')
  })

  it('a 403 with a 2 MiB body fails as HTTP 403, not as no answer', async () => {
    const body = JSON.stringify({
      message: 'You are missing the following permission(s): [routing:queue:view]',
      code: 'missing.permissions',
      status: 403,
      padding: 'x'.repeat(2 * 1024 * 1024)
    })
    emu.faults.probe.push({ status: 403, body })
    const r = await run(emu, 'main', inputsFor(emu, { 'check-endpoints': QUEUES }), LONG)
    assertExited(r, 1)
    assert.equal(emu.faults.probe.length, 0, 'the big 403 was served')
    const error = errorOf(r)
    assert.match(error, new RegExp(`- GET ${QUEUES}: HTTP 403`))
    assert.doesNotMatch(error, /no answer/)
  })
})
