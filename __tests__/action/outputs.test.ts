// What publish hands on: with export-env every variable, empty where the step has no value; with
// output-token: false no token at all; and a runner file that cannot be written, named.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import { parseInputs } from '../../src/action/inputs.js'
import { fileFault, publish, saveState } from '../../src/action/outputs.js'
import type { Report } from '../../src/action/summary.js'
import type { TokenResponse } from '../../src/genesys/token.js'

const TOKEN: TokenResponse = { accessToken: 'tok-123456', tokenType: 'bearer', expiresIn: 3600 }
const report = (): Report => ({
  clientId: 'id',
  region: '',
  loginUrl: '',
  apiUrl: '',
  requiredScopes: [],
  verified: true,
  expiry: { expiresIn: 3600, expiresAt: new Date(0), source: 'expires_in' } as Report['expiry']
})
const settingsOf = (inputs: Record<string, string>) =>
  parseInputs(name => ({ 'client-id': 'id', 'client-secret': 'secret', ...inputs })[name] ?? '')
    .settings

function published(inputs: Record<string, string>) {
  const outputs: Record<string, string> = {}
  const env: Record<string, string> = {}
  publish(TOKEN, settingsOf(inputs), report(), {
    setOutput: (k: string, v: unknown) => void (outputs[k] = String(v)),
    exportVariable: (k: string, v: unknown) => void (env[k] = String(v))
  })
  return { outputs, env }
}

describe('export-env writes every variable', () => {
  it('for a region: the token, the key and the domain', () => {
    assert.deepEqual(published({ region: 'eu-west-1', 'export-env': 'true' }).env, {
      GENESYSCLOUD_ACCESS_TOKEN: 'tok-123456',
      GENESYSCLOUD_REGION: 'eu-west-1',
      GENESYS_CLOUD_ENVIRONMENT: 'mypurecloud.ie'
    })
  })

  it('for a custom login host: the region variables empty, so an earlier step’s do not survive', () => {
    assert.deepEqual(
      published({ 'login-url': 'https://idp.example.com', 'export-env': 'true' }).env,
      {
        GENESYSCLOUD_ACCESS_TOKEN: 'tok-123456',
        GENESYSCLOUD_REGION: '',
        GENESYS_CLOUD_ENVIRONMENT: ''
      }
    )
  })

  it('nothing without export-env', () => {
    assert.deepEqual(published({ region: 'eu-west-1' }).env, {})
  })
})

describe('output-token: false', () => {
  it('no access-token output, an empty GENESYSCLOUD_ACCESS_TOKEN, every fact still out', () => {
    const { outputs, env } = published({
      region: 'eu-west-1',
      'export-env': 'true',
      'output-token': 'false'
    })
    assert.ok(!('access-token' in outputs))
    assert.ok(!Object.values(outputs).includes('tok-123456'))
    assert.equal(outputs.region, 'eu-west-1')
    assert.equal(outputs['expires-in'], '3600')
    assert.deepEqual(env, {
      GENESYSCLOUD_ACCESS_TOKEN: '',
      GENESYSCLOUD_REGION: 'eu-west-1',
      GENESYS_CLOUD_ENVIRONMENT: 'mypurecloud.ie'
    })
  })
})

describe('a runner file that cannot be written', () => {
  const fault = (code?: string, message = 'boom tok-123456') =>
    Object.assign(new Error(message), code ? { code } : {})

  it('says why from the error code, or from @actions/core’s own check, never from the text', () => {
    assert.equal(fileFault(fault('EISDIR')), 'it is a directory')
    assert.equal(fileFault(fault('ENOSPC')), 'no space left on the device')
    assert.equal(fileFault(fault('EXDEV')), 'error EXDEV')
    assert.equal(fileFault(fault(undefined, 'Missing file at path: /x/y')), 'it does not exist')
    assert.equal(fileFault(fault()), 'unknown error')
    assert.equal(fileFault('a string'), 'unknown error')
  })

  it('fails as an ActionError naming the variable: outputs, env, state', () => {
    const thrower = () => {
      throw fault('EISDIR')
    }
    const s = settingsOf({ 'export-env': 'true' })
    const cases: [string, () => void][] = [
      [
        'GITHUB_OUTPUT',
        () => publish(TOKEN, s, report(), { setOutput: thrower, exportVariable: () => {} })
      ],
      [
        'GITHUB_ENV',
        () => publish(TOKEN, s, report(), { setOutput: () => {}, exportVariable: thrower })
      ],
      ['GITHUB_STATE', () => saveState({ saveState: thrower }, { token: 'tok-123456' })]
    ]
    for (const [variable, write] of cases)
      assert.throws(
        write,
        (e: unknown) =>
          e instanceof ActionError &&
          e.message.startsWith(`Could not write the runner's file ${variable} (`) &&
          e.message.includes(': it is a directory.') &&
          !e.message.includes('tok-123456'),
        variable
      )
  })
})
