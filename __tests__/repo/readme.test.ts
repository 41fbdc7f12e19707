// The docs and their sources must agree: README and action.yml (names, required flags, defaults
// and descriptions), CONTRIBUTING and bench/results.json (the measured performance figures) and
// dist/ (the bundle sizes, which `npm run package` writes after every build).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { bundleSizes } from '../../bench/results.js'
import {
  applyTables,
  readResults,
  renderContributing,
  renderReadme,
  renderTables
} from '../../scripts/docs.js'
import { ROOT } from '../../tools/run-action.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const contributing = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8')
const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8')
const results = readResults()
const bundles = bundleSizes()

describe('README', () => {
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

  it('a table that drifts from action.yml is detected', () => {
    const drifted = readme.replace(
      /\| `min-validity` \| no \| `300` \|/,
      '| `min-validity` | no | `600` |'
    )
    assert.ok(drifted !== readme, 'the drift was applied')
    assert.ok(applyTables(drifted, renderTables(actionYml)) !== drifted, 'the drift is detected')
  })

  it('has every generated section as `npm run docs` writes it, figures and sizes included', () => {
    assert.ok(
      renderReadme(readme, actionYml) === readme,
      'README differs from action.yml: run `npm run docs`'
    )
    assert.ok(
      renderContributing(contributing, results, bundles) === contributing,
      'CONTRIBUTING differs from bench/results.json or dist/: run `npm run docs` (`npm run package` runs it)'
    )
  })

  it('gives the size of each bundle as dist/ has it', () => {
    for (const { entry, bytes } of bundles)
      assert.match(
        contributing,
        new RegExp(
          `^\\| \`dist/${entry}/index\\.js\` \\| [\\d.]+ KiB \\(${bytes} bytes\\) \\|`,
          'm'
        )
      )
  })

  it('a performance figure typed into CONTRIBUTING is detected', () => {
    const row = /^\| token only \(`verify: false`\) \| ([\d.]+) \|/m
    const typed = contributing.replace(row, (line, n: string) =>
      line.replace(n, (Number(n) + 1).toFixed(1))
    )
    assert.ok(typed !== contributing, 'the typed figure was applied')
    assert.ok(renderContributing(typed, results, bundles) !== typed, 'the typed figure is detected')
  })

  it('shows the two commands: npm start and npm test', () => {
    assert.match(readme, /^npm start$/m)
    assert.match(readme, /^npm test$/m)
  })
})
