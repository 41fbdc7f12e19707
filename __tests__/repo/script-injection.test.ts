// The runner pastes every `${{ }}` inside `run:` into the script before the shell sees it, so a
// value that others control (a step's outputs, such as the organization's name from the server,
// or an event's text: titles, branch names) becomes shell code there. Every example, workflow and
// README snippet hands such values to scripts through `env:` only.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parse } from 'yaml'
import { ROOT } from '../../tools/run-action.js'

/** Contexts whose values someone else writes; `inputs`, `matrix`, `vars` and `secrets` are ours. */
const UNTRUSTED = /\b(?:(?:steps|needs|jobs)\.[\w-]+\.outputs|github\.(?:event|head_ref))\b/

/** Every `run:` script in a parsed YAML document, wherever it sits (job, step, fragment). */
function runBlocks(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) runBlocks(item, found)
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if (key === 'run' && typeof value === 'string') found.push(value)
      else runBlocks(value, found)
    }
  return found
}

/** The `${{ }}` expressions of a script that read untrusted values. */
const injected = (script: string): string[] =>
  [...script.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map(m => m[0]).filter(e => UNTRUSTED.test(e))

/** README snippets are indented fragments: dedent, then parse. */
function parseSnippet(block: string): unknown {
  const lines = block.split('\n')
  const indent = Math.min(...lines.filter(l => l.trim()).map(l => l.length - l.trimStart().length))
  return parse(lines.map(l => l.slice(indent)).join('\n'))
}

const files = [
  ...readdirSync(join(ROOT, 'examples')).map(f => join('examples', f)),
  ...readdirSync(join(ROOT, '.github', 'workflows')).map(f => join('.github', 'workflows', f))
].filter(f => f.endsWith('.yml') || f.endsWith('.yaml'))

const sources: [where: string, doc: unknown][] = [
  ...files.map((f): [string, unknown] => [f, parse(readFileSync(join(ROOT, f), 'utf8'))]),
  ...[...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```ya?ml\n([\s\S]*?)```/g)].map(
    (m, i): [string, unknown] => [`README.md snippet ${i + 1}`, parseSnippet(m[1])]
  )
]

describe('untrusted values reach scripts through env: only', () => {
  it('the check finds what it must and lets the safe forms be', () => {
    const bad = [
      'echo "${{ steps.genesys.outputs.organization-name }}"',
      'echo ${{steps.auth.outputs.scopes}}',
      'echo "${{ needs.auth.outputs.org }}"',
      'echo "${{ github.event.pull_request.title }}"',
      'git checkout ${{ github.head_ref }}',
      'echo "${{ format(\'{0}\', steps.x.outputs.y) }}"'
    ]
    for (const script of bad) assert.equal(injected(script).length, 1, script)
    const good = [
      'echo "$ORG_NAME"',
      'echo "${{ inputs.dry-run }} ${{ matrix.region }} ${{ runner.temp }}"',
      'echo "${ORG}" && echo "$GITHUB_REF"'
    ]
    for (const script of good) assert.deepEqual(injected(script), [], script)
    const doc = parse('jobs:\n  a:\n    steps:\n      - run: echo ${{ steps.s.outputs.o }}\n')
    assert.deepEqual(runBlocks(doc), ['echo ${{ steps.s.outputs.o }}'])
  })

  it('in every example, workflow and README snippet', () => {
    let scripts = 0
    const found: string[] = []
    for (const [where, doc] of sources)
      for (const script of runBlocks(doc)) {
        scripts++
        for (const expr of injected(script)) found.push(`${where}: ${expr}`)
      }
    assert.ok(
      files.length >= 10 && scripts >= 30,
      `only ${scripts} scripts in ${files.length} files`
    )
    assert.deepEqual(found, [], 'pass these through env: and read them as "$NAME"')
  })
})
