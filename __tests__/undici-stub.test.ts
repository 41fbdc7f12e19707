// The bundle carries src/shims/undici (package.json "overrides") instead of the real undici. These
// tests make sure the swap cannot silently break @actions/http-client or silently stop happening.
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, it } from 'node:test'
import { namesImported } from './support/imports.js'
import { ROOT } from '../tools/run-action.js'

const STUB = join(ROOT, 'src', 'shims', 'undici')

/** Directory of the package `name` as Node resolves it from `from` (a package directory). */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate)
    if (dir === dirname(dir)) throw new Error(`${name} is not installed (from ${from})`)
  }
}

/** Every package that ends up in the bundle: the production dependency closure of the root. */
function productionPackages(): string[] {
  const seen = new Set<string>()
  const walk = (dir: string) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      const found = packageDir(name, dir)
      if (!seen.has(found)) {
        seen.add(found)
        walk(found)
      }
    }
  }
  walk(ROOT)
  return [...seen].filter(dir => dir !== STUB)
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(e => e.isFile() && /\.(c|m)?js$/.test(e.name))
    .map(e => join(e.parentPath, e.name))
    .filter(file => !file.slice(dir.length).includes('/node_modules/'))
}

describe('names imported from a module (the parser this check relies on)', () => {
  const cases: [string, string[]][] = [
    ["import { ProxyAgent, fetch as f } from 'undici'", ['ProxyAgent', 'fetch']],
    ["import undici, { Agent } from 'undici'", ['default', 'Agent']],
    ["import * as u from 'undici'\nnew u.Pool(); u['request']()", ['Pool', 'request']],
    ["import * as u from 'undici'\nuse(u)", ['*']],
    ["export { Client, errors as e } from 'undici'", ['Client', 'errors']],
    ["export * from 'undici'", ['*']],
    ["const { Dispatcher: D } = await import('undici')", ['Dispatcher']],
    ["const m = await import('undici'); m.setGlobalDispatcher()", ['setGlobalDispatcher']],
    ["const a = (await import('undici')).MockAgent", ['MockAgent']],
    ["import('undici').then(m => new m.WebSocket())", ['WebSocket']],
    ["import('undici').then(use)", ['*']],
    ["const { Headers } = require('undici'); require('undici').FormData", ['Headers', 'FormData']],
    [
      "import 'undici'\n// import { Nope } from 'undici'\nconst s = \"import { No } from 'undici'\"",
      []
    ],
    ["import { ProxyAgent } from 'undici-types'", []]
  ]
  for (const [source, expected] of cases)
    it(source.split('\n')[0], () =>
      assert.deepEqual([...namesImported(source, 'undici')].sort(), expected.sort())
    )
})

describe('the undici stub', () => {
  it('is the undici that @actions/http-client gets (the overrides entry is in effect)', () => {
    const client = packageDir('@actions/http-client', ROOT)
    const resolved = createRequire(join(client, 'package.json')).resolve('undici')
    assert.equal(realpathSync(resolved), join(STUB, 'index.js'))
  })

  it('exports every name that a bundled package imports from undici', async () => {
    const stub = await import(join(STUB, 'index.js'))
    const exported = new Set(Object.keys(stub))
    const missing: string[] = []
    let importers = 0
    for (const dir of productionPackages())
      for (const file of jsFiles(dir)) {
        const names = namesImported(readFileSync(file, 'utf8'), 'undici', file)
        if (names.size) importers++
        for (const name of names)
          if (!exported.has(name)) missing.push(`${name} (${file.slice(ROOT.length + 1)})`)
      }
    assert.ok(importers > 0, 'no bundled file imports undici: is the stub still needed?')
    assert.deepEqual(missing, [], 'the stub lacks names that bundled code imports')
  })

  for (const entry of ['main', 'post'])
    it(`is what dist/${entry} carries, not the real undici`, () => {
      const bundle = readFileSync(join(ROOT, 'dist', entry, 'index.js'), 'utf8')
      assert.match(bundle, /undici is not bundled with genesys-cloud-auth/)
      // Error codes that every real undici defines; none may be in the bundle.
      assert.doesNotMatch(bundle, /UND_ERR_/)
      assert.ok(bundle.length < 100_000, `dist/${entry}/index.js is ${bundle.length} bytes`)
    })
})
