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
