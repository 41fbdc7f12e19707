// The bundle carries this project's stand-ins (src/shims, wired in by package.json "overrides")
// instead of three packages that bundled code imports but this action never needs: undici and
// tunnel (inside @actions/http-client) and @actions/exec (inside @actions/core, with @actions/io
// behind it). These tests make sure a swap cannot silently break the package that imports it,
// silently stop happening, or break a proxied run, where http-client itself still sees the proxy.
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs'
import https from 'node:https'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { getProxyUrl, HttpClient } from '@actions/http-client'
import { namesImported } from '../support/imports.js'
import { startProxied, type Proxied } from '../support/proxied.js'
import { CLIENT, run } from '../../tools/harness.js'
import { ROOT } from '../../tools/run-action.js'

interface Shim {
  /** The package it stands in for, and the one package that imports it. */
  name: string
  importer: string
  dir: string
  /** Text of the stub that the bundles must carry, when it has any (tunnel's has none). */
  carried?: RegExp
  /** Text that only the real package has: none may be in the bundles. */
  real: RegExp
}

const SHIMS: Shim[] = [
  {
    name: 'undici',
    importer: '@actions/http-client',
    dir: 'undici',
    carried: /undici is not bundled with genesys-cloud-auth/,
    real: /UND_ERR_/ // error codes that every real undici defines
  },
  {
    name: 'tunnel',
    importer: '@actions/http-client',
    dir: 'tunnel',
    real: /TunnelingAgent|tunneling socket could not be established/
  },
  {
    name: '@actions/exec',
    importer: '@actions/core',
    dir: 'exec',
    carried: /@actions\/exec is not bundled with genesys-cloud-auth/,
    // @actions/exec's ToolRunner and @actions/io's which(), which exec imports
    real: /failed with exit code|Unable to locate executable file/
  }
]
const SHIM_DIRS = SHIMS.map(shim => join(ROOT, 'src', 'shims', shim.dir))

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
  return [...seen].filter(dir => !SHIM_DIRS.includes(dir))
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

for (const shim of SHIMS)
  describe(`the ${shim.name} stub`, () => {
    const stub = join(ROOT, 'src', 'shims', shim.dir)

    it(`is the ${shim.name} that ${shim.importer} gets (the overrides entry is in effect)`, () => {
      const importer = packageDir(shim.importer, ROOT)
      const resolved = createRequire(join(importer, 'package.json')).resolve(shim.name)
      assert.equal(realpathSync(resolved), join(stub, 'index.js'))
    })

    it(`exports every name that a bundled package imports from ${shim.name}`, async () => {
      const exported = new Set(Object.keys(await import(join(stub, 'index.js'))))
      const missing: string[] = []
      let importers = 0
      for (const dir of productionPackages())
        for (const file of jsFiles(dir)) {
          const names = namesImported(readFileSync(file, 'utf8'), shim.name, file)
          if (names.size) importers++
          for (const name of names)
            if (!exported.has(name)) missing.push(`${name} (${file.slice(ROOT.length + 1)})`)
        }
      assert.ok(importers > 0, `no bundled file imports ${shim.name}: is the stub still needed?`)
      assert.deepEqual(missing, [], 'the stub lacks names that bundled code imports')
    })

    for (const entry of ['main', 'post'])
      it(`is what dist/${entry} carries, not the real ${shim.name}`, () => {
        const bundle = readFileSync(join(ROOT, 'dist', entry, 'index.js'), 'utf8')
        if (shim.carried) assert.match(bundle, shim.carried)
        assert.doesNotMatch(bundle, shim.real)
      })
  })

describe('the bundles', () => {
  for (const entry of ['main', 'post'])
    it(`dist/${entry}/index.js is within the 100 KiB budget`, () => {
      const bytes = readFileSync(join(ROOT, 'dist', entry, 'index.js')).length
      assert.ok(bytes <= 100 * 1024, `dist/${entry}/index.js is ${bytes} bytes`)
    })
})

describe('what the stubs do if called after all', () => {
  it('tunnel: no agent, so that http-client builds a plain one (and we replace it)', async () => {
    const tunnel = await import(join(ROOT, 'src', 'shims', 'tunnel', 'index.js'))
    for (const name of ['httpOverHttp', 'httpsOverHttp', 'httpOverHttps', 'httpsOverHttps'])
      assert.equal(tunnel[name]({ proxy: { host: '127.0.0.1', port: 9 } }), undefined, name)
  })

  it('@actions/exec: rejects, so a call that creeps in fails instead of inventing OS details', async () => {
    const { getExecOutput } = await import(join(ROOT, 'src', 'shims', 'exec', 'index.js'))
    await assert.rejects(getExecOutput('lsb_release'), /@actions\/exec is not bundled/)
  })
})

// http-client would ask tunnel for a CONNECT agent if its own look-up (process.env) ran and found
// a proxy; src/net/http.ts never lets it run (requestRaw with our agent), and the stub would
// answer undefined if it did. The proxied run below proves requests take our tunnels.
describe('when @actions/http-client itself sees a proxy', () => {
  const LOGIN = 'https://login.mypurecloud.ie'
  const API = 'https://api.mypurecloud.ie'

  /** What http-client's own proxy look-up answers for `url` under `env`. */
  function httpClientProxy(url: string, env: Record<string, string>): string {
    const saved = { ...process.env }
    for (const key of ['https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'])
      delete process.env[key]
    Object.assign(process.env, env)
    try {
      return getProxyUrl(url)
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    }
  }

  it('it builds a plain https.Agent, not a tunnel agent, and does not throw', () => {
    const env = { https_proxy: 'http://127.0.0.1:9' }
    assert.equal(httpClientProxy(LOGIN, env), 'http://127.0.0.1:9/')
    const saved = process.env.https_proxy
    process.env.https_proxy = env.https_proxy
    try {
      const agent = new HttpClient('t').getAgent(`${LOGIN}/oauth/token`)
      assert.ok(agent instanceof https.Agent, `got ${agent?.constructor?.name}`)
      agent.destroy()
    } finally {
      if (saved === undefined) delete process.env.https_proxy
      else process.env.https_proxy = saved
    }
  })

  describe('dist/ through a CONNECT proxy to the region hosts', () => {
    let p: Proxied
    before(async () => {
      p = await startProxied()
    })
    after(() => p.stop())

    it('gets, verifies and revokes a token, every request through our tunnels', async () => {
      const { emu, proxy, env } = p
      // The precondition: in the step's process, http-client's own look-up finds this proxy.
      for (const url of [LOGIN, API])
        assert.equal(httpClientProxy(url, env), `${env.https_proxy}/`, url)
      const inputs = {
        'client-id': CLIENT.id,
        'client-secret': CLIENT.secret,
        region: 'eu-west-1'
      }
      const main = await run(emu, 'main', inputs, { env })
      assert.equal(main.code, 0, main.stdout + main.stderr)
      const post = await run(emu, 'post', inputs, { env, state: main.state })
      assert.equal(post.code, 0, post.stdout + post.stderr)
      assert.deepEqual(
        emu.requests.map(r => `${r.method} ${r.headers.host}${r.path}`),
        [
          'POST login.mypurecloud.ie/oauth/token',
          'GET api.mypurecloud.ie/api/v2/tokens/me',
          'DELETE api.mypurecloud.ie/api/v2/tokens/me'
        ]
      )
      assert.deepEqual(proxy.tunnels.toSorted(), [
        'api.mypurecloud.ie:443',
        'api.mypurecloud.ie:443',
        'login.mypurecloud.ie:443'
      ])
      assert.ok(emu.revoked.has(main.outputs['access-token']))
    })
  })
})
