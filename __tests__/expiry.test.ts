import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../src/errors.js'
import { checkValidity, computeExpiry, humanDuration } from '../src/expiry.js'

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0, 400)

describe('expiry', () => {
  it('comes from expires_in', () => {
    const e = computeExpiry(86399, undefined, NOW)
    assert.equal(e.expiresIn, 86399)
    assert.equal(e.expiresAt.toISOString(), '2026-11-25T11:59:59.000Z')
  })

  it('is the earlier of expires_in and the JWT exp', () => {
    const exp = Math.floor(NOW / 1000) + 600
    assert.equal(computeExpiry(3600, exp, NOW).expiresIn, 599)
    assert.equal(computeExpiry(60, exp, NOW).expiresIn, 60)
    assert.equal(computeExpiry(3600, Number.NaN, NOW).expiresIn, 3600)
  })

  it('fails an expired token and one below min-validity, naming both numbers', () => {
    const past = computeExpiry(3600, Math.floor(NOW / 1000) - 10, NOW)
    assert.equal(past.expiresIn, 0)
    assert.throws(
      () => checkValidity(past, 0, NOW),
      (e: Error) => e instanceof ActionError && /already expired/.test(e.message)
    )
    const short = computeExpiry(120, undefined, NOW)
    assert.throws(
      () => checkValidity(short, 300, NOW),
      /valid for 120 s, less than "min-validity" \(300 s\)/
    )
    assert.doesNotThrow(() => checkValidity(short, 120, NOW))
    assert.doesNotThrow(() => checkValidity(short, 0, NOW))
  })

  it('reads durations as people do', () => {
    assert.equal(humanDuration(59), '59 s')
    assert.equal(humanDuration(300), '5 min')
    assert.equal(humanDuration(86399), '23 h 59 min')
  })
})
