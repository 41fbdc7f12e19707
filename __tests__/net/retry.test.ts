import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { backoffMs, MAX_WAIT_MS, serverHintMs, transientStatus } from '../../src/net/retry.js'

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0)
/** The exponential ceiling of attempt n: 1 s, 2 s, 4 s ... at most 30 s. */
const ceilingOf = (attempt: number) => Math.min(30_000, 1000 * 2 ** (attempt - 1))

describe('transientStatus', () => {
  for (const status of [408, 429, 500, 502, 503, 504])
    it(`HTTP ${status} is transient`, () => {
      assert.equal(transientStatus(status), `HTTP ${status}`)
    })

  it('400 is final here, even a rate limit: only the token endpoint has that rule', () => {
    assert.equal(transientStatus(400), undefined)
  })

  it('401 and 403 are final', () => {
    for (const status of [401, 403]) assert.equal(transientStatus(status), undefined)
  })

  it('success, redirects and other errors are final', () => {
    for (const status of [0, 200, 201, 204, 301, 302, 404, 405, 409, 418, 422, 501, 505, 599])
      assert.equal(transientStatus(status), undefined, String(status))
  })
})

describe('serverHintMs', () => {
  it('reads Retry-After as delay-seconds, trimmed', () => {
    assert.equal(serverHintMs({ 'retry-after': '3' }, NOW), 3000)
    assert.equal(serverHintMs({ 'retry-after': '0' }, NOW), 0)
    assert.equal(serverHintMs({ 'retry-after': '007' }, NOW), 7000)
    assert.equal(serverHintMs({ 'retry-after': ' 120 ' }, NOW), 120_000)
  })

  it('delay-seconds is digits only (RFC 9110): no decimals, no sign, no exponent', () => {
    for (const value of ['1.5', '-1', '1.', '.5', '+3', '1e3', '0x10', '3 s', '1234567890'])
      assert.equal(serverHintMs({ 'retry-after': value }, NOW), undefined, value)
  })

  it('reads the first of repeated Retry-After headers', () => {
    assert.equal(serverHintMs({ 'retry-after': ['2', '9'] }, NOW), 2000)
  })

  it('reads Retry-After as an HTTP date, relative to now; a past date means 0', () => {
    assert.equal(serverHintMs({ 'retry-after': new Date(NOW + 7000).toUTCString() }, NOW), 7000)
    assert.equal(serverHintMs({ 'retry-after': 'Tue, 24 Nov 2026 12:01:00 GMT' }, NOW), 60_000)
    assert.equal(serverHintMs({ 'retry-after': new Date(NOW - 7000).toUTCString() }, NOW), 0)
  })

  it('takes only the IMF-fixdate form of an HTTP date', () => {
    for (const value of [
      'Tuesday, 24-Nov-26 12:01:00 GMT', // RFC 850
      'Tue Nov 24 12:01:00 2026', // asctime
      '2026-11-24T12:01:00Z',
      'Tue, 24 Nov 2026 12:01:00 +0000',
      'tue, 24 nov 2026 12:01:00 gmt',
      'Tue, 24 Nov 2026 12:01 GMT'
    ])
      assert.equal(serverHintMs({ 'retry-after': value }, NOW), undefined, value)
  })

  it('reads inin-ratelimit-reset as whole seconds to wait', () => {
    assert.equal(serverHintMs({ 'inin-ratelimit-reset': '4' }, NOW), 4000)
    assert.equal(serverHintMs({ 'inin-ratelimit-reset': '0.25' }, NOW), undefined)
  })

  it('reads inin-ratelimit-reset as an epoch time in seconds when it is one', () => {
    assert.equal(serverHintMs({ 'inin-ratelimit-reset': String(NOW / 1000 + 9) }, NOW), 9000)
    assert.equal(serverHintMs({ 'inin-ratelimit-reset': String(NOW / 1000 - 9) }, NOW), 0)
  })

  it('prefers Retry-After over inin-ratelimit-reset, and falls back when it is empty', () => {
    assert.equal(serverHintMs({ 'retry-after': '2', 'inin-ratelimit-reset': '8' }, NOW), 2000)
    assert.equal(serverHintMs({ 'retry-after': '', 'inin-ratelimit-reset': '8' }, NOW), 8000)
  })

  it('gives no hint when there is none, or it cannot be read', () => {
    assert.equal(serverHintMs({}, NOW), undefined)
    assert.equal(serverHintMs({ 'retry-after': undefined }, NOW), undefined)
    assert.equal(serverHintMs({ 'retry-after': [] }, NOW), undefined)
    assert.equal(serverHintMs({ 'retry-after': 'soon' }, NOW), undefined)
    assert.equal(serverHintMs({ 'inin-ratelimit-reset': 'later' }, NOW), undefined)
    assert.equal(serverHintMs({ 'inin-ratelimit-reset': '-5' }, NOW), undefined)
  })
})

