// What the examples promise beyond validating: the gc recipe hands gc the domain (the one region
// spelling gc takes in all 18 regions), the adoption recipe has no `with:`, every workflow is safe
// on pull requests from forks, all of them name the same major of each action, and Dependabot
// keeps the examples current too.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { ROOT } from '../../tools/run-action.js'

interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
}
interface Job {
  if?: string
  env?: Record<string, string>
  steps?: Step[]
}
interface Workflow {
  on: string | string[] | Record<string, unknown>
  jobs: Record<string, Job>
}

const files = [
  ...readdirSync(join(ROOT, 'examples')).map(f => join('examples', f)),
  ...readdirSync(join(ROOT, '.github', 'workflows')).map(f => join('.github', 'workflows', f))
].filter(f => f.endsWith('.yml'))
const text = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const workflow = (file: string) => parse(text(file)) as Workflow
const isThisAction = (uses = '') => uses === './' || /\/genesys-cloud-auth@/.test(uses)
const triggers = (w: Workflow) =>
  typeof w.on === 'string' ? [w.on] : Array.isArray(w.on) ? w.on : Object.keys(w.on)

/** Checks that gc runs with the token and the domain of the action step before it. */
function checkGcWiring(where: string, steps: Step[]): void {
  const auth = steps.findIndex(s => isThisAction(s.uses))
  const gc = steps.findIndex(s => /^\s*gc\s/m.test(s.run ?? ''))
  assert.ok(auth >= 0 && gc > auth, `${where}: the action runs before gc`)
  const id = steps[auth].id
  assert.ok(id, `${where}: the action step has an id`)
  assert.equal(
    steps[gc].env?.GENESYSCLOUD_REGION,
    `\${{ steps.${id}.outputs.domain }}`,
    `${where}: gc's GENESYSCLOUD_REGION is the domain output`
  )
  assert.equal(
    steps[gc].env?.GENESYSCLOUD_ACCESS_TOKEN,
    `\${{ steps.${id}.outputs.access-token }}`,
    `${where}: gc gets the token`
  )
}

