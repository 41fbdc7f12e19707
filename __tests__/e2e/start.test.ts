// `npm start`'s script, against the emulator: it must show the outputs as a workflow sees them.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { it } from 'node:test'
import { promisify } from 'node:util'
import { CLIENT } from '../../tools/harness.js'
import { ROOT } from '../../tools/run-action.js'

async function start(inputs: Record<string, string> = {}): Promise<string> {
  const env = { ...process.env }
  for (const k of Object.keys(env))
    if (/^(INPUT_|GENESYS_CLOUD_(CLIENT_ID|CLIENT_SECRET|REGION)$)/.test(k)) delete env[k]
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')],
    { cwd: ROOT, env: { ...env, ...inputs } }
  )
  assert.ok(!stdout.includes(CLIENT.secret), 'the client secret reached the output')
  return stdout
}

it('npm start runs main and post from dist/ and prints masked outputs', async () => {
  const stdout = await start()
  assert.match(stdout, /\(none given\)/)
  assert.match(stdout, /== main step \(exit 0\) ==/)
  assert.match(stdout, /^access-token: \*\*\*$/m)
  assert.match(stdout, /^expires-in: 86399$/m)
  assert.doesNotMatch(stdout, /== exported environment ==/)
  assert.match(stdout, /== post step \(exit 0\) ==\nThe token was revoked\./)
  assert.doesNotMatch(stdout, /::add-mask::/)
})

it('npm start takes INPUT_* variables from the environment, with _ or - in the name', async () => {
  const stdout = await start({
    INPUT_EXPORT_ENV: 'true',
    'INPUT_CHECK-ENDPOINTS': '/api/v2/routing/queues?pageSize=1'
  })
  assert.match(stdout, /given: INPUT_EXPORT-ENV, INPUT_CHECK-ENDPOINTS\)/)
  assert.match(stdout, /Permission probes passed: GET \/api\/v2\/routing\/queues\?pageSize=1/)
  assert.match(stdout, /== exported environment ==\nGENESYSCLOUD_ACCESS_TOKEN=\*\*\*$/m)
  assert.match(stdout, /== post step \(exit 0\) ==\nThe token was revoked\./)
})
