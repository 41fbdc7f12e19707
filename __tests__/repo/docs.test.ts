// Contributors have only the repository: every pointer to the facts the code relies on must resolve
// inside it, and the facts page must carry the region table the code uses.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { describe, it } from 'node:test'
import { REGIONS } from '../../src/genesys/endpoints.js'

const ROOT = join(import.meta.dirname, '..', '..')
const FACTS = 'docs/genesys-cloud.md'
const SCANNED = [
  'src',
  '__tests__',
  'tools',
  'scripts',
  'bench',
  'docs',
  'README.md',
  'CONTRIBUTING.md'
]
// Built from pieces so that this file does not match itself.
const OUTSIDE_POINTERS = [['..', 'shared'].join('/'), ['shared', 'reference'].join('/')]

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path).flatMap(name => filesUnder(join(path, name)))
}

const repoPath = (path: string) => relative(ROOT, path).split(sep).join('/')

describe('docs', () => {
  it('no file points outside the repository for its facts', () => {
    const files = SCANNED.flatMap(entry => filesUnder(join(ROOT, entry))).map(repoPath)
    assert.ok(
      files.includes('src/genesys/endpoints.ts') && files.includes(FACTS),
      'the scan covers the tree'
    )
    const offenders = files.filter(file => {
      const text = readFileSync(join(ROOT, file), 'utf8')
      return OUTSIDE_POINTERS.some(pointer => text.includes(pointer))
    })
    assert.deepEqual(offenders, [], `point to ${FACTS} instead`)
  })

  it(`${FACTS} lists every region of src/genesys/endpoints.ts with its domain`, () => {
    const rows = readFileSync(join(ROOT, FACTS), 'utf8')
      .split('\n')
      .filter(line => line.startsWith('|'))
      .map(line => line.split('|').map(cell => cell.trim()))
    for (const [key, domain] of Object.entries(REGIONS)) {
      const row = rows.find(cells => cells.includes(`\`${key}\``))
      assert.ok(row, `${key} has a row`)
      assert.ok(row.includes(`\`${domain}\``), `${key}'s row gives its domain ${domain}`)
    }
  })
})
