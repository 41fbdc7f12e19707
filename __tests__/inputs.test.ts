import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../src/errors.js'
import { parseBoolean, parseInputs, parseInteger, parseSeconds } from '../src/inputs.js'

const BASE: Record<string, string> = {
  'client-id': 'id-1',
  'client-secret': 'secret-1',
  region: 'us-east-1'
}
const read =
  (extra: Record<string, string> = {}) =>
  (name: string) =>
    ({ ...BASE, ...extra })[name] ?? ''
const fails = (extra: Record<string, string>, message: RegExp) =>
  assert.throws(
    () => parseInputs(read(extra)),
    (e: unknown) => e instanceof ActionError && message.test(e.message)
  )

describe('parseInputs', () => {
  it('applies the defaults of action.yml when inputs are empty', () => {
    const { settings, warnings } = parseInputs(read())
    assert.deepEqual(warnings, [])
    assert.equal(settings.authMethod, 'basic')
    assert.equal(settings.minValidity, 300)
    assert.equal(settings.exportEnv, false)
    assert.equal(settings.verify, true)
    assert.equal(settings.revoke, true)
    assert.equal(settings.summary, true)
    assert.equal(settings.maxAttempts, 5)
    assert.equal(settings.timeoutMs, 10_000)
    assert.deepEqual(settings.scopes, [])
    assert.deepEqual(settings.probes, [])
    assert.equal(settings.endpoints.tokenUrl, 'https://login.mypurecloud.com/oauth/token')
  })

  it('required scopes default to the requested ones', () => {
    assert.deepEqual(parseInputs(read({ scopes: 'a,b' })).settings.requiredScopes, ['a', 'b'])
    assert.deepEqual(
      parseInputs(read({ scopes: 'a,b', 'required-scopes': 'c' })).settings.requiredScopes,
      ['c']
    )
  })

  it('empty ids and secrets: required, with the fork and Dependabot hint', () => {
    fails({ 'client-id': '' }, /Input "client-id" is required.*forks.*Dependabot/)
    fails({ 'client-secret': ' \n\t' }, /Input "client-secret" is required/)
  })

  it('trims whitespace around the secret and warns, without quoting it', () => {
    const { settings, warnings } = parseInputs(read({ 'client-secret': '  secret-1\n' }))
    assert.equal(settings.clientSecret, 'secret-1')
    assert.equal(warnings.length, 1)
    assert.match(warnings[0], /Input "client-secret" had leading or trailing whitespace/)
    assert.ok(!warnings[0].includes('secret-1'))
  })

  it('refuses control characters inside the secret, without quoting it', () => {
    assert.throws(
      () => parseInputs(read({ 'client-secret': 'abc\ndef-secret' })),
      (e: Error) =>
        /Input "client-secret" holds a line break/.test(e.message) &&
        !e.message.includes('def-secret')
    )
  })

  it('rejects each bad value naming the input and what it accepts', () => {
    fails({ 'auth-method': 'jwt' }, /Input "auth-method" is "jwt": accepted: basic .* or post/)
    fails(
      { 'min-validity': 'abc' },
      /Input "min-validity" is "abc": accepted: a whole number from 0 to 172800/
    )
    fails({ 'min-validity': '-1' }, /Input "min-validity"/)
    fails({ 'min-validity': '1.5' }, /Input "min-validity"/)
    fails(
      { 'max-attempts': '0' },
      /Input "max-attempts" is "0": accepted: a whole number from 1 to 10/
    )
    fails({ 'max-attempts': '11' }, /Input "max-attempts"/)
    fails(
      { timeout: '0' },
      /Input "timeout" is "0": accepted: a number of seconds above 0, at most 300/
    )
    fails({ timeout: '1e3' }, /Input "timeout"/)
    fails({ verify: 'yes' }, /Input "verify" is "yes": accepted: true or false/)
    fails({ 'export-env': 'on' }, /Input "export-env"/)
    fails({ revoke: '1' }, /Input "revoke"/)
    fails({ summary: 'tRUE' }, /Input "summary"/)
    fails({ region: 'nowhere' }, /Input "region"/)
    fails({ 'login-url': 'http://example.com' }, /Input "login-url"/)
    fails({ 'api-url': 'https://a.example/?q' }, /Input "api-url"/)
    fails({ 'expected-organization-id': 'not an/id' }, /Input "expected-organization-id"/)
    fails({ 'check-endpoints': 'https://evil.example/api/v2/x' }, /Input "check-endpoints"/)
  })

  it('expected-organization-id needs verify', () => {
    fails(
      { verify: 'false', 'expected-organization-id': 'abc' },
      /"expected-organization-id" needs "verify: true"/
    )
    const { settings } = parseInputs(read({ 'expected-organization-id': 'ABC-1, def-2\nabc-1' }))
    assert.deepEqual(settings.expectedOrganizationIds, ['abc-1', 'def-2'])
  })
})

describe('scalar parsers', () => {
  it('booleans follow the YAML 1.2 core schema, as getBooleanInput does', () => {
    for (const t of ['true', 'True', 'TRUE']) assert.equal(parseBoolean('x', t, false), true)
    for (const f of ['false', 'False', 'FALSE', ' false '])
      assert.equal(parseBoolean('x', f, true), false)
    assert.equal(parseBoolean('x', '', true), true)
    for (const bad of ['yes', 'no', 'on', '1', '0', 'tRue'])
      assert.throws(() => parseBoolean('x', bad, true), ActionError)
  })

  it('numbers have ranges', () => {
    assert.equal(parseInteger('n', ' 7 ', 1, 0, 10), 7)
    assert.equal(parseInteger('n', '', 3, 0, 10), 3)
    assert.equal(parseSeconds('t', '0.5', 10, 300), 0.5)
    assert.throws(() => parseSeconds('t', '301', 10, 300), ActionError)
  })
})
