// A CX-as-Code job adopts the action with no `with:`: the credentials and the region are already
// in the job's env, as the Terraform provider and the gc CLI read them. Runs go through the proxy
// to real Genesys host names, so the region variable really decides where the secret is sent.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { CLIENT, errorOf, run } from '../../tools/harness.js'
import { startProxied, type Proxied } from '../support/proxied.js'
import { basicOf } from '../../tools/run-action.js'

/** What `- uses: …` with no `with:` hands over: every credential and region input empty. */
const NO_INPUTS = { 'client-id': '', 'client-secret': '', region: '' }
const JOB_ENV = {
  GENESYSCLOUD_OAUTHCLIENT_ID: CLIENT.id,
  GENESYSCLOUD_OAUTHCLIENT_SECRET: CLIENT.secret
}

describe('adoption by a CX-as-Code job: credentials and region from GENESYSCLOUD_*', () => {
  let p: Proxied
  before(async () => {
    p = await startProxied()
  })
  after(() => p.stop())

  /** Tunnels and requests a run adds, as "host path" lines. */
  const since = () => {
    const tunnels = p.proxy.tunnels.length
    const requests = p.emu.requests.length
    return () => ({
      // Sorted: the API host's tunnel opens while the token request is out (preconnect).
      tunnels: p.proxy.tunnels.slice(tunnels).toSorted(),
      requests: p.emu.requests.slice(requests)
    })
  }

  for (const region of ['eu-west-1', 'mypurecloud.ie']) {
    it(`GENESYSCLOUD_REGION=${region}: the token comes from login.mypurecloud.ie and is revoked`, async () => {
      const seen = since()
      const env = { ...p.env, ...JOB_ENV, GENESYSCLOUD_REGION: region }
      const main = await run(p.emu, 'main', NO_INPUTS, { env })
      assert.equal(main.code, 0, main.stdout + main.stderr)

      const { tunnels, requests } = seen()
      assert.deepEqual(tunnels, ['api.mypurecloud.ie:443', 'login.mypurecloud.ie:443'])
      assert.deepEqual(
        requests.map(r => `${r.method} ${r.headers.host}${r.path}`),
        ['POST login.mypurecloud.ie/oauth/token', 'GET api.mypurecloud.ie/api/v2/tokens/me']
      )
      assert.equal(requests[0].headers.authorization, `Basic ${basicOf(CLIENT.id, CLIENT.secret)}`)

      // Masked before anything else: the very first line the step prints.
      const lines = main.stdout.split('\n')
      assert.equal(lines[0], `::add-mask::${CLIENT.secret}`)
      assert.ok(
        lines.includes(
          'Credentials from the environment (GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET); region from GENESYSCLOUD_REGION (eu-west-1)'
        ),
        main.stdout
      )
      assert.equal(main.outputs.region, 'eu-west-1')
      assert.equal(main.outputs.domain, 'mypurecloud.ie')
      assert.equal(main.outputs['organization-id'], CLIENT.orgId)

      const post = await run(p.emu, 'post', NO_INPUTS, { env, state: main.state })
      assert.equal(post.code, 0, post.stdout)
      assert.equal(p.proxy.tunnels.at(-1), 'api.mypurecloud.ie:443')
      assert.ok(p.emu.revoked.has(main.outputs['access-token']))
    })
  }

  it('inputs win over the variables, each of them', async () => {
    const seen = since()
    const env = {
      ...p.env,
      GENESYSCLOUD_OAUTHCLIENT_ID: 'aaaaaaaa-2222-4222-8222-00000000dec0',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: 'Decoy-secret-from-the-job-env-9876543210',
      GENESYSCLOUD_REGION: 'eu-west-1'
    }
    const inputs = {
      'client-id': CLIENT.id,
      'client-secret': CLIENT.secret,
      region: 'eu-central-1'
    }
    const r = await run(p.emu, 'main', inputs, { env })
    assert.equal(r.code, 0, r.stdout + r.stderr)
    const { tunnels, requests } = seen()
    assert.deepEqual(tunnels, ['api.mypurecloud.de:443', 'login.mypurecloud.de:443'])
    assert.equal(requests[0].headers.authorization, `Basic ${basicOf(CLIENT.id, CLIENT.secret)}`)
    assert.equal(r.outputs.domain, 'mypurecloud.de')
    assert.ok(
      r.stdout
        .split('\n')
        .includes(
          'Credentials from the inputs (client-id, client-secret); region from input "region"'
        ),
      r.stdout
    )
    // The job's secret is masked too, though unused: it is a secret wherever it sits.
    assert.ok(r.stdout.includes(`::add-mask::${env.GENESYSCLOUD_OAUTHCLIENT_SECRET}`))
  })

  it('without GENESYSCLOUD_REGION the region is us-east-1, and the log says so', async () => {
    const seen = since()
    const r = await run(p.emu, 'main', NO_INPUTS, { env: { ...p.env, ...JOB_ENV } })
    assert.equal(r.code, 0, r.stdout + r.stderr)
    assert.deepEqual(seen().tunnels, ['api.mypurecloud.com:443', 'login.mypurecloud.com:443'])
    assert.match(
      r.stdout,
      /region us-east-1 \(the default: neither input "region" nor GENESYSCLOUD_REGION is set\)/
    )
  })

  it('neither input nor variable: one error naming both, and nothing is sent', async () => {
    const seen = since()
    const r = await run(p.emu, 'main', NO_INPUTS, { env: p.env })
    assert.equal(r.code, 1)
    assert.match(
      errorOf(r),
      /^Input "client-id" is required and was empty, and GENESYSCLOUD_OAUTHCLIENT_ID is not set either\. .*forks/
    )
    assert.equal(r.stdout.split('\n').filter(l => l.startsWith('::error::')).length, 1)
    const { tunnels, requests } = seen()
    assert.deepEqual(tunnels, [])
    assert.deepEqual(requests, [])
  })

  it('an unknown GENESYSCLOUD_REGION fails naming the variable, and nothing is sent', async () => {
    const seen = since()
    const env = { ...p.env, ...JOB_ENV, GENESYSCLOUD_REGION: 'eu-west-9' }
    const r = await run(p.emu, 'main', NO_INPUTS, { env })
    assert.equal(r.code, 1)
    assert.match(errorOf(r), /^Environment variable GENESYSCLOUD_REGION is "eu-west-9"/)
    assert.deepEqual(seen().tunnels, [])
  })
})
