// The first command of a newcomer: `npm start` on a fresh clone. git writes files in index order,
// so dist/ can get older mtimes than src/ and the lockfile; npm start must still run.
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { it } from 'node:test'
import { CLIENT } from '../../tools/harness.js'
import { ROOT, staleBundle } from '../../tools/run-action.js'

/**
 * What a clone of this work tree holds: the tracked files and the new ones git would commit, as
 * they are now (so uncommitted work is tested too), with node_modules linked from the work tree
 * instead of a fresh `npm ci`. The installed marker stays newer than the lockfile, so the start
 * script's install check does not run npm ci into the link.
 */
function cloneOfWorkTree(): string {
  const marker = join(ROOT, 'node_modules', '.package-lock.json')
  assert.ok(existsSync(marker), 'node_modules is installed (npm ci)')
  const clone = join(mkdtempSync(join(tmpdir(), 'gca-clone-')), 'genesys-cloud-auth')
  const files = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: ROOT,
      encoding: 'utf8'
    }
  )
    .split('\0')
    .filter(file => file && existsSync(join(ROOT, file)) && lstatSync(join(ROOT, file)).isFile())
  const installed = statSync(marker).mtimeMs / 1000
  for (const file of files) {
    mkdirSync(dirname(join(clone, file)), { recursive: true })
    copyFileSync(join(ROOT, file), join(clone, file))
    // The order git may leave: the bundle older than everything else.
    const at = installed - (file.startsWith('dist/') ? 120 : 60)
    utimesSync(join(clone, file), at, at)
  }
  symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'junction')
  return clone
}

it(
  'npm start succeeds on a fresh clone whose dist/ is older than src/',
  { timeout: 180_000 },
  () => {
    const clone = cloneOfWorkTree()
    try {
      assert.ok(staleBundle(clone), 'the clone looks stale by its mtimes, as a fresh clone can')
      const env = { ...process.env }
      for (const k of Object.keys(env)) if (/^(INPUT_|GENESYS_CLOUD_|npm_)/i.test(k)) delete env[k]
      const r = spawnSync('npm', ['start'], {
        cwd: clone,
        env,
        encoding: 'utf8',
        shell: process.platform === 'win32'
      })
      assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`)
      assert.match(
        r.stdout,
        /dist\/ may be older than src\/: building it first \(npm run package\)/
      )
      assert.match(r.stdout, /== main step \(exit 0\) ==/)
      assert.match(r.stdout, /^access-token: \*\*\*$/m)
      assert.match(r.stdout, /== post step \(exit 0\) ==\nThe token was revoked\./)
      assert.doesNotMatch(`${r.stdout}${r.stderr}`, /older than src\/: run|at .*\.ts:\d+/)
      assert.ok(!`${r.stdout}${r.stderr}`.includes(CLIENT.secret))
      assert.equal(staleBundle(clone), undefined, 'the bundle was rebuilt')
    } finally {
      rmSync(dirname(clone), { recursive: true, force: true })
    }
  }
)
