// The process's end: exitSoon() lets a registered revocation finish, and a cancellation ends each
// kind of request at its own time, all before the runner's SIGTERM (7.5 s after its SIGINT).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, it, mock } from 'node:test'
import { CANCEL_MS, exitSoon, finish, StepCancellation } from '../../src/action/runner.js'
import { NODE24, ROOT, RUNNER_CANCEL } from '../../tools/run-action.js'
import { turn } from '../support/loopback.js'

describe('exitSoon', () => {
  it('waits for work registered with finish() before it exits', () => {
    const runner = join(ROOT, 'src', 'action', 'runner.ts')
    const script = `
      import { exitSoon, finish } from ${JSON.stringify(runner)}
      finish(new Promise(r => setTimeout(r, 600))).then(() => process.stdout.write('finished'))
      exitSoon()`
    const child = spawnSync(NODE24, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000
    })
    assert.equal(child.status, 0, child.stderr)
    assert.equal(child.stdout, 'finished')
  })

  it('finish() hands back the same work; exitSoon() exits once it has settled, failed or not', async () => {
    let fail!: (err: Error) => void
    const work = new Promise<void>((_resolve, reject) => (fail = reject))
    assert.equal(finish(work), work)
    let exits = 0
    exitSoon(() => exits++, 0)
    // Timers of one delay fire in the order they were set: exitSoon's check has run by now.
    await turn()
    assert.equal(exits, 0, 'exited with the work unfinished')
    fail(new Error('x'))
    await assert.rejects(work)
    while (!exits) await turn()
    assert.equal(exits, 1)
  })
})

describe('StepCancellation', () => {
  it('ends calls at once, token requests and revocations later, the process before SIGTERM', () => {
    mock.timers.enable({ apis: ['setTimeout'] })
    try {
      const c = new StepCancellation()
      const exits: number[] = []
      let now = 0
      const at = (ms: number) => {
        const step = ms - now
        now = ms
        mock.timers.tick(step)
      }
      assert.equal(c.requested, false)
      assert.ok(!c.signal('call').aborted)
      c.cancel('SIGINT', () => exits.push(now))
      assert.equal(c.requested, true)
      assert.equal(c.signalName, 'SIGINT')
      assert.ok(c.signal('call').aborted)
      assert.ok(!c.signal('issues').aborted)
      at(CANCEL_MS.issues)
      assert.ok(c.signal('issues').aborted)
      assert.ok(!c.signal('revokes').aborted)
      at(CANCEL_MS.revokes)
      assert.ok(c.signal('revokes').aborted)
      assert.deepEqual(exits, [])
      at(CANCEL_MS.exit)
      assert.deepEqual(exits, [CANCEL_MS.exit])
      assert.ok(CANCEL_MS.exit < RUNNER_CANCEL.termAfterMs)
    } finally {
      mock.timers.reset()
    }
  })

  it('a second signal exits at once', () => {
    const c = new StepCancellation()
    let exited = 0
    mock.timers.enable({ apis: ['setTimeout'] })
    try {
      c.cancel('SIGINT', () => exited++)
      c.cancel('SIGTERM', () => exited++)
      assert.equal(exited, 1)
      assert.equal(c.signalName, 'SIGINT')
    } finally {
      mock.timers.reset()
    }
  })
})
