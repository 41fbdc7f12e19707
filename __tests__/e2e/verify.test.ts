// The pre-deploy check: verification through tokens/me, the organization guard, revocation of a
// rejected token, and the job summary.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'

describe('verification and organization guard', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  const since = (start: number) => emu.requests.slice(start).map(r => `${r.method} ${r.path}`)

  it('verify: true calls GET /api/v2/tokens/me with the new token', async () => {
    const start = emu.requests.length
    const r = await run(emu, 'main', inputsFor(emu))
    assert.equal(r.code, 0, r.stdout)
    assert.deepEqual(since(start), ['POST /oauth/token', 'GET /api/v2/tokens/me'])
    assert.equal(emu.requests.at(-1)!.headers.authorization, `Bearer ${r.outputs['access-token']}`)
  })

  it('verify: false makes exactly one request and leaves the organization outputs empty', async () => {
    const start = emu.requests.length
    const r = await run(emu, 'main', inputsFor(emu, { verify: 'false' }))
    assert.equal(r.code, 0, r.stdout)
    assert.deepEqual(since(start), ['POST /oauth/token'])
    assert.equal(r.outputs['organization-id'], '')
    assert.match(r.summary, /\| Verified \| no \|/)
  })

  it('passes when the organization is one of the expected ids (any case, list)', async () => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, {
        'expected-organization-id': `00000000-0000-4000-8000-000000000000, ${CLIENT.orgId.toUpperCase()}`
      })
    )
    assert.equal(r.code, 0, r.stdout)
    assert.equal(r.outputs['organization-id'], CLIENT.orgId)
    assert.doesNotMatch(
      r.stdout,
      new RegExp(`::add-mask::${CLIENT.orgId}`),
      'org ids are not secret: masked values would vanish from outputs'
    )
  })

  it('fails on another organization, names both, exports nothing and revokes the token at once', async () => {
    const start = emu.requests.length
    const expected = '00000000-0000-4000-8000-00000000dead'
    const r = await run(emu, 'main', inputsFor(emu, { 'expected-organization-id': expected }))
    assert.equal(r.code, 1)
    assert.match(
      errorOf(r),
      new RegExp(
        `organization "${CLIENT.orgName}" \\(${CLIENT.orgId}\\), not to the expected organization ${expected}`
      )
    )
    assert.deepEqual(since(start), [
      'POST /oauth/token',
      'GET /api/v2/tokens/me',
      'DELETE /api/v2/tokens/me'
    ])
    const token = emu.tokens.at(-1)!
    assert.ok(emu.revoked.has(token))
    assert.equal(emu.requests.at(-1)!.headers.authorization, `Bearer ${token}`)
    assert.deepEqual(r.outputs, {})
    assert.equal(r.state.token, '', 'revoked at once: nothing left for the post step')
    assert.match(r.summary, /\| Result \| ❌ failed \(reason below\) \|/)
    assert.match(r.summary, /### Why it failed\n\nThe token belongs to organization/)
    assert.match(r.summary, /\| Revoked after failure \| yes \|/)
  })

  it('expected-organization-id with verify: false is bad input, with no request', async () => {
    const start = emu.requests.length
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { verify: 'false', 'expected-organization-id': CLIENT.orgId })
    )
    assert.equal(r.code, 1)
    assert.match(errorOf(r), /Input "verify".*"expected-organization-id" needs "verify: true"/)
    assert.equal(emu.requests.length, start)
  })

  it('a 401 from tokens/me fails with the API message and a hint, and revokes', async () => {
    emu.faults['tokens-me'].push({
      status: 401,
      body: JSON.stringify({
        message: 'Invalid login credentials.',
        code: 'bad.credentials',
        status: 401
      })
    })
    const r = await run(emu, 'main', inputsFor(emu))
    assert.equal(r.code, 1)
    assert.match(
      errorOf(r),
      /Token verification \(GET \/api\/v2\/tokens\/me\) failed: HTTP 401: Invalid login credentials\. The API rejected the new token/
    )
    assert.ok(emu.revoked.has(emu.tokens.at(-1)!))
  })

  it("a 403 from tokens/me points at the client's roles", async () => {
    emu.faults['tokens-me'].push({
      status: 403,
      body: JSON.stringify({ message: 'Forbidden', status: 403 })
    })
    const r = await run(emu, 'main', inputsFor(emu))
    assert.equal(r.code, 1)
    assert.match(errorOf(r), /HTTP 403: Forbidden\. .*roles/)
  })

  it('revoke: false keeps a rejected token alive (nothing sent) and saves no state', async () => {
    const start = emu.requests.length
    const r = await run(
      emu,
      'main',
      inputsFor(emu, {
        revoke: 'false',
        'expected-organization-id': '00000000-0000-4000-8000-00000000dead'
      })
    )
    assert.equal(r.code, 1)
    assert.deepEqual(since(start), ['POST /oauth/token', 'GET /api/v2/tokens/me'])
    const ok = await run(emu, 'main', inputsFor(emu, { revoke: 'false' }))
    assert.equal(ok.code, 0)
    assert.deepEqual(ok.state, {})
  })
})

describe('scopes from tokens/me', () => {
  it('required scopes are satisfied through authorizedScope for an opaque token', async () => {
    const emu = await startEmulator({
      clients: [{ ...CLIENT, authorizedScope: ['routing', 'architect:readonly'] }]
    })
    try {
      const r = await run(
        emu,
        'main',
        inputsFor(emu, { 'required-scopes': 'routing:readonly architect:readonly' })
      )
      assert.equal(r.code, 0, r.stdout)
      assert.equal(r.outputs.scopes, 'routing architect:readonly')
      assert.match(r.summary, /### Scopes \(granted, from tokens\/me\)/)
      assert.match(r.summary, /\| `routing:readonly` \| yes \| ✅ \|/)
      const missing = await run(emu, 'main', inputsFor(emu, { 'required-scopes': 'users' }))
      assert.equal(missing.code, 1)
      assert.match(
        errorOf(missing),
        /lacks required scope: users\. Granted: routing architect:readonly/
      )
      assert.ok(emu.revoked.has(emu.tokens.at(-1)!))
    } finally {
      await emu.stop()
    }
  })
})

describe('job summary', () => {
  it('shows region, hosts, organization, client, expiry, attempts; never the token or secret', async () => {
    const emu = await startEmulator()
    try {
      const r = await run(emu, 'main', inputsFor(emu))
      assert.equal(r.code, 0, r.stdout)
      for (const row of [
        'Region | custom URL',
        `API host | \`${emu.url}\``,
        `Organization | \`${CLIENT.orgName}\` (\`${CLIENT.orgId}\`)`,
        `Client ID | \`${CLIENT.id}\``,
        'Token type | `bearer`',
        'Verified | yes',
        'Token request attempts | 1'
      ])
        assert.ok(r.summary.includes(`| ${row}`), row)
      assert.match(
        r.summary,
        new RegExp(
          `Expires \\| ${r.outputs['expires-at'].replace(/\./g, '\\.')} \\(in 23 h 59 min\\)`
        )
      )
      assert.ok(!r.summary.includes(r.outputs['access-token']))
      assert.ok(!r.summary.includes(CLIENT.secret))
      const none = await run(emu, 'main', inputsFor(emu, { summary: 'false' }))
      assert.equal(none.code, 0)
      assert.equal(none.summary, '')
    } finally {
      await emu.stop()
    }
  })
})
