// The main step in-process: run(runner, env) against the loopback emulator with a fake runner,
// and the crash guard that an uncaught error falls back on.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { errors, warnings } from '../../src/errors.js'
import type { HttpPolicy, Timing } from '../../src/net/policy.js'
import type { Log } from '../../src/action/log.js'
import { crashGuard, errorName, run } from '../../src/steps/main.js'
import { exitSoon } from '../../src/action/runner.js'
import { Emulator } from '../../tools/emulator.js'
import { inputsFor } from '../../tools/harness.js'
import { fakeRunner, printed } from '../support/fake-runner.js'
import { turn, useLoopback } from '../support/loopback.js'

const CLIENT = { id: 'client-in-process-1', secret: 'S3cr3t-in-process-value-0123456789' }
const ORG = '7f6e5d4c-0000-4000-8000-00000000a001'
const BOUND = { timeout: 20_000 }

describe('errorName', () => {
  it('names an Error by its name, anything else by its type', () => {
    class CustomError extends Error {
      override name = 'CustomError'
    }
    assert.equal(errorName(new TypeError('secret text')), 'TypeError')
    assert.equal(errorName(new CustomError('x')), 'CustomError')
    assert.equal(errorName('a thrown string with a secret'), 'string')
    assert.equal(errorName(null), 'null')
    assert.equal(errorName(undefined), 'undefined')
    assert.equal(errorName(42), 'number')
    assert.equal(errorName({ message: 'x' }), 'object')
    assert.equal(errorName(Symbol('s')), 'symbol')
    assert.equal(
      errorName(() => 1),
      'function'
    )
  })
})

