// What a hostile server (or a hostile input) can make the action print, run through dist/ as the
// runner does: no `##[` command anywhere in a line, no piece of a secret however the server places
// it, no live Markdown from inputs in the summary, and a bounded summary and annotation however
// many scopes a server lists.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertExited, assertNoInjectedCommands } from '../support/assertions.js'
import type { Emulator, Sent } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'
import { basicOf, type RunResult } from '../../tools/run-action.js'

const LONG = { timeoutMs: 60_000 }
const QUEUES = '/api/v2/routing/queues'
const OTHER_ORG = '0a1b2c3d-0000-4000-8000-00000000b002'

/** Lines as the runner reads them, both streams: the legacy `##[` form is found anywhere. */
function assertNoLegacyCommands(r: RunResult): void {
  const lines = `${r.stdout}\n${r.stderr}`.split(/\r\n|\n|\r/).filter(l => l.includes('##['))
  assert.deepEqual(lines, [], 'a printed line holds `##[`, which the runner would act on')
  assertNoInjectedCommands(r)
}

describe('the runner\'s legacy "##[name]data" commands, from the server', () => {
  const ORGS = [
    'Acme ##[set-output name=api-url]https://evil.example/',
    '##[add-mask]Emulated',
    'Acme ##[stop-commands]resume-token',
    'Acme ##[error]boom ##[warning]twice'
  ]
  const emus: Emulator[] = []
  before(async () => {
    for (const orgName of ORGS)
      emus.push(await startEmulator({ clients: [{ ...CLIENT, orgName }] }))
  })
  after(() => Promise.all(emus.map(e => e.stop())))

  it('an organization name holding `##[` is printed broken up, in every line', async () => {
    for (const [i, emu] of emus.entries()) {
      const r = await run(emu, 'main', inputsFor(emu), LONG)
      assertExited(r, 0)
      assertNoLegacyCommands(r)
      // Still readable, and the outputs are the action's own.
      assert.ok(r.stdout.includes(ORGS[i].replace(/##\[/g, '##\\[')), r.stdout)
      assert.equal(r.outputs['api-url'], emu.url)
      // The output carries the name as printed, so a later step that echoes it issues nothing.
      assert.equal(r.outputs['organization-name'], ORGS[i].replace(/##\[/g, '##\\['))
    }
  })

  it('so it is in the ::error:: that quotes it, and a ::warning:: from the revocation', async () => {
    const emu = emus[0]
    emu.faults.revoke.push({
      status: 403,
      body: JSON.stringify({ message: 'no ##[set-output name=api-url]https://evil.example/' })
    })
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'expected-organization-id': OTHER_ORG }),
      LONG
    )
    assertExited(r, 1)
    assert.equal(emu.faults.revoke.length, 0, 'the revocation failed as told')
    assert.ok(r.stdout.split('\n').some(l => l.startsWith('::warning::')))
    assert.match(errorOf(r), /organization "Acme ##\\\[set-output/)
    assertNoLegacyCommands(r)
  })

  it('and in error text: a token endpoint error, a probe refusal, a verification refusal', async () => {
    const emu = emus[1]
    emu.probeRoutes.set(QUEUES, 'routing:queue:view')
    emu.faults.token.push({
      status: 400,
      body: JSON.stringify({
        error: '##[add-mask]invalid_client',
        error_description: 'failed ##[error]x ##[set-output name=token]y'
      })
    })
    const token = await run(emu, 'main', inputsFor(emu), LONG)
    assertExited(token, 1)
    assertNoLegacyCommands(token)

    emu.faults.probe.push({
      status: 403,
      body: JSON.stringify({ message: 'missing ##[stop-commands]t', status: 403 })
    })
    const probe = await run(emu, 'main', inputsFor(emu, { 'check-endpoints': QUEUES }), LONG)
    assertExited(probe, 1)
    assert.match(errorOf(probe), /missing ##\\\[stop-commands\]t/)
    assertNoLegacyCommands(probe)

    emu.faults['tokens-me'].push({
      status: 403,
      body: JSON.stringify({ message: '##[error]denied', status: 403 })
    })
    const verify = await run(emu, 'main', inputsFor(emu), LONG)
    assertExited(verify, 1)
    assertNoLegacyCommands(verify)
    assert.equal(emu.faults.token.length + emu.faults.probe.length, 0)
    assert.equal(emu.faults['tokens-me'].length, 0)
  })
})

describe('the runner\'s legacy "##[name]data" commands, from inputs', () => {
  // No colon: Basic auth ends the client ID at the first one.
  const ID = 'cid-##[set-output name=organization-id]evil'
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ clients: [{ ...CLIENT, id: ID }] })
  })
  after(() => emu.stop())

  // Not a UUID, so masked and never printed. Its one line is its own ::add-mask::, which the
  // runner reads as that command: it tries "::" commands first, and "##[" only when that fails.
  it('a client ID holding `##[` is masked, never printed', async () => {
    const r = await run(emu, 'main', inputsFor(emu, { 'client-id': ID }), LONG)
    assertExited(r, 0)
    const lines = `${r.stdout}\n${r.stderr}`.split(/\r\n|\n|\r/).filter(l => l.includes('##['))
    assert.deepEqual(lines, [`::add-mask::${ID}`])
    assertNoInjectedCommands(r)
    assert.ok(r.stdout.includes('for client (masked: not a UUID'), r.stdout)
  })

  it('so is a probe path quoted in its error, and a region quoted in its own', async () => {
    for (const extra of <Record<string, string>[]>[
      { 'check-endpoints': '/api/v2/x##[error]y' },
      { 'check-endpoints': 'GET ##[add-mask]/api/v2/x' },
      { region: '##[set-output name=api-url]x', 'login-url': '', 'api-url': '' }
    ]) {
      const r = await run(emu, 'main', inputsFor(emu, extra), LONG)
      assertExited(r, 1)
      assert.match(errorOf(r), /##\\\[/, JSON.stringify(extra))
      assertNoLegacyCommands(r)
    }
    assert.equal(emu.count('token'), 1, 'bad inputs made no request')
  })
})

/** Every piece of `len` characters of a secret: none may show, anywhere the run writes. */
function assertNoPieces(r: RunResult, secrets: string[], len = 6): void {
  const texts = {
    log: `${r.stdout}\n${r.stderr}`
      .split('\n')
      .filter(l => !l.startsWith('::add-mask::'))
      .join('\n'),
    summary: r.summary,
    outputs: JSON.stringify(r.outputs),
    env: JSON.stringify(r.env)
  }
  for (const secret of secrets)
    for (let i = 0; i + len <= secret.length; i++) {
      const piece = secret.slice(i, i + len)
      for (const [where, text] of Object.entries(texts))
        assert.ok(!text.includes(piece), `${where} shows "${piece}" of a secret:\n${text}`)
    }
}

describe('a server that echoes secrets where its text is cut', () => {
  const ECHO = { id: 'echo-client-0001', secret: 'Qv7-echoed_SECRET-value-zqK' }
  const SPACED = { id: 'echo-client-0002', secret: 'two  spaces-SECRET_valuE-Jw9' }
  const BASIC = basicOf(ECHO.id, ECHO.secret)
  const pad = (n: number) => `${'Lorem ipsum dolor sit amet. '.repeat(20)}`.slice(0, n)
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({
      clients: [
        { ...CLIENT, ...ECHO },
        { ...CLIENT, ...SPACED }
      ]
    })
    emu.probeRoutes.set(QUEUES, 'routing:queue:view')
  })
  after(() => emu.stop())

  const tokenFault = (echo: (s: Sent) => unknown) => emu.faults.token.push({ status: 400, echo })
  const inputs = (client = ECHO, extra: Record<string, string> = {}) =>
    inputsFor(emu, { 'client-id': client.id, 'client-secret': client.secret, ...extra })

  it('the secret across the 300-character cut of a token error description', async () => {
    tokenFault(s => ({ error: 'invalid_client', error_description: `${pad(290)}${s.secret} end` }))
    const r = await run(emu, 'main', inputs(), LONG)
    assertExited(r, 1)
    assert.equal(emu.faults.token.length, 0, 'the echo was served')
    assert.match(errorOf(r), /\*\*\* end/)
    assertNoPieces(r, [ECHO.secret, BASIC])
  })

  it('the Basic credential across the cut, and the secret across the 100-character error', async () => {
    tokenFault(s => ({ error: 'invalid_client', error_description: `${pad(260)}${s.basic}` }))
    const basic = await run(emu, 'main', inputs(), LONG)
    assertExited(basic, 1)
    assertNoPieces(basic, [ECHO.secret, BASIC])

    tokenFault(s => ({ error: `${pad(90)}${s.secret}`, error_description: 'no' }))
    const error = await run(emu, 'main', inputs(), LONG)
    assertExited(error, 1)
    assertNoPieces(error, [ECHO.secret, BASIC])
    assert.equal(emu.faults.token.length, 0)
  })

  it('a secret with a run of spaces, which flattening would have shown with one', async () => {
    tokenFault(s => ({ error: 'invalid_client', error_description: `bad secret ${s.secret}` }))
    const r = await run(emu, 'main', inputs(SPACED), LONG)
    assertExited(r, 1)
    assert.match(errorOf(r), /bad secret \*\*\*/)
    assertNoPieces(r, [SPACED.secret, SPACED.secret.replace(/ +/g, ' ')])
  })

  it('the token across the 500-character cut of a probe refusal and a verification refusal', async () => {
    const tokens = (before: number) => emu.tokens.slice(before)
    let issued = emu.tokens.length
    emu.faults.probe.push({
      status: 403,
      echo: s => ({ message: `${pad(480)}${s.token}`, status: 403 })
    })
    const probe = await run(emu, 'main', inputs(ECHO, { 'check-endpoints': QUEUES }), LONG)
    assertExited(probe, 1)
    assert.equal(emu.faults.probe.length, 0, 'the echo was served')
    assert.equal(tokens(issued).length, 1)
    assertNoPieces(probe, [...tokens(issued), ECHO.secret, BASIC])

    issued = emu.tokens.length
    emu.faults['tokens-me'].push({
      status: 403,
      echo: s => ({ message: `${pad(470)}${s.token}`, status: 403 })
    })
    const verify = await run(emu, 'main', inputs(), LONG)
    assertExited(verify, 1)
    assert.equal(emu.faults['tokens-me'].length, 0)
    assertNoPieces(verify, [...tokens(issued), ECHO.secret, BASIC])
  })
})

