// Regenerates src/genesys/permissions-table.json from local copies of the two public sources
// (docs/permissions-table.md says how to get them):
//   node --import tsx scripts/permissions-table.ts --provider DIR --sdk DIR
//        [--provider-version V --provider-commit C --sdk-version V --sdk-commit C] [--out FILE]
// DIR is the root of a checkout (DIR/docs/resources, DIR/build/docs). Versions and commits not
// given are read from the checkouts with git; the run fails rather than write a table whose
// provenance it cannot name. Nothing here touches the network.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  indexSdk,
  joinOperations,
  parseResourceDoc,
  parseSdkDoc,
  pathShape,
  type Declared,
  type ResourceDoc
} from './permissions/sources.js'
import { buildTable, renderTable, type Source } from './permissions/table.js'

const ROOT = resolve(import.meta.dirname, '..')
const OUT = join(ROOT, 'src', 'genesys', 'permissions-table.json')
const PROVIDER = 'MyPureCloud/terraform-provider-genesyscloud'
const SDK = 'MyPureCloud/platform-client-sdk-javascript'

const { values } = parseArgs({
  options: {
    provider: { type: 'string' },
    sdk: { type: 'string' },
    'provider-version': { type: 'string' },
    'provider-commit': { type: 'string' },
    'sdk-version': { type: 'string' },
    'sdk-commit': { type: 'string' },
    out: { type: 'string' }
  }
})
if (!values.provider || !values.sdk) {
  console.error('usage: permissions-table --provider DIR --sdk DIR (see docs/permissions-table.md)')
  process.exit(2)
}

const git = (dir: string, ...args: string[]): string | undefined => {
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: 'pipe' }).trim()
  } catch {
    return undefined
  }
}

// Only the checkout's own repository counts: a folder of copies inside another repository (this
// one) would otherwise lend it that repository's commit.
function source(flag: string, repository: string, dir: string, version?: string, commit?: string) {
  const own = git(dir, 'rev-parse', '--show-toplevel') === realpathSync(dir)
  const v = version ?? (own ? git(dir, 'describe', '--tags', '--exact-match', 'HEAD') : undefined)
  const c = commit ?? (own ? git(dir, 'rev-parse', 'HEAD') : undefined)
  if (!v || !c || !/^[0-9a-f]{40}$/.test(c)) {
    console.error(`${dir} is not a checkout at a tag: give --${flag}-version and --${flag}-commit`)
    process.exit(2)
  }
  return { repository, version: v, commit: c } satisfies Source
}

const markdown = (dir: string, pattern: RegExp) =>
  readdirSync(dir)
    .filter(name => pattern.test(name))
    .sort()
    .map(name => ({ name, text: readFileSync(join(dir, name), 'utf8') }))

const docs: ResourceDoc[] = markdown(join(values.provider, 'docs', 'resources'), /\.md$/).map(f =>
  parseResourceDoc(f.text, f.name)
)
const declared: Declared[] = markdown(join(values.sdk, 'build', 'docs'), /Api\.md$/).flatMap(f =>
  parseSdkDoc(f.text)
)
const table = buildTable(docs, declared, {
  provider: source(
    'provider',
    PROVIDER,
    values.provider,
    values['provider-version'],
    values['provider-commit']
  ),
  sdk: source('sdk', SDK, values.sdk, values['sdk-version'], values['sdk-commit']),
  generator: 'scripts/permissions-table.ts',
  resourceTypes: docs.length
})
const out = values.out ?? OUT
writeFileSync(out, renderTable(table))

// The figures a reviewer checks against the previous table.
const sdk = indexSdk(declared)
const joined = docs.flatMap(d => joinOperations(d.operations, sdk))
const count = (require: string) =>
  joined.filter(j => (j.declared?.require ?? 'UNKNOWN') === require).length
const respelled = new Set(
  docs.flatMap(d =>
    d.operations
      .filter(op => {
        const hit = sdk.byShape.get(`${op.method} ${pathShape(op.path)}`)
        return hit !== undefined && hit.path !== op.path
      })
      .map(op => `${op.method} ${op.path}`)
  )
)
const needs = Object.values(table.resources).flatMap(r => [r.create, r.read, r.update, r.delete])
console.log(
  [
    `wrote ${out}`,
    `SDK: ${sdk.byShape.size} operations (${sdk.conflicts.length} declared inconsistently)`,
    `resource types: ${docs.length}, with a division: ${docs.filter(d => d.division).length}`,
    `operations used: ${joined.length} (type x operation), ${new Set(joined.map(j => `${j.method} ${pathShape(j.path)}`)).size} distinct`,
    `  ANY ${count('ANY')}, ALL ${count('ALL')}, NONE ${count('NONE')}, UNKNOWN ${count('UNKNOWN')}`,
    `  joined only on path shape: ${joined.filter(j => j.normalised).length} (${respelled.size} distinct provider spellings)`,
    `  spellings of one operation folded: ${docs.reduce((n, d) => n + d.operations.length, 0) - joined.length}`,
    `needs: ${needs.flat().length}, certain ${needs.flat().filter(n => n.certain).length}`
  ].join('\n')
)
