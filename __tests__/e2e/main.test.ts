// The main step, run from dist/ as the runner runs it, against the emulator.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'
import { basicOf, NODE24 } from '../../tools/run-action.js'
import { testTls } from '../../tools/tls.js'
import { execFileSync } from 'node:child_process'

describe('main step against the emulator (opaque Genesys tokens)', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  it('runs under Node 24, as runs.using: node24 promises', () => {
    assert.match(execFileSync(NODE24, ['--version'], { encoding: 'utf8' }), /^v24\./)
  })

  it('issues, verifies and exports a masked token with its expiry', async () => {
    const before = Date.now()
    const r = await run(emu, 'main', inputsFor(emu))
    assert.equal(r.code, 0, r.stdout)
    const token = r.outputs['access-token']
    assert.ok(emu.issued.has(token), 'the output is the token the emulator issued')
    assert.equal(r.outputs['token-type'], 'bearer')
    assert.equal(r.outputs['expires-in'], '86399')
    const at = Date.parse(r.outputs['expires-at'])
    assert.ok(at >= before + 86398_000 && at <= Date.now() + 86400_000, r.outputs['expires-at'])
    assert.match(r.outputs['expires-at'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)
    assert.equal(r.outputs.scopes, '')
    assert.equal(r.outputs.region, '')
    assert.equal(r.outputs['login-url'], emu.url)
    assert.equal(r.outputs['api-url'], emu.url)
    assert.equal(r.outputs['organization-id'], CLIENT.orgId)
    assert.equal(r.outputs['organization-name'], CLIENT.orgName)
    assert.deepEqual(r.env, {}, 'export-env is off by default')
    assert.equal(r.state.token, token, 'the post step gets the token to revoke')
  })

  it('masks the secret and the Basic value before the request, and the token before anything else', async () => {
    const r = await run(emu, 'main', inputsFor(emu))
    const lines = r.stdout.split('\n')
    const at = (text: string) => lines.findIndex(l => l.includes(text))
    const request = at('Requesting a token')
    assert.ok(request > 0)
    assert.ok(
      at(`::add-mask::${CLIENT.secret}`) >= 0 && at(`::add-mask::${CLIENT.secret}`) < request
    )
    assert.ok(at(`::add-mask::${basicOf(CLIENT.id, CLIENT.secret)}`) < request)
    const token = r.outputs['access-token']
    assert.equal(
      lines.findIndex(l => l.includes(token)),
      at(`::add-mask::${token}`),
      'first sight of the token is its mask'
    )
  })

  it('sends what Genesys SDKs send: Basic auth, form body, no scope', async () => {
    const start = emu.requests.length
    await run(emu, 'main', inputsFor(emu, { verify: 'false' }))
    const [req, ...rest] = emu.requests.slice(start)
    assert.equal(rest.length, 0, 'verify: false makes exactly one request')
    assert.equal(req.method, 'POST')
    assert.equal(req.path, '/oauth/token')
    assert.equal(req.headers.authorization, `Basic ${basicOf(CLIENT.id, CLIENT.secret)}`)
    assert.match(String(req.headers['content-type']), /^application\/x-www-form-urlencoded/)
    assert.equal(req.body, 'grant_type=client_credentials')
  })

  it('auth-method: post puts the client credentials in the form body instead', async () => {
    const start = emu.requests.length
    const r = await run(emu, 'main', inputsFor(emu, { 'auth-method': 'post', verify: 'false' }))
    assert.equal(r.code, 0, r.stdout)
    const req = emu.requests[start]
    assert.equal(req.headers.authorization, undefined)
    const form = new URLSearchParams(req.body)
    assert.equal(form.get('client_id'), CLIENT.id)
    assert.equal(form.get('client_secret'), CLIENT.secret)
  })

  it('export-env: true exports the token for Terraform, the gc CLI and SDK scripts', async () => {
    const r = await run(emu, 'main', inputsFor(emu, { 'export-env': 'true' }))
    assert.equal(r.code, 0, r.stdout)
    assert.equal(r.env.GENESYSCLOUD_ACCESS_TOKEN, r.outputs['access-token'])
    // Empty, not absent, for a custom login URL: an earlier step's region must not survive.
    assert.equal(r.env.GENESYSCLOUD_REGION, '')
    assert.equal(r.env.GENESYS_CLOUD_ENVIRONMENT, '')
  })

  it('trims a secret with trailing whitespace and warns about it', async () => {
    const r = await run(emu, 'main', inputsFor(emu, { 'client-secret': `${CLIENT.secret} \n` }))
    assert.equal(r.code, 0, r.stdout)
    assert.match(r.stdout, /::warning::Input "client-secret" had leading or trailing whitespace/)
  })

  it('debug mode (RUNNER_DEBUG=1) prints nothing secret either', async () => {
    const r = await run(emu, 'main', inputsFor(emu), { env: { RUNNER_DEBUG: '1' } })
    assert.equal(r.code, 0, r.stdout)
  })

  const tokenErrors: [string, Record<string, string>, RegExp][] = [
    [
      'wrong secret',
      { 'client-secret': 'not-the-secret-at-all' },
      /HTTP 400 invalid_client: authentication failed\. The client secret was rejected/
    ],
    [
      'unknown client (wrong region)',
      { 'client-id': 'no-such-client-id' },
      /client not found\. The client ID is unknown at this login host: check "region"/
    ]
  ]
  for (const [name, extra, message] of tokenErrors) {
    it(`token endpoint error: ${name} fails at once with a hint`, async () => {
      const start = emu.requests.length
      const r = await run(emu, 'main', inputsFor(emu, extra))
      assert.equal(r.code, 1)
      assert.match(errorOf(r), message)
      assert.equal(emu.requests.length - start, 1, 'a refusal is not retried')
      assert.deepEqual(r.outputs, {})
    })
  }

  it('rejects bad input with one error naming the input, and sends nothing', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'client-id': '' }, /Input "client-id" is required.*forks/],
      [{ 'client-secret': '   ' }, /Input "client-secret" is required.*Dependabot/],
      [
        { region: 'eu-west-9', 'login-url': '', 'api-url': '' },
        /Input "region" is "eu-west-9".*eu-west-1/
      ],
      [{ 'login-url': 'http://login.example.com' }, /Input "login-url".*only https:\/\//],
      [
        { 'login-url': 'https://user:pw@login.example.com' },
        /Input "login-url".*must not carry credentials/
      ],
      [{ 'api-url': 'https://api.example.com/?x=1' }, /Input "api-url".*no query string/],
      [{ 'auth-method': 'digest' }, /Input "auth-method" is "digest".*basic.*post/],
      [{ 'min-validity': '-5' }, /Input "min-validity" is "-5".*whole number/],
      [{ 'export-env': 'yes' }, /Input "export-env" is "yes".*true or false/]
    ]
    const start = emu.requests.length
    for (const [extra, message] of cases) {
      const r = await run(emu, 'main', inputsFor(emu, extra))
      assert.equal(r.code, 1, JSON.stringify(extra))
      assert.match(errorOf(r), message)
      assert.equal(r.stdout.split('\n').filter(l => l.startsWith('::error::')).length, 1)
      assert.doesNotMatch(r.stdout, /pw@/)
    }
    assert.equal(emu.requests.length, start, 'no request for bad input')
  })

  it('fails when the token lives shorter than min-validity, exports nothing and revokes it', async () => {
    const short = await startEmulator({ clients: [{ ...CLIENT, lifetime: 120 }] })
    try {
      const r = await run(short, 'main', inputsFor(short))
      assert.equal(r.code, 1)
      assert.match(errorOf(r), /valid for 1[12]\d s, less than "min-validity" \(300 s\)/)
      assert.deepEqual(r.outputs, {})
      assert.equal(r.state.token, '', 'revoked at once: nothing left for the post step')
      assert.ok(short.revoked.has(short.tokens[0]), 'the rejected token was revoked at once')
      const ok = await run(short, 'main', inputsFor(short, { 'min-validity': '60' }))
      assert.equal(ok.code, 0, ok.stdout)
    } finally {
      await short.stop()
    }
  })

  it('fails when required scopes are set but an opaque token tells none', async () => {
    const r = await run(emu, 'main', inputsFor(emu, { 'required-scopes': 'routing' }))
    assert.equal(r.code, 1)
    assert.match(errorOf(r), /Cannot check required scopes \(routing\): the token is opaque/)
  })

  it('scopes alone (verify on): says required-scopes defaults to them, and to remove both', async () => {
    const r = await run(emu, 'main', inputsFor(emu, { scopes: 'foo' }))
    assert.equal(r.code, 1)
    const error = errorOf(r)
    assert.match(error, /"required-scopes" defaults to the requested "scopes"/)
    assert.match(error, /roles, not scopes: remove "scopes" and "required-scopes"/)
    assert.doesNotMatch(error, /verify/)
  })
})

