// Preloaded by `npm run test:coverage` in every test process: the test runner reports only the
// files a test imported, so a module no unit test touches would be missing from the report
// instead of counting as uncovered. The two entry points are left out: importing them runs the
// action.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const SRC = join(import.meta.dirname, '..', '..', 'src')
const ENTRY_POINTS = new Set(['index.ts', 'post-index.ts'])

const modules = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter(f => f.endsWith('.ts') && !f.endsWith('.d.ts') && !ENTRY_POINTS.has(f))
  .sort()

for (const file of modules) await import(pathToFileURL(join(SRC, file)).href)