describe('crashGuard', () => {
  const net = useLoopback({ each: true })

  function guardWith(saved: { token?: string; apiUrl?: string }, withPolicy = true) {
    const events: string[] = []
    const log: Log = {
      info: line => events.push(`info ${line}`),
      debug: line => events.push(`debug ${line}`),
      warning: line => events.push(`warning ${line}`),
      fail: line => events.push(`fail ${line}`),
      redact: text => text
    }
    const policy: HttpPolicy = {
      maxAttempts: 5,
      timeoutMs: 2000,
      deadline: Date.now() + 60_000,
      connections: net.connections,
      waitScale: 0,
      log: line => events.push(`http ${line}`),
      redact: text => text
    }
    const guard = crashGuard({
      log,
      saved: () => saved,
      policy: () => (withPolicy ? policy : undefined),
      close: () => {
        events.push('close')
        net.connections.close()
      },
      exit: code => void events.push(`exit ${code}`)
    })
    return { guard, events }
  }

  it(
    'says so without the error text, revokes the remembered token, closes, exits 1',
    BOUND,
    async () => {
      const { guard, events } = guardWith({ token: 'tok-crash-1', apiUrl: net.server.origin })
      await guard(new TypeError('boom with tok-crash-1 inside'))
      assert.deepEqual(events, [
        `fail ${errors.unexpected('TypeError').message}`,
        'close',
        'exit 1'
      ])
      assert.equal(net.server.requests.length, 1)
      const [req] = net.server.requests
      assert.deepEqual([req.method, req.path], ['DELETE', '/api/v2/tokens/me'])
      assert.equal(req.headers.authorization, 'Bearer tok-crash-1')
      assert.ok(!events.join('\n').includes('boom'))
    }
  )

  it('tries the revocation once, and warns when it fails', BOUND, async () => {
    net.server.handlers.push((_q, r) => r.writeHead(503).end('{"message":"down"}'))
    const { guard, events } = guardWith({ token: 'tok-crash-2', apiUrl: net.server.origin })
    await guard('a thrown string')
    assert.equal(net.server.requests.length, 1, 'one attempt, whatever max-attempts says')
    assert.deepEqual(events, [
      `fail ${errors.unexpected('string').message}`,
      'warning Could not revoke the rejected token (HTTP 503: down); it expires on its own.',
      'close',
      'exit 1'
    ])
  })

  it(
    'a revocation answered 401 is not taken for one: it warns what the 401 means',
    BOUND,
    async () => {
      net.server.handlers.push((_q, r) =>
        r.writeHead(401).end('{"message":"Authentication failed"}')
      )
      const { guard, events } = guardWith({ token: 'tok-crash-4', apiUrl: net.server.origin })
      await guard(new Error('x'))
      assert.deepEqual(events, [
        `fail ${errors.unexpected('Error').message}`,
        `warning ${warnings.revokeUnknown('The token', net.server.origin)}`,
        'close',
        'exit 1'
      ])
      assert.match(events[1], /does not know the token: it may belong to another region's API/)
    }
  )

  it(
    'its revocation is registered, so exitSoon() lets it finish before the exit',
    BOUND,
    async () => {
      let answer!: () => void
      const answered = new Promise<void>(resolve => (answer = resolve))
      let arrived!: () => void
      const onTheWire = new Promise<void>(resolve => (arrived = resolve))
      net.server.handlers.push((_q, r) => {
        arrived()
        void answered.then(() => r.writeHead(204).end())
      })
      const { guard, events } = guardWith({ token: 'tok-crash-3', apiUrl: net.server.origin })
      const done = guard(new Error('x'))
      await onTheWire
      let exited = false
      exitSoon(() => (exited = true), 0)
      await turn()
      assert.equal(exited, false, 'the revocation in progress is registered: no exit yet')
      answer()
      await done
      while (!exited) await turn()
      assert.deepEqual(events.slice(-2), ['close', 'exit 1'])
    }
  )

  it(
    'with no token, no API URL or no policy yet, only says so, closes and exits 1',
    BOUND,
    async () => {
      for (const [saved, withPolicy] of [
        [{}, true],
        [{ token: '', apiUrl: net.server.origin }, true],
        [{ token: 't' }, true],
        [{ token: 't', apiUrl: net.server.origin }, false]
      ] as const) {
        const { guard, events } = guardWith(saved, withPolicy)
        await guard(null)
        assert.deepEqual(events, [`fail ${errors.unexpected('null').message}`, 'close', 'exit 1'])
      }
      assert.equal(net.server.requests.length, 0)
    }
  )
})

describe('run() in-process', () => {
  let emulator: Emulator
  before(async () => {
    emulator = await Emulator.start({ clients: [{ ...CLIENT, orgId: ORG, orgName: 'Acme' }] })
  })
  after(() => emulator.stop())

  const inputs = (extra: Record<string, string> = {}) => inputsFor(emulator, extra, CLIENT)
  const ENV = { GITHUB_STEP_SUMMARY: 'summary.md' }
  const listeners = () => process.listenerCount('uncaughtException')

  /** Runs the step; asserts it left no listener behind and printed no secret or token. */
  async function runMain(
    given: Record<string, string>,
    options: Parameters<typeof fakeRunner>[1] = {},
    env: NodeJS.ProcessEnv = ENV,
    timing: Timing = { sleep: async () => undefined }
  ) {
    const before = listeners()
    const issuedBefore = new Set(emulator.tokens)
    const { runner, calls } = fakeRunner(given, options)
    await run(runner, env, timing)
    assert.equal(listeners(), before, 'an uncaughtException listener was left behind')
    const issued = emulator.tokens.filter(t => !issuedBefore.has(t))
    for (const secret of [CLIENT.secret, ...issued])
      assert.ok(!printed(calls).includes(secret), 'a secret or token was printed')
    return { calls, issued, listenersBefore: before }
  }

  it(
    'gets, checks, masks and publishes a token; remembers it for the post step',
    BOUND,
    async () => {
      const { calls, issued, listenersBefore } = await runMain(inputs())
      assert.deepEqual(calls.failed, [])
      assert.deepEqual(calls.warnings, [])
      assert.equal(issued.length, 1)
      const [token] = issued
      assert.equal(calls.secrets[0], CLIENT.secret, 'the secret is masked before anything else')
      assert.ok(calls.secrets.includes(token), 'the token is masked')
      assert.equal(calls.outputs['access-token'], token)
      assert.equal(calls.outputs['token-type'], 'bearer')
      assert.equal(calls.outputs['organization-id'], ORG)
      assert.equal(calls.outputs['organization-name'], 'Acme')
      assert.equal(calls.outputs.region, '', 'a loopback login URL belongs to no region')
      assert.equal(calls.state.token, token)
      assert.equal(calls.state['api-url'], emulator.url)
      assert.ok(Date.parse(calls.state['expires-at']) > Date.now())
      // While it ran, the step had its crash guard registered (one listener more than before).
      assert.ok(calls.listenersWhileRunning.length > 0)
      for (const n of calls.listenersWhileRunning) assert.equal(n, listenersBefore + 1)
      assert.equal(calls.summaries.length, 1)
      assert.match(calls.summaries[0], /\| Result \| ✅ token issued and checked \|/)
      assert.ok(calls.info.some(l => l.startsWith('Token ready: bearer, expires ')))
    }
  )

  it(
    'output-token: false checks and revokes the token, hands out none, leaves the post step none',
    BOUND,
    async () => {
      const { calls, issued } = await runMain(
        inputs({ 'output-token': 'false', 'export-env': 'true' }),
        {},
        { ...ENV, GENESYSCLOUD_ACCESS_TOKEN: 'earlier-token-in-the-job-0123456789' }
      )
      assert.deepEqual(calls.failed, [])
      assert.deepEqual(calls.warnings, [])
      assert.ok(emulator.revoked.has(issued[0]))
      assert.ok(!('access-token' in calls.outputs))
      assert.equal(calls.outputs['organization-id'], ORG)
      assert.equal(calls.env.GENESYSCLOUD_ACCESS_TOKEN, '')
      // Saved while it lived (a killed step leaves it to the post step), cleared once revoked.
      assert.equal(calls.state.token, '')
      assert.ok(calls.secrets.includes('earlier-token-in-the-job-0123456789'), 'masked')
      assert.ok(calls.info.some(l => /is cleared \(export-env with output-token: false\)/.test(l)))
      assert.ok(calls.info.some(l => l.startsWith('Token checked: bearer, expires ')))
      assert.match(calls.summaries[0], /not handed out \(output-token: false\), and revoked \|/)
    }
  )

  it(
    'output-token: false on a non-Genesys host with revoke: false: no revoke, a warning',
    BOUND,
    async () => {
      const revokes = emulator.count('revoke')
      const { calls } = await runMain(inputs({ 'output-token': 'false', revoke: 'false' }))
      assert.equal(emulator.count('revoke'), revokes)
      assert.equal(calls.warnings.length, 1)
      assert.match(calls.warnings[0], /^The token was not revoked: "revoke" is false/)
      assert.deepEqual(calls.state, {})
    }
  )

  it(
    'output-token: false whose revoke fails: a warning, the step passes, the post step revokes',
    BOUND,
    async () => {
      emulator.faults.revoke.push({ status: 503 })
      const { calls, issued } = await runMain(
        inputs({ 'output-token': 'false', 'max-attempts': '1' })
      )
      assert.deepEqual(calls.failed, [])
      assert.equal(calls.state.token, issued[0], 'the post step tries again')
      assert.match(calls.warnings.join('\n'), /^Could not revoke the token \(/)
      assert.match(calls.summaries[0], /not handed out \(output-token: false\), not revoked/)
    }
  )

  it('a summary that cannot be written is a warning, and nothing else breaks', BOUND, async () => {
    const { calls, issued } = await runMain(inputs(), { summaryWrite: 'throws' })
    assert.deepEqual(calls.warnings, ['Could not write the job summary.'])
    assert.deepEqual(calls.failed, [])
    assert.equal(calls.outputs['access-token'], issued[0])
    assert.equal(calls.state.token, issued[0])
    assert.ok(!printed(calls).includes('EACCES'))
  })

  it(
    'writes no summary when the runner gives no summary file, or "summary" is false',
    BOUND,
    async () => {
      const { calls } = await runMain(inputs(), {}, {})
      assert.deepEqual(calls.summaries, [])
      const off = await runMain(inputs({ summary: 'false' }))
      assert.deepEqual(off.calls.summaries, [])
      assert.deepEqual(off.calls.failed, [])
    }
  )

  // Time is a dependency of run(): retries wait the real backoff, told to an injected sleep.
  it('waits between attempts through the given sleep, as long as it says', BOUND, async () => {
    const waits: number[] = []
    const timing: Timing = { sleep: async ms => void waits.push(ms), random: () => 0.5 }
    emulator.faults.token.push({ status: 503 }, { status: 429, headers: { 'Retry-After': '7' } })
    const { calls, issued } = await runMain(inputs({ verify: 'false' }), {}, ENV, timing)
    assert.deepEqual(calls.failed, [])
    assert.equal(issued.length, 1)
    // Backoff 0.5 of 1 s + 0.1 s; then Retry-After 7 s + 0.5 of a 4 s spread.
    assert.deepEqual(waits, [600, 9_000])
    assert.deepEqual(
      calls.info.filter(l => l.includes('retrying')),
      [
        'Token request: attempt 1/5 failed (HTTP 503); retrying in 0.6 s',
        'Token request: attempt 2/5 failed (HTTP 429); retrying in 9.0 s'
      ]
    )
  })

  it("fails with the token endpoint's reason; the summary shows it", BOUND, async () => {
    const { calls, issued } = await runMain(inputs({ 'client-secret': 'wrong-secret-value-42' }))
    assert.equal(issued.length, 0)
    assert.equal(calls.failed.length, 1)
    assert.match(
      calls.failed[0],
      /^Token request failed: HTTP 400 invalid_client: authentication failed\./
    )
    assert.deepEqual(calls.outputs, {})
    assert.match(calls.summaries[0], /\| Result \| ❌ failed \(reason below\) \|/)
    assert.match(calls.summaries[0], /### Why it failed\n\nToken request failed\\: HTTP 400/)
    assert.ok(!printed(calls).includes('wrong-secret-value-42'))
  })

  it(
    'revokes a token that fails a later check, and leaves the post step nothing',
    BOUND,
    async () => {
      const { calls, issued } = await runMain(inputs({ 'expected-organization-id': 'other-org' }))
      assert.equal(issued.length, 1)
      assert.ok(emulator.revoked.has(issued[0]), 'the rejected token was revoked')
      assert.equal(calls.state.token, '', 'nothing left for the post step')
      assert.match(calls.failed[0], /^The token belongs to organization "Acme" \(7f6e5d4c/)
      assert.deepEqual(calls.outputs, {})
      assert.match(calls.summaries[0], /\| Revoked after failure \| yes \|/)
    }
  )

  it(
    'a failure to publish revokes the token too; the message names the file and the reason only',
    BOUND,
    async () => {
      const { calls, issued } = await runMain(inputs(), { outputThrows: true })
      assert.equal(issued.length, 1)
      assert.ok(emulator.revoked.has(issued[0]))
      assert.equal(calls.state.token, '')
      assert.deepEqual(calls.failed, [
        errors.runnerFile('GITHUB_OUTPUT', 'it does not exist').message
      ])
      assert.ok(!printed(calls).includes('/output'))
    }
  )

  it('an input error fails before any request, with no summary to write', BOUND, async () => {
    const before = emulator.requests.length
    const { calls } = await runMain({ 'client-secret': CLIENT.secret })
    assert.equal(calls.failed.length, 1)
    assert.match(calls.failed[0], /^Input "client-id" is required and was empty/)
    assert.deepEqual(calls.summaries, [])
    assert.equal(emulator.requests.length, before)
  })

  it('masks the client secret and any proxy password before anything else', BOUND, async () => {
    const env = { ...ENV, https_proxy: 'http://user:proxy-pw-0123@proxy.example:3128' }
    const { calls } = await runMain(inputs(), {}, env)
    assert.deepEqual(calls.secrets.slice(0, 2), [CLIENT.secret, 'proxy-pw-0123'])
    assert.deepEqual(calls.failed, [], 'loopback hosts are never proxied')
  })
})
