import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { apiUrlOf, loginUrlOf, REGIONS, resolveRegion } from '../src/regions.js'

describe('resolveRegion', () => {
  it('knows the 18 Genesys Cloud regions', () => {
    assert.equal(Object.keys(REGIONS).length, 18)
    assert.equal(REGIONS['eu-west-1'], 'mypurecloud.ie')
    assert.equal(REGIONS['us-east-2'], 'use2.us-gov-pure.cloud')
  })

  for (const [key, domain] of Object.entries(REGIONS)) {
    it(`${key}: key, SDK spelling, upper case and bare domain all resolve`, () => {
      const expected = { key, domain }
      assert.deepEqual(resolveRegion(key), expected)
      assert.deepEqual(resolveRegion(key.replace(/-/g, '_')), expected)
      assert.deepEqual(resolveRegion(key.toUpperCase()), expected)
      assert.deepEqual(resolveRegion(` ${domain.toUpperCase()}. `), expected)
    })
  }

  it('rejects what is not a region', () => {
    for (const value of [
      '',
      'eu-west-9',
      'europe',
      'login.mypurecloud.ie',
      'https://mypurecloud.ie',
      'toString',
      '__proto__'
    ])
      assert.equal(resolveRegion(value), undefined, value)
  })

  it('maps a region to its login and API hosts', () => {
    const region = resolveRegion('ap_northeast_3')!
    assert.equal(loginUrlOf(region), 'https://login.apne3.pure.cloud')
    assert.equal(apiUrlOf(region), 'https://api.apne3.pure.cloud')
  })
})
