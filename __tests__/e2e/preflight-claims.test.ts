// What the preflight's log says must be true of the plan it read: a plan whose genesyscloud_*
// changes the check cannot judge (a type the table lacks, data sources only) is not a plan that
// "changes no genesyscloud_* resource".
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'
import { plan, TABLE, type ChangeSpec } from '../../tools/plans.js'

describe('the preflight says what it checked (dist/)', () => {
  let emu: Emulator
  let dir: string
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-claims-'))
    writeFileSync(join(dir, 'table.json'), JSON.stringify(TABLE))
    emu = await startEmulator({
      clients: [{ ...CLIENT, roleDivisions: [{ roleId: 'routing', divisionId: '*' }] }],
      roles: [{ id: 'routing', name: 'Routing', policies: ['routing:*:*'] }]
    })
  })
  after(async () => {
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  const check = async (changes: ChangeSpec[] | undefined) => {
    const file = join(dir, 'plan.json')
    writeFileSync(file, plan(changes))
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'terraform-plan': file, 'output-token': 'false' }),
      {
        env: { GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE: join(dir, 'table.json') }
      }
    )
    assert.equal(r.code, 0, r.stdout)
    return r.stdout.split('\n').find(l => l.startsWith('Permission check')) ?? ''
  }

  const unjudged: [string, ChangeSpec[]][] = [
    ['a type the table lacks', [{ address: 'genesyscloud_brand_new.x', actions: ['create'] }]],
    [
      'data sources only',
      [{ address: 'data.genesyscloud_routing_queue.q', actions: ['read'], mode: 'data' }]
    ]
  ]
  for (const [what, changes] of unjudged)
    it(`${what}: never "changes no genesyscloud_* resource"`, async () => {
      const line = await check(changes)
      assert.doesNotMatch(line, /changes no genesyscloud_\* resource/)
      assert.match(
        line,
        /^Permission check: 0 of 1 resource change checked \(0 distinct permissions\): nothing to judge; the warning above lists what was not checked\.$/
      )
    })

  it('a plan without changes still says there is nothing to check', async () => {
    assert.match(
      await check(undefined),
      /the plan changes no genesyscloud_\* resource; nothing to check/
    )
  })

  it('a miss of "required-permissions" alone is not one that "the plan needs"', async () => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'required-permissions': 'architect:flow:publish', 'output-token': 'false' })
    )
    assert.equal(r.code, 1, r.stdout)
    assert.doesNotMatch(errorOf(r), /the plan/)
    assert.match(
      errorOf(r),
      /^The OAuth client's roles lack a permission that "required-permissions" lists \(architect:flow:publish\)/
    )
  })

  it("the summary's rows show an ANY list as written: a list item is no table cell, `\\|` would show", async () => {
    const file = join(dir, 'plan-any.json')
    writeFileSync(file, plan([{ address: 'genesyscloud_routing_queue.q', actions: ['create'] }]))
    // Creating and reading queues, not their members: the members call (an ANY list that the
    // provider makes only for some attributes) is left unsure, a "Not checked" row.
    emu.options.roles = [
      { id: 'routing', name: 'Routing', policies: ['routing:queue:add', 'routing:queue:view'] }
    ]
    try {
      const r = await run(
        emu,
        'main',
        inputsFor(emu, { 'terraform-plan': file, 'output-token': 'false' }),
        {
          env: { GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE: join(dir, 'table.json') }
        }
      )
      assert.equal(r.code, 0, r.stdout)
      assert.match(
        r.summary,
        /- ⚠️ `genesyscloud_routing_queue: create may call POST \/api\/v2\/routing\/queues\/\{queueId\}\/members: routing:queue:edit \| routing:queueMember:manage /
      )
    } finally {
      emu.options.roles = [{ id: 'routing', name: 'Routing', policies: ['routing:*:*'] }]
    }
  })
})
