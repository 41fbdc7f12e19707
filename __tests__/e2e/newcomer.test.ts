// What a newcomer meets, through dist/: a client ID and secret swapped, a region given as a host or
// URL, a region beside "login-url", a probe path without /api/, and the attempts the summary shows
// for a token request that failed.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'

const rowOf = (summary: string, name: string) =>
  summary.split('\n').find(l => l.startsWith(`| ${name} |`)) ?? ''

describe('a newcomer', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator()
  })
  after(() => emu.stop())

  it('swapped client ID and secret: neither is printed, the ID is masked, the swap is named', async () => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, {
        'client-id': CLIENT.secret,
        'client-secret': CLIENT.id,
        'max-attempts': '1'
      })
    )
    assert.equal(r.code, 1, r.stdout)
    const printed = `${r.stdout}\n${r.stderr}`
    for (const value of [CLIENT.secret, CLIENT.id]) {
      assert.ok(printed.includes(`::add-mask::${value}\n`), `masked: ${value.slice(0, 4)}…`)
      const shown = printed
        .split('\n')
        .filter(l => l.includes(value) && !l.startsWith('::add-mask::'))
      assert.deepEqual(shown, [], 'printed unmasked')
      assert.ok(!r.summary.includes(value), 'in the summary')
    }
    assert.match(
      r.stdout,
      /::warning::The client ID \(input "client-id"\) does not look like a Genesys Cloud client ID, a UUID, and the client secret \(input "client-secret"\) does: they may be swapped\./
    )
    assert.match(r.stdout, /for client \(masked: not a UUID, as Genesys Cloud client IDs are\)/)
    assert.equal(
      rowOf(r.summary, 'Client ID'),
      '| Client ID | masked: not a UUID, as Genesys Cloud client IDs are |'
    )
  })

  for (const region of [
    'https://login.mypurecloud.ie',
    'apps.mypurecloud.ie',
    'api.mypurecloud.ie'
  ])
    it(`region: ${region} is refused with the region whose domain it holds`, async () => {
      const r = await run(undefined, 'main', {
        'client-id': CLIENT.id,
        'client-secret': CLIENT.secret,
        region
      })
      assert.equal(r.code, 1, r.stdout)
      assert.match(errorOf(r), /is not a Genesys Cloud region: did you mean eu-west-1\? Accepted:/)
    })

  it('an invalid region beside login-url warns that it is not used, as a valid one does', async () => {
    const r = await run(emu, 'main', inputsFor(emu, { region: 'eu-wset-1' }))
    assert.equal(r.code, 0, r.stdout)
    assert.match(
      r.stdout,
      /::warning::Input "region" \("eu-wset-1"\) is not used: "login-url" sets/
    )
  })

  it('check-endpoints: routing/queues must start with /api/, and is not called a URL', async () => {
    const start = emu.requests.length
    const r = await run(emu, 'main', inputsFor(emu, { 'check-endpoints': 'routing/queues' }))
    assert.equal(r.code, 1)
    assert.match(
      errorOf(r),
      /^Input "check-endpoints" has "routing\/queues": it must start with \/api\/ \(a path on the API host, such as \/api\/v2\/routing\/queues\)/
    )
    assert.doesNotMatch(errorOf(r), /not a URL/)
    assert.equal(emu.requests.length, start, 'no request')
  })

  it('a token request that failed shows its attempts in the summary, as the error does', async () => {
    const down = { 'login-url': 'http://127.0.0.1:1', 'api-url': 'http://127.0.0.1:1' }
    const once = await run(emu, 'main', inputsFor(emu, { ...down, 'max-attempts': '1' }))
    assert.equal(once.code, 1)
    assert.match(errorOf(once), /after 1 attempt\./)
    assert.equal(rowOf(once.summary, 'Token request attempts'), '| Token request attempts | 1 |')
    emu.faults.token.push({ status: 400, body: '{"error":"invalid_request"}' })
    const refused = await run(emu, 'main', inputsFor(emu, { 'max-attempts': '1' }))
    assert.equal(refused.code, 1)
    assert.match(errorOf(refused), /Token request failed: HTTP 400/)
    assert.equal(rowOf(refused.summary, 'Token request attempts'), '| Token request attempts | 1 |')
  })
})
