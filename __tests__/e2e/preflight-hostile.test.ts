// The permission preflight against hostile text, through dist/: a plan's addresses are printed,
// and whatever a secret of the run looks like, the log and the summary must show it redacted,
// whole (never split by escaping first), with no command or Markdown of the plan's own.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'
import { plan, TABLE } from '../../tools/plans.js'

/** VSCHAR allows `|`, which a GFM table cell (and so code()) escapes as `\|`. */
const SECRET = 'Pipe|secret-value-that-must-NEVER-leak-987654321'
const TAIL = 'secret-value-that-must-NEVER-leak'
const PIPED = { ...CLIENT, secret: SECRET }

describe('the preflight against hostile plan text (dist/)', () => {
  let emu: Emulator
  let dir: string
  let table: string
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-hostile-'))
    table = join(dir, 'table.json')
    writeFileSync(table, JSON.stringify(TABLE))
    emu = await startEmulator({
      clients: [{ ...PIPED, roleDivisions: [{ roleId: 'viewer', divisionId: '*' }] }],
      roles: [{ id: 'viewer', name: 'Viewer', policies: ['routing:queue:view'] }]
    })
  })
  after(async () => {
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a secret with "|" in a plan address stays redacted in the summary\'s permission rows', async () => {
    const file = join(dir, 'plan.json')
    writeFileSync(
      file,
      plan([
        // A miss (in the "Missing" rows) and a type the table lacks (the "Not checked" rows).
        { address: `genesyscloud_routing_wrapupcode.w["${SECRET}"]`, actions: ['create'] },
        { address: `genesyscloud_brand_new.n["${SECRET}"]`, actions: ['create'] }
      ])
    )
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'terraform-plan': file, 'output-token': 'false' }, PIPED),
      { env: { GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE: table } }
    )
    assert.equal(r.code, 1, r.stdout)
    assert.match(r.summary, /### Permissions/)
    assert.match(r.summary, /❌ `genesyscloud_routing_wrapupcode\.w\["\*\*\*"\]: create needs/)
    assert.match(
      r.summary,
      /⚠️ `genesyscloud_brand_new: .*\(genesyscloud_brand_new\.n\["\*\*\*"\]\)`/
    )
    // The log is checked by run() (harness): outside ::add-mask:: no line may hold the secret.
    assert.ok(!r.summary.includes(TAIL), 'the secret reached the summary')
  })

  it('a plan address with line separators stays one line wherever it is printed', async () => {
    const file = join(dir, 'plan-lines.json')
    const address = 'genesyscloud_routing_wrapupcode.w["a\u2028::error::b\u0085c"]'
    writeFileSync(file, plan([{ address, actions: ['create'] }]))
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'terraform-plan': file, 'output-token': 'false' }, PIPED),
      { env: { GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE: table } }
    )
    assert.equal(r.code, 1, r.stdout)
    assert.doesNotMatch(`${r.stdout}${r.summary}`, /[\u2028\u2029\u0085]/)
    // Each miss is still a list item of the summary's reason, not a paragraph of its own.
    assert.match(r.summary, /\n- genesyscloud\\_routing\\_wrapupcode\\\.w\\\["a \\:\\:error/)
  })

  it('an address too long to print is never cut: a cut secret would escape redaction', async () => {
    const file = join(dir, 'plan-long.json')
    // The secret straddles the 500th character, where the address used to be cut.
    const address = `genesyscloud_routing_wrapupcode.w["${'k'.repeat(500 - 41)}${SECRET}"]`
    writeFileSync(file, plan([{ address, actions: ['create'] }]))
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'terraform-plan': file, 'output-token': 'false' }, PIPED),
      { env: { GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE: table } }
    )
    assert.equal(r.code, 1, r.stdout)
    const printed = [...r.stdout.split('\n').filter(l => !l.startsWith('::add-mask::')), r.summary]
    for (const text of printed) assert.ok(!text.includes('Pipe|'), `part of the secret: ${text}`)
    assert.match(
      r.stdout,
      /genesyscloud_routing_wrapupcode\.<an address of 5\d\d characters>: create needs/
    )
  })

  it('a 200 that is no role is never judged as a role granting nothing', async () => {
    const file = join(dir, 'plan-roles.json')
    writeFileSync(file, plan([{ address: 'genesyscloud_routing_queue.q', actions: ['create'] }]))
    for (const body of ['<html><body>Welcome</body></html>', '[]', '{}']) {
      emu.faults.role.push({ status: 200, body })
      const r = await run(
        emu,
        'main',
        inputsFor(emu, { 'terraform-plan': file, 'output-token': 'false' }, PIPED),
        { env: { GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE: table } }
      )
      emu.faults.role.length = 0
      assert.equal(r.code, 1, r.stdout)
      assert.doesNotMatch(errorOf(r), /lack/, body)
      assert.match(errorOf(r), /^Cannot check permissions: .*role viewer .* was not a role/, body)
      assert.match(errorOf(r), /Nothing was judged granted or missing/)
      assert.equal(r.outputs['missing-permissions'], undefined, 'no check ran')
      assert.ok(emu.revoked.has(emu.tokens.at(-1)!), 'the token was revoked')
    }
  })
})
