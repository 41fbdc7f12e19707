// A platform team's rollout: several steps in one job (each export-env writes all of its
// variables; a token already in the job's env is warned about, never printed), and credential
// checks that hand out nothing (output-token: false). The runner hands a step's GITHUB_ENV
// entries to the later steps' environment: here, the env of the next run.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'
import { startProxied, type Proxied } from '../support/proxied.js'

const GENESYS = { 'client-id': CLIENT.id, 'client-secret': CLIENT.secret }
const warningsOf = (stdout: string) =>
  stdout
    .split('\n')
    .filter(l => l.startsWith('::warning::'))
    .map(l => l.slice('::warning::'.length))

describe('several steps in one job', () => {
  let p: Proxied
  let local: Emulator
  before(async () => {
    p = await startProxied()
    local = await startEmulator()
  })
  after(async () => {
    await p.stop()
    await local.stop()
  })

  it('step B (custom hosts) overwrites every variable of step A (eu-west-1): nothing stale', async () => {
    const a = await run(
      p.emu,
      'main',
      { ...GENESYS, region: 'eu-west-1', 'export-env': 'true' },
      { env: p.env }
    )
    assert.equal(a.code, 0, a.stdout)
    assert.equal(a.env.GENESYSCLOUD_REGION, 'eu-west-1')

    const b = await run(local, 'main', inputsFor(local, { 'export-env': 'true' }), {
      env: { ...a.env }
    })
    assert.equal(b.code, 0, b.stdout)
    assert.deepEqual(Object.keys(b.env).sort(), [
      'GENESYSCLOUD_ACCESS_TOKEN',
      'GENESYSCLOUD_REGION',
      'GENESYS_CLOUD_ENVIRONMENT'
    ])
    assert.equal(b.env.GENESYSCLOUD_ACCESS_TOKEN, local.tokens.at(-1))
    assert.equal(b.env.GENESYSCLOUD_REGION, '')
    assert.equal(b.env.GENESYS_CLOUD_ENVIRONMENT, '')
    assert.match(b.stdout, /GENESYSCLOUD_ACCESS_TOKEN from earlier in this job is replaced/)
    // A's token is masked in B's log before anything else, though B never uses it.
    assert.equal(b.stdout.split('\n')[1], `::add-mask::${a.env.GENESYSCLOUD_ACCESS_TOKEN}`)
  })

  it('a later step without export-env warns that later tools use the earlier token', async () => {
    const earlier = { GENESYSCLOUD_ACCESS_TOKEN: 'earlier-token-from-the-job-env-0123456789' }
    const r = await run(local, 'main', inputsFor(local), { env: earlier })
    assert.equal(r.code, 0, r.stdout)
    assert.deepEqual(r.env, {})
    const [warning] = warningsOf(r.stdout)
    assert.match(warning, /^GENESYSCLOUD_ACCESS_TOKEN is already set in this job's environment/)
    assert.ok(r.stdout.includes(`::add-mask::${earlier.GENESYSCLOUD_ACCESS_TOKEN}`))
    const unmasked = r.stdout
      .split('\n')
      .filter(l => !l.startsWith('::add-mask::') && l.includes(earlier.GENESYSCLOUD_ACCESS_TOKEN))
    assert.deepEqual(unmasked, [])
  })

  it('a check (output-token: false) beside an earlier token leaves it, without a warning', async () => {
    // The preflight of examples/terraform-permissions.yml: the apply uses the earlier token.
    const earlier = { GENESYSCLOUD_ACCESS_TOKEN: 'earlier-token-from-the-job-env-0123456789' }
    const r = await run(local, 'main', inputsFor(local, { 'output-token': 'false' }), {
      env: earlier
    })
    assert.equal(r.code, 0, r.stdout)
    assert.deepEqual(r.env, {})
    assert.deepEqual(warningsOf(r.stdout), [])
    assert.match(r.stdout, /GENESYSCLOUD_ACCESS_TOKEN from earlier in this job is left as it is/)
  })

  it('a step whose region comes from GENESYSCLOUD_REGION says which region that is', async () => {
    const r = await run(
      p.emu,
      'main',
      { ...GENESYS, verify: 'false' },
      { env: { ...p.env, GENESYSCLOUD_REGION: 'mypurecloud.de' } }
    )
    assert.equal(r.code, 0, r.stdout)
    assert.match(r.stdout, /; region from GENESYSCLOUD_REGION \(eu-central-1\)$/m)
  })
})

describe('output-token: false, a credential check that hands out nothing', () => {
  let p: Proxied
  let local: Emulator
  before(async () => {
    p = await startProxied()
    local = await startEmulator()
  })
  after(async () => {
    await p.stop()
    await local.stop()
  })

  it('on Genesys Cloud: checked, revoked in the step (even with revoke: false), facts out', async () => {
    const inputs = {
      ...GENESYS,
      region: 'eu-west-1',
      'export-env': 'true',
      'output-token': 'false',
      revoke: 'false',
      'expected-organization-id': CLIENT.orgId
    }
    const main = await run(p.emu, 'main', inputs, { env: p.env })
    assert.equal(main.code, 0, main.stdout)
    const token = p.emu.tokens.at(-1)!
    assert.ok(p.emu.revoked.has(token), 'revoked before the step ended')
    assert.ok(!('access-token' in main.outputs))
    assert.equal(main.outputs['organization-id'], CLIENT.orgId)
    assert.equal(main.outputs.region, 'eu-west-1')
    assert.equal(main.outputs['expires-in'], '86399')
    assert.deepEqual(main.env, {
      GENESYSCLOUD_ACCESS_TOKEN: '',
      GENESYSCLOUD_REGION: 'eu-west-1',
      GENESYS_CLOUD_ENVIRONMENT: 'mypurecloud.ie'
    })
    assert.equal(main.state.token, '', 'saved while it lived, cleared once revoked')
    assert.match(main.stdout, /The token was checked and revoked \(output-token: false\)/)
    assert.match(
      main.summary,
      /\| Result \| ✅ token checked, not handed out \(output-token: false\), and revoked \|/
    )

    const post = await run(p.emu, 'post', inputs, { env: p.env, state: main.state })
    assert.equal(post.code, 0)
    assert.match(post.stdout, /No token to revoke/)
  })

  it('on another login host: revoked with revoke: true (the default)', async () => {
    const main = await run(local, 'main', inputsFor(local, { 'output-token': 'false' }))
    assert.equal(main.code, 0, main.stdout)
    assert.ok(local.revoked.has(local.tokens.at(-1)!))
    assert.equal(main.state.token, '', 'saved while it lived, cleared once revoked')
  })

  it('on another login host with revoke: false: no revoke request, a warning instead', async () => {
    const before = local.count('revoke')
    const main = await run(
      local,
      'main',
      inputsFor(local, { 'output-token': 'false', revoke: 'false' })
    )
    assert.equal(main.code, 0, main.stdout)
    assert.equal(local.count('revoke'), before)
    assert.match(
      warningsOf(main.stdout).join('\n'),
      /^The token was not revoked: "revoke" is false/m
    )
    assert.match(
      main.summary,
      /not handed out \(output-token: false\), not revoked \(see the log\)/
    )
    assert.ok(!('access-token' in main.outputs))
  })

  it('a failed check still revokes it, and the error is the check’s', async () => {
    const main = await run(
      p.emu,
      'main',
      {
        ...GENESYS,
        region: 'eu-west-1',
        'output-token': 'false',
        revoke: 'false',
        'expected-organization-id': '0a1b2c3d-0000-4000-8000-00000000b002'
      },
      { env: p.env }
    )
    assert.equal(main.code, 1)
    assert.match(errorOf(main), /^The token belongs to organization/)
    assert.ok(p.emu.revoked.has(p.emu.tokens.at(-1)!))
    assert.deepEqual(main.outputs, {})
  })
})
