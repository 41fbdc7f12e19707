import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import { parseProbes } from '../../src/action/probes.js'
import { MAX_PROBES } from '../../src/genesys/probes.js'

describe('parseProbes', () => {
  it('reads one path per line, GET by default, HEAD on request; skips blanks and comments', () => {
    assert.deepEqual(
      parseProbes('/api/v2/a?pageSize=1\n\n  # note\nhead /api/v2/b\r\nGET /api/v2/c?q=a%2Fb'),
      [
        { method: 'GET', path: '/api/v2/a?pageSize=1' },
        { method: 'HEAD', path: '/api/v2/b' },
        { method: 'GET', path: '/api/v2/c?q=a%2Fb' }
      ]
    )
    assert.deepEqual(parseProbes(''), [])
  })

  it('refuses anything that could change something or leave the API host', () => {
    const bad = [
      'POST /api/v2/a',
      'delete /api/v2/tokens/me',
      'https://evil.example/api/v2/a',
      '//evil.example/api/v2/a',
      '/api/v2/../../x',
      '/api/./v2',
      '/api/v2/%2E%2E/x',
      '/api/v2/a%2fb',
      '/api/v2/a\\b',
      '/api/v2/a#x',
      '/api/v2/a@evil.example',
      '/api',
      'api/v2/a',
      '/v2/a',
      'GET  /api/v2/a b',
      '/api/v2/\u0007'
    ]
    for (const line of bad)
      assert.throws(
        () => parseProbes(line),
        (e: unknown) => e instanceof ActionError && /^Input "check-endpoints" has /.test(e.message),
        line
      )
  })
})

describe('parseProbes: how many', () => {
  it('asks each distinct probe once, in the order first given', () => {
    const text = '/api/v2/a\nGET /api/v2/a\nget /api/v2/a\nHEAD /api/v2/a\n/api/v2/b\n/api/v2/a'
    assert.deepEqual(parseProbes(text), [
      { method: 'GET', path: '/api/v2/a' },
      { method: 'HEAD', path: '/api/v2/a' },
      { method: 'GET', path: '/api/v2/b' }
    ])
    assert.equal(parseProbes(Array(500).fill('/api/v2/users?pageSize=1').join('\n')).length, 1)
  })

  it(`refuses more than ${MAX_PROBES} distinct probes, before any request`, () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => `/api/v2/p${i}`).join('\n')
    assert.equal(parseProbes(lines(MAX_PROBES)).length, MAX_PROBES)
    assert.throws(
      () => parseProbes(lines(MAX_PROBES + 1)),
      (e: unknown) =>
        e instanceof ActionError &&
        e.message.startsWith(
          `Input "check-endpoints" lists more than ${MAX_PROBES} distinct probes`
        )
    )
  })

  it('says a non-ASCII path must be percent-encoded', () => {
    for (const line of ['/api/v2/caf\u00e9', '/api/v2/a?q=\u00e9', '/api/v2/\u200b'])
      assert.throws(
        () => parseProbes(line),
        (e: unknown) =>
          e instanceof ActionError &&
          /non-ASCII characters must be percent-encoded/.test(e.message),
        line
      )
    assert.equal(parseProbes('/api/v2/caf%C3%A9')[0].path, '/api/v2/caf%C3%A9')
  })
})
