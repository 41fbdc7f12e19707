// Which tokens the main step revokes on its own, in-process (run() with a fake runner against the
// loopback emulator): the rule of "revoke" on and off Genesys Cloud, tokens of impossible length,
// a token answered late, and a cancellation (the signal emitted in-process).
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { after, before, describe, it } from 'node:test'
import { revokesUnused } from '../../src/steps/revoke.js'
import { resolveEndpoints } from '../../src/genesys/endpoints.js'
import { run } from '../../src/steps/main.js'
import { Emulator } from '../../tools/emulator.js'
import { inputsFor } from '../../tools/harness.js'
import { fakeRunner, printed } from '../support/fake-runner.js'

const CLIENT = { id: 'client-lifecycle-1', secret: 'S3cr3t-lifecycle-value-0123456789' }
const ENV = { GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '0' }
const BOUND = { timeout: 20_000 }

describe('revokesUnused', () => {
  const genesys = resolveEndpoints('eu-west-1', '', '')
  const custom = resolveEndpoints('', 'https://idp.example.com', 'https://api.example.com')
  const genesysLogin = resolveEndpoints('', 'https://login.mypurecloud.de', '')

  it('on a Genesys Cloud login host: always, whatever "revoke" says', () => {
    for (const endpoints of [genesys, genesysLogin])
      for (const revoke of [true, false]) assert.equal(revokesUnused({ revoke, endpoints }), true)
  })

  it('elsewhere: only with "revoke: true"', () => {
    assert.equal(revokesUnused({ revoke: true, endpoints: custom }), true)
    assert.equal(revokesUnused({ revoke: false, endpoints: custom }), false)
  })
})

