// README's generated sections: the inputs and outputs tables from action.yml, the performance
// figures from bench/results.json (a full `npm run bench` writes it), the bundle sizes from dist/.
// `npm run docs` rewrites them, and `npm run package` runs it after each build, since every change
// to src/ changes the sizes; __tests__/readme.test.ts fails when README and its sources disagree.
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
    if (!marker(name).test(out)) throw new Error(`README.md lacks the ${name} markers`)
    out = out.replace(
      marker(name),
      (_m, start: string, end: string) => `${start}\n${table}\n${end}`
    )
  }
  return out
}

export const readResults = (): BenchResults =>
  JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as BenchResults

/** README as `npm run docs` writes it, given the sizes of dist/. */
export function renderReadme(
  readme: string,
  actionYml: string,
  results: BenchResults,
  bundles: BenchResults['bundles']
): string {
  return applyTables(readme, {
    ...renderTables(actionYml),
    ...renderPerformance(results, bundles)
  })
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..')
  const readmePath = join(root, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  const next = renderReadme(
    readme,
    readFileSync(join(root, 'action.yml'), 'utf8'),
    readResults(),
    bundleSizes()
  )
  // Quiet when nothing changed: `npm run package` runs this after every build.
  if (next !== readme) {
    writeFileSync(readmePath, next)
    console.log(
      'README.md regenerated (tables from action.yml, figures from bench/results.json, bundle ' +
        'sizes from dist/): commit it with the change'
    )
  }
}
