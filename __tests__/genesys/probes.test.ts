import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import { parseProbes } from '../../src/genesys/probes.js'

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
