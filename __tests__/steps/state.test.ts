// What the main step saves for the post step, so that a main step killed hard (SIGKILL, out of
// memory), where none of its code runs, leaves no token alive that it would have revoked: every
// such token is saved as soon as it exists, cleared once revoked, and marked "keep" once handed
// out with revoke: false. authenticate() in-process against the loopback emulator; the Genesys
// Cloud rule is reached by giving the settings a region (a loopback host belongs to none).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseInputs, type Settings } from '../../src/action/inputs.js'
import { createLog, Secrets } from '../../src/action/log.js'
import type { Saved } from '../../src/action/outputs.js'
import { authenticate, newReport } from '../../src/steps/authenticate.js'
import { run as runPost } from '../../src/steps/post.js'
import { Connections } from '../../src/net/connections.js'
import { Emulator } from '../../tools/emulator.js'
import { inputsFor } from '../../tools/harness.js'
import { fakeRunner } from '../support/fake-runner.js'
import { Loopback, testPolicy } from '../support/loopback.js'

const CLIENT = { id: 'client-state-1', secret: 'S3cr3t-state-value-0123456789' }
const BOUND = { timeout: 20_000 }

describe('authenticate(): what the post step is told', () => {
  let emulator: Emulator
  let connections: Connections
  before(async () => {
    emulator = await Emulator.start({ clients: [{ ...CLIENT }] })
    connections = new Connections(2000)
  })
  after(async () => {
    connections.close()
    await emulator.stop()
  })

  /** Settings from inputs; `genesys` gives them a region, as a Genesys Cloud login host has. */
  function settingsOf(extra: Record<string, string>, genesys = false): Settings {
    const inputs = inputsFor(emulator, { verify: 'false', ...extra }, CLIENT)
    const { settings } = parseInputs(name => inputs[name] ?? '', {})
    if (genesys) settings.endpoints = { ...settings.endpoints, region: 'eu-west-1' }
    return settings
  }

  /** Runs the main path; returns every state write, in order, and whether it failed. */
  async function saves(settings: Settings): Promise<{ saved: Partial<Saved>[]; failed: boolean }> {
    const { runner } = fakeRunner({})
    const saved: Partial<Saved>[] = []
    const secrets = new Secrets(() => undefined)
    const policy = testPolicy(connections)
    const deps = {
      secrets,
      log: createLog(secrets, runner),
      policy,
      now: Date.now,
      remember: (next: Partial<Saved>) => void saved.push(next),
      publish: () => undefined
    }
    const failed = await authenticate(settings, newReport(settings), deps).then(
      () => false,
      () => true
    )
    return { saved, failed }
  }
  const token = () => emulator.tokens.at(-1)!
  const expiresAt = (saved: Partial<Saved>[]) => saved.find(s => s.expiresAt)?.expiresAt

  it('check mode: saved at once, cleared once revoked', BOUND, async () => {
    const { saved } = await saves(settingsOf({ 'output-token': 'false' }))
    assert.ok(emulator.revoked.has(token()))
    assert.deepEqual(saved, [
      { token: token(), apiUrl: emulator.url },
      { expiresAt: expiresAt(saved) },
      { token: '' }
    ])
  })

  it(
    'check mode whose revocation fails: the token stays saved, for the post step',
    BOUND,
    async () => {
      emulator.faults.revoke.push({ status: 503 })
      const { saved } = await saves(settingsOf({ 'output-token': 'false' }))
      assert.ok(!emulator.revoked.has(token()))
      assert.deepEqual(saved.at(-1), { expiresAt: expiresAt(saved) })
      assert.deepEqual(saved[0], { token: token(), apiUrl: emulator.url })
    }
  )

  it(
    'revoke: false on Genesys Cloud: saved until handed out, then marked keep',
    BOUND,
    async () => {
      const { saved } = await saves(settingsOf({ revoke: 'false' }, true))
      assert.ok(!emulator.revoked.has(token()))
      assert.deepEqual(saved, [
        { token: token(), apiUrl: emulator.url },
        { expiresAt: expiresAt(saved) },
        { token: '', keep: 'true' }
      ])
    }
  )

  it('revoke: false on Genesys Cloud, a check fails: revoked and cleared', BOUND, async () => {
    const settings = settingsOf({ revoke: 'false', 'min-validity': '172800' }, true)
    const { saved, failed } = await saves(settings)
    assert.ok(failed)
    assert.ok(emulator.revoked.has(token()))
    assert.deepEqual(saved, [
      { token: token(), apiUrl: emulator.url },
      { expiresAt: expiresAt(saved) },
      { token: '' }
    ])
  })

  it('revoke: false elsewhere: nothing is saved, as nothing would be revoked', BOUND, async () => {
    for (const extra of [{}, { 'output-token': 'false' }] as Record<string, string>[]) {
      const { saved } = await saves(settingsOf({ revoke: 'false', ...extra }))
      assert.deepEqual(saved, [])
      assert.ok(!emulator.revoked.has(token()))
    }
  })

  it('revoke: true: saved for the post step, left there', BOUND, async () => {
    const { saved } = await saves(settingsOf({}))
    assert.deepEqual(saved, [
      { token: token(), apiUrl: emulator.url },
      { expiresAt: expiresAt(saved) }
    ])
  })
})

describe('the post step and a token marked keep', () => {
  let server: Loopback
  before(async () => {
    server = await Loopback.start()
  })
  after(() => server.stop())

  it('sends nothing and says why', BOUND, async () => {
    const state = {
      token: '',
      keep: 'true',
      'api-url': server.origin,
      'expires-at': new Date(Date.now() + 3_600_000).toISOString()
    }
    const { runner, calls } = fakeRunner({}, { state })
    await runPost(runner, {})
    assert.equal(server.requests.length, 0)
    assert.deepEqual(calls.warnings, [])
    assert.deepEqual(calls.info, [
      'The token was handed out with revoke: false; it is left to expire.'
    ])
  })
})
