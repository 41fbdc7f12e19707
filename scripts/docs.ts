// The generated sections of the docs: README's inputs and outputs tables from action.yml, and
// CONTRIBUTING's performance figures from bench/results.json (a full `npm run bench` writes it)
// with the bundle sizes from dist/ itself. `npm run docs` rewrites them, and `npm run package`
// runs it after each build, since every change to src/ changes the sizes;
// __tests__/repo/readme.test.ts fails when a doc and its source disagree.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { bundleSizes, RESULTS_FILE, type BenchResults } from '../bench/results.js'
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

/** CONTRIBUTING as `npm run docs` writes it: the performance figures, with the sizes of dist/. */
export function renderContributing(
  contributing: string,
  results: BenchResults,
  bundles: BenchResults['bundles']
): string {
  return applyTables(contributing, renderPerformance(results, bundles))
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..')
  const readmePath = join(root, 'README.md')
  const contributingPath = join(root, 'CONTRIBUTING.md')
  const readme = readFileSync(readmePath, 'utf8')
  const contributing = readFileSync(contributingPath, 'utf8')
  const docs: [string, string, string][] = [
    [readmePath, readme, renderReadme(readme, readFileSync(join(root, 'action.yml'), 'utf8'))],
    [contributingPath, contributing, renderContributing(contributing, readResults(), bundleSizes())]
  ]
  // Quiet when nothing changed: `npm run package` runs this after every build.
  for (const [path, before, after] of docs) {
    if (after === before) continue
    writeFileSync(path, after)
    console.log(
      `${path.slice(root.length + 1)} regenerated (tables from action.yml, figures from ` +
        'bench/results.json, bundle sizes from dist/): commit it with the change'
    )
  }
}
