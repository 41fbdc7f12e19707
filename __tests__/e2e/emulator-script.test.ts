// `npm run emulator` must leave nothing behind when it is stopped: npm signals only the shell it
// ran the script with, so the emulator itself has to notice and free its port.
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ROOT } from '../../tools/run-action.js'

const POSIX = process.platform !== 'win32'
const BOUND = { timeout: 60_000 }

/** Starts the script in a process group of its own; resolves with the emulator's port. */
async function started(
  command: string,
  args: string[]
): Promise<{ child: ChildProcess; port: number }> {
  const env = { ...process.env }
  delete env.npm_lifecycle_event // as a shell started it, not the npm script running the tests
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', d => {
      out += d
      const m = /^url=http:\/\/127\.0\.0\.1:(\d+)$/m.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.on('exit', code => reject(new Error(`exited (${code}) before listening: ${out}`)))
  })
  return { child, port }
}

const refused = (port: number) =>
  new Promise<boolean>(resolve => {
    const socket = net.connect(port, '127.0.0.1')
    socket.on('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.on('error', () => resolve(true))
  })

/** Whether any process of the group is left (signal 0 checks without sending anything). */
const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

/** Polls until `done` holds, for at most 10 s (a bound for a slow machine, not a measurement). */
async function eventually(done: () => boolean | Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await done()) return true
    await new Promise(r => setTimeout(r, 100))
  }
  return false
}

describe(
  'npm run emulator, stopped',
  { skip: !POSIX && 'POSIX signals and process groups' },
  () => {
    // SIGTERM to npm alone, as `kill <pid>` or a process manager sends it; SIGINT to the whole
    // group, as Ctrl-C in a terminal sends it.
    for (const [signal, target] of [
      ['SIGTERM', 'npm'],
      ['SIGINT', 'group']
    ] as const)
      it(
        `by ${signal} to ${target === 'npm' ? 'npm alone' : 'its process group'}: every process exits and the port is free`,
        BOUND,
        async () => {
          const { child, port } = await started('npm', ['run', '-s', 'emulator', '--', '0'])
          try {
            assert.equal(await refused(port), false, 'the emulator listens')
            process.kill(target === 'npm' ? child.pid! : -child.pid!, signal)
            assert.ok(
              await eventually(() => !groupAlive(child.pid!)),
              'a process of npm run emulator is still running'
            )
            assert.ok(await refused(port), 'the port is still taken')
          } finally {
            if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL')
          }
        }
      )

    it('started directly, it stops cleanly on SIGINT and SIGTERM (exit 0)', BOUND, async () => {
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        const { child, port } = await started(process.execPath, [
          '--import',
          'tsx',
          join(ROOT, 'scripts', 'emulator.ts'),
          '0'
        ])
        try {
          const exited = new Promise<number | null>(resolve =>
            child.on('exit', code => resolve(code))
          )
          child.kill(signal)
          assert.equal(await exited, 0, signal)
          assert.ok(await refused(port), signal)
        } finally {
          if (groupAlive(child.pid!)) process.kill(-child.pid!, 'SIGKILL')
        }
      }
    })
  }
)
