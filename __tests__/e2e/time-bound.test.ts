// The main step's time bound: it ends within its budget plus one "timeout" (a late token answer)
// plus the revocation grace (one attempt of "timeout"), whatever the inputs. Scaled down: the
// loopback-only GENESYS_CLOUD_AUTH_TEST_BUDGET_SCALE=0 removes the budget's 3-minute floor, which
// leaves the real rest of the rule, twice "timeout"; every timeout here is real.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'

const TIMEOUT_S = 4
const BUDGET_MS = 2 * TIMEOUT_S * 1000
/** budget + one timeout + one revocation attempt. */
const BOUND_MS = BUDGET_MS + 2 * TIMEOUT_S * 1000
const NO_FLOOR = { GENESYS_CLOUD_AUTH_TEST_BUDGET_SCALE: '0' }
const PROBES = Array.from({ length: 20 }, (_, i) => `/api/v2/stalled/${i}`)

describe("the main step's time bound", () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
    for (const path of PROBES) emu.probeRoutes.set(path, 'stalled:probe:view')
  })
  after(() => emu.stop())

  // The old code gave each of the 20 probes (five rounds of four) a whole timeout past the budget.
  it('twenty stalled probes: none starts after the budget, the token is revoked', async () => {
    emu.faults.probe.push(...PROBES.map(() => ({ kind: 'hang' as const })))
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { timeout: String(TIMEOUT_S), 'check-endpoints': PROBES.join('\n') }),
      { env: NO_FLOOR, timeoutMs: 60_000 }
    )
    emu.faults.probe.length = 0
    assert.equal(r.code, 1, r.stdout)
    console.log(`20 stalled probes, timeout ${TIMEOUT_S} s: the step took ${Math.round(r.ms)} ms`)
    assert.ok(r.ms < BOUND_MS, `the step took ${Math.round(r.ms)} ms; the bound is ${BOUND_MS} ms`)
    assert.ok(r.ms >= BUDGET_MS - 1000, `${Math.round(r.ms)} ms: the probes had their budget`)
    const error = errorOf(r)
    assert.match(error, /^20 permission probes failed/)
    assert.match(r.stdout, /attempt 1\/5 failed \(no answer within 4 s\)/, 'whole attempts first')
    assert.match(error, /: no answer: not started: the step's time budget is spent\n/)
    assert.ok(emu.count('probe') < PROBES.length, `${emu.count('probe')} probes were sent`)
    assert.ok(emu.revoked.has(emu.tokens.at(-1)!), 'the token was revoked')
  })

  it('a stalled revocation after the budget gets one whole attempt (the grace), no more', async () => {
    emu.faults.probe.push(...PROBES.map(() => ({ kind: 'hang' as const })))
    emu.faults.revoke.push({ kind: 'hang' }, { kind: 'hang' })
    const revokes = emu.count('revoke')
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { timeout: String(TIMEOUT_S), 'check-endpoints': PROBES.join('\n') }),
      { env: NO_FLOOR, timeoutMs: 60_000 }
    )
    emu.faults.probe.length = emu.faults.revoke.length = 0
    assert.equal(r.code, 1, r.stdout)
    console.log(`... and a stalled revocation: the step took ${Math.round(r.ms)} ms`)
    assert.ok(r.ms < BOUND_MS, `the step took ${Math.round(r.ms)} ms; the bound is ${BOUND_MS} ms`)
    assert.equal(emu.count('revoke'), revokes + 1, 'one revocation attempt, no retry')
    assert.match(r.stdout, /^::warning::Could not revoke .*no answer within 4 s/m)
  })
})
