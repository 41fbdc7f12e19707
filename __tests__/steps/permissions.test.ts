// The permission preflight in-process: run() with a fake runner against the emulator's roles, the
// table fixture named as the end-to-end tests name it, and plans in the `terraform show -json`
// shape. Each run is checked for the plan's secret in everything the step printed or wrote.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { run } from '../../src/steps/main.js'
import { parseInputs } from '../../src/action/inputs.js'
import {
  MAX_PLAN_BYTES,
  permissionSection,
  preparePreflight,
  TEST_TABLE
} from '../../src/steps/permissions.js'
import type { PermissionReport } from '../../src/action/summary.js'
import { Emulator } from '../../tools/emulator.js'
import { fakeRunner, printed } from '../support/fake-runner.js'
import { plan, PLAN_SECRET, TABLE, type ChangeSpec } from '../../tools/plans.js'

const CLIENT = { id: 'client-preflight-1', secret: 'S3cr3t-preflight-value-0123456789' }
const W = 'genesyscloud_routing_wrapupcode.billing'
const Q = 'genesyscloud_routing_queue.support'

describe('the permission preflight in-process', () => {
  let emulator: Emulator
  let dir: string
  let env: NodeJS.ProcessEnv
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-unit-'))
    writeFileSync(join(dir, 'table.json'), JSON.stringify(TABLE))
    env = { GITHUB_STEP_SUMMARY: 'summary.md', [TEST_TABLE]: join(dir, 'table.json') }
    emulator = await Emulator.start({
      clients: [
        {
          ...CLIENT,
          roleDivisions: [
            { roleId: 'wrapup', divisionId: '*' },
            { roleId: 'queue', divisionId: 'home' }
          ]
        }
      ],
      roles: [
        { id: 'wrapup', name: 'Wrap-up', policies: ['routing:wrapupCode:*'] },
        {
          id: 'queue',
          name: 'Queues',
          policies: ['routing:queue:add', 'routing:queue:view'],
          conditional: ['routing:queue:delete']
        }
      ]
    })
  })
  after(async () => {
    await emulator.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  let n = 0
  const planFile = (changes: ChangeSpec[] | undefined, text = plan(changes)) => {
    const file = join(dir, `plan-${n++}.json`)
    writeFileSync(file, text)
    return file
  }
  async function runMain(extra: Record<string, string>, runEnv = env) {
    const { runner, calls } = fakeRunner({
      'client-id': CLIENT.id,
      'client-secret': CLIENT.secret,
      'login-url': emulator.url,
      'api-url': emulator.url,
      'output-token': 'false',
      ...extra
    })
    await run(runner, runEnv, { sleep: async () => undefined })
    const all = `${printed(calls)}${calls.summaries.join('')}${JSON.stringify(calls.outputs)}`
    assert.ok(!all.includes(PLAN_SECRET), 'a value of the plan was printed')
    return calls
  }

  it('passes and says what was checked; a conditional grant is only a warning', async () => {
    const calls = await runMain({
      'terraform-plan': planFile([
        { address: W, actions: ['create'], after: 'sales' },
        { address: Q, actions: ['delete'], before: 'home' },
        { address: 'genesyscloud_routing_queue.q2', actions: ['no-op'], before: 'home' }
      ])
    })
    assert.deepEqual(calls.failed, [])
    assert.equal(calls.outputs['missing-permissions'], '')
    assert.ok(calls.info.some(l => /^Permission check passed: 3 of 3 resource changes/.test(l)))
    assert.match(
      calls.warnings.join('\n'),
      /routing:queue:delete, granted only by a conditional policy/
    )
    assert.match(calls.summaries[0], /✅ Nothing missing in what was checked/)
    assert.match(
      calls.summaries[0],
      /⚠️ `genesyscloud_routing_queue: delete needs routing:queue:delete/
    )
  })

  it('a miss in another division fails, with the output, the log line and the summary row', async () => {
    const calls = await runMain({
      'terraform-plan': planFile([{ address: Q, actions: ['create'], after: 'sales' }])
    })
    // The provider reads back what it creates: in that division too.
    assert.equal(calls.outputs['missing-permissions'], 'routing:queue:view routing:queue:add')
    assert.match(calls.failed[0], /support: read needs routing:queue:view in division sales/)
    assert.match(
      calls.failed[0],
      /- genesyscloud_routing_queue\.support: create needs routing:queue:add in division sales/
    )
    assert.match(
      calls.summaries[0],
      /❌ `genesyscloud_routing_queue\.support: create needs routing:queue:add in division sales`/
    )
    assert.match(calls.summaries[0], /❌ failed/)
  })

  it('the roles cannot be read: 403, another refusal, no roleDivisions', async () => {
    emulator.rolesForbidden = true
    const forbidden = await runMain({ 'required-permissions': 'routing:queue:add' })
    emulator.rolesForbidden = false
    assert.match(forbidden.failed[0], /authorization:role:view/)
    assert.equal(forbidden.outputs['missing-permissions'], undefined)

    emulator.faults.role.push({ status: 500, body: '{"message": "role service down"}' })
    const failing = await runMain({
      'required-permissions': 'routing:queue:add',
      'max-attempts': '1'
    })
    assert.match(failing.failed[0], /failed: HTTP 500: role service down/)

    emulator.omitRoleDivisions = true
    const unknown = await runMain({ 'required-permissions': 'routing:queue:add' })
    emulator.omitRoleDivisions = false
    assert.match(unknown.failed[0], /did not list the OAuth client's roles/)
  })

  it('bad plans and a broken table fail before any request', async () => {
    const start = emulator.requests.length
    const absent = await runMain({ 'terraform-plan': join(dir, 'nope.json') })
    assert.match(
      absent.failed[0],
      /^Input "terraform-plan" is .*could not be read: it does not exist/
    )
    const v2 = await runMain({ 'terraform-plan': planFile([], '{"format_version": "2.1"}') })
    assert.match(v2.failed[0], /format_version 2\.1 is not 1\.x/)
    writeFileSync(join(dir, 'broken.json'), '{"resources": []}')
    const broken = await runMain(
      { 'terraform-plan': planFile([{ address: W, actions: ['create'] }]) },
      { ...env, [TEST_TABLE]: join(dir, 'broken.json') }
    )
    assert.match(
      broken.failed[0],
      /permission table of this action .* is not in the expected format/
    )
    const missing = await runMain(
      { 'terraform-plan': planFile([{ address: W, actions: ['create'] }]) },
      { ...env, [TEST_TABLE]: join(dir, 'missing.json') }
    )
    assert.match(missing.failed[0], /could not be read \(it does not exist\)/)
    assert.equal(emulator.requests.length, start, 'no request was made')
  })

  it('nothing to check: no genesyscloud_* change reads no role; one required permission passes', async () => {
    const start = emulator.requests.length
    const none = await runMain({
      'terraform-plan': planFile([
        {
          address: 'random_id.r',
          actions: ['create'],
          provider: 'registry.terraform.io/hashicorp/random'
        }
      ])
    })
    assert.deepEqual(none.failed, [])
    assert.equal(none.outputs['missing-permissions'], '')
    assert.ok(none.info.some(l => /1 of other providers skipped/.test(l)))
    assert.ok(none.info.some(l => /changes no genesyscloud_\* resource; nothing to check/.test(l)))
    assert.equal(emulator.requests.slice(start).filter(q => q.route === 'role').length, 0)

    const one = await runMain({ 'required-permissions': 'routing:wrapupCode:add' })
    assert.deepEqual(one.failed, [])
    assert.ok(
      one.info.some(l =>
        /^Permission check passed: 1 required permission checked \(1 distinct permission\), against the client's 2 roles/.test(
          l
        )
      )
    )
  })

  it('a run without the new inputs reads no table and no role', async () => {
    const start = emulator.requests.length
    const calls = await runMain({}, { ...env, [TEST_TABLE]: join(dir, 'missing.json') })
    assert.deepEqual(calls.failed, [])
    assert.equal(calls.outputs['missing-permissions'], undefined)
    assert.equal(emulator.requests.slice(start).filter(q => q.route === 'role').length, 0)
  })

  it('a plan over MAX_PLAN_BYTES is refused by its size, unread, before any request', async () => {
    const file = join(dir, 'huge-plan.json')
    writeFileSync(file, '')
    truncateSync(file, MAX_PLAN_BYTES + 1) // sparse: nothing is written
    const start = emulator.requests.length
    const calls = await runMain({ 'terraform-plan': file })
    assert.match(
      calls.failed[0] ?? '',
      /^Input "terraform-plan" is ".*huge-plan\.json", which could not be read: it is 257 MiB, more than the 256 MiB this check reads\./
    )
    assert.equal(emulator.requests.length, start)
  })

  it('the test table is honoured only when every host is loopback', () => {
    const { settings } = parseInputs(
      name =>
        ({
          'client-id': CLIENT.id,
          'client-secret': CLIENT.secret,
          region: 'eu-west-1',
          'terraform-plan': planFile([{ address: W, actions: ['create'] }])
        })[name] ?? ''
    )
    const log = {
      info: () => undefined,
      debug: () => undefined,
      warning: () => undefined,
      fail: () => undefined,
      redact: (t: string) => t
    }
    // The named table does not exist: the shipped one is read instead.
    const preflight = preparePreflight(settings, { [TEST_TABLE]: join(dir, 'missing.json') }, log)
    assert.ok(preflight.table?.resources.genesyscloud_routing_wrapupcode)
  })
})

describe("the summary's permission section", () => {
  const report = (misses: number, unchecked: number): PermissionReport => ({
    checkedChanges: misses,
    permissions: misses,
    misses: Array.from({ length: misses }, (_, i) => ({
      address: `genesyscloud_routing_queue.q${i}`,
      verb: 'create' as const,
      permissions: [`routing:queue${i}:add`],
      any: false
    })),
    unchecked: Array.from({ length: unchecked }, (_, i) => ({
      reason: 'type-unknown' as const,
      type: `genesyscloud_new_type_${i}`,
      detail: '',
      count: 1
    })),
    missing: Array.from({ length: misses }, (_, i) => `routing:queue${i}:add`),
    planned: misses,
    required: 0,
    roles: 1
  })

  it('past its rows names the output for the misses, and claims no more of the log than it holds', () => {
    const md = permissionSection(report(150, 130), t => t)
    assert.equal(md.match(/^- ❌ /gm)?.length, 100)
    assert.equal(md.match(/^- ⚠️ /gm)?.length, 100)
    assert.match(md, /^- and 50 more \(every missing permission is in that output\)$/m)
    assert.match(md, /^- and 30 more$/m)
    // The log shows 20 of each (errors-preflight firstOf): "see the log" would send a reader there
    // for rows it does not have.
    assert.doesNotMatch(md, /see the log/)
  })

  it('lists every row when they fit', () => {
    const md = permissionSection(report(3, 0), t => t)
    assert.equal(md.match(/^- ❌ /gm)?.length, 3)
    assert.doesNotMatch(md, /more/)
  })
})
