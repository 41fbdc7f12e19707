// Load: 100 runs of dist/ at once against an emulator that admits 20 token requests a second
// and answers the rest with 429 + Retry-After. Real waits, no test scaling: this is the herd a
// wide matrix makes. Every run must succeed within max-attempts. On a starved machine a run may
// time out an attempt whose answer is already waiting (timers run before sockets are read): that
// late token must then be revoked by the run, never left alive.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { CLIENT, startEmulator } from '../../tools/harness.js'
import { basicOf, findLeaks, runAction } from '../../tools/run-action.js'

const RUNS = 100
const MAX_ATTEMPTS = 5

it(
  `${RUNS} concurrent runs against a 20 req/s token endpoint all succeed`,
  { timeout: 120_000 },
  async () => {
    const emu = await startEmulator({ tokenRateLimit: 20 })
    try {
      const started = performance.now()
      const inputs = {
        'client-id': CLIENT.id,
        'client-secret': CLIENT.secret,
        'login-url': emu.url,
        verify: 'false',
        'max-attempts': String(MAX_ATTEMPTS)
      }
      const results = await Promise.all(
        Array.from({ length: RUNS }, () => runAction('main', inputs, { timeoutMs: 110_000 }))
      )
      const wall = performance.now() - started
      const attempts = results.map(
        r =>
          r.stdout.split('\n').filter(l => /^Token request: attempt \d+\/\d+ failed/.test(l))
            .length + 1
      )
      const failed = results.filter(r => r.code !== 0)
      const tokenRequests = emu.count('token')
      const rejected = emu.requests.filter(r => r.route === 'token').length - emu.tokens.length
      console.log(
        `load: ${RUNS} runs, ${tokenRequests} token requests (${rejected} answered 429), ` +
          `attempts per run max ${Math.max(...attempts)} mean ${(attempts.reduce((a, b) => a + b, 0) / RUNS).toFixed(2)}, wall ${(wall / 1000).toFixed(1)} s`
      )
      const secrets = [CLIENT.secret, basicOf(CLIENT.id, CLIENT.secret), ...emu.tokens]
      assert.deepEqual(
        results.flatMap(r => findLeaks(r, secrets)),
        [],
        'a secret reached the log unmasked'
      )
      assert.equal(failed.length, 0, failed.map(r => r.stdout).join('\n---\n'))
      const handedOut = new Set(results.map(r => r.outputs['access-token']))
      assert.equal(handedOut.size, RUNS, 'each run handed out a token of its own')
      const late = emu.tokens.filter(t => !handedOut.has(t))
      const lateLines = results.flatMap(r =>
        r.stdout.split('\n').filter(l => /came after its request had timed out was revoked/.test(l))
      )
      if (late.length) console.log(`load: ${late.length} late answers, each revoked`)
      assert.equal(lateLines.length, late.length, 'every extra token was a late answer')
      assert.ok(
        late.every(t => emu.revoked.has(t)),
        'every late token was revoked'
      )
      assert.equal(
        tokenRequests,
        attempts.reduce((a, b) => a + b, 0),
        'every request the emulator saw is one a run counted'
      )
      assert.ok(Math.max(...attempts) <= MAX_ATTEMPTS)
      assert.ok(rejected > 0, 'the rate limit was actually hit')
    } finally {
      await emu.stop()
    }
  }
)