describe('a server that lists 150,000 scopes', () => {
  // Three characters each, so that tokens/me stays under the 1 MiB a body may have.
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
  const SCOPES = Array.from({ length: 150_000 }, (_, i) =>
    [i % 62, Math.floor(i / 62) % 62, Math.floor(i / 3844)].map(d => ALPHABET[d]).join('')
  )
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ clients: [{ ...CLIENT, authorizedScope: SCOPES }] })
  })
  after(() => emu.stop())

  it('a missing scope fails with a short annotation and a summary far under 1 MiB', async () => {
    const r = await run(emu, 'main', inputsFor(emu, { 'required-scopes': 'absent:scope' }), LONG)
    assertExited(r, 1, LONG.timeoutMs)
    const error = r.stdout.split('\n').find(l => l.startsWith('::error::')) ?? ''
    assert.match(error, /lacks required scope: absent:scope\. Granted: aaa baa caa /)
    assert.match(error, / and 149980 more\. /)
    assert.ok(error.length < 4096, `an annotation of ${error.length} characters`)
    assert.ok(r.summary.length < 64 * 1024, `a summary of ${r.summary.length} characters`)
    assert.match(r.summary, /\| and 149901 more \(the `scopes` output lists every granted scope\)/)
  })

  it('a granted scope passes; the scopes output keeps every scope', async () => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'required-scopes': `${SCOPES[149_999]}:readonly` }),
      LONG
    )
    assertExited(r, 0, LONG.timeoutMs)
    assert.equal(r.outputs.scopes.split(' ').length, 150_000)
    assert.ok(Buffer.byteLength(r.summary) < 1024 * 1024)
    assert.ok(r.summary.length < 64 * 1024, `a summary of ${r.summary.length} characters`)
  })
})

describe('Markdown in inputs, in the job summary', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  // Inside a code span Markdown is shown, not rendered; outside one it must not appear at all.
  const CODE_SPAN = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g

  it('URL inputs holding an image or a link show as text', async () => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, {
        'login-url': `${emu.url}/![login](https://evil.example/login.png)`,
        'api-url': `${emu.url}/[api](https://evil.example/)/**x**`
      }),
      LONG
    )
    assertExited(r, 1)
    assert.match(r.summary, /evil\.example\/login\.png/, 'the URL is still shown')
    const live = r.summary.replace(CODE_SPAN, '')
    for (const text of ['![', '](https://evil', '**x**'])
      assert.ok(!live.includes(text), `live Markdown "${text}" in:\n${r.summary}`)
  })
})
