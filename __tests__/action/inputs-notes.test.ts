// What the inputs step tells a newcomer or a platform team beside the settings: a region that is not
// used, where the region came from, a token already in the job's env, and output-token.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import { parseInputs } from '../../src/action/inputs.js'

const BASE = { 'client-id': 'id-1', 'client-secret': 'secret-value-1' }
const read = (inputs: Record<string, string>) => (name: string) =>
  ({ ...BASE, ...inputs })[name] ?? ''
const TOKEN = 'inherited-token-value-0123456789'

function refused(inputs: Record<string, string>, env: Record<string, string> = {}): string {
  try {
    parseInputs(read(inputs), env)
  } catch (e) {
    assert.ok(e instanceof ActionError, String(e))
    return e.message
  }
  assert.fail(`accepted ${JSON.stringify(inputs)}`)
}

describe('region and login-url together', () => {
  it('warns that the region is not used', () => {
    const { warnings, settings } = parseInputs(
      read({ region: 'eu-west-1', 'login-url': 'https://login.mypurecloud.de' })
    )
    assert.equal(settings.endpoints.region, 'eu-central-1', 'the login host decides')
    assert.equal(warnings.length, 1)
    assert.match(warnings[0], /^Input "region" \("eu-west-1"\) is not used: "login-url" sets/)
  })

  it('an invalid region beside login-url warns the same, and fails nothing', () => {
    const { warnings, settings } = parseInputs(
      read({ region: 'eu-wset-1', 'login-url': 'https://idp.example.com' })
    )
    assert.equal(settings.endpoints.loginUrl, 'https://idp.example.com')
    assert.equal(settings.endpoints.region, '')
    assert.equal(warnings.length, 1)
    assert.match(warnings[0], /^Input "region" \("eu-wset-1"\) is not used: "login-url" sets/)
  })

  it('says nothing for either alone', () => {
    assert.deepEqual(parseInputs(read({ region: 'eu-west-1' })).warnings, [])
    assert.deepEqual(parseInputs(read({ 'login-url': 'https://idp.example.com' })).warnings, [])
  })
})

describe('a client ID that is not a UUID', () => {
  const UUID = 'c1a2b3c4-1111-4111-8111-000000000001'
  const SECRET = 'S3cr3t-Value_that-must-NEVER-leak-0123456789'

  it('with a UUID as the secret: they may be swapped, and neither value is in the warning', () => {
    const { warnings } = parseInputs(read({ 'client-id': SECRET, 'client-secret': UUID }))
    assert.equal(warnings.length, 1)
    assert.match(
      warnings[0],
      /^The client ID \(input "client-id"\) does not look like a Genesys Cloud client ID, a UUID, and the client secret \(input "client-secret"\) does: they may be swapped\./
    )
    assert.ok(!warnings[0].includes(SECRET) && !warnings[0].includes(UUID))
  })

  it('names the variables when the credentials came from the environment', () => {
    const env = { GENESYSCLOUD_OAUTHCLIENT_ID: SECRET, GENESYSCLOUD_OAUTHCLIENT_SECRET: UUID }
    const { warnings } = parseInputs(read({ 'client-id': '', 'client-secret': '' }), env)
    assert.match(
      warnings[0],
      /client ID \(GENESYSCLOUD_OAUTHCLIENT_ID\).*secret \(GENESYSCLOUD_OAUTHCLIENT_SECRET\)/
    )
  })

  it('says nothing when the ID is a UUID, or the secret is none either', () => {
    assert.deepEqual(parseInputs(read({ 'client-id': UUID, 'client-secret': SECRET })).warnings, [])
    assert.deepEqual(
      parseInputs(read({ 'client-id': 'my-app', 'client-secret': SECRET })).warnings,
      []
    )
  })
})

describe('the region from GENESYSCLOUD_REGION', () => {
  it('is named in the sources line, as the key it resolved to', () => {
    const { sources } = parseInputs(read({}), { GENESYSCLOUD_REGION: 'mypurecloud.de' })
    assert.match(sources, /; region from GENESYSCLOUD_REGION \(eu-central-1\)$/)
  })
})

