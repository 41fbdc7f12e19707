// Absurd expiry values from a broken or hostile server never make an invalid date.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { computeExpiry } from '../../src/genesys/expiry.js'
import { MAX_LIFETIME_S } from '../../src/genesys/token.js'

const NOW = Date.UTC(2026, 10, 25, 12, 0, 0)

describe('computeExpiry at the edges', () => {
  for (const exp of [-1e20, 1e300, -1, Number.MAX_VALUE])
    it(`ignores a JWT exp of ${exp}`, () => {
      const e = computeExpiry(3600, exp, NOW)
      assert.equal(e.expiresIn, 3600)
      assert.equal(e.expiresAt.toISOString(), '2026-11-25T13:00:00.000Z')
    })

  it('keeps a valid date for the longest lifetime accepted', () => {
    const e = computeExpiry(MAX_LIFETIME_S, undefined, NOW)
    assert.equal(e.expiresIn, MAX_LIFETIME_S)
    assert.ok(!Number.isNaN(e.expiresAt.getTime()))
  })

  it('still takes an exp earlier than expires_in', () => {
    assert.equal(computeExpiry(3600, NOW / 1000 + 60, NOW).expiresIn, 60)
  })
})
