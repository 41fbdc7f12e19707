// Proxies as users write them, end to end through dist/: every form curl accepts works (https://
// to the proxy, an IPv6 literal, no scheme, a lone API-key user name, a malformed %-escape), and
// every form the action cannot use says so at once (SOCKS, NTLM/Negotiate). TLS failures say
// whose certificate failed and why. Each role has its own certificate (tools/tls.ts): a server
// name sent to the wrong peer fails these tests.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, run, startEmulator } from '../../tools/harness.js'
import { basicOf, findLeaks } from '../../tools/run-action.js'
import { testTls } from '../../tools/tls.js'
import { assertExited } from '../support/assertions.js'
import { AuthProxy, BlackHoleProxy, offlineGuard, TunnelProxy } from '../support/proxy.js'

const EU = { 'client-id': CLIENT.id, 'client-secret': CLIENT.secret, region: 'eu-west-1' }
const LONG = { timeoutMs: 30_000 }
const HOSTS = ['api.mypurecloud.ie:443', 'login.mypurecloud.ie:443']

describe('proxy forms that work', () => {
  let emu: Emulator
  let target: { host: string; port: number }
  const stops: (() => Promise<void>)[] = []
  let base: Record<string, string>
  let lookups: string

  before(async () => {
    const tls = testTls('genesys')
    emu = await startEmulator({ tls })
    target = { host: '127.0.0.1', port: Number(new URL(emu.url).port) }
    lookups = join(mkdtempSync(join(tmpdir(), 'gca-dns-')), 'lookups')
    base = { NODE_EXTRA_CA_CERTS: tls.caFile, NODE_OPTIONS: `--require ${offlineGuard(lookups)}` }
  })
  after(async () => {
    for (const stop of stops) await stop()
    await emu.stop()
  })

  const tunnel = async (options: Parameters<typeof TunnelProxy.start>[1] = {}) => {
    const proxy = await TunnelProxy.start(target, options)
    stops.push(() => proxy.stop())
    return proxy
  }
  const auth = async (credentials: { user: string; password: string }) => {
    const proxy = await AuthProxy.start({ target, credentials })
    stops.push(() => proxy.stop())
    return proxy
  }
  /** A main and a post step through `https_proxy`: a token, verified, then revoked. */
  const roundTrip = async (https_proxy: string, extra: Record<string, string> = {}) => {
    writeFileSync(lookups, '')
    const env = { ...base, https_proxy, ...extra }
    const main = await run(emu, 'main', EU, { ...LONG, env })
    assertExited(main, 0)
    const post = await run(emu, 'post', EU, { ...LONG, env, state: main.state })
    assertExited(post, 0)
    assert.ok(emu.revoked.has(main.outputs['access-token']), 'revoked through the proxy')
    assert.equal(readFileSync(lookups, 'utf8'), '', 'no host was looked up: nothing went direct')
    return main
  }

  it('https:// (TLS to the proxy, checked against the proxy name, not the target)', async () => {
    const proxy = await tunnel({ tls: testTls('proxy') })
    assert.match(proxy.url, /^https:\/\/localhost:\d+$/)
    await roundTrip(proxy.url)
    assert.deepEqual(proxy.tunnels.slice(0, 2).toSorted(), HOSTS)
    assert.equal(proxy.tunnels.at(-1), 'api.mypurecloud.ie:443')
  })

  it('an IPv6 literal, http://[::1]:port', async () => {
    const proxy = await tunnel({ host: '::1' })
    assert.match(proxy.url, /^http:\/\/\[::1\]:\d+$/)
    await roundTrip(proxy.url)
    assert.deepEqual(proxy.tunnels.slice(0, 2).toSorted(), HOSTS)
  })

  it('no scheme (host:port, as in runner .env files) is http://', async () => {
    const proxy = await tunnel()
    // By name: as a URL, "localhost:port" would parse as the scheme "localhost:".
    await roundTrip(proxy.url.replace('http://127.0.0.1', 'localhost'))
    assert.deepEqual(proxy.tunnels.slice(0, 2).toSorted(), HOSTS)
  })

  it('HTTPS_PROXY when https_proxy is empty', async () => {
    const proxy = await tunnel()
    await roundTrip('', { HTTPS_PROXY: proxy.url })
    assert.deepEqual(proxy.tunnels.slice(0, 2).toSorted(), HOSTS)
  })

  it('a lone user name (an API-key proxy) is sent, and masked raw, decoded and as Basic', async () => {
    const key = 'APIKEY-0123456789abcdef'
    const proxy = await auth({ user: key, password: '' })
    const main = await roundTrip(proxy.url.replace('http://', `http://${key}@`), {
      RUNNER_DEBUG: '1'
    })
    assert.ok(proxy.connects.length >= 3 && proxy.connects.every(c => c.authorized))
    assert.ok(main.stdout.includes(`::add-mask::${key}\n`), 'the user name is masked')
    assert.ok(main.stdout.includes(`::add-mask::${basicOf(key, '')}\n`), 'its Basic value too')
    assert.deepEqual(findLeaks(main, [key, basicOf(key, '')]), [])
  })

  it('a malformed %-escape in the password is sent as typed: the proxy is still used', async () => {
    const password = 'pr0xy%zz-Pa55'
    const proxy = await auth({ user: 'alice', password })
    const main = await roundTrip(proxy.url.replace('http://', `http://alice:${password}@`))
    assert.ok(proxy.connects.length >= 3 && proxy.connects.every(c => c.authorized))
    assert.deepEqual(findLeaks(main, [password, basicOf('alice', password)]), [])
  })

  // @actions/http-client has its own proxy parser, which threw on these before ours was asked:
  // every request failed as if the network were down. It must never read them.
  it('no scheme and a bad %-escape in the password (svc_ci:50%off@host:port)', async () => {
    const proxy = await auth({ user: 'svc_ci', password: '50%off' })
    const main = await roundTrip(proxy.url.replace('http://', 'svc_ci:50%off@'))
    assert.ok(proxy.connects.length >= 3 && proxy.connects.every(c => c.authorized))
    assert.deepEqual(findLeaks(main, ['50%off', basicOf('svc_ci', '50%off')]), [])
  })

  it('a blank https_proxy beside a working HTTPS_PROXY', async () => {
    const proxy = await tunnel()
    await roundTrip(' ', { HTTPS_PROXY: proxy.url })
    assert.deepEqual(proxy.tunnels.slice(0, 2).toSorted(), HOSTS)
  })

  it('RUNNER_DEBUG=1: one debug line per host, the proxy origin only', async () => {
    const proxy = await tunnel()
    const withUser = proxy.url.replace('http://', 'http://dbg-user:dbg-Pa55word@')
    const main = await roundTrip(withUser, { RUNNER_DEBUG: '1' })
    const lines = main.stdout.split('\n').filter(l => l.startsWith('::debug::'))
    assert.deepEqual(lines.toSorted(), [
      `::debug::api.mypurecloud.ie: via proxy ${proxy.url} (https_proxy)`,
      `::debug::login.mypurecloud.ie: via proxy ${proxy.url} (https_proxy)`
    ])
    assert.deepEqual(findLeaks(main, ['dbg-Pa55word', 'dbg-user:']), [])
  })

  it('no_proxy: the listed hosts go direct, and the debug line says why', async () => {
    const proxy = await tunnel()
    const env = {
      ...base,
      https_proxy: proxy.url,
      no_proxy: 'login.mypurecloud.ie',
      RUNNER_DEBUG: '1'
    }
    const r = await run(emu, 'main', { ...EU, 'max-attempts': '1' }, { ...LONG, env })
    assertExited(r, 1)
    assert.match(r.stdout, /^::debug::login\.mypurecloud\.ie: direct \(no_proxy\)$/m)
    assert.match(errorOf(r), /login\.mypurecloud\.ie could not be resolved \(ENOTFOUND\)/)
    assert.ok(!proxy.tunnels.includes('login.mypurecloud.ie:443'))
  })
})

