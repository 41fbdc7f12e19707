// Hardening at the network edge: a proxy that never answers, a proxy that wants credentials,
// a host name that does not resolve, and a Genesys login URL given without its region.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { assertExited } from '../support/assertions.js'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, run, startEmulator } from '../../tools/harness.js'
import { AuthProxy, BlackHoleProxy, offlineGuard } from '../support/proxy.js'
import { basicOf, findLeaks } from '../../tools/run-action.js'
import { testTls } from '../../tools/tls.js'
import { startProxied, type Proxied } from '../support/proxied.js'

// Real Genesys names (loopback hosts are never proxied); only the test proxies route them.
const credentials = { 'client-id': CLIENT.id, 'client-secret': CLIENT.secret }
const EU = { ...credentials, region: 'eu-west-1' }
const LONG = { timeoutMs: 30_000 }

describe('a proxy that accepts connections and never answers', () => {
  let hole: BlackHoleProxy
  let env: Record<string, string>
  before(async () => {
    hole = await BlackHoleProxy.start()
    env = { https_proxy: hole.url, NODE_OPTIONS: `--require ${offlineGuard()}` }
  })
  after(() => hole.stop())

  const inputs = { ...EU, timeout: '1', 'max-attempts': '2' }

  it('main: fails after its two 1 s attempts and exits by itself', async () => {
    const r = await run(undefined, 'main', inputs, { ...LONG, env })
    assertExited(r, 1)
    assert.match(errorOf(r), /no answer within 1 s/)
  })

  it('post: warns that the revoke failed, exits 0 by itself', async () => {
    const token = 'some-token-value-xyz'
    const state = {
      token,
      'api-url': 'https://api.mypurecloud.ie',
      'expires-at': new Date(Date.now() + 3_600_000).toISOString()
    }
    const r = await run(undefined, 'post', inputs, { ...LONG, env, state })
    assertExited(r, 0)
    assert.match(r.stdout, /^::warning::.*revoke/im)
    assert.deepEqual(findLeaks(r, [token]), [])
  })
})

describe('a proxy that asks for credentials (407)', () => {
  const user = 'alice'
  const password = 'pr0xy-Pa55word!'
  const wrong = 'not-the-Pa55word!'
  // RFC 3986 leaves "!" unreserved, but stricter encoders write it as %21: both must work.
  const strictEncode = (text: string) =>
    encodeURIComponent(text).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16)}`)
  const proxySecrets = (pass: string) => [
    pass,
    encodeURIComponent(pass),
    strictEncode(pass),
    basicOf(user, pass)
  ]
  const withCredentials = (proxyUrl: string, encodedPass: string) =>
    proxyUrl.replace('http://', `http://${user}:${encodedPass}@`)
  let emu: Emulator
  let refusing: AuthProxy
  let guarded: AuthProxy
  let base: Record<string, string>
  before(async () => {
    const tls = testTls('genesys')
    emu = await startEmulator({ tls })
    refusing = await AuthProxy.start()
    const target = { host: '127.0.0.1', port: Number(new URL(emu.url).port) }
    guarded = await AuthProxy.start({ target, credentials: { user, password } })
    base = { NODE_EXTRA_CA_CERTS: tls.caFile, NODE_OPTIONS: `--require ${offlineGuard()}` }
  })
  after(async () => {
    await refusing.stop()
    await guarded.stop()
    await emu.stop()
  })

  it('407 is final: one CONNECT, and the error says how to give the proxy credentials', async () => {
    const r = await run(emu, 'main', EU, { ...LONG, env: { ...base, https_proxy: refusing.url } })
    assertExited(r, 1)
    // One CONNECT per host: the token's, and the API host's opened early (preconnect).
    const targets = refusing.connects.map(c => c.target)
    assert.deepEqual(
      targets.filter(t => t.startsWith('login.')),
      ['login.mypurecloud.ie:443']
    )
    assert.equal(new Set(targets).size, targets.length, 'a 407 is not retried')
    const error = errorOf(r)
    assert.match(error, /407/)
    assert.match(error, /proxy/i)
    assert.match(error, /https_proxy=http:\/\/user:password@/)
  })

  it('the right credentials in https_proxy get through, and never reach the log', async () => {
    for (const encoded of [encodeURIComponent(password), strictEncode(password)]) {
      const https_proxy = withCredentials(guarded.url, encoded)
      const start = guarded.connects.length
      const r = await run(emu, 'main', EU, { ...LONG, env: { ...base, https_proxy } })
      assertExited(r, 0)
      const connects = guarded.connects.slice(start)
      assert.ok(connects.length >= 2 && connects.every(c => c.authorized), encoded)
      assert.deepEqual(findLeaks(r, proxySecrets(password)), [], 'the proxy password leaked')
    }
  })

  it('a wrong proxy password fails at once with 407, and is not printed', async () => {
    const https_proxy = withCredentials(guarded.url, encodeURIComponent(wrong))
    const start = guarded.connects.length
    const r = await run(emu, 'main', EU, { ...LONG, env: { ...base, https_proxy } })
    assertExited(r, 1)
    const targets = guarded.connects.slice(start).map(c => c.target)
    assert.deepEqual(
      targets.filter(t => t.startsWith('login.')),
      ['login.mypurecloud.ie:443']
    )
    assert.equal(new Set(targets).size, targets.length, 'a 407 is not retried')
    assert.match(errorOf(r), /407/)
    assert.deepEqual(findLeaks(r, [...proxySecrets(wrong), ...proxySecrets(password)]), [])
  })
})

