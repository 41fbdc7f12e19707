import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  apiUrlOf,
  loginUrlOf,
  nearestRegions,
  REGIONS,
  resolveRegion
} from '../../src/genesys/endpoints.js'

// The region table of docs/genesys-cloud.md, copied by hand: the source must agree with it, key
// for key and domain for domain.
const REFERENCE: [key: string, sdkEnum: string, domain: string][] = [
  ['us-east-1', 'us_east_1', 'mypurecloud.com'],
  ['us-east-2', 'us_east_2', 'use2.us-gov-pure.cloud'],
  ['us-west-2', 'us_west_2', 'usw2.pure.cloud'],
  ['ca-central-1', 'ca_central_1', 'cac1.pure.cloud'],
  ['sa-east-1', 'sa_east_1', 'sae1.pure.cloud'],
  ['mx-central-1', 'mx_central_1', 'mxc1.pure.cloud'],
  ['eu-west-1', 'eu_west_1', 'mypurecloud.ie'],
  ['eu-west-2', 'eu_west_2', 'euw2.pure.cloud'],
  ['eu-central-1', 'eu_central_1', 'mypurecloud.de'],
  ['eu-central-2', 'eu_central_2', 'euc2.pure.cloud'],
  ['eusc-de-east-1', 'eusc_de_east_1', 'edee1.eusc-pure.cloud'],
  ['me-central-1', 'me_central_1', 'mec1.pure.cloud'],
  ['ap-south-1', 'ap_south_1', 'aps1.pure.cloud'],
  ['ap-southeast-1', 'ap_southeast_1', 'apse1.pure.cloud'],
  ['ap-southeast-2', 'ap_southeast_2', 'mypurecloud.com.au'],
  ['ap-northeast-1', 'ap_northeast_1', 'mypurecloud.jp'],
  ['ap-northeast-2', 'ap_northeast_2', 'apne2.pure.cloud'],
  ['ap-northeast-3', 'ap_northeast_3', 'apne3.pure.cloud']
]

describe('REGIONS', () => {
  it('holds exactly the 18 regions of the reference, with their domains', () => {
    assert.equal(Object.keys(REGIONS).length, 18)
    assert.deepEqual(
      Object.entries(REGIONS).sort(),
      REFERENCE.map(([key, , domain]) => [key, domain]).sort()
    )
  })

  it('gives every region its own domain', () => {
    assert.equal(new Set(Object.values(REGIONS)).size, 18)
  })
})

describe('resolveRegion', () => {
  for (const [key, sdkEnum, domain] of REFERENCE) {
    describe(key, () => {
      const expected = { key, domain }

      it('resolves the hyphenated key (Terraform spelling)', () => {
        assert.deepEqual(resolveRegion(key), expected)
      })

      it('resolves the underscored key (SDK enum / gc CLI spelling)', () => {
        assert.deepEqual(resolveRegion(sdkEnum), expected)
      })

      it('resolves the key in upper and mixed case', () => {
        assert.deepEqual(resolveRegion(key.toUpperCase()), expected)
        assert.deepEqual(resolveRegion(sdkEnum.toUpperCase()), expected)
        assert.deepEqual(resolveRegion(key[0].toUpperCase() + key.slice(1)), expected)
      })

      it('resolves the bare domain, in any case', () => {
        assert.deepEqual(resolveRegion(domain), expected)
        assert.deepEqual(resolveRegion(domain.toUpperCase()), expected)
      })

      it('ignores a trailing dot (fully qualified domain) and surrounding whitespace', () => {
        assert.deepEqual(resolveRegion(`${domain}.`), expected)
        assert.deepEqual(resolveRegion(`  ${domain.toUpperCase()}.\n`), expected)
        assert.deepEqual(resolveRegion(`\t${key} `), expected)
      })

      it('maps to https://login.<domain> and https://api.<domain>', () => {
        const region = resolveRegion(key)
        assert.ok(region)
        assert.equal(loginUrlOf(region), `https://login.${domain}`)
        assert.equal(apiUrlOf(region), `https://api.${domain}`)
      })
    })
  }

  it('accepts the three keys the gc CLI spells with underscores', () => {
    assert.equal(resolveRegion('me_central_1')?.domain, 'mec1.pure.cloud')
    assert.equal(resolveRegion('ap_northeast_3')?.domain, 'apne3.pure.cloud')
    assert.equal(resolveRegion('eu_central_2')?.domain, 'euc2.pure.cloud')
  })

  it('always returns the hyphenated key, whatever the spelling', () => {
    for (const value of ['EU_WEST_1', 'mypurecloud.ie', 'MYPURECLOUD.IE.', 'eu_west-1'])
      assert.equal(resolveRegion(value)?.key, 'eu-west-1', value)
  })

  it('returns undefined for anything that is not a region key or domain', () => {
    for (const value of [
      '',
      ' ',
      '.',
      'eu-west-9',
      'eu-west',
      'euwest1',
      'eu west 1',
      'europe',
      'ireland',
      'login.mypurecloud.ie',
      'api.mypurecloud.ie',
      'https://mypurecloud.ie',
      'mypurecloud.ie/',
      'mypurecloud.ie..',
      'purecloud.ie',
      'pure.cloud',
      'mypurecloud',
      'toString',
      'constructor',
      'hasOwnProperty',
      '__proto__',
      'valueOf'
    ])
      assert.equal(resolveRegion(value), undefined, JSON.stringify(value))
  })
})

describe('nearestRegions', () => {
  it('names the keys a typo is nearest to, at most two edits away', () => {
    assert.deepEqual(nearestRegions('eu-wset-1'), ['eu-west-1'])
    assert.deepEqual(nearestRegions('EU_WEST_3'), ['eu-west-1', 'eu-west-2'])
    assert.deepEqual(nearestRegions('us-est-1'), ['us-east-1'])
  })

  it('names the region whose domain a host or URL holds, the longest domain first', () => {
    assert.deepEqual(nearestRegions('https://login.mypurecloud.ie'), ['eu-west-1'])
    assert.deepEqual(nearestRegions('apps.mypurecloud.ie.'), ['eu-west-1'])
    assert.deepEqual(nearestRegions('API.mypurecloud.com.au:443/x'), ['ap-southeast-2'])
    assert.deepEqual(nearestRegions('login.usw2.pure.cloud'), ['us-west-2'])
    assert.deepEqual(nearestRegions('mypurecloud.ie.evil.example'), [])
  })

  it('names none for something that is no typo of a key', () => {
    assert.deepEqual(nearestRegions(''), [])
    assert.deepEqual(nearestRegions('mars-north-9'), [])
    assert.deepEqual(nearestRegions('https://login.example.com'), [])
  })
})
