// Credentials from the job's GENESYSCLOUD_* variables go only where Genesys credentials belong.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import { parseInputs } from '../../src/action/inputs.js'

const SECRET = 'env-secret-value-9'
const ENV = { GENESYSCLOUD_OAUTHCLIENT_ID: 'env-id', GENESYSCLOUD_OAUTHCLIENT_SECRET: SECRET }
const read = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? ''

describe('credentials from the environment and login-url', () => {
  it('are refused for a custom login host, naming the variable, never the value', () => {
    assert.throws(
      () => parseInputs(read({ 'login-url': 'https://idp.example.com' }), ENV),
      (e: unknown) =>
        e instanceof ActionError &&
        /GENESYSCLOUD_OAUTHCLIENT_SECRET is not sent to "login-url"/.test(e.message) &&
        /https:\/\/idp\.example\.com/.test(e.message) &&
        !e.message.includes(SECRET)
    )
  })

  it('are used for a Genesys Cloud login host given as login-url, keeping its region', () => {
    const { settings } = parseInputs(read({ 'login-url': 'https://login.mypurecloud.de' }), ENV)
    assert.equal(settings.clientSecret, SECRET)
    assert.equal(settings.endpoints.region, 'eu-central-1')
  })

  it('are used for a local emulator on loopback', () => {
    const { settings } = parseInputs(read({ 'login-url': 'http://127.0.0.1:8080' }), ENV)
    assert.equal(settings.clientId, 'env-id')
  })

  it('explicit inputs may go to any login host', () => {
    const inputs = {
      'login-url': 'https://idp.example.com',
      'client-id': 'id',
      'client-secret': 'input-secret'
    }
    assert.equal(parseInputs(read(inputs), ENV).settings.clientSecret, 'input-secret')
  })
})

describe('a token made from credentials of the environment', () => {
  const refused = (apiUrl: string, extra: Record<string, string> = {}) =>
    assert.throws(
      () => parseInputs(read({ 'api-url': apiUrl, ...extra }), ENV),
      (e: unknown) =>
        e instanceof ActionError &&
        /a token made from GENESYSCLOUD_OAUTHCLIENT_SECRET is not sent to "api-url"/.test(
          e.message
        ) &&
        !e.message.includes(SECRET),
      apiUrl
    )

  it('goes to no API host but the region of its login host', () => {
    refused('https://api.example.com')
    refused('https://api.mypurecloud.com.evil.example')
    refused('https://api.mypurecloud.ie') // the default region is us-east-1
    refused('https://api.mypurecloud.de', { 'login-url': 'https://login.mypurecloud.ie' })
    refused('https://api.example.com', { 'login-url': 'http://127.0.0.1:8080' })
  })

  it("goes to the region's API host, given or not, and to loopback", () => {
    const ok = (inputs: Record<string, string>) =>
      parseInputs(read(inputs), ENV).settings.endpoints.apiUrl
    assert.equal(ok({}), 'https://api.mypurecloud.com')
    assert.equal(
      ok({ region: 'eu-west-1', 'api-url': 'https://API.mypurecloud.ie/' }),
      'https://api.mypurecloud.ie'
    )
    assert.equal(ok({ 'login-url': 'https://login.mypurecloud.de' }), 'https://api.mypurecloud.de')
    assert.equal(ok({ 'api-url': 'http://127.0.0.1:9' }), 'http://127.0.0.1:9')
  })

  it('explicit credentials may use any API host', () => {
    const inputs = {
      'client-id': 'id',
      'client-secret': 'input-secret',
      'api-url': 'https://api.example.com'
    }
    assert.equal(
      parseInputs(read(inputs), ENV).settings.endpoints.apiUrl,
      'https://api.example.com'
    )
  })
})

describe('credentials with characters RFC 6749 does not allow', () => {
  const invisible: [string, string][] = [
    ['\u200b', 'U+200B'],
    ['\u00ad', 'U+00AD'],
    ['\u2028', 'U+2028'],
    ['\u00e9', 'U+00E9'],
    ['\u{1f511}', 'U+1F511']
  ]
  for (const [char, codePoint] of invisible) {
    it(`${codePoint} is refused before any request, named, the value never shown`, () => {
      const secret = `secret${char}value-0123`
      for (const [inputs, env, name] of [
        [{ 'client-id': 'id', 'client-secret': secret }, {}, 'Input "client-secret"'],
        [{ 'client-id': `id${char}x`, 'client-secret': 'plain-secret' }, {}, 'Input "client-id"'],
        [
          {},
          { ...ENV, GENESYSCLOUD_OAUTHCLIENT_SECRET: secret },
          'GENESYSCLOUD_OAUTHCLIENT_SECRET'
        ],
        [{}, { ...ENV, GENESYSCLOUD_OAUTHCLIENT_ID: `id${char}x` }, 'GENESYSCLOUD_OAUTHCLIENT_ID']
      ] as const)
        assert.throws(
          () => parseInputs(read(inputs), env),
          (e: unknown) =>
            e instanceof ActionError &&
            e.message.includes(name) &&
            e.message.includes(`the character ${codePoint}:`) &&
            /printable ASCII/.test(e.message) &&
            !e.message.includes('value-0123') &&
            !e.message.includes(char),
          `${name} ${codePoint}`
        )
    })
  }

  it('printable ASCII, spaces inside included, is accepted', () => {
    const { settings } = parseInputs(
      read({ 'client-id': 'id', 'client-secret': ' a b~!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|} ' }),
      {}
    )
    assert.equal(settings.clientSecret, 'a b~!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}')
  })
})
