// Load: a herd of runs of dist/ at once against an emulator that admits a few token requests a
// second and answers the rest with 429 + Retry-After. Real waits, no test scaling: this is the
// herd a wide matrix makes. What it proves: retries get every run its token, no secret leaks, no
// token is left alive, and every request the server saw is one a run counted.
//
// Sized so that a starved machine cannot turn it red: 60 processes instead of 100 on two cores;
// a rate of 5/s, which even a starved start-up outpaces (on a machine loaded 6-12 on 2 cores the
// 60 runs arrived within about 20 s, 3/s on average and far more at first: at 12/s only 14 were
// refused), so that the limit is always hit; "timeout" long enough (60 s) that an answer waiting
// behind starved timers is not taken for a lost one; and "max-attempts" the most the action
// allows (10): a run refused ten times would have waited about 2 minutes, in which the endpoint
// admits 600 requests for 60 runs. A starved run may still time out an attempt whose answer then
// comes late: that token must be revoked by the run, never left alive.
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { CLIENT, startEmulator } from '../../tools/harness.js'
import { basicOf, findLeaks, runAction } from '../../tools/run-action.js'

const RUNS = 60
const RATE = 5
const MAX_ATTEMPTS = 10
const TIMEOUT_S = 60

it(
  `${RUNS} concurrent runs against a ${RATE} req/s token endpoint all succeed`,
  { timeout: 300_000 },
  async () => {
    const emu = await startEmulator({ tokenRateLimit: RATE })
    try {
      const started = performance.now()
      const inputs = {
        'client-id': CLIENT.id,
        'client-secret': CLIENT.secret,
        'login-url': emu.url,
        verify: 'false',
        'max-attempts': String(MAX_ATTEMPTS),
        timeout: String(TIMEOUT_S)
      }
      const results = await Promise.all(
        Array.from({ length: RUNS }, () => runAction('main', inputs, { timeoutMs: 280_000 }))
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
      const histogram = new Map<number, number>()
      for (const a of attempts) histogram.set(a, (histogram.get(a) ?? 0) + 1)
      const retried = attempts.filter(a => a > 1).length
      console.log(
        `load: ${RUNS} runs at ${RATE} token requests/s, ${tokenRequests} token requests (${rejected} answered 429), ` +
          `${retried} runs retried, attempts per run max ${Math.max(...attempts)} mean ${(attempts.reduce((a, b) => a + b, 0) / RUNS).toFixed(2)} ` +
          `(${[...histogram]
            .sort(([a], [b]) => a - b)
            .map(([a, n]) => `${n}×${a}`)
            .join(', ')}), ` +
          `slowest run ${(Math.max(...results.map(r => r.ms)) / 1000).toFixed(1)} s, wall ${(wall / 1000).toFixed(1)} s`
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
      assert.ok(retried > 0, 'some runs got their token only by retrying: the retries helped')
    } finally {
      await emu.stop()
    }
  }
)
