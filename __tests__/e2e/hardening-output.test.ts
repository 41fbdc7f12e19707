// Hardening of what the action prints and writes: text from the server (organization names,
// error descriptions, API messages) can neither issue workflow commands nor inject Markdown.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { assertExited, assertNoInjectedCommands, commandLines } from '../support/assertions.js'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'

const LONG = { timeoutMs: 30_000 }
const QUEUES = '/api/v2/routing/queues'
const INJECTED = '\n::add-path::/tmp/evil'
const EVIL_ORG = 'Acme\n::add-path::/tmp/evil\n::set-env name=X::y'
const OTHER_ORG = '0a1b2c3d-0000-4000-8000-00000000b002'

describe('workflow commands in an organization name', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ clients: [{ ...CLIENT, orgName: EVIL_ORG }] })
  })
  after(() => emu.stop())

  it('a name with line breaks starts no command, in the log or the outputs', async () => {
    const r = await run(emu, 'main', inputsFor(emu), LONG)
    assertExited(r, 0)
    assertNoInjectedCommands(r)
    for (const line of r.stdout.split('\n'))
      assert.doesNotMatch(line, /^\s*::(add-path|set-env|set-output|stop-commands)/)
    assert.doesNotMatch(r.outputs['organization-name'], /[\r\n]/)
  })
})

describe('workflow commands in error text from the server', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ clients: [{ ...CLIENT, permissions: ['routing:queue:view'] }] })
    emu.probeRoutes.set(QUEUES, 'routing:queue:view')
  })
  after(() => emu.stop())

  it("the token endpoint's error description starts no command", async () => {
    const description = `authentication failed${INJECTED}`
    emu.faults.token.push({
      status: 400,
      body: JSON.stringify({ error: 'invalid_client', description, error_description: description })
    })
    const r = await run(emu, 'main', inputsFor(emu), LONG)
    assertExited(r, 1)
    assert.equal(emu.faults.token.length, 0, 'the 400 was served')
    assertNoInjectedCommands(r)
    assert.match(errorOf(r), /invalid_client/)
  })

  it("a probe's 403 message starts no command; the multi-line error stays one line", async () => {
    emu.faults.probe.push({
      status: 403,
      body: JSON.stringify({ message: `missing permission${INJECTED}`, status: 403 })
    })
    const r = await run(emu, 'main', inputsFor(emu, { 'check-endpoints': QUEUES }), LONG)
    assertExited(r, 1)
    assert.equal(emu.faults.probe.length, 0, 'the 403 was served')
    assertNoInjectedCommands(r)
    // The error lists the failures on several lines: the runner must get them %0A-escaped.
    const errors = commandLines(r).filter(line => line.startsWith('::error::'))
    assert.equal(errors.length, 1)
    assert.match(errors[0], /%0A- GET \/api\/v2\/routing\/queues: HTTP 403/)
    assert.doesNotMatch(r.stdout, /^- GET /m)
  })
})

describe('Markdown and HTML in server text, in the job summary', () => {
  const EVIL_NAME = '[click](https://evil.example) <img src=x onerror=alert(1)> **bold**'
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ clients: [{ ...CLIENT, orgName: EVIL_NAME }] })
  })
  after(() => emu.stop())

  // Inside a code span Markdown is shown, not rendered; outside one it must not appear at all.
  const CODE_SPAN = /(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g
  const assertInert = (summary: string) => {
    assert.match(summary, /Organization/)
    const rendered = summary.replace(CODE_SPAN, '')
    assert.ok(!rendered.includes('[click](https://evil.example)'), 'a live link')
    assert.ok(!rendered.includes('<img'), 'a live HTML tag')
    assert.ok(!rendered.includes('**bold**'), 'live emphasis')
  }

  it('the organization row shows the name as text', async () => {
    const r = await run(emu, 'main', inputsFor(emu), LONG)
    assertExited(r, 0)
    assert.match(r.summary, /click/, 'the name is still shown')
    assertInert(r.summary)
  })

  it('so does the failure row that quotes it', async () => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'expected-organization-id': OTHER_ORG }),
      LONG
    )
    assertExited(r, 1)
    assertInert(r.summary)
  })
})
