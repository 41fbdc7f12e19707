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
import { ROOT } from '../tools/run-action.js'

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

  it("the README's YAML snippets parse and use only declared inputs", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1])
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
      checked += checkUse('README', block, [
        ...steps,
        ...(Array.isArray(fragment?.steps) ? fragment.steps : [])
      ])
    }
    assert.ok(checked >= 7, `only ${checked} uses of the action were checked`)
  })
})
