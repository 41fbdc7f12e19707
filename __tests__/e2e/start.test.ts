// `npm start`'s script, against the emulator: it must show the outputs as a workflow sees them,
// and pick a real organization when it is given the credentials under the action's own names.
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { promisify } from 'node:util'
import { chooseTarget } from '../../scripts/start.js'
import { CLIENT, startEmulator } from '../../tools/harness.js'
import { ROOT } from '../../tools/run-action.js'

async function start(inputs: Record<string, string> = {}): Promise<string> {
  const env = { ...process.env }
  for (const k of Object.keys(env))
    if (
      /^(INPUT_|GENESYS_CLOUD_(CLIENT_ID|CLIENT_SECRET|REGION)$|GENESYSCLOUD_(OAUTHCLIENT_ID|OAUTHCLIENT_SECRET|REGION)$)/.test(
        k
      )
    )
      delete env[k]
  // A failing main step makes the script exit 1: its output is what is looked at then.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')],
    { cwd: ROOT, env: { ...env, ...inputs } }
  ).catch((err: { code?: number; stdout: string; stderr: string }) => {
    assert.equal(err.code, 1, err.stdout)
    return { stdout: err.stdout + err.stderr }
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

  // Beside the emulator's login-url a region is not used, valid or not: a warning, % and all.
  const region = await start({ INPUT_REGION: 'eu%wset-1' })
  assert.match(region, /^Warning: Input "region" \("eu%wset-1"\) is not used/m)
  assert.doesNotMatch(region, /%25/)
})

describe('which organization npm start talks to', () => {
  const ACTION = {
    GENESYSCLOUD_OAUTHCLIENT_ID: 'id-1',
    GENESYSCLOUD_OAUTHCLIENT_SECRET: 'secret-1',
    GENESYSCLOUD_REGION: 'eu-west-1'
  }

  it("the action's own variables mean a real org, and the banner names them, not the secret", () => {
    const target = chooseTarget(ACTION)
    assert.equal(target.kind, 'org')
    if (target.kind !== 'org') return
    assert.deepEqual(target.inputs, {
      'client-id': 'id-1',
      'client-secret': 'secret-1',
      region: 'eu-west-1'
    })
    assert.match(target.banner, /region eu-west-1: credentials from GENESYSCLOUD_OAUTHCLIENT_ID/)
    assert.doesNotMatch(target.banner, /secret-1/)
  })

  it('the region may be left out, as in the action (us-east-1); the SDK names still work', () => {
    const noRegion = chooseTarget({ ...ACTION, GENESYSCLOUD_REGION: '' })
    assert.ok(noRegion.kind === 'org' && !('region' in noRegion.inputs))
    assert.match(noRegion.kind === 'org' ? noRegion.banner : '', /us-east-1 \(the default\)/)
    const sdk = chooseTarget({
      GENESYS_CLOUD_CLIENT_ID: 'id-2',
      GENESYS_CLOUD_CLIENT_SECRET: 'secret-2',
      GENESYS_CLOUD_REGION: 'mypurecloud.ie'
    })
    assert.ok(sdk.kind === 'org' && sdk.inputs['client-id'] === 'id-2')
  })

  it('half a pair stops with the missing name; nothing at all is the emulator', () => {
    const half = chooseTarget({ GENESYSCLOUD_OAUTHCLIENT_ID: 'id-1' })
    assert.equal(half.kind, 'incomplete')
    assert.match(
      half.kind === 'incomplete' ? half.message : '',
      /^GENESYSCLOUD_OAUTHCLIENT_ID is set but GENESYSCLOUD_OAUTHCLIENT_SECRET is not/
    )
    assert.deepEqual(chooseTarget({}), { kind: 'emulator' })
    assert.deepEqual(chooseTarget({ GENESYSCLOUD_REGION: 'eu-west-1' }), { kind: 'emulator' })
  })

  it("runs against the org the action's variables name (here an emulator on loopback)", async () => {
    const emulator = await startEmulator()
    try {
      const stdout = await start({
        GENESYSCLOUD_OAUTHCLIENT_ID: CLIENT.id,
        GENESYSCLOUD_OAUTHCLIENT_SECRET: CLIENT.secret,
        GENESYSCLOUD_REGION: 'eu-west-1',
        INPUT_LOGIN_URL: emulator.url,
        INPUT_API_URL: emulator.url
      })
      assert.match(
        stdout,
        /^Running against a real Genesys Cloud organization in region eu-west-1: credentials from GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET, region from GENESYSCLOUD_REGION;/m
      )
      assert.doesNotMatch(stdout, /Running against the emulator/)
      assert.match(stdout, /== main step \(exit 0\) ==/)
      assert.match(stdout, /^access-token: \*\*\*$/m)
      assert.equal(emulator.count('token'), 1, 'the token came from there')
    } finally {
      await emulator.stop()
    }
  })

  it('stops, naming the missing variable, when only the client ID is set', async () => {
    const out = await start({ GENESYSCLOUD_OAUTHCLIENT_ID: CLIENT.id })
    assert.match(
      out,
      /GENESYSCLOUD_OAUTHCLIENT_ID is set but GENESYSCLOUD_OAUTHCLIENT_SECRET is not/
    )
    assert.doesNotMatch(out, /Running against|== main step/)
  })
})
