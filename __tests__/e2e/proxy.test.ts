// Region mapping, TLS and proxy use together: `region: eu-west-1` with no URL override, through
// https_proxy, to real Genesys host names served by the HTTPS emulator on loopback.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, run } from '../../tools/harness.js'
import { startProxied, type Proxied } from '../support/proxied.js'
import type { TunnelProxy } from '../support/proxy.js'

describe('through an http:// proxy (a CONNECT tunnel, TLS end to end) to the region hosts', () => {
  let p: Proxied
  let emu: Emulator
  let proxy: TunnelProxy
  let env: Record<string, string>
  before(async () => {
    p = await startProxied()
    ;({ emu, proxy, env } = p)
  })
  after(() => p.stop())

  const inputs = {
    'client-id': CLIENT.id,
    'client-secret': CLIENT.secret,
    region: 'EU_WEST_1',
    'export-env': 'true'
  }

  it('gets, verifies and revokes a token at login./api.mypurecloud.ie via the proxy', async () => {
    const main = await run(emu, 'main', inputs, { env })
    assert.equal(main.code, 0, main.stdout + main.stderr)
    // The API host's tunnel is opened while the token request is out: order is not fixed.
    assert.deepEqual(proxy.tunnels.toSorted(), [
      'api.mypurecloud.ie:443',
      'login.mypurecloud.ie:443'
    ])
    assert.deepEqual(
      emu.requests.map(r => `${r.method} ${r.headers.host}${r.path}`),
      ['POST login.mypurecloud.ie/oauth/token', 'GET api.mypurecloud.ie/api/v2/tokens/me']
    )
    assert.equal(main.outputs.region, 'eu-west-1')
    assert.equal(main.outputs['login-url'], 'https://login.mypurecloud.ie')
    assert.equal(main.outputs['api-url'], 'https://api.mypurecloud.ie')
    assert.equal(main.env.GENESYSCLOUD_REGION, 'eu-west-1')
    assert.equal(main.env.GENESYS_CLOUD_ENVIRONMENT, 'mypurecloud.ie')
    assert.equal(main.env.GENESYSCLOUD_ACCESS_TOKEN, main.outputs['access-token'])

    const post = await run(emu, 'post', inputs, { env, state: main.state })
    assert.equal(post.code, 0)
    assert.equal(proxy.tunnels.at(-1), 'api.mypurecloud.ie:443')
    assert.ok(emu.revoked.has(main.outputs['access-token']))
  })

  it('without the proxy nothing is reached: the offline guard refuses the look-up', async () => {
    const { https_proxy: _unused, ...noProxy } = env
    const start = emu.requests.length
    const r = await run(emu, 'main', { ...inputs, 'max-attempts': '1' }, { env: noProxy })
    assert.equal(r.code, 1)
    assert.match(
      errorOf(r),
      /Token request to https:\/\/login\.mypurecloud\.ie failed: the host name login\.mypurecloud\.ie could not be resolved \(ENOTFOUND\), after 1 attempt/
    )
    assert.equal(emu.requests.length, start)
  })
})