describe('proxy forms that cannot work say so at once', () => {
  let hole: BlackHoleProxy
  let ntlm: AuthProxy
  let env: Record<string, string>
  before(async () => {
    hole = await BlackHoleProxy.start()
    ntlm = await AuthProxy.start({ challenges: ['NTLM', 'Negotiate'] })
    env = { NODE_OPTIONS: `--require ${offlineGuard()}` }
  })
  after(async () => {
    await hole.stop()
    await ntlm.stop()
  })

  it('SOCKS: fails naming the variable, with no connection and no retry', async () => {
    for (const scheme of ['socks5', 'socks5h', 'socks4']) {
      const https_proxy = hole.url.replace('http://', `${scheme}://sock-user:sock-Pa55@`)
      const r = await run(
        undefined,
        'main',
        { ...EU, 'max-attempts': '3' },
        { ...LONG, env: { ...env, https_proxy } }
      )
      assertExited(r, 1)
      const error = errorOf(r)
      assert.match(
        error,
        new RegExp(
          `^Token request to https://login\\.mypurecloud\\.ie failed: https_proxy names a SOCKS proxy \\(${scheme}://\\), which this action does not support: .*, after 1 attempt\\. .*local HTTP relay`
        )
      )
      assert.doesNotMatch(r.stdout, /retrying/)
      assert.deepEqual(findLeaks(r, ['sock-Pa55', basicOf('sock-user', 'sock-Pa55')]), [])
    }
    assert.equal(hole.connections, 0, 'nothing connected to the SOCKS address')
  })

  it('an unreadable value fails naming the variable, and does not go direct', async () => {
    const r = await run(undefined, 'main', EU, {
      ...LONG,
      env: { ...env, HTTPS_PROXY: 'http://[bad' }
    })
    assertExited(r, 1)
    assert.match(errorOf(r), /failed: HTTPS_PROXY could not be read as a proxy address/)
    assert.doesNotMatch(errorOf(r), /ENOTFOUND/)
  })

  it('a 407 asking for NTLM or Negotiate names them and what works instead', async () => {
    const r = await run(
      undefined,
      'main',
      { ...EU, 'max-attempts': '3' },
      { ...LONG, env: { ...env, https_proxy: ntlm.url } }
    )
    assertExited(r, 1)
    const error = errorOf(r)
    assert.match(
      error,
      /failed: the proxy http:\/\/127\.0\.0\.1:\d+ wants NTLM or Negotiate authentication \(HTTP 407\), which this action does not support, after 1 attempt\./
    )
    assert.match(error, /cntlm or px/)
    assert.match(error, /no_proxy/)
    assert.doesNotMatch(error, /user:password@/)
    const targets = ntlm.connects.map(c => c.target)
    assert.equal(new Set(targets).size, targets.length, 'a 407 is not retried')
  })
})

