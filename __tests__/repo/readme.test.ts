// The docs and their sources must agree: README and action.yml (names, required flags, defaults
// and descriptions), every recipe block and its workflow in examples/, docs/performance.md and
// bench/results.json. And the README stays a page a Marketplace visitor reads: under 25 KB, with
// no figure that moves when src/ changes.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { BUNDLES } from '../../bench/results.js'
import {
  applyTables,
  PERFORMANCE_PAGE,
  readResults,
  RECIPES_PAGE,
  renderDocs,
  renderPerformancePage,
  renderTables
} from '../../scripts/docs.js'
import { excerpt, recipeBlock } from '../../scripts/recipes.js'
import { ROOT } from '../../tools/run-action.js'

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8')
const readme = read('README.md')
const contributing = read('CONTRIBUTING.md')
const actionYml = read('action.yml')
const results = readResults()
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter(f => f.endsWith('.yml'))

describe('README', () => {
  it('is under 25 KB: depth goes to docs/', () => {
    const bytes = Buffer.byteLength(readme)
    assert.ok(bytes < 25_000, `README.md is ${bytes} bytes`)
  })

  it('has the inputs and outputs tables generated from action.yml (run `npm run docs`)', () => {
    assert.ok(
      applyTables(readme, renderTables(actionYml)) === readme,
      'README tables differ from action.yml: run `npm run docs`'
    )
  })

  it('documents every input and output by name, with its default', () => {
    const action = parse(actionYml) as {
      inputs: Record<string, { default?: string }>
      outputs: Record<string, unknown>
    }
    for (const [name, spec] of Object.entries(action.inputs)) {
      const row = readme.split('\n').find(l => l.startsWith(`| \`${name}\` |`))
      assert.ok(row, `input ${name} has a row`)
      if (spec.default) assert.ok(row.includes(`\`${spec.default}\``), `default of ${name}`)
    }
    for (const name of Object.keys(action.outputs))
      assert.ok(readme.includes(`| \`${name}\` |`), `output ${name}`)
  })

  it('keeps each table cell of action.yml to one or two sentences', () => {
    const action = parse(actionYml) as Record<
      'inputs' | 'outputs',
      Record<string, { description: string }>
    >
    for (const kind of ['inputs', 'outputs'] as const)
      for (const [name, { description }] of Object.entries(action[kind])) {
        const sentences = description.split(/(?<=[.!?])\s+(?=[A-Z])/).length
        assert.ok(sentences <= 2, `${kind}.${name} has ${sentences} sentences`)
        assert.ok(description.length <= 240, `${kind}.${name} is ${description.length} characters`)
      }
  })

  it('a table that drifts from action.yml is detected', () => {
    const drifted = readme.replace(
      /\| `min-validity` \| no \| `300` \|/,
      '| `min-validity` | no | `600` |'
    )
    assert.ok(drifted !== readme, 'the drift was applied')
    assert.ok(applyTables(drifted, renderTables(actionYml)) !== drifted, 'the drift is detected')
  })

  it('shows the two commands: npm start and npm test', () => {
    assert.match(readme, /^npm start$/m)
    assert.match(readme, /^npm test$/m)
  })
})

describe('every generated doc', () => {
  it('is as `npm run docs` writes it (README, docs/recipes.md, docs/performance.md)', () => {
    const docs = renderDocs(ROOT)
    assert.deepEqual(
      docs.map(d => d.path),
      ['README.md', RECIPES_PAGE, PERFORMANCE_PAGE]
    )
    for (const { path, before, after } of docs)
      assert.ok(after === before, `${path} differs from its sources: run \`npm run docs\``)
  })
})

describe('recipes and examples/', () => {
  const pages = [readme, read(RECIPES_PAGE)].join('\n')
  const shown = [...pages.matchAll(/<!-- BEGIN GENERATED: recipe (\S+) -->/g)].map(m => m[1])

  it('every example is shown once, in the README or docs/recipes.md', () => {
    assert.deepEqual([...shown].sort(), EXAMPLES.map(f => `examples/${f}`).sort())
  })

  it('an edit of an example changes its recipe (one edit, both places)', () => {
    const file = 'examples/terraform-predeploy.yml'
    const edited = read(file).replace(
      'hashicorp/setup-terraform@v4',
      'hashicorp/setup-terraform@v3'
    )
    assert.ok(edited !== read(file), 'the edit was applied')
    const section = { [`recipe ${file}`]: recipeBlock(file, edited) }
    assert.ok(applyTables(readme, section) !== readme, 'the README would change with it')
    assert.match(readme, /setup-terraform@v4/)
  })

  it('a recipe that runs Terraform checks the repository out first', () => {
    for (const file of EXAMPLES) {
      const block = excerpt(file, read(`examples/${file}`))
      const terraform = block.indexOf('terraform init')
      if (terraform < 0) continue
      const checkout = block.indexOf('actions/checkout@')
      assert.ok(checkout >= 0 && checkout < terraform, `${file}: checkout before terraform init`)
    }
  })

  it('excerpt markers out of order, or missing, are refused', () => {
    assert.throws(() => excerpt('x.yml', 'a: 1\n'), /no "# readme-begin"/)
    assert.throws(() => excerpt('x.yml', '# readme-end\n# readme-begin\n'), /out of order/)
    assert.equal(
      excerpt(
        'x.yml',
        'a\n  # readme-begin\n  b\n  # readme-skip: ... c ...\n  c\n  # readme-resume\n  d\n  # readme-end\ne'
      ),
      '  b\n  # ... c ...\n  d'
    )
  })
})

describe('docs/performance.md and the budgets', () => {
  const page = read(PERFORMANCE_PAGE)

  it('a performance figure typed into the page is detected', () => {
    const row = /^\| token only \(`verify: false`\) \| ([\d.]+) \|/m
    const typed = page.replace(row, (line, n: string) =>
      line.replace(n, (Number(n) + 1).toFixed(1))
    )
    assert.ok(typed !== page, 'the typed figure was applied')
    assert.ok(renderPerformancePage(typed, results) !== typed, 'the typed figure is detected')
  })

  it('CONTRIBUTING holds no generated figure (an edit of src/ must not rewrite it)', () => {
    assert.doesNotMatch(contributing, /^<!-- BEGIN GENERATED/m)
    assert.doesNotMatch(contributing, /\d+ bytes\)/)
  })

  it('each bundle of dist/ is within the budget the docs state', () => {
    assert.equal(results.bundleBudget, 100 * 1024)
    assert.match(contributing, /under 100 KB/)
    for (const entry of BUNDLES) {
      const bytes = statSync(join(ROOT, 'dist', entry, 'index.js')).size
      assert.ok(bytes < results.bundleBudget, `dist/${entry}/index.js is ${bytes} bytes`)
    }
  })
})
