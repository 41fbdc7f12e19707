// Cancels of the permission preflight. One that comes while the step reads the plan (a synchronous
// read: no signal handler runs until it ends) must still stop the step before its first request:
// no token is asked for. The plan is a FIFO, so the signal is sure to arrive mid-read, whatever
// the machine's speed. One during a role read's retry wait ends the wait, as every wait does.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'
import { plan, TABLE } from '../../tools/plans.js'

describe('cancelled while the plan is read (dist/)', { skip: process.platform === 'win32' }, () => {
  let emu: Emulator
  let dir: string
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'preflight-cancel-'))
    writeFileSync(join(dir, 'table.json'), JSON.stringify(TABLE))
    emu = await startEmulator({
      clients: [{ ...CLIENT, roleDivisions: [{ roleId: 'queues', divisionId: '*' }] }],
      roles: [{ id: 'queues', name: 'Queues', policies: ['routing:queue:*'] }]
    })
  })
  after(async () => {
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('SIGINT during the read: the step says it was cancelled and requests nothing', async () => {
    const fifo = join(dir, 'plan.json')
    execFileSync('mkfifo', [fifo])
    let reading!: () => void
    const midRead = new Promise<void>(resolve => (reading = resolve))
    // Opening the writer completes once the step has opened the FIFO to read it: it is then in
    // its read. The signal goes out (run-action's cancel), and only then does the plan arrive.
    const feed = (async () => {
      const writer = await open(fifo, 'w')
      reading()
      await new Promise(resolve => setTimeout(resolve, 50))
      await writer.writeFile(
        plan([{ address: 'genesyscloud_routing_queue.q', actions: ['create'] }])
      )
      await writer.close()
    })()
    const requests = emu.requests.length
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'terraform-plan': fifo, 'output-token': 'false' }),
      {
        env: { GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE: join(dir, 'table.json') },
        cancel: { when: midRead }
      }
    )
    await feed
    assert.deepEqual(r.signals, ['SIGINT'], r.stdout)
    assert.equal(r.code, 1, r.stdout)
    assert.match(errorOf(r), /^The step was cancelled \(SIGINT\) before a token was handed out\./)
    assert.equal(emu.requests.length, requests, 'no request after the cancel')
  })

  it("SIGINT during a role read's retry wait: the wait ends at once, the token is revoked", async () => {
    const file = join(dir, 'plan-roles.json')
    writeFileSync(file, plan([{ address: 'genesyscloud_routing_queue.q', actions: ['create'] }]))
    emu.faults.role.push({ status: 503, headers: { 'Retry-After': '30' } })
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'terraform-plan': file, 'output-token': 'false' }),
      {
        env: {
          GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE: join(dir, 'table.json'),
          GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '1'
        },
        cancel: { when: /^Role read: attempt 1\/5 failed .*; retrying in/m }
      }
    )
    emu.faults.role.length = 0
    assert.deepEqual(r.signals, ['SIGINT'], 'ended before the runner sent anything else')
    assert.equal(r.code, 1, r.stdout)
    assert.match(errorOf(r), /^The step was cancelled \(SIGINT\) before a token was handed out\./)
    assert.ok(emu.revoked.has(emu.tokens.at(-1)!), 'the token was revoked')
  })
})
