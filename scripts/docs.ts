// README's inputs and outputs tables are generated from action.yml, so the two cannot drift:
// `npm run docs` rewrites them; __tests__/readme.test.ts fails when they disagree.
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'

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

export function applyTables(readme: string, tables: { inputs: string; outputs: string }): string {
  let out = readme
  for (const [name, table] of Object.entries(tables)) {
    if (!marker(name).test(out)) throw new Error(`README.md lacks the ${name} markers`)
    out = out.replace(
      marker(name),
      (_m, start: string, end: string) => `${start}\n${table}\n${end}`
    )
  }
  return out
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(import.meta.dirname, '..')
  const readmePath = join(root, 'README.md')
  const next = applyTables(
    readFileSync(readmePath, 'utf8'),
    renderTables(readFileSync(join(root, 'action.yml'), 'utf8'))
  )
  writeFileSync(readmePath, next)
  console.log('README.md tables regenerated from action.yml')
}
