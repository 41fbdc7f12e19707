import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Report } from '../../src/action/summary.js'
import { scopesFromClaims } from '../../src/genesys/scopes.js'
import {
  code,
  MAX_SCOPE_ROWS,
  plain,
  reasonBlocks,
  renderSummary
} from '../../src/action/summary.js'
import { accessTokenOf, decodeClaims, parseTokenResponse } from '../../src/genesys/token.js'
import { noSecrets } from '../support/loopback.js'

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0)
const report = (extra: Partial<Report> = {}): Report => ({
  clientId: 'c1a2b3c4-1111-4111-8111-000000000001',
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
const lines = (md: string) => md.split('\n')
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
/** A token response as the action reads it: the token first, then the other fields. */
const tokenOf = (fields: Record<string, unknown>) => {
  const { accessToken, json } = accessTokenOf(JSON.stringify(fields))
  return parseTokenResponse(accessToken, json, noSecrets)
}

describe('renderSummary: facts', () => {
  it('shows the facts a reviewer needs, one table row each', () => {
    const md = renderSummary(report(), NOW)
    assert.ok(md.startsWith('## Genesys Cloud auth\n\n| Field | Value |\n|---|---|\n'))
    for (const row of [
      '| Result | ✅ token issued and checked |',
      '| Region | `eu-west-1` |',
      '| Login | `https://login.mypurecloud.ie` |',
      '| API host | `https://api.mypurecloud.ie` |',
      '| Organization | `Acme \\| Prod` (`org-1`) |',
      '| Client ID | `c1a2b3c4-1111-4111-8111-000000000001` |',
      '| Token type | `bearer` |',
      '| Expires | 2026-11-24T14:00:00.000Z (in 2 h 0 min) |',
      '| Verified | yes (GET /api/v2/tokens/me) |',
      '| Token request attempts | 2 |'
    ])
      assert.ok(lines(md).includes(row), row)
    assert.ok(!md.includes('Revoked after failure'))
    assert.ok(!md.includes('### Why it failed'), 'no reason without a failure')
    assert.ok(!md.includes('### Scopes'), 'no scope table when no scope is involved')
    assert.ok(!md.includes('### Permission probes'))
  })

  it('says what is unknown for a custom URL, an unverified token, a failed request', () => {
    const md = renderSummary(
      report({
        region: '',
        verified: false,
        organizationId: undefined,
        organizationName: undefined,
        tokenType: undefined,
        expiry: undefined,
        attempts: undefined,
        failure: 'Token request failed: HTTP 401'
      }),
      NOW
    )
    for (const row of [
      '| Result | ❌ failed (reason below) |',
      '| Region | custom URL |',
      '| Organization | not verified |',
      '| Token type | — |',
      '| Expires | — |',
      '| Verified | no |',
      '| Token request attempts | — |'
    ])
      assert.ok(lines(md).includes(row), row)
    assert.ok(md.includes('\n### Why it failed\n\nToken request failed\\: HTTP 401\n'), md)
  })

  it('shows the failure as text below the table: lines as paragraphs, its list a list', () => {
    const md = renderSummary(
      report({
        failure:
          '2 permission probes failed; the token cannot do what the deployment needs:\n- GET /api/v2/users: HTTP 403\n- HEAD /api/v2/flows?pageSize=1: no answer\nGrant the missing permissions.'
      }),
      NOW
    )
    const reason = md.slice(md.indexOf('### Why it failed'))
    assert.equal(
      reason,
      [
        '### Why it failed',
        '',
        '2 permission probes failed; the token cannot do what the deployment needs\\:',
        '',
        '- GET /api/v2/users\\: HTTP 403',
        '- HEAD /api/v2/flows?pageSize\\=1\\: no answer',
        '',
        'Grant the missing permissions\\.',
        ''
      ].join('\n')
    )
    assert.ok(md.indexOf('### Why it failed') > md.indexOf('| Token request attempts |'))
  })

  it('keeps Markdown in a failure inert: escaped, one line each, no HTML, no command', () => {
    const hostile =
      'The token belongs to [click](https://evil.example) <img src=x> **b** `c` ~~d~~ $e$ | f ##[set-env name=x]y\n- # not a heading\n---'
    const reason = reasonBlocks(hostile)
    // Outside a backslash escape, no Markdown character is left but the list marker.
    const live = reason.replace(/\\[\s\S]/g, '').replace(/^- /gm, '')
    assert.doesNotMatch(live, /[`*_[\]()!~|<>#$=-]/, reason)
    for (const text of ['[click](', '<img', '**b**', '##['])
      assert.ok(!reason.includes(text), `${text} in:\n${reason}`)
    assert.match(reason, /click/, 'the text is still shown')
    assert.equal(plain(' a\nb\r\n::add-path::x '), 'a b \\:\\:add\\-path\\:\\:x')
    assert.equal(plain(' '), '—')
  })

  it('redacts a secret from the failure before escaping it', () => {
    const secret = 'se.cr-et_42*x'
    const md = renderSummary(report({ failure: `server said ${secret}` }), NOW, t =>
      t.split(secret).join('***')
    )
    assert.ok(md.includes('server said \\*\\*\\*'), md)
    assert.ok(!md.includes('se.cr') && !md.includes('se\\.cr'), md)
  })

  it('keeps Markdown in server text inert: no link, image, HTML or emphasis renders', () => {
    const hostile = '[click](https://evil.example) <img src=x onerror=alert(1)> **bold** ``x``'
    const md = renderSummary(report({ organizationName: hostile }), NOW)
    assert.ok(
      lines(md).includes(
        '| Organization | ``` [click](https://evil.example) <img src=x onerror=alert(1)> **bold** ``x`` ``` (`org-1`) |'
      ),
      md
    )
  })

  it('keeps Markdown in inputs inert too: URLs, client ID, region are code spans', () => {
    const image = '![x](https://evil.example/x.png)'
    const md = renderSummary(
      report({
        loginUrl: `http://127.0.0.1:1/${image}`,
        apiUrl: `http://[::1]:2/<img src=x>/**b**`,
        clientId: `[c](https://evil.example)`,
        tokenType: '_bearer_'
      }),
      NOW
    )
    const live = md.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, '')
    for (const text of ['![x]', '](https://', '<img', '**b**', '_bearer_'])
      assert.ok(!live.includes(text), `live: ${text}\n${md}`)
    assert.ok(lines(md).includes(`| Login | \`http://127.0.0.1:1/${image}\` |`), md)
  })

  it('a client ID that is not a UUID is never shown: it may be a secret', () => {
    const md = renderSummary(report({ clientId: 'S3cr3t-pasted-as-the-id' }), NOW)
    assert.ok(!md.includes('S3cr3t'), md)
    assert.ok(
      lines(md).includes('| Client ID | masked: not a UUID, as Genesys Cloud client IDs are |'),
      md
    )
  })

  it('tells whether the rejected token was revoked', () => {
    assert.match(
      renderSummary(report({ revokedAfterFailure: 'revoked' }), NOW),
      /\n\| Revoked after failure \| yes \|\n/
    )
    assert.match(
      renderSummary(report({ revokedAfterFailure: 'failed' }), NOW),
      /\n\| Revoked after failure \| no \(see the log\) \|\n/
    )
  })

  it('a revocation answered 401 is not called revoked, and the 401 is explained', () => {
    const failed = renderSummary(report({ revokedAfterFailure: 'unknown' }), NOW)
    const row = lines(failed).find(l => l.startsWith('| Revoked after failure |'))!
    assert.doesNotMatch(row, /\| yes \|/)
    assert.match(row, /not known: the API host answered 401, so it does not know the token/)
    assert.match(row, /another region's API, or revoked already/)
    const checked = renderSummary(report({ revokedAfterCheck: 'unknown' }), NOW)
    const result = lines(checked).find(l => l.startsWith('| Result |'))!
    assert.doesNotMatch(result, /and revoked/)
    assert.match(
      result,
      /not handed out \(output-token: false\), revoked: not known: the API host answered 401/
    )
  })
})

describe('renderSummary: scopes table', () => {
  it('marks each required scope granted ✅ or missing ❌, and lists extra grants', () => {
    const md = renderSummary(
      report({
        requiredScopes: ['users:readonly', 'routing', 'analytics'],
        grantedScopes: ['users', 'analytics', 'extra'],
        scopeSource: 'token claims'
      }),
      NOW
    )
    const start = md.indexOf(
      '\n### Scopes (granted, from token claims)\n\n| Scope | Required | Granted |\n|---|---|---|\n'
    )
    assert.ok(start > 0, md)
    const rows = lines(md.slice(start)).filter(l => l.startsWith('| `'))
    assert.deepEqual(rows, [
      '| `users:readonly` | yes | ✅ |',
      '| `routing` | yes | ❌ |',
      '| `analytics` | yes | ✅ |',
      '| `users` | — | ✅ |',
      '| `extra` | — | ✅ |'
    ])
  })

  it('shows at most MAX_SCOPE_ROWS rows, required first, and counts the rest', () => {
    const granted = Array.from({ length: 150_000 }, (_, i) => `s${i}`)
    const md = renderSummary(
      report({ requiredScopes: ['zz:readonly', 's7'], grantedScopes: ['zz', ...granted] }),
      NOW
    )
    const rows = lines(md).filter(l => l.startsWith('| `'))
    assert.equal(rows.length, MAX_SCOPE_ROWS)
    assert.deepEqual(rows.slice(0, 3), [
      '| `zz:readonly` | yes | ✅ |',
      '| `s7` | yes | ✅ |',
      '| `zz` | — | ✅ |'
    ])
    const total = 2 + 150_001 - 1 // s7 is both required and granted: one row
    assert.ok(
      lines(md).includes(
        `| and ${total - MAX_SCOPE_ROWS} more (the \`scopes\` output lists every granted scope) | | |`
      ),
      md.slice(-300)
    )
    assert.ok(md.length < 10_000, `${md.length} characters`)
  })

  it('marks required scopes ❔ unknown when nothing told what was granted', () => {
    const md = renderSummary(report({ requiredScopes: ['users', 'routing'] }), NOW)
    assert.ok(md.includes('\n### Scopes\n\n'), 'no source in the heading')
    assert.ok(lines(md).includes('| `users` | yes | ❔ unknown |'))
    assert.ok(lines(md).includes('| `routing` | yes | ❔ unknown |'))
  })

  it('marks required scopes ❌ when the token is known to grant none', () => {
    const md = renderSummary(
      report({ requiredScopes: ['users'], grantedScopes: [], scopeSource: 'tokens/me' }),
      NOW
    )
    assert.ok(md.includes('### Scopes (granted, from tokens/me)'))
    assert.ok(lines(md).includes('| `users` | yes | ❌ |'))
  })

  it('shows granted scopes even when none is required', () => {
    const md = renderSummary(
      report({ grantedScopes: ['a', 'b'], scopeSource: 'token response' }),
      NOW
    )
    assert.ok(md.includes('### Scopes (granted, from token response)'))
    assert.ok(lines(md).includes('| `a` | — | ✅ |'))
    assert.ok(lines(md).includes('| `b` | — | ✅ |'))
  })

  it('escapes a pipe inside a scope name', () => {
    const md = renderSummary(report({ requiredScopes: ['a|b'], grantedScopes: [] }), NOW)
    assert.ok(lines(md).includes('| `a\\|b` | yes | ❌ |'))
  })
})

describe('renderSummary: probes table', () => {
  it('lists each probe with status, time and mark; messages only for failures', () => {
    const md = renderSummary(
      report({
        probes: [
          {
            method: 'GET',
            path: '/api/v2/users',
            status: 403,
            ms: 12,
            message: 'missing [directory:user:view]'
          },
          { method: 'HEAD', path: '/api/v2/flows', status: 200, ms: 5, message: 'ignored' },
          { method: 'GET', path: '/api/v2/x', status: 0, ms: 10000, message: '' }
        ]
      }),
      NOW
    )
    assert.ok(
      md.includes('\n### Permission probes\n\n| Path | Status | Time | |\n|---|---|---|---|\n')
    )
    assert.ok(
      lines(md).includes(
        '| `GET /api/v2/users` | 403: `missing [directory:user:view]` | 12 ms | ❌ |'
      )
    )
    assert.ok(lines(md).includes('| `HEAD /api/v2/flows` | 200 | 5 ms | ✅ |'))
    assert.ok(lines(md).includes('| `GET /api/v2/x` | no answer | 10000 ms | ❌ |'))
  })
})

describe('renderSummary: never the token', () => {
  it('shows the scopes of a JWT access token, but neither the token nor any part of it', () => {
    const jwt = `${b64({ alg: 'RS256', typ: 'at+jwt' })}.${b64({ scope: 'users:readonly routing', exp: NOW / 1000 + 3600, sub: 'client-1' })}.c2lnbmF0dXJlLWJ5dGVz`
    const token = tokenOf({ access_token: jwt, token_type: 'bearer', expires_in: 3600 })
    const granted = scopesFromClaims(decodeClaims(token.accessToken), noSecrets)
    assert.deepEqual(granted, ['users:readonly', 'routing'])
    const md = renderSummary(
      report({
        requiredScopes: ['users:readonly', 'analytics'],
        grantedScopes: granted,
        scopeSource: 'token claims'
      }),
      NOW
    )
    assert.ok(lines(md).includes('| `users:readonly` | yes | ✅ |'))
    assert.ok(lines(md).includes('| `analytics` | yes | ❌ |'))
    assert.ok(lines(md).includes('| `routing` | — | ✅ |'))
    assert.ok(!md.includes(jwt))
    for (const segment of jwt.split('.')) assert.ok(!md.includes(segment), segment)
  })

  it('renders only its own fields: a token response spread into the report stays out', () => {
    const opaque = 'opaque-4f9a1c2e-TOKEN-VALUE-7d3b'
    const token = tokenOf({
      access_token: opaque,
      token_type: 'bearer',
      expires_in: 86399,
      scope: 'a'
    })
    const r = Object.assign(report({ requiredScopes: ['a'], grantedScopes: ['a'] }), token, {
      clientSecret: 'client-SECRET-value'
    })
    const md = renderSummary(r, NOW)
    assert.ok(lines(md).includes('| `a` | yes | ✅ |'))
    assert.ok(!md.includes(opaque))
    assert.ok(!md.includes('client-SECRET-value'))
  })
})

describe('code: server text as an inline code span', () => {
  it('fences with one backtick more than the longest run inside', () => {
    assert.equal(code('plain'), '`plain`')
    assert.equal(code('a `b` c'), '``a `b` c``')
    assert.equal(code('a ``b`` ```c``` d'), '````a ``b`` ```c``` d````')
  })

  it('pads with a space when the text starts or ends with a backtick', () => {
    assert.equal(code('`x'), '`` `x ``')
    assert.equal(code('x`'), '`` x` ``')
    assert.equal(code('`'), '`` ` ``')
  })

  it('escapes pipes, flattens to one trimmed line; nothing shows as —', () => {
    assert.equal(code('a|b||c'), '`a\\|b\\|\\|c`')
    assert.equal(code(' a\nb\r\n::add-path::x\u2028c '), '`a b ::add-path::x c`')
    for (const t of ['', '  ', '\n\t']) assert.equal(code(t), '—', JSON.stringify(t))
  })

  it('renders server text through code() in every table', () => {
    const md = renderSummary(
      report({
        organizationName: 'Org `x`',
        requiredScopes: ['s`1'],
        grantedScopes: ['s`1'],
        probes: [{ method: 'GET', path: '/api/v2/a', status: 403, ms: 1, message: 'no `perm`|x' }]
      }),
      NOW
    )
    assert.ok(lines(md).includes('| Organization | `` Org `x` `` (`org-1`) |'), md)
    assert.ok(lines(md).includes('| ``s`1`` | yes | ✅ |'), md)
    assert.ok(lines(md).includes('| `GET /api/v2/a` | 403: ``no `perm`\\|x`` | 1 ms | ❌ |'), md)
  })

  it('an empty organization name shows as — beside the id', () => {
    const md = renderSummary(report({ organizationName: '' }), NOW)
    assert.ok(lines(md).includes('| Organization | — (`org-1`) |'), md)
  })
})

describe('renderSummary: the organization check', () => {
  const row = (extra: Partial<Report>) =>
    lines(renderSummary(report(extra), NOW)).find(l => l.startsWith('| Organization check |'))
  it('says whether one ran, and how it ended', () => {
    assert.equal(row({}), '| Organization check | none ("expected-organization-id" is empty) |')
    assert.equal(
      row({ expectedOrganizationIds: [] }),
      '| Organization check | none ("expected-organization-id" is empty) |'
    )
    assert.equal(
      row({ expectedOrganizationIds: ['org-1', 'org-2'] }),
      '| Organization check | ✅ expected organization |'
    )
    assert.equal(
      row({ expectedOrganizationIds: ['org-2'] }),
      '| Organization check | ❌ another organization |'
    )
    assert.equal(
      row({ expectedOrganizationIds: ['org-2'], organizationId: undefined }),
      '| Organization check | not reached |'
    )
  })
})