describe('a region typo', () => {
  it('leads with the nearest key', () => {
    const message = refused({ region: 'eu-wset-1' })
    assert.match(
      message,
      /^Input "region" is "eu-wset-1", which is not a Genesys Cloud region: did you mean eu-west-1\? Accepted:/
    )
  })

  it('names every key at the same distance, in any spelling, from the variable too', () => {
    assert.match(refused({ region: 'EU_WEST_3' }), /did you mean eu-west-1 or eu-west-2\?/)
    assert.match(
      refused({}, { GENESYSCLOUD_REGION: 'ap-sotheast-2' }),
      /^Environment variable GENESYSCLOUD_REGION is "ap-sotheast-2", which is not a Genesys Cloud region: did you mean ap-southeast-2\?/
    )
  })

  it('a host or URL of a region: names the region whose domain it holds', () => {
    for (const region of [
      'https://login.mypurecloud.ie',
      'apps.mypurecloud.ie',
      'api.mypurecloud.ie',
      'https://mypurecloud.ie/'
    ])
      assert.match(
        refused({ region }),
        /which is not a Genesys Cloud region: did you mean eu-west-1\? Accepted:/,
        region
      )
    assert.match(refused({ region: 'login.mypurecloud.com.au' }), /did you mean ap-southeast-2\?/)
    assert.match(refused({ region: 'https://apps.mypurecloud.com' }), /did you mean us-east-1\?/)
  })

  it('guesses nothing for a value far from every key', () => {
    const message = refused({ region: 'https://login.example.com' })
    assert.doesNotMatch(message, /did you mean/)
    assert.match(message, /which is not a Genesys Cloud region\. Accepted:/)
  })
})

describe('a GENESYSCLOUD_ACCESS_TOKEN already in the job', () => {
  const env = { GENESYSCLOUD_ACCESS_TOKEN: TOKEN }

  it('without export-env: warns that later tools use that token, and never quotes it', () => {
    const { warnings, notes } = parseInputs(read({}), env)
    assert.deepEqual(notes, [])
    assert.equal(warnings.length, 1)
    assert.match(warnings[0], /^GENESYSCLOUD_ACCESS_TOKEN is already set in this job's environment/)
    assert.match(
      warnings[0],
      /Terraform and the gc CLI in later steps use that token, not this one/
    )
    assert.ok(!warnings[0].includes(TOKEN))
  })

  it('with export-env: says it is replaced (or cleared, with output-token: false)', () => {
    const replaced = parseInputs(read({ 'export-env': 'true' }), env)
    assert.deepEqual(replaced.warnings, [])
    assert.deepEqual(replaced.notes, [
      "GENESYSCLOUD_ACCESS_TOKEN from earlier in this job is replaced by this step's token (export-env)."
    ])
    const cleared = parseInputs(read({ 'export-env': 'true', 'output-token': 'false' }), env)
    assert.match(cleared.notes[0], /is cleared \(export-env with output-token: false\)/)
  })

  it('a check (output-token: false) without export-env leaves it, with a note and no warning', () => {
    // The preflight of examples/terraform-permissions.yml: the apply uses the earlier token, and
    // export-env here (what the warning asks for) would clear it.
    const { warnings, notes } = parseInputs(read({ 'output-token': 'false' }), env)
    assert.deepEqual(warnings, [])
    assert.deepEqual(notes, [
      'GENESYSCLOUD_ACCESS_TOKEN from earlier in this job is left as it is (output-token: false).'
    ])
  })

  it('an empty one is not a token', () => {
    const { warnings, notes } = parseInputs(read({}), { GENESYSCLOUD_ACCESS_TOKEN: ' ' })
    assert.deepEqual([warnings, notes], [[], []])
  })
})

describe('output-token', () => {
  it('defaults to true and takes the YAML booleans', () => {
    assert.equal(parseInputs(read({})).settings.outputToken, true)
    assert.equal(parseInputs(read({ 'output-token': 'False' })).settings.outputToken, false)
    assert.match(
      refused({ 'output-token': 'no' }),
      /^Input "output-token" is "no": accepted: true or false/
    )
  })
})