describe('main step against a standard OAuth server (JWT access tokens)', () => {
  const client = { ...CLIENT, allowedScopes: ['conversations', 'routing:readonly', 'users'] }

  it('requests scopes, reads them from the JWT scope claim and checks them', async () => {
    const emu = await startEmulator({ clients: [client], jwt: true })
    try {
      const r = await run(
        emu,
        'main',
        inputsFor(emu, {
          scopes: 'conversations, routing:readonly',
          'required-scopes': 'conversations:readonly',
          verify: 'false'
        })
      )
      assert.equal(r.code, 0, r.stdout)
      assert.equal(
        new URLSearchParams(emu.requests[0].body).get('scope'),
        'conversations routing:readonly'
      )
      assert.equal(r.outputs.scopes, 'conversations routing:readonly')
      assert.match(r.summary, /`conversations:readonly` \| yes \| ✅/)
    } finally {
      await emu.stop()
    }
  })

  it('names each missing scope (scp claim as an array)', async () => {
    const emu = await startEmulator({ clients: [client], jwt: { claim: 'scp', asArray: true } })
    try {
      const r = await run(
        emu,
        'main',
        inputsFor(emu, {
          scopes: 'users',
          'required-scopes': 'users routing analytics',
          verify: 'false'
        })
      )
      assert.equal(r.code, 1)
      assert.match(errorOf(r), /lacks required scopes: routing, analytics\. Granted: users/)
      assert.match(r.summary, /`analytics` \| yes \| ❌/)
      assert.doesNotMatch(r.summary, new RegExp(emu.tokens[0].slice(0, 20)))
    } finally {
      await emu.stop()
    }
  })

  it('takes the earlier of expires_in and the JWT exp', async () => {
    const exp = Math.floor(Date.now() / 1000) + 1000
    const emu = await startEmulator({ clients: [client], jwt: { claim: 'scope', exp } })
    try {
      const r = await run(emu, 'main', inputsFor(emu, { verify: 'false' }))
      assert.equal(r.code, 0, r.stdout)
      assert.equal(r.outputs['expires-at'], new Date(exp * 1000).toISOString())
      assert.ok(Number(r.outputs['expires-in']) <= 1000)
    } finally {
      await emu.stop()
    }
  })

  it('falls back to the response scope field for opaque tokens', async () => {
    const emu = await startEmulator({ clients: [client], responseScope: true })
    try {
      // Opaque token, non-JWT mode: the emulator grants no scopes, so the field is present but empty.
      const r = await run(
        emu,
        'main',
        inputsFor(emu, { 'required-scopes': 'users', verify: 'false' })
      )
      assert.equal(r.code, 1)
      assert.match(errorOf(r), /lacks required scope: users\. Granted: \(none\)/)
    } finally {
      await emu.stop()
    }
  })
})

describe('main step over HTTPS', () => {
  it('trusts a self-signed CA through NODE_EXTRA_CA_CERTS', async () => {
    const tls = testTls()
    const emu = await startEmulator({ tls })
    try {
      const r = await run(emu, 'main', inputsFor(emu), { env: { NODE_EXTRA_CA_CERTS: tls.caFile } })
      assert.equal(r.code, 0, r.stdout)
      assert.ok(emu.issued.has(r.outputs['access-token']))
      const untrusted = await run(emu, 'main', inputsFor(emu))
      assert.equal(untrusted.code, 1)
      assert.match(
        errorOf(untrusted),
        /Token request to https:\/\/127\.0\.0\.1:\d+ failed: the TLS certificate of 127\.0\.0\.1 is not trusted \(\w+\), after 1 attempt\. Node does not trust the CA/
      )
    } finally {
      await emu.stop()
    }
  })
})
