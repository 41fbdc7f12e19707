// The generated sections of the docs. README: the inputs and outputs tables from action.yml, and
// each recipe's YAML (there and in docs/recipes.md) from its workflow in examples/
// (scripts/recipes.ts). docs/performance.md: the
// measured figures from bench/results.json, which only a full `npm run bench` writes, so that an
// edit of src/ changes no hand-read page. `npm run docs` rewrites them (`npm run package` runs it
// after each build, `npm run bench` after writing results.json); __tests__/repo/readme.test.ts
// fails when a doc and its source disagree.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'
import { RESULTS_FILE, type BenchResults } from '../bench/results.js'
import { renderPerformance } from './performance.js'
import { renderRecipes } from './recipes.js'

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

// A description is plain text: `<api-url>` would otherwise render as an (invisible) HTML tag.
const cell = (text: string) =>
  text
    .replace(/</g, '&lt;')
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

const escaped = (name: string) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
const marker = (name: string) =>
  new RegExp(
    `(<!-- BEGIN GENERATED: ${escaped(name)} -->)[\\s\\S]*?(<!-- END GENERATED: ${escaped(name)} -->)`
  )

/** Replaces what is between each named section's markers; throws when a marker pair is missing. */
export function applyTables(doc: string, sections: Record<string, string>): string {
  let out = doc
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

export const RECIPES_PAGE = 'docs/recipes.md'
export const PERFORMANCE_PAGE = 'docs/performance.md'

/** README as `npm run docs` writes it: the inputs and outputs tables, and the recipes. */
export function renderReadme(readme: string, actionYml: string, root: string): string {
  return applyTables(readme, { ...renderTables(actionYml), ...renderRecipes(readme, root) })
}

/** docs/performance.md as `npm run docs` writes it: every figure from bench/results.json. */
export function renderPerformancePage(page: string, results: BenchResults): string {
  return applyTables(page, renderPerformance(results))
}

/** Each generated doc as it is and as `npm run docs` would write it, by repository path. */
export function renderDocs(root: string): { path: string; before: string; after: string }[] {
  const read = (path: string) => readFileSync(join(root, path), 'utf8')
  const renderers: [string, (text: string) => string][] = [
    ['README.md', text => renderReadme(text, read('action.yml'), root)],
    [RECIPES_PAGE, text => applyTables(text, renderRecipes(text, root))],
    [PERFORMANCE_PAGE, text => renderPerformancePage(text, readResults())]
  ]
  return renderers.map(([path, render]) => {
    const before = read(path)
    return { path, before, after: render(before) }
  })
}

/** Writes every generated doc that differs from its sources; returns the paths it rewrote. */
export function writeDocs(root: string): string[] {
  const changed = renderDocs(root).filter(doc => doc.after !== doc.before)
  for (const doc of changed) writeFileSync(join(root, doc.path), doc.after)
  return changed.map(doc => doc.path)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  // Quiet when nothing changed: `npm run package` runs this after every build.
  for (const path of writeDocs(resolve(import.meta.dirname, '..')))
    console.log(
      `${path} regenerated (tables from action.yml, recipes from examples/, figures from ` +
        'bench/results.json): commit it with the change'
    )
}
