// The generated sections of the docs: README's inputs and outputs tables from action.yml, and
// CONTRIBUTING's performance figures from bench/results.json (a full `npm run bench` writes it).
// `npm run docs` rewrites them; __tests__/readme.test.ts fails when a doc and its source disagree.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { RESULTS_FILE, type BenchResults } from '../bench/results.js'
import { renderPerformance } from './performance.js'

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

const cell = (text: string) =>
  text
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim()

export function renderTables(actionYml: string): { inputs: string; outputs: string } {
  const action = parse(actionYml) as ActionYml
  const inputs = [
    '| Input | Required | Default | Description |',
    '|---|---|---|---|',
    ...Object.entries(action.inputs).map(
      ([name, i]) =>
        `| \`${name}\` | ${i.required ? 'yes' : 'no'} | ${i.default ? `\`${i.default}\`` : ''} | ${cell(i.description)} |`
    )
  ].join('\n')
  const outputs = [
    '| Output | Description |',
    '|---|---|',
    ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`)
  ].join('\n')
  return { inputs, outputs }
}

const marker = (name: string) =>
  new RegExp(`(<!-- BEGIN GENERATED: ${name} -->)[\\s\\S]*?(<!-- END GENERATED: ${name} -->)`)

/** Replaces what is between each named section's markers; throws when a marker pair is missing. */
export function applyTables(readme: string, sections: Record<string, string>): string {
  let out = readme
  for (const [name, table] of Object.entries(sections)) {
    if (!marker(name).test(out)) throw new Error(`the ${name} markers are missing`)
    out = out.replace(
      marker(name),
      (_m, start: string, end: string) => `${start}\n${table}\n${end}`
    )
  }
  return out
}

export const readResults = (): BenchResults =>
  JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults

/** README as `npm run docs` writes it: the inputs and outputs tables. */
export function renderReadme(readme: string, actionYml: string): string {
  return applyTables(readme, renderTables(actionYml))
}

/** CONTRIBUTING as `npm run docs` writes it: the performance figures. */
export function renderContributing(contributing: string, results: BenchResults): string {
  return applyTables(contributing, renderPerformance(results))
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..')
  const readmePath = join(root, 'README.md')
  const contributingPath = join(root, 'CONTRIBUTING.md')
  writeFileSync(
    readmePath,
    renderReadme(readFileSync(readmePath, 'utf8'), readFileSync(join(root, 'action.yml'), 'utf8'))
  )
  writeFileSync(
    contributingPath,
    renderContributing(readFileSync(contributingPath, 'utf8'), readResults())
  )
  console.log(
    'Regenerated: README.md tables from action.yml, CONTRIBUTING.md performance figures from bench/results.json'
  )
}
