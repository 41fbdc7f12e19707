// README and action.yml must agree: names, required flags, defaults and descriptions.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { applyTables, renderTables } from '../scripts/docs.js'
import { ROOT } from './support/run-action.js'

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const actionYml = readFileSync(join(ROOT, 'action.yml'), 'utf8')

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

  it('shows the two commands: npm start and npm test', () => {
    assert.match(readme, /^npm start$/m)
    assert.match(readme, /^npm test$/m)
  })
})
