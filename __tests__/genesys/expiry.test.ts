import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import { checkValidity, computeExpiry, humanDuration } from '../../src/genesys/expiry.js'
import { inWords } from '../support/worded.js'

// 400 ms past a whole second, so that rounding to whole seconds is visible.
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0, 400)
const NOW_S = Math.floor(NOW / 1000)

const throwsAction = (fn: () => unknown, pattern: RegExp) =>
  assert.throws(
    () => inWords(fn),
    (e: unknown) => e instanceof ActionError && pattern.test(e.message)
  )

describe('computeExpiry', () => {
  it('comes from expires_in when there is no exp claim', () => {
    const e = computeExpiry(86399, undefined, NOW)
    assert.equal(e.expiresIn, 86399)
    assert.equal(e.expiresAt.toISOString(), '2026-11-25T11:59:59.000Z')
  })

  it('takes the JWT exp when it is earlier than expires_in', () => {
    const e = computeExpiry(3600, NOW_S + 600, NOW)
    assert.equal(e.expiresAt.getTime(), (NOW_S + 600) * 1000)
    assert.equal(e.expiresIn, 599) // 599.6 s left, whole seconds
  })

  it('takes expires_in when it is earlier than the JWT exp', () => {
    const e = computeExpiry(60, NOW_S + 600, NOW)
    assert.equal(e.expiresIn, 60)
    assert.equal(e.expiresAt.toISOString(), '2026-11-24T12:01:00.000Z')
  })

  it('ignores an exp that is not a finite number', () => {
    for (const exp of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      assert.equal(computeExpiry(3600, exp, NOW).expiresIn, 3600, String(exp))
  })

  it('reports 0 seconds, never a negative count, for a token already past its exp', () => {
    const e = computeExpiry(3600, NOW_S - 10, NOW)
    assert.equal(e.expiresIn, 0)
    assert.equal(e.expiresAt.getTime(), (NOW_S - 10) * 1000)
  })

  it('states expiresAt in whole seconds', () => {
    assert.equal(computeExpiry(1, undefined, NOW).expiresAt.getUTCMilliseconds(), 0)
  })
})

describe('checkValidity', () => {
  it('fails a token issued already expired (exp in the past), naming the time', () => {
    const past = computeExpiry(3600, NOW_S - 10, NOW)
    throwsAction(
      () => checkValidity(past, 0, NOW),
      /^The token was issued already expired \(expires at 2026-11-24T11:59:50\.000Z\)\. Check the runner's clock/
    )
  })

  it('fails a token with expires_in 0 even when min-validity is 0', () => {
    throwsAction(() => checkValidity(computeExpiry(0, undefined, NOW), 0, NOW), /already expired/)
  })

  it('fails a token valid for less than min-validity, naming both numbers', () => {
    throwsAction(
      () => checkValidity(computeExpiry(120, undefined, NOW), 300, NOW),
      /^The token is valid for 120 s, less than "min-validity" \(300 s\)\. Raise the OAuth client's token lifetime/
    )
    throwsAction(
      () => checkValidity(computeExpiry(299, undefined, NOW), 300, NOW),
      /valid for 299 s, less than "min-validity" \(300 s\)/
    )
  })

  it('uses the earlier JWT exp for the min-validity check', () => {
    throwsAction(
      () => checkValidity(computeExpiry(86399, NOW_S + 100, NOW), 300, NOW),
      /valid for 99 s, less than "min-validity" \(300 s\)/
    )
  })

  it('passes a token valid for exactly min-validity or longer', () => {
    assert.doesNotThrow(() => checkValidity(computeExpiry(300, undefined, NOW), 300, NOW))
    assert.doesNotThrow(() => checkValidity(computeExpiry(86399, undefined, NOW), 300, NOW))
    assert.doesNotThrow(() => checkValidity(computeExpiry(1, undefined, NOW), 0, NOW))
  })
})

describe('humanDuration', () => {
  it('reads durations as people do', () => {
    assert.equal(humanDuration(0), '0 s')
    assert.equal(humanDuration(59), '59 s')
    assert.equal(humanDuration(60), '1 min')
    assert.equal(humanDuration(300), '5 min')
    assert.equal(humanDuration(3599), '59 min')
    assert.equal(humanDuration(3600), '1 h 0 min')
    assert.equal(humanDuration(86399), '23 h 59 min')
    assert.equal(humanDuration(172800), '48 h 0 min')
  })
})