describe('run() in-process: tokens nobody will use', () => {
  let emulator: Emulator
  before(async () => {
    emulator = await Emulator.start({ clients: [{ ...CLIENT }] })
  })
  after(() => emulator.stop())
  const inputs = (extra: Record<string, string> = {}) =>
    inputsFor(emulator, { verify: 'false', ...extra }, CLIENT)
  const runMain = async (given: Record<string, string>) => {
    const { runner, calls } = fakeRunner(given)
    await run(runner, ENV)
    return calls
  }
  const revokedWith = (start: number) =>
    emulator.requests
      .slice(start)
      .filter(r => r.route === 'revoke')
      .map(r => String(r.headers.authorization))

  it(
    'a short token: refused, not masked, revoked; nothing the server says is shown',
    BOUND,
    async () => {
      emulator.options.tokenResponse = { access_token: 'q7Z' }
      try {
        emulator.faults.revoke.push({ status: 500, body: '{"message":"bad token q7Z"}' })
        const start = emulator.requests.length
        const calls = await runMain(inputs())
        assert.match(calls.failed.join('\n'), /is 3 characters long, shorter than 16/)
        assert.ok(!calls.secrets.includes('q7Z'), 'a 3-character token is not masked')
        assert.deepEqual(revokedWith(start), ['Bearer q7Z'])
        assert.ok(!printed(calls).includes('q7Z'))
        assert.match(
          calls.warnings.join('\n'),
          /Could not revoke the rejected token \(not confirmed\)/
        )
        assert.deepEqual([calls.state, calls.outputs], [{}, {}])
      } finally {
        delete emulator.options.tokenResponse
      }
    }
  )

  it('a long token: refused, masked, its revocation tried', BOUND, async () => {
    const long = 'L'.repeat(16 * 1024 + 1)
    emulator.options.tokenResponse = { access_token: long }
    try {
      const start = emulator.requests.length
      const calls = await runMain(inputs())
      assert.match(calls.failed.join('\n'), /longer than 16 KiB/)
      assert.ok(calls.secrets.includes(long))
      // The revocation is tried; like most servers, the emulator refuses a header that long.
      assert.deepEqual(revokedWith(start), [])
      assert.match(calls.warnings.join('\n'), /Could not revoke the rejected token \(HTTP 431/)
      assert.deepEqual(calls.state, {})
    } finally {
      delete emulator.options.tokenResponse
    }
  })

  it(
    'revoke: false off Genesys Cloud: a refused token is kept, with a warning',
    BOUND,
    async () => {
      emulator.options.tokenResponse = { access_token: 'q7Z' }
      try {
        const start = emulator.requests.length
        const calls = await runMain(inputs({ revoke: 'false' }))
        assert.equal(calls.failed.length, 1)
        assert.deepEqual(revokedWith(start), [])
        assert.match(calls.warnings.join('\n'), /not handed out and not revoked: "revoke" is false/)
      } finally {
        delete emulator.options.tokenResponse
      }
    }
  )

  it('a token answered after its attempt timed out is revoked', BOUND, async () => {
    emulator.faults.token.push({ kind: 'delay', ms: 750 })
    const before = emulator.tokens.length
    const calls = await runMain(inputs({ timeout: '0.5' }))
    assert.deepEqual(calls.failed, [])
    const fresh = emulator.tokens.slice(before)
    assert.equal(fresh.length, 2)
    const late = fresh.find(t => t !== calls.outputs['access-token'])!
    assert.ok(emulator.revoked.has(late))
    assert.ok(calls.secrets.includes(late), 'the late token was masked')
    assert.match(
      calls.info.join('\n'),
      /A token that came after its request had timed out was revoked/
    )
  })

  it(
    'cancelled while the token request is out: its token is revoked, the step fails',
    BOUND,
    async () => {
      emulator.faults.token.push({ kind: 'delay', ms: 300 })
      const signals = new EventEmitter()
      const { runner, calls } = fakeRunner(inputs())
      const arrived = emulator.arrival('token')
      const running = run(runner, ENV, {}, signals)
      assert.equal(signals.listenerCount('SIGINT'), 1, 'the step listens for SIGINT')
      await arrived
      signals.emit('SIGINT', 'SIGINT')
      await running
      assert.equal(signals.listenerCount('SIGINT'), 0, 'the signal listener was removed')
      const token = emulator.tokens.at(-1)!
      assert.ok(emulator.revoked.has(token))
      assert.match(calls.failed.join('\n'), /cancelled \(SIGINT\) before a token was handed out/)
      assert.match(calls.info.join('\n'), /Received SIGINT/)
    }
  )

  it('cancelled after the token was handed out: the step still fails', BOUND, async () => {
    const signals = new EventEmitter()
    const { runner, calls } = fakeRunner(inputs())
    const summary = runner.summary
    // The signal comes while the summary is written, after the outputs were set.
    runner.summary = {
      addRaw: (text: string) => {
        signals.emit('SIGTERM', 'SIGTERM')
        return summary.addRaw(text)
      }
    } as typeof runner.summary
    await run(runner, { ...ENV, GITHUB_STEP_SUMMARY: 'summary.md' }, {}, signals)
    assert.ok(calls.outputs['access-token'])
    assert.deepEqual(calls.failed, [
      'The step was cancelled (SIGTERM) after the token was handed out.'
    ])
  })

  it(
    'cancelled during a retry wait: the wait ends, the token is revoked, the summary says so',
    BOUND,
    async () => {
      emulator.faults['tokens-me'].push({ status: 503, headers: { 'Retry-After': '30' } })
      const signals = new EventEmitter()
      const { runner, calls } = fakeRunner(inputs({ verify: 'true' }))
      // A wait that never ends unless the cancellation ends it; the signal comes during it.
      const sleep = () => {
        signals.emit('SIGINT', 'SIGINT')
        return new Promise<void>(() => undefined)
      }
      const requests = emulator.count('tokens-me')
      await run(runner, { ...ENV, GITHUB_STEP_SUMMARY: 'summary.md' }, { sleep }, signals)
      assert.equal(emulator.count('tokens-me'), requests + 1, 'no retry after the signal')
      assert.ok(emulator.revoked.has(emulator.tokens.at(-1)!))
      assert.deepEqual(calls.failed, [
        'The step was cancelled (SIGINT) before a token was handed out. A token issued by then was revoked unless the log says otherwise.'
      ])
      assert.match(
        calls.summaries[0],
        /\| Result \| ❌ failed \(reason below\) \|[\s\S]*### Why it failed\n\nThe step was cancelled \\\(SIGINT\\\)/
      )
      assert.equal(calls.state.token, '', 'nothing left for the post step')
    }
  )
})
