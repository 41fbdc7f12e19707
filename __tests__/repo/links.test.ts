// A reader follows links and a maintainer follows paths: every relative link in the hand-read docs
// must open a file of this repository (and its #anchor a heading there), and every repository path
// a doc names (src/..., docs/..., ...) must exist. Files get moved; the docs must move with them.
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { describe, it } from 'node:test'
import { ROOT } from '../../tools/run-action.js'

/** The hand-read docs. SECURITY.md and CHANGELOG.md tell history, which may name old paths. */
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter(f => f.endsWith('.md'))
    .map(f => `docs/${f}`)
]
const text = (file: string) => readFileSync(join(ROOT, file), 'utf8')

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
const slug = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-')

/** The anchors a Markdown file offers: its headings (numbered as GitHub numbers repeats) and ids. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  let fenced = false
  for (const line of markdown.split('\n')) {
    if (/^```/.test(line)) fenced = !fenced
    const heading = !fenced && /^#{1,6}\s+(.*)$/.exec(line)
    if (heading) {
      const base = slug(heading[1])
      const n = seen.get(base) ?? 0
      seen.set(base, n + 1)
      out.add(n ? `${base}-${n}` : base)
    }
    for (const m of line.matchAll(/<a id="([^"]+)"/g)) out.add(m[1])
  }
  return out
}

/** Relative links of a Markdown text, outside code blocks and code spans: [label](target). */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '')
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map(m => m[1])
    .filter(target => !/^[a-z]+:/i.test(target))
}

/** Problems with one link from `from`: a missing file, or a missing heading anchor. */
function checkLink(from: string, target: string, read = text): string | undefined {
  const [path, anchor] = target.split('#') as [string, string | undefined]
  const file = path
    ? normalize(join(dirname(from), path))
        .split('\\')
        .join('/')
    : from
  if (!existsSync(join(ROOT, file))) return `${from}: ${target} (no file ${file})`
  if (anchor === undefined || !file.endsWith('.md')) return undefined
  if (!anchors(read(file)).has(anchor))
    return `${from}: ${target} (no heading #${anchor} in ${file})`
  return undefined
}

const PATH = /(?<![\w./@<-])(?:src|__tests__|tools|scripts|bench|examples|docs)\/[\w./@-]*/g

/** Repository paths a doc names: globs and placeholders (`*`, `<name>`) are left out. */
function namedPaths(markdown: string): string[] {
  return [...markdown.matchAll(PATH)]
    .filter(m => !/[*<]/.test(markdown[m.index + m[0].length] ?? ''))
    .map(m => m[0].replace(/[.,:;]+$/, ''))
}

describe('links and paths in the docs', () => {
  it('scans the README, CONTRIBUTING and every page of docs/', () => {
    for (const page of ['docs/how-it-works.md', 'docs/token-lifecycle.md', 'docs/proxy.md'])
      assert.ok(DOCS.includes(page), page)
  })

  it('every relative link opens a file of the repository, and its anchor a heading there', () => {
    const broken = DOCS.flatMap(file =>
      relativeLinks(text(file)).flatMap(target => checkLink(file, target) ?? [])
    )
    assert.deepEqual(broken, [])
  })

  it('every repository path a doc names exists', () => {
    const missing = DOCS.flatMap(file =>
      namedPaths(text(file))
        .filter(path => !existsSync(join(ROOT, path)))
        .map(path => `${file}: ${path}`)
    )
    assert.deepEqual(missing, [])
  })

  it('a moved file, a lost heading and a stale path are each caught', () => {
    assert.match(checkLink('README.md', 'docs/no-such-page.md') ?? '', /no file/)
    assert.match(checkLink('README.md', 'docs/proxy.md#no-such-heading') ?? '', /no heading/)
    assert.equal(checkLink('README.md', 'docs/proxy.md'), undefined)
    assert.equal(checkLink('docs/proxy.md', '../README.md#regions'), undefined)
    const named = namedPaths(
      'See `src/regions.ts`, src/genesys/endpoints.ts. Not `src/**` or x/src/y.'
    )
    assert.deepEqual(named, ['src/regions.ts', 'src/genesys/endpoints.ts'])
    assert.ok(!existsSync(join(ROOT, named[0])) && statSync(join(ROOT, named[1])).isFile())
  })

  it('headings become the anchors GitHub gives them', () => {
    const a = anchors('# How it works\n## Time limits\n## Time limits\n### 2. The `gc` CLI\n')
    assert.deepEqual([...a], ['how-it-works', 'time-limits', 'time-limits-1', '2-the-gc-cli'])
    assert.ok(
      anchors("## Credentials from the job's environment").has(
        'credentials-from-the-jobs-environment'
      )
    )
  })
})