describe('TLS failures say whose certificate and why, and are not retried', () => {
  const stops: (() => Promise<void>)[] = []
  after(async () => {
    for (const stop of stops) await stop()
  })
  /** An emulator with `role`'s certificate, behind a tunnel proxy (https:// if `proxyTls`). */
  const behindProxy = async (role: 'genesys' | 'loopback', proxyTls = false) => {
    const emu = await startEmulator({ tls: testTls(role) })
    const target = { host: '127.0.0.1', port: Number(new URL(emu.url).port) }
    const proxy = await TunnelProxy.start(target, proxyTls ? { tls: testTls('proxy') } : {})
    stops.push(async () => {
      await proxy.stop()
      await emu.stop()
    })
    return { emu, proxy }
  }
  const guard = () => ({ NODE_OPTIONS: `--require ${offlineGuard()}` })
  const inputs = { ...EU, 'max-attempts': '3', verify: 'false' }

  it('an untrusted CA: NODE_EXTRA_CA_CERTS or --use-system-ca', async () => {
    const { emu, proxy } = await behindProxy('genesys')
    const r = await run(emu, 'main', inputs, {
      ...LONG,
      env: { ...guard(), https_proxy: proxy.url }
    })
    assertExited(r, 1)
    const error = errorOf(r)
    assert.match(
      error,
      /failed: the TLS certificate of login\.mypurecloud\.ie is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\), after 1 attempt\./
    )
    assert.match(error, /NODE_EXTRA_CA_CERTS/)
    assert.match(error, /NODE_OPTIONS=--use-system-ca/)
    assert.equal(emu.requests.length, 0)
  })

  it('a certificate for other names (an intercepting proxy): says so', async () => {
    const { emu, proxy } = await behindProxy('loopback')
    const env = { ...guard(), https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: testTls().caFile }
    const r = await run(emu, 'main', inputs, { ...LONG, env })
    assertExited(r, 1)
    const error = errorOf(r)
    assert.match(
      error,
      /failed: the TLS certificate of login\.mypurecloud\.ie is for other host names \(ERR_TLS_CERT_ALTNAME_INVALID\), after 1 attempt\./
    )
    assert.match(error, /proxy that intercepts TLS/)
    assert.equal(emu.requests.length, 0)
  })

  it("an https:// proxy's own certificate: names the proxy", async () => {
    const { emu, proxy } = await behindProxy('genesys', true)
    const r = await run(emu, 'main', inputs, {
      ...LONG,
      env: { ...guard(), https_proxy: proxy.url }
    })
    assertExited(r, 1)
    assert.match(
      errorOf(r),
      /failed: the TLS certificate of the proxy https:\/\/localhost:\d+ is not trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\), after 1 attempt\./
    )
    assert.equal(proxy.tunnels.length, 0)
  })
})
