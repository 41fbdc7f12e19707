// `npm start`'s script, against the emulator: it must show the outputs as a workflow sees them.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { it } from 'node:test'
import { promisify } from 'node:util'
import { ROOT } from '../support/run-action.js'

it('npm start runs main and post from dist/ and prints masked outputs', async () => {
  const env = { ...process.env }
  for (const k of [
    'GENESYS_CLOUD_CLIENT_ID',
    'GENESYS_CLOUD_CLIENT_SECRET',
    'GENESYS_CLOUD_REGION'
  ])
    delete env[k]
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')],
    { cwd: ROOT, env }
  )
  assert.match(stdout, /== main step \(exit 0\) ==/)
  assert.match(stdout, /^access-token: \*\*\*$/m)
  assert.match(stdout, /^expires-in: 86399$/m)
  assert.match(stdout, /== post step \(exit 0\) ==\nThe token was revoked\./)
  assert.doesNotMatch(stdout, /::add-mask::/)
})
