// Guards that fail closed: a post step that does not trust its state, tokens of impossible
// length, "revoke: false" on Genesys Cloud hosts, a token from the job's credentials kept to the
// Genesys API host, an organization guard that cannot be switched off by separators, and a probe
// list that is asked once per distinct probe.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'
import { startProxied, type Proxied } from '../support/proxied.js'

const LONG = { timeoutMs: 30_000 }
const OTHER_ORG = '0a1b2c3d-0000-4000-8000-00000000b002'

describe('the post step checks the URL in its state', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  for (const [name, url] of [
    ['credentials', (u: string) => u.replace('//', '//user:pw@')],
    ['a query string', (u: string) => `${u}/?next=`]
  ] as const) {
    it(`with ${name}: warns, sends nothing, the token stays for its expiry`, async () => {
      const main = await run(emu, 'main', inputsFor(emu, { verify: 'false' }), LONG)
      assert.equal(main.code, 0, main.stdout)
      const state = { ...main.state, 'api-url': url(main.state['api-url']) }
      const start = emu.requests.length
      const post = await run(emu, 'post', inputsFor(emu), { ...LONG, state })
      assert.equal(post.code, 0, post.stdout)
      assert.equal(emu.requests.length, start, 'no request was sent')
      assert.match(post.stdout, /::warning::Did not revoke the token: the API URL .* was refused/)
      assert.doesNotMatch(post.stdout, /user:pw|next=/)
    })
  }
})

describe('tokens that cannot be tokens', () => {
  let emu: Emulator
  after(() => emu.stop())

  it('a 3-character token is refused unmasked, revoked, and never saved', async () => {
    emu = await startEmulator({ tokenResponse: { access_token: 'the' } })
    const r = await run(emu, 'main', inputsFor(emu), LONG)
    assert.equal(r.code, 1, r.stdout)
    assert.match(errorOf(r), /"access_token" is 3 characters long, shorter than 16/)
    assert.doesNotMatch(r.stdout, /::add-mask::the$/m, 'masking "the" would hide it in the log')
    assert.deepEqual([r.state, r.outputs], [{}, {}])
    const revoke = emu.requests.filter(q => q.route === 'revoke')
    assert.deepEqual(
      revoke.map(q => q.headers.authorization),
      ['Bearer the']
    )
  })

  it('a 700 KB token is refused before it reaches state: the post step still starts', async () => {
    await emu.stop()
    emu = await startEmulator({ tokenResponse: { access_token: 'x'.repeat(700 * 1024) } })
    const r = await run(emu, 'main', inputsFor(emu, { 'export-env': 'true' }), LONG)
    assert.equal(r.code, 1, r.stdout.slice(0, 2000))
    assert.match(errorOf(r), /"access_token" is 716800 characters long, longer than 16 KiB/)
    assert.deepEqual([r.state, r.outputs, r.env], [{}, {}, {}])
    const post = await run(emu, 'post', inputsFor(emu), { ...LONG, state: r.state })
    assert.equal(post.code, 0, post.stderr)
  })
})

describe('revoke: false on a Genesys Cloud host (region hosts through a proxy)', () => {
  let p: Proxied
  before(async () => {
    p = await startProxied()
  })
  after(() => p.stop())

  const inputs = {
    'client-id': CLIENT.id,
    'client-secret': CLIENT.secret,
    region: 'eu-west-1',
    revoke: 'false'
  }

  it('a token that failed a check is revoked all the same', async () => {
    const r = await run(
      p.emu,
      'main',
      { ...inputs, 'expected-organization-id': OTHER_ORG },
      { ...LONG, env: p.env }
    )
    assert.equal(r.code, 1, r.stdout)
    const token = p.emu.tokens.at(-1)!
    assert.ok(p.emu.revoked.has(token), 'the rejected token was revoked')
    assert.match(r.stdout, /The rejected token was revoked\./)
    assert.equal(r.state.token, '', 'revoked: the post step has nothing left to do')
  })

  it('a token handed out is kept: revoke governs the post step', async () => {
    const r = await run(p.emu, 'main', inputs, { ...LONG, env: p.env })
    assert.equal(r.code, 0, r.stdout)
    assert.ok(!p.emu.revoked.has(r.outputs['access-token']))
    assert.deepEqual([r.state.token, r.state.keep], ['', 'true'], 'the post step keeps it')
  })

  it('credentials from the environment: the token goes to no other API host', async () => {
    const start = p.emu.requests.length
    const r = await run(
      p.emu,
      'main',
      { region: 'eu-west-1', 'api-url': 'https://api.example.com' },
      {
        ...LONG,
        env: {
          ...p.env,
          GENESYSCLOUD_OAUTHCLIENT_ID: CLIENT.id,
          GENESYSCLOUD_OAUTHCLIENT_SECRET: CLIENT.secret
        }
      }
    )
    assert.equal(r.code, 1, r.stdout)
    assert.match(errorOf(r), /a token made from GENESYSCLOUD_OAUTHCLIENT_SECRET is not sent to/)
    assert.equal(p.emu.requests.length, start, 'no request was made')
  })
})

describe('revoke: false on another OAuth server', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  it('sends no revocation at all, even for a rejected token', async () => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { revoke: 'false', 'expected-organization-id': OTHER_ORG }),
      LONG
    )
    assert.equal(r.code, 1, r.stdout)
    assert.equal(emu.count('revoke'), 0)
  })
})

describe('inputs that would switch a guard off or multiply requests', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ clients: [{ ...CLIENT, permissions: ['p:v'] }] })
    emu.probeRoutes.set('/api/v2/users', 'p:v')
  })
  after(() => emu.stop())

  it('expected-organization-id of only separators fails before any request', async () => {
    const start = emu.requests.length
    const r = await run(emu, 'main', inputsFor(emu, { 'expected-organization-id': ' , ' }), LONG)
    assert.equal(r.code, 1)
    assert.match(errorOf(r), /^Input "expected-organization-id" .*only separators/)
    assert.equal(emu.requests.length, start)
  })

  it('the summary says whether an organization check ran', async () => {
    const none = await run(emu, 'main', inputsFor(emu), LONG)
    assert.match(
      none.summary,
      /\| Organization check \| none \("expected-organization-id" is empty\) \|/
    )
    const checked = await run(
      emu,
      'main',
      inputsFor(emu, { 'expected-organization-id': CLIENT.orgId }),
      LONG
    )
    assert.match(checked.summary, /\| Organization check \| ✅ expected organization \|/)
  })

  it('500 copies of one probe make one request', async () => {
    const start = emu.count('probe')
    const lines = Array(500).fill('/api/v2/users').join('\n')
    const r = await run(emu, 'main', inputsFor(emu, { 'check-endpoints': lines }), LONG)
    assert.equal(r.code, 0, r.stdout)
    assert.equal(emu.count('probe') - start, 1)
  })

  it('a credential with a zero-width space fails before any request, naming U+200B', async () => {
    const start = emu.requests.length
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'client-secret': `${CLIENT.secret}\u200b` }),
      LONG
    )
    assert.equal(r.code, 1)
    assert.match(errorOf(r), /^Input "client-secret" holds the character U\+200B/)
    assert.equal(emu.requests.length, start)
  })
})