describe('backoffMs without a server hint', () => {
  it('random 0 waits 100 ms; random 1 waits the ceiling plus 100 ms', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      assert.equal(backoffMs(attempt, undefined, 0), 100, `attempt ${attempt}`)
      assert.equal(backoffMs(attempt, undefined, 1), ceilingOf(attempt) + 100, `attempt ${attempt}`)
    }
  })

  it('the ceiling doubles from 1 s and stops at 30 s', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 20].map(a => backoffMs(a, undefined, 1)),
      [1100, 2100, 4100, 8100, 16_100, 30_100, 30_100, 30_100]
    )
  })

  it('full jitter: the wait is spread uniformly over [100, ceiling + 100]', () => {
    for (const attempt of [1, 3, 6]) {
      const c = ceilingOf(attempt)
      const waits = Array.from({ length: 101 }, (_, i) => backoffMs(attempt, undefined, i / 100))
      for (let i = 1; i < waits.length; i++)
        assert.ok(waits[i] >= waits[i - 1], 'monotonic in random')
      for (const [i, w] of waits.entries())
        assert.ok(
          Math.abs(w - (100 + (i / 100) * c)) <= 0.5,
          `attempt ${attempt}, random ${i / 100}`
        )
      assert.equal(backoffMs(attempt, undefined, 0.5), 100 + c / 2)
    }
  })
})

describe('backoffMs with a server hint', () => {
  it('never waits less than the hint, up to 60 s', () => {
    for (const hint of [0, 1000, 2000, 45_000, 60_000, 61_000, 3_600_000])
      for (const attempt of [1, 2, 5])
        for (const random of [0, 0.5, 1])
          assert.ok(
            backoffMs(attempt, hint, random) >= Math.min(hint, MAX_WAIT_MS),
            `hint ${hint}, attempt ${attempt}, random ${random}`
          )
    for (const hint of [0, 1000, 45_000, 60_000])
      assert.equal(backoffMs(3, hint, 0), hint, 'random 0 waits the hint exactly')
  })

  it('adds jitter twice as wide as the plain ceiling, growing with each attempt', () => {
    assert.equal(backoffMs(1, 2000, 1), 4000)
    assert.equal(backoffMs(2, 2000, 1), 6000)
    assert.equal(backoffMs(3, 2000, 1), 10_000)
    assert.equal(backoffMs(3, 2000, 0.25), 4000)
    for (const attempt of [1, 2, 3, 4, 5]) {
      const c = ceilingOf(attempt)
      const waits = Array.from({ length: 21 }, (_, i) => backoffMs(attempt, 1000, i / 20))
      for (const [i, w] of waits.entries())
        assert.ok(
          Math.abs(w - (1000 + (i / 20) * Math.min(2 * c, MAX_WAIT_MS / 4))) <= 0.5,
          `attempt ${attempt}, random ${i / 20}`
        )
    }
  })

  it('matrix jobs told the same Retry-After come back at different times', () => {
    const waits = new Set([0.1, 0.3, 0.5, 0.7, 0.9].map(r => backoffMs(2, 5000, r)))
    assert.equal(waits.size, 5)
  })
})

describe('backoffMs cap', () => {
  it('no wait exceeds 60 s plus the widest spread: 75 s', () => {
    assert.equal(MAX_WAIT_MS, 60_000)
    assert.equal(backoffMs(9, 59_000, 1), 74_000)
    assert.equal(backoffMs(1, Number.POSITIVE_INFINITY, 0.5), 61_000)
    for (const attempt of [1, 2, 5, 10, 50, 1000])
      for (const hint of [undefined, 0, 10_000, 59_999, 60_000, 1e12])
        for (const random of [0, 0.5, 0.999999, 1]) {
          const wait = backoffMs(attempt, hint, random)
          assert.ok(wait <= 75_000 && wait >= 0, `${attempt} ${hint} ${random}: ${wait}`)
          if (hint === undefined) assert.ok(wait <= MAX_WAIT_MS, 'no hint: at most 60 s')
        }
  })

  it('a Retry-After above 60 s waits 60 s plus the spread, and jobs still spread out', () => {
    const hint = serverHintMs({ 'retry-after': '120' }, NOW)
    assert.deepEqual(
      [0, 0.5, 1].map(r => backoffMs(1, hint, r)),
      [60_000, 61_000, 62_000]
    )
    const late = [0, 0.5, 1].map(r => backoffMs(6, 3_600_000, r))
    assert.deepEqual(
      late,
      [60_000, 67_500, 75_000],
      'the spread grows with the attempt, up to a quarter of the cap'
    )
  })
})
