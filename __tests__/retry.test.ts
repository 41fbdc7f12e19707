import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { backoffMs, MAX_WAIT_MS, serverHintMs, transientReason } from '../src/retry.js'

describe('retry policy', () => {
  it('retries 408, 429, 500, 502, 503, 504 and the token endpoint rate limit', () => {
    for (const s of [408, 429, 500, 502, 503, 504])
      assert.equal(transientReason(s, ''), `HTTP ${s}`)
    const body = JSON.stringify({
      error: 'invalid_request',
      error_description: 'rate limit exceeded; retry later'
    })
    assert.equal(transientReason(400, body), 'HTTP 400 rate limit exceeded')
    assert.equal(
      transientReason(
        400,
        JSON.stringify({ error: 'invalid_request', description: 'Rate limit exceeded' })
      ),
      'HTTP 400 rate limit exceeded'
    )
  })

  it('never retries real refusals or success', () => {
    for (const s of [200, 204, 301, 400, 401, 403, 404, 501])
      assert.equal(transientReason(s, ''), undefined, String(s))
    assert.equal(
      transientReason(
        400,
        JSON.stringify({ error: 'invalid_client', description: 'rate limit exceeded' })
      ),
      undefined
    )
    assert.equal(
      transientReason(400, JSON.stringify({ error: 'invalid_request', description: 'bad grant' })),
      undefined
    )
  })

  it('reads Retry-After as seconds or an HTTP date, and inin-ratelimit-reset', () => {
    const now = Date.UTC(2026, 10, 24, 12, 0, 0)
    assert.equal(serverHintMs({ 'retry-after': '3' }, now), 3000)
    assert.equal(serverHintMs({ 'retry-after': ['1.5'] }, now), 1500)
    assert.equal(serverHintMs({ 'retry-after': new Date(now + 7000).toUTCString() }, now), 7000)
    assert.equal(serverHintMs({ 'retry-after': new Date(now - 7000).toUTCString() }, now), 0)
    assert.equal(serverHintMs({ 'inin-ratelimit-reset': '4' }, now), 4000)
    assert.equal(serverHintMs({ 'inin-ratelimit-reset': String(now / 1000 + 9) }, now), 9000)
    assert.equal(serverHintMs({ 'retry-after': 'soon' }, now), undefined)
    assert.equal(serverHintMs({}, now), undefined)
  })

  it('backs off exponentially with full jitter, never above 60 s', () => {
    assert.equal(backoffMs(1, undefined, 0), 100)
    assert.equal(backoffMs(1, undefined, 1), 1100)
    assert.equal(backoffMs(3, undefined, 1), 4100)
    assert.equal(backoffMs(20, undefined, 1), 30100)
    assert.ok(backoffMs(3, undefined, 0.5) > backoffMs(3, undefined, 0.1))
  })

  it('honours a server hint, adds growing jitter, caps at 60 s', () => {
    assert.equal(backoffMs(1, 2000, 0), 2000)
    assert.equal(backoffMs(1, 2000, 1), 4000)
    assert.equal(backoffMs(3, 2000, 1), 10000)
    assert.equal(backoffMs(1, 3_600_000, 0), MAX_WAIT_MS)
    assert.equal(backoffMs(9, 59_000, 1), MAX_WAIT_MS)
  })
})
