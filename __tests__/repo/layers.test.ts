// The direction of imports between the layers of src/ is enforced by `npm run lint`
// (eslint.config.js). These cases prove the rule fires for each layer, and stays quiet for the
// imports the layering allows, so it cannot be switched off by accident.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ESLint } from 'eslint'

const ROOT = join(import.meta.dirname, '..', '..')
const eslint = new ESLint({ cwd: ROOT })

const RULES = { static: 'no-restricted-imports', dynamic: 'layers/dynamic-import' }

async function lintedBy(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) })
  return result.messages.map(m => m.ruleId ?? `fatal: ${m.message}`)
}

async function refused(file: string, specifier: string): Promise<boolean> {
  const ids = await lintedBy(file, `import * as m from '${specifier}'\nexport const x = m\n`)
  return ids.includes(RULES.static)
}

/** The same import as `await import(...)`, which no-restricted-imports does not see. */
async function refusedDynamic(file: string, specifier: string): Promise<boolean> {
  const ids = await lintedBy(file, `export const m = await import('${specifier}')\n`)
  return ids.includes(RULES.dynamic)
}

describe('layers of src/', () => {
  const cases: [string, string, boolean][] = [
    // net/ speaks HTTP only
    ['src/net/http.ts', './connections.js', false],
    ['src/net/http.ts', '../errors.js', true],
    ['src/net/http.ts', '../genesys/api.js', true],
    ['src/net/http.ts', '../action/log.js', true],
    ['src/net/http.ts', '../steps/main.js', true],
    // genesys/ on net/ only: it raises facts, the catalogue words them
    ['src/genesys/api.ts', '../net/http.js', false],
    ['src/genesys/api.ts', './token.js', false],
    ['src/genesys/api.ts', '../errors.js', true],
    ['src/genesys/token.ts', '../hints.js', true],
    ['src/genesys/api.ts', '../action/log.js', true],
    ['src/genesys/api.ts', '../steps/authenticate.js', true],
    ['src/genesys/api.ts', '../steps/post.js', true],
    ['src/genesys/api.ts', '../post-index.js', true],
    // the catalogue sits on net/ and genesys/
    ['src/errors.ts', './net/failure.js', false],
    ['src/errors.ts', './genesys/failure.js', false],
    ['src/errors.ts', './hints.js', false],
    ['src/hints.ts', './genesys/failure.js', false],
    ['src/errors.ts', './action/inputs.js', true],
    ['src/hints.ts', './action/inputs.js', true],
    ['src/errors.ts', './steps/main.js', true],
    ['src/errors.ts', './index.js', true],
    // action/ on everything below it, never on the steps
    ['src/action/inputs.ts', '../genesys/endpoints.js', false],
    ['src/action/inputs.ts', '../net/proxy.js', false],
    ['src/action/inputs.ts', '../errors.js', false],
    ['src/action/summary.ts', '../steps/main.js', true],
    ['src/action/summary.ts', '../steps/authenticate.js', true],
    ['src/action/summary.ts', '../index.js', true],
    // the steps use every layer
    ['src/steps/main.ts', '../action/inputs.js', false],
    ['src/steps/authenticate.ts', '../genesys/token.js', false],
    ['src/steps/main.ts', './authenticate.js', false],
    ['src/steps/post.ts', '../post-index.js', true],
    // the entry points run the steps
    ['src/index.ts', './steps/main.js', false]
  ]
  for (const [file, specifier, expected] of cases)
    it(`${file} importing ${specifier} is ${expected ? 'refused' : 'allowed'}`, async () => {
      assert.equal(await refused(file, specifier), expected)
    })
  for (const [file, specifier, expected] of cases)
    it(`${file} importing ${specifier} with import() is ${expected ? 'refused' : 'allowed'}`, async () => {
      assert.equal(await refusedDynamic(file, specifier), expected)
    })
  it('a template literal without expressions is read like a string', async () => {
    const ids = await lintedBy(
      'src/genesys/api.ts',
      'export const m = await import(`../action/log.js`)\n'
    )
    assert.deepEqual(ids, [RULES.dynamic])
  })
  it('an import() whose specifier is computed is refused in src/', async () => {
    const code = "const dir = '../action/'\nexport const m = await import(dir + 'log.js')\n"
    assert.deepEqual(await lintedBy('src/genesys/api.ts', code), [RULES.dynamic])
  })
})

// The test of the layering: genesys/ could serve another front end. It names no input of this
// action; the catalogue (errors.ts, hints.ts) and action/ do.
describe('genesys/ speaks no input of the action', () => {
  const INPUT =
    /Input "|["'](client-id|client-secret|login-url|api-url|check-endpoints|region|scopes|required-scopes|min-validity|max-attempts|timeout|verify|revoke|output-token|expected-organization-id|auth-method|export-env|summary)["']/
  it('no file of src/genesys/ quotes an input name', () => {
    const dir = join(ROOT, 'src', 'genesys')
    const files = readdirSync(dir).filter(f => f.endsWith('.ts'))
    assert.ok(files.length >= 6, files.join())
    for (const file of files) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n')
      const named = lines.filter(line => INPUT.test(line))
      assert.deepEqual(named, [], `src/genesys/${file} names an input`)
    }
  })
  it('the check finds an input name where one is written', () => {
    const errors = readFileSync(join(ROOT, 'src', 'errors.ts'), 'utf8')
    assert.match(errors, INPUT)
  })
})
