// The gc CLI recipe in every region: gc spells three region keys with underscores and refuses the
// hyphenated form ("Invalid AWS region"), but takes any value with a dot in it as the domain. The
// recipe therefore hands gc the `domain` output; these runs prove that output, through the proxy,
// for the three regions where the key would fail.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { CLIENT, run } from '../../tools/harness.js'
import { startProxied, type Proxied } from '../support/proxied.js'

/** The regions whose gc key differs from the hyphenated key the action outputs as `region`. */
const GC_UNDERSCORED: [key: string, gcKey: string, domain: string][] = [
  ['me-central-1', 'me_central_1', 'mec1.pure.cloud'],
  ['ap-northeast-3', 'ap_northeast_3', 'apne3.pure.cloud'],
  ['eu-central-2', 'eu_central_2', 'euc2.pure.cloud']
]

/** gc's rule for GENESYSCLOUD_REGION: a value containing a dot is a domain, used as it is. */
const gcTakesAsDomain = (value: string) => value.includes('.')

describe('gc CLI wiring: the domain output in the regions gc spells with underscores', () => {
  let p: Proxied
  before(async () => {
    p = await startProxied()
  })
  after(() => p.stop())

  for (const [key, gcKey, domain] of GC_UNDERSCORED) {
    it(`region ${key}: hosts of ${domain}, domain output ${domain}`, async () => {
      const start = p.proxy.tunnels.length
      const r = await run(
        p.emu,
        'main',
        { 'client-id': CLIENT.id, 'client-secret': CLIENT.secret, region: key },
        { env: p.env }
      )
      assert.equal(r.code, 0, r.stdout + r.stderr)
      assert.deepEqual(p.proxy.tunnels.slice(start).toSorted(), [
        `api.${domain}:443`,
        `login.${domain}:443`
      ])
      assert.equal(r.outputs.domain, domain)
      assert.ok(gcTakesAsDomain(r.outputs.domain))
      // The key output is the hyphenated form that gc refuses for this region: hence the domain.
      assert.equal(r.outputs.region, key)
      assert.notEqual(r.outputs.region, gcKey)
      assert.ok(!gcTakesAsDomain(r.outputs.region))
    })

    it(`GENESYSCLOUD_REGION=${gcKey} (a gc job's env) gives the same hosts and domain`, async () => {
      const start = p.proxy.tunnels.length
      const r = await run(
        p.emu,
        'main',
        { 'client-id': '', 'client-secret': '', region: '' },
        {
          env: {
            ...p.env,
            GENESYSCLOUD_OAUTHCLIENT_ID: CLIENT.id,
            GENESYSCLOUD_OAUTHCLIENT_SECRET: CLIENT.secret,
            GENESYSCLOUD_REGION: gcKey
          }
        }
      )
      assert.equal(r.code, 0, r.stdout + r.stderr)
      assert.deepEqual(p.proxy.tunnels.slice(start).toSorted(), [
        `api.${domain}:443`,
        `login.${domain}:443`
      ])
      assert.equal(r.outputs.domain, domain)
    })
  }
})