describe('the gc recipe', () => {
  const steps = workflow('examples/gc-cli.yml').jobs.queues.steps ?? []

  it('examples/gc-cli.yml passes gc the domain output as GENESYSCLOUD_REGION, and the token', () => {
    checkGcWiring('examples/gc-cli.yml', steps)
  })

  it('installs gc before running it, checking the download, with no invented address', () => {
    const install = steps.findIndex(s => /\/usr\/local\/bin\/gc/.test(s.run ?? ''))
    const gc = steps.findIndex(s => /^\s*gc\s/m.test(s.run ?? ''))
    assert.ok(install >= 0 && install < gc)
    assert.equal(steps[install].env?.GC_CLI_URL, '${{ vars.GC_CLI_URL }}')
    assert.match(steps[install].run ?? '', /sha256sum -c/)
    assert.doesNotMatch(steps[install].run ?? '', /https?:\/\//, 'the user supplies the URL')
  })

  it("README's gc snippet is wired the same way", () => {
    const readme = text('README.md')
    const section = readme.slice(readme.indexOf('### 2. The `gc` CLI'))
    const block = /```yaml\n([\s\S]*?)```/.exec(section)![1]
    const indent = Math.min(
      ...block
        .split('\n')
        .filter(l => l.trim())
        .map(l => l.length - l.trimStart().length)
    )
    const snippet = parse(
      block
        .split('\n')
        .map(l => l.slice(indent))
        .join('\n')
    ) as Step[]
    checkGcWiring('README', snippet)
  })

  it('a gc step whose region comes from the region output is caught', () => {
    const broken = structuredClone(steps)
    const gc = broken.find(s => /^\s*gc\s/m.test(s.run ?? ''))!
    gc.env!.GENESYSCLOUD_REGION = '${{ steps.auth.outputs.region }}'
    assert.throws(() => checkGcWiring('broken', broken), /domain output/)
  })
})

describe('the adoption recipe (an existing CX-as-Code job)', () => {
  it('adds the action with no with:, the three variables in the job env', () => {
    const job = workflow('examples/cx-as-code-env.yml').jobs.apply
    const ours = (job.steps ?? []).filter(s => isThisAction(s.uses))
    assert.equal(ours.length, 1)
    assert.equal(ours[0].with, undefined)
    for (const name of [
      'GENESYSCLOUD_OAUTHCLIENT_ID',
      'GENESYSCLOUD_OAUTHCLIENT_SECRET',
      'GENESYSCLOUD_REGION'
    ])
      assert.ok(job.env?.[name], name)
  })
})

describe('every workflow', () => {
  const FORK_GUARD = 'github.event.pull_request.head.repo.full_name == github.repository'

  for (const file of files) {
    it(`${file} is safe on pull requests from forks`, () => {
      const w = workflow(file)
      const on = triggers(w)
      assert.ok(!on.includes('pull_request_target'), 'no pull_request_target')
      if (!on.includes('pull_request')) return
      for (const [name, job] of Object.entries(w.jobs))
        if (JSON.stringify(job).includes('secrets.'))
          assert.ok(job.if?.includes(FORK_GUARD), `job ${name} reads secrets: it needs the guard`)
    })
  }

  it('names one major of each action across examples/ and .github/workflows/', () => {
    const refs = new Map<string, Set<string>>()
    for (const file of files)
      for (const m of text(file).matchAll(
        /uses:\s*([\w.-]+\/[\w./-]+)@([\w.-]+)(?:[ \t]*#[ \t]*(v\d+)\b)?/g
      )) {
        if (isThisAction(`${m[1]}@`)) continue
        // A commit SHA (release.yml) counts as the major named in the comment Dependabot keeps.
        const pinned = /^[0-9a-f]{40}$/.test(m[2])
        assert.ok(!pinned || m[3], `${m[1]}@${m[2]} in ${file} names its version in a comment`)
        const major = pinned ? m[3] : m[2]
        refs.set(m[1], (refs.get(m[1]) ?? new Set()).add(major))
      }
    assert.ok(refs.has('actions/checkout'))
    for (const [action, versions] of refs)
      assert.equal(versions.size, 1, `${action} is used at ${[...versions].join(' and ')}`)
  })

  it('Dependabot watches the examples as well as .github/workflows', () => {
    const config = parse(text('.github/dependabot.yml')) as {
      updates: { 'package-ecosystem': string; directory?: string; directories?: string[] }[]
    }
    const watched = config.updates
      .filter(u => u['package-ecosystem'] === 'github-actions')
      .flatMap(u => u.directories ?? [u.directory])
    assert.ok(watched.includes('/'), '/ (the .github/workflows folder)')
    assert.ok(watched.includes('/examples'), '/examples')
  })
})

describe('the plan → check → apply recipe', () => {
  const steps = workflow('examples/terraform-permissions.yml').jobs.apply.steps ?? []
  const at = (test: (s: Step) => boolean) => steps.findIndex(test)

  it('checks the JSON of the saved plan before applying that plan', () => {
    const show = at(s => /terraform show -json tfplan > tfplan\.json/.test(s.run ?? ''))
    const check = at(s => isThisAction(s.uses) && s.with?.['terraform-plan'] !== undefined)
    const apply = at(s => /terraform apply .*tfplan$/m.test(s.run ?? ''))
    assert.ok(show >= 0 && check > show && apply > check, 'plan, then check, then apply')
    assert.equal(steps[check].with?.['terraform-plan'], 'tfplan.json')
    assert.equal(steps[check].with?.['output-token'], false, 'the check hands out no token')
    assert.equal(steps[check].with?.['export-env'], undefined, 'the apply keeps the first token')
  })

  it('passes outputs to scripts through env: only', () => {
    for (const s of steps)
      assert.doesNotMatch(s.run ?? '', /\$\{\{/, `${s.name ?? s.run}: no expression inside run`)
    assert.ok(steps.some(s => /outputs\.missing-permissions/.test(s.env?.MISSING ?? '')))
  })
})
