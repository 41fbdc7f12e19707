import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Report } from '../src/report.js'
import { renderSummary } from '../src/summary.js'

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0)
const report = (extra: Partial<Report> = {}): Report => ({
  clientId: 'client-1',
  region: 'eu-west-1',
  loginUrl: 'https://login.mypurecloud.ie',
  apiUrl: 'https://api.mypurecloud.ie',
  tokenType: 'bearer',
  expiry: { expiresIn: 7200, expiresAt: new Date(NOW + 7200_000) },
  attempts: 2,
  requiredScopes: [],
  verified: true,
  organizationId: 'org-1',
  organizationName: 'Acme | Prod',
  ...extra
})

describe('renderSummary', () => {
  it('shows the facts a reviewer needs', () => {
    const md = renderSummary(report(), NOW)
    for (const row of [
      '| Result | ✅ token issued and checked |',
      '| Region | `eu-west-1` |',
      '| API host | https://api.mypurecloud.ie |',
      '| Organization | Acme \\| Prod (`org-1`) |',
      '| Expires | 2026-11-24T14:00:00.000Z (in 2 h 0 min) |',
      '| Verified | yes (GET /api/v2/tokens/me) |',
      '| Token request attempts | 2 |'
    ])
      assert.ok(md.includes(row), row)
    assert.ok(!md.includes('### Scopes'), 'no scope table when no scope is involved')
  })

  it('tables required against granted scopes with a mark each', () => {
    const md = renderSummary(
      report({
        requiredScopes: ['users:readonly', 'routing'],
        grantedScopes: ['users', 'extra'],
        scopeSource: 'token claims'
      }),
      NOW
    )
    assert.match(md, /### Scopes \(granted, from token claims\)/)
    assert.match(md, /\| `users:readonly` \| yes \| ✅ \|/)
    assert.match(md, /\| `routing` \| yes \| ❌ \|/)
    assert.match(md, /\| `extra` \| — \| ✅ \|/)
    const unknown = renderSummary(report({ requiredScopes: ['users'] }), NOW)
    assert.match(unknown, /\| `users` \| yes \| ❔ unknown \|/)
  })

  it('shows failures, revocation and probes', () => {
    const md = renderSummary(
      report({
        failure: 'The token belongs to <org>',
        revokedAfterFailure: true,
        probes: [
          {
            method: 'GET',
            path: '/api/v2/users',
            status: 403,
            ms: 12,
            message: 'missing [directory:user:view]'
          },
          { method: 'HEAD', path: '/api/v2/flows', status: 200, ms: 5, message: '' }
        ]
      }),
      NOW
    )
    assert.match(md, /\| Result \| ❌ failed: The token belongs to \\<org\\> \|/)
    assert.match(md, /\| Revoked after failure \| yes \|/)
    assert.match(
      md,
      /\| `GET \/api\/v2\/users` \| 403: missing \[directory:user:view\] \| 12 ms \| ❌ \|/
    )
    assert.match(md, /\| `HEAD \/api\/v2\/flows` \| 200 \| 5 ms \| ✅ \|/)
  })
})