describe('a host name that does not resolve', () => {
  it('is not retried: one look-up, and the error names the host', async () => {
    const lookups = join(mkdtempSync(join(tmpdir(), 'gca-dns-')), 'lookups')
    const env = { NODE_OPTIONS: `--require ${offlineGuard(lookups)}` }
    const r = await run(undefined, 'main', EU, { ...LONG, env })
    assertExited(r, 1)
    // One look-up per host: the token's, and the API host's (opened early, while it waited).
    const names = readFileSync(lookups, 'utf8').split('\n').filter(Boolean)
    assert.deepEqual(
      names.filter(n => n.startsWith('login.')),
      ['login.mypurecloud.ie']
    )
    assert.equal(new Set(names).size, names.length, 'a DNS failure is not retried')
    assert.doesNotMatch(r.stdout, /retrying/)
    const error = errorOf(r)
    assert.match(error, /login\.mypurecloud\.ie/)
    assert.match(error, /resolve/i)
  })
})

describe('a Genesys URL input implies its region', () => {
  let p: Proxied
  before(async () => {
    p = await startProxied()
  })
  after(() => p.stop())

  it('login-url https://login.mypurecloud.ie (region left at its default) is eu-west-1', async () => {
    const inputs = {
      ...credentials,
      'login-url': 'https://login.mypurecloud.ie',
      'export-env': 'true'
    }
    const r = await run(p.emu, 'main', inputs, { ...LONG, env: p.env })
    assertExited(r, 0)
    assert.equal(r.outputs['api-url'], 'https://api.mypurecloud.ie')
    assert.equal(r.outputs.region, 'eu-west-1')
    assert.equal(r.env.GENESYSCLOUD_REGION, 'eu-west-1')
    assert.equal(r.env.GENESYS_CLOUD_ENVIRONMENT, 'mypurecloud.ie')
  })

  it('api-url https://api.mypurecloud.ie with region eu-west-1 keeps the region', async () => {
    const inputs = { ...EU, 'api-url': 'https://api.mypurecloud.ie', 'export-env': 'true' }
    const r = await run(p.emu, 'main', inputs, { ...LONG, env: p.env })
    assertExited(r, 0)
    assert.equal(r.outputs.region, 'eu-west-1')
    assert.equal(r.env.GENESYSCLOUD_REGION, 'eu-west-1')
  })
})
