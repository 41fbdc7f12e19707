// A client ID that is no UUID is never printed, and masked when it may be a swapped secret; but a
// short one ("ci", an ID of another OAuth server) is not registered with the runner, which would
// then hide that text in every later line of the whole job.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, inputsFor, run, startEmulator } from '../../tools/harness.js'

const SHORT = { ...CLIENT, id: 'ci' }

describe('a short client ID that is no UUID (dist/)', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({ clients: [SHORT] })
  })
  after(() => emu.stop())

  it('is not masked (the job log keeps its "ci"), and still never printed', async () => {
    const r = await run(emu, 'main', inputsFor(emu, {}, SHORT))
    assert.equal(r.code, 0, r.stdout)
    assert.doesNotMatch(r.stdout, /^::add-mask::ci$/m)
    assert.match(r.stdout, /for client \(masked: not a UUID, as Genesys Cloud client IDs are\)/)
    assert.match(
      r.summary,
      /\| Client ID \| masked: not a UUID, as Genesys Cloud client IDs are \|/
    )
  })
})
