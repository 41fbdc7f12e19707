// The permission preflight through dist/: a plan and the client's roles (tokens/me roleDivisions,
// GET /api/v2/authorization/roles/{id}) against the emulator. Every run is also checked for the
// plan's secret: it must appear in no log line, output or summary.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run as runStep, startEmulator } from '../../tools/harness.js'
import type { RunResult } from '../../tools/run-action.js'
import { plan, PLAN_SECRET, TABLE, type ChangeSpec } from '../../tools/plans.js'

const Q = 'genesyscloud_routing_queue.support'
const W = 'genesyscloud_routing_wrapupcode.billing'
const U = 'genesyscloud_user.agent'

describe('terraform-plan and required-permissions (dist/)', () => {
  let emu: Emulator
  let dir: string
  let tableFile: string
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-'))
    tableFile = join(dir, 'table.json')
    writeFileSync(tableFile, JSON.stringify(TABLE))
    emu = await startEmulator({
      clients: [
        {
          ...CLIENT,
          roleDivisions: [
            { roleId: 'role-routing', divisionId: '*' },
            { roleId: 'role-queues', divisionId: 'home-division' },
            { roleId: 'role-users', divisionId: '*' }
          ]
        }
      ],
      roles: [
        {
          id: 'role-routing',
          name: 'Routing admin',
          policies: ['routing:wrapupCode:*', 'routing:queue:view', 'routing:queue:edit']
        },
        { id: 'role-queues', name: 'Queue maker', policies: ['routing:queue:add'] },
        { id: 'role-users', name: 'Users', policies: ['directory:user:edit'] }
      ]
    })
  })
  after(async () => {
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  let n = 0
  const planFile = (changes: ChangeSpec[] | undefined, text = plan(changes)) => {
    const file = join(dir, `plan-${n++}.json`)
    writeFileSync(file, text)
    return file
  }
  const run = async (inputs: Record<string, string>, table: string | null = tableFile) => {
    const r = await runStep(
      emu,
      'main',
      inputsFor(emu, { 'output-token': 'false', ...inputs }),
      table ? { env: { GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE: table } } : {}
    )
    const everything = `${r.stdout}${r.stderr}${r.summary}${JSON.stringify(r.outputs)}${JSON.stringify(r.env)}`
    assert.ok(!everything.includes(PLAN_SECRET), 'a value of the plan reached the log or outputs')
    return r
  }
  const made = async (start: number, r: RunResult) => {
    assert.ok(r.code !== null)
    return emu.requests.slice(start)
  }

  it('passes when the roles grant what the plan needs, reading roles once each with GET', async () => {
    const start = emu.requests.length
    const r = await run({
      'terraform-plan': planFile([
        { address: W, actions: ['create'] },
        { address: Q, actions: ['create'], after: 'home-division' },
        { address: U, actions: ['update'], before: 'sales', after: 'sales' },
        {
          address: 'aws_s3_bucket.b',
          actions: ['create'],
          provider: 'registry.terraform.io/hashicorp/aws'
        }
      ])
    })
    assert.equal(r.code, 0, r.stdout)
    assert.equal(r.outputs['missing-permissions'], '')
    assert.match(
      r.stdout,
      /Permission check passed: 3 of 3 resource changes checked \(\d+ distinct permissions\), against the client's 3 roles/
    )
    assert.match(r.stdout, /1 of other providers skipped/)
    assert.doesNotMatch(r.stdout, /will succeed/)
    assert.match(
      r.summary,
      /### Permissions\n\n3 of 3 resource changes checked \(\d+ distinct permissions\), against 3 roles\./
    )
    const requests = await made(start, r)
    const roles = requests.filter(q => q.route === 'role')
    assert.deepEqual(roles.map(q => q.path).sort(), [
      '/api/v2/authorization/roles/role-queues',
      '/api/v2/authorization/roles/role-routing',
      '/api/v2/authorization/roles/role-users'
    ])
    for (const q of requests.filter(q => q.route !== 'token' && q.route !== 'revoke'))
      assert.equal(q.method, 'GET', `${q.path}: only GET requests`)
    assert.equal(emu.revoked.size > 0, true)
  })

  it('a miss fails the step: address, action, permission and division in log and summary; output set; token revoked', async () => {
    const r = await run({
      'terraform-plan': planFile([
        { address: Q, actions: ['create'], after: 'sales' },
        { address: W, actions: ['create'] }
      ]),
      'output-token': 'true'
    })
    assert.equal(r.code, 1, r.stdout)
    assert.equal(r.outputs['missing-permissions'], 'routing:queue:add')
    const error = errorOf(r)
    assert.match(error, /lack a permission the plan needs \(routing:queue:add\)/)
    assert.match(
      error,
      /- genesyscloud_routing_queue\.support: create needs routing:queue:add in division sales/
    )
    assert.match(
      r.summary,
      /❌ `genesyscloud_routing_queue\.support: create needs routing:queue:add in division sales`/
    )
    assert.equal(r.outputs['access-token'], undefined, 'the token is not handed out')
    const token = [...emu.issued.keys()].at(-1)!
    assert.ok(emu.revoked.has(token), 'the token is revoked')
  })

  it('the misses are bounded in the log like the scope lists', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ({
      address: `genesyscloud_architect_schedules.s${i}`,
      actions: ['create'] as ['create']
    }))
    const r = await run({ 'terraform-plan': planFile(many) })
    assert.equal(r.code, 1)
    assert.equal(r.outputs['missing-permissions'], 'routing:schedule:add')
    assert.match(errorOf(r), /and 10 more\n/)
  })

  it('required-permissions alone: checked in any division, no plan needed', async () => {
    const ok = await run({ 'required-permissions': 'routing:queue:add, directory:user:edit' })
    assert.equal(ok.code, 0, ok.stdout)
    assert.match(ok.stdout, /2 required permissions checked/)
    const missing = await run({
      'required-permissions': 'routing:queue:add\narchitect:flow:publish'
    })
    assert.equal(missing.code, 1)
    assert.equal(missing.outputs['missing-permissions'], 'architect:flow:publish')
    assert.match(errorOf(missing), /required-permissions: needs architect:flow:publish/)
  })

  it('what cannot be decided is a warning, not a failure', async () => {
    const r = await run({
      'terraform-plan': planFile([
        { address: 'genesyscloud_brand_new.x', actions: ['create'] },
        { address: Q, actions: ['create'], after: 'unknown' }
      ])
    })
    assert.equal(r.code, 0, r.stdout)
    const warning = r.stdout.split('\n').find(l => l.startsWith('::warning::')) ?? ''
    assert.match(warning, /genesyscloud_brand_new: not in the permission table/)
    assert.match(warning, /in a division known only at apply/)
    assert.match(r.summary, /Not checked/)
  })

  it('a plan with no changes is a plan with nothing to check: no role is read', async () => {
    const start = emu.requests.length
    const r = await run({ 'terraform-plan': planFile(undefined) })
    assert.equal(r.code, 0, r.stdout)
    assert.equal(r.outputs['missing-permissions'], '')
    assert.equal((await made(start, r)).filter(q => q.route === 'role').length, 0)
  })

  it('403 on the roles: fails naming authorization:role:view and what it reveals', async () => {
    emu.rolesForbidden = true
    try {
      const r = await run({ 'terraform-plan': planFile([{ address: W, actions: ['create'] }]) })
      assert.equal(r.code, 1)
      assert.match(errorOf(r), /authorization:role:view/)
      assert.match(
        errorOf(r),
        /role definitions \(names and the permissions they grant\) and nothing else/
      )
      assert.equal(r.outputs['missing-permissions'], undefined, 'no check ran')
    } finally {
      emu.rolesForbidden = false
    }
  })

  it('tokens/me without roleDivisions: the check says it cannot know, never "no roles"', async () => {
    emu.omitRoleDivisions = true
    try {
      const r = await run({ 'required-permissions': 'routing:queue:add' })
      assert.equal(r.code, 1)
      assert.match(errorOf(r), /did not list the OAuth client's roles/)
      assert.match(errorOf(r), /Nothing was judged granted or missing/)
    } finally {
      emu.omitRoleDivisions = false
    }
  })

  it('a bad plan file fails naming the input, before any request', async () => {
    const cases: [string, RegExp][] = [
      [join(dir, 'absent.json'), /could not be read: it does not exist/],
      [dir, /could not be read: it is a directory/],
      [
        planFile([], `{"format_version": "1.2", "variables": {"s": "${PLAN_SECRET}"`),
        /not valid JSON/
      ],
      [
        // setup-terraform's wrapper (terraform_wrapper: true, its default) echoes the command.
        planFile(
          [],
          `[command]/home/runner/work/_temp/t/terraform-bin show -json tfplan\n{"format_version": "1.2", "variables": {"s": "${PLAN_SECRET}"}}\n`
        ),
        /not valid JSON \(with hashicorp\/setup-terraform, set terraform_wrapper: false/
      ],
      [
        planFile([], `{"@level":"info","@message":"${PLAN_SECRET}"}\n`),
        /log of `terraform plan -json`/
      ],
      [planFile([], `{"format_version": "1.0", "values": {"x": "${PLAN_SECRET}"}}`), /a state/],
      [planFile([], `{"resource_changes": [], "x": "${PLAN_SECRET}"}`), /no "format_version"/]
    ]
    for (const [file, why] of cases) {
      const start = emu.requests.length
      const r = await run({ 'terraform-plan': file })
      assert.equal(r.code, 1, file)
      assert.match(errorOf(r), /^Input "terraform-plan" is /)
      assert.match(errorOf(r), why)
      assert.equal(emu.requests.length, start, 'no request was made')
    }
  })

  it('bad required-permissions, or verify: false, fail before any request', async () => {
    const start = emu.requests.length
    const bad = await run({ 'required-permissions': 'routing:queue:add routing.queue.add' })
    assert.match(errorOf(bad), /Input "required-permissions" has "routing\.queue\.add"/)
    const unverified = await run({ 'required-permissions': 'routing:queue:add', verify: 'false' })
    assert.match(
      errorOf(unverified),
      /Input "verify" is false, but "required-permissions" needs it/
    )
    assert.equal(emu.requests.length, start)
  })

  it('the table shipped beside dist/main/index.js is read when no test table is named', async () => {
    const r = await run({ 'terraform-plan': planFile([{ address: W, actions: ['create'] }]) }, null)
    assert.equal(r.code, 0, r.stdout)
    const lacking = await runStep(
      emu,
      'main',
      inputsFor(emu, {
        'output-token': 'false',
        'terraform-plan': planFile([
          { address: 'genesyscloud_architect_schedules.s', actions: ['create'] }
        ])
      })
    )
    assert.equal(lacking.code, 1)
    // Create needs the read-back too (the provider reads what it creates).
    assert.equal(
      lacking.outputs['missing-permissions'],
      'routing:schedule:add routing:schedule:view'
    )
  })
})
