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
  // A failing main step makes the script exit 1: its output is what is looked at then.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')],
    { cwd: ROOT, env: { ...env, ...inputs } }
  ).catch((err: { code?: number; stdout: string }) => {
    assert.equal(err.code, 1, err.stdout)
    return { stdout: err.stdout }
  })
  assert.ok(!stdout.includes(CLIENT.secret), 'the client secret reached the output')
  return stdout
}

it('npm start runs main and post from dist/ and prints masked outputs', async () => {
  const stdout = await start()
  assert.match(stdout, /^Inputs from the environment: none$/m)
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
    'INPUT_CHECK-ENDPOINTS': '/api/v2/routing/queues?pageSize=1',
    INPUT_CHECK_ENDPOINT: 'a typo'
  })
  assert.match(
    stdout,
    /^Inputs from the environment: export-env, check-endpoints; not inputs of this action \(ignored\): INPUT_CHECK_ENDPOINT$/m
  )
  assert.match(stdout, /Permission probes passed: GET \/api\/v2\/routing\/queues\?pageSize=1/)
  assert.match(stdout, /== exported environment ==\nGENESYSCLOUD_ACCESS_TOKEN=\*\*\*$/m)
  assert.match(stdout, /== post step \(exit 0\) ==\nThe token was revoked\./)
})

it('npm start shows errors and warnings as the runner does: line breaks and % decoded', async () => {
  const probes = await start({ INPUT_CHECK_ENDPOINTS: '/api/v2/routing/queues\n/api/v2/users' })
  assert.match(probes, /== main step \(exit 1\) ==/)
  assert.match(
    probes,
    /^Error: 1 permission probe failed; the token cannot do what the deployment needs:\n- GET \/api\/v2\/users: HTTP 403/m
  )
  assert.doesNotMatch(probes, /%0A|::error::/)

  const region = await start({ INPUT_REGION: 'eu%wset-1' })
  assert.match(
    region,
    /^Error: Input "region" is "eu%wset-1", which is not a Genesys Cloud region/m
  )
  assert.doesNotMatch(region, /%25/)
})
