// The docs and their sources must agree: README and action.yml (names, required flags, defaults
// and descriptions), CONTRIBUTING and bench/results.json (every performance figure), which must
// itself describe the dist/ in the repository.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { bundleSizes } from '../bench/results.js'
import {
  applyTables,
  readResults,
  renderContributing,
  renderReadme,
  renderTables
} from '../scripts/docs.js'
import { ROOT } from '../tools/run-action.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const contributing = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8')
const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8')
const results = readResults()
/** dist/ changes with every change to src/; the figures are re-measured before a release. */
const SIZE_TOLERANCE = 2 * 1024

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

  it('has every generated section as `npm run docs` writes it, performance figures included', () => {
    assert.ok(
      renderReadme(readme, actionYml) === readme,
      'README differs from action.yml: run `npm run docs`'
    )
    assert.ok(
      renderContributing(contributing, results) === contributing,
      'CONTRIBUTING differs from bench/results.json: run `npm run docs`'
    )
  })

  it('bench/results.json records the bundle sizes of dist/ (within 2 KiB)', () => {
    const recorded = new Map(results.bundles.map(b => [b.entry, b.bytes]))
    for (const { entry, bytes } of bundleSizes()) {
      const then = recorded.get(entry)
      assert.ok(
        then !== undefined && Math.abs(then - bytes) <= SIZE_TOLERANCE,
        `dist/${entry}/index.js is ${bytes} bytes, bench/results.json says ${then}: ` +
          'run `npm run bench` then `npm run docs`, and commit both'
      )
    }
  })

  it('a performance figure typed into CONTRIBUTING is detected', () => {
    const row = /^\| token only \(`verify: false`\) \| ([\d.]+) \|/m
    const typed = contributing.replace(row, (line, n: string) =>
      line.replace(n, (Number(n) + 1).toFixed(1))
    )
    assert.ok(typed !== contributing, 'the typed figure was applied')
    assert.ok(renderContributing(typed, results) !== typed, 'the typed figure is detected')
  })

  it('shows the two commands: npm start and npm test', () => {
    assert.match(readme, /^npm start$/m)
    assert.match(readme, /^npm test$/m)
  })
})
