import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../../src/errors.js'
import { checkOrganization, parseTokenInfo } from '../../src/genesys/api.js'
import { noSecrets } from '../support/loopback.js'
import { inWords } from '../support/worded.js'

describe('parseTokenInfo', () => {
  it('reads the organization and authorized scopes', () => {
    const json = {
      organization: { id: 'o1', name: 'Acme' },
      authorizedScope: ['a', 2, 'b'],
      OAuthClient: { id: 'c' }
    }
    assert.deepEqual(parseTokenInfo(json, noSecrets), {
      organizationId: 'o1',
      organizationName: 'Acme',
      authorizedScope: ['a', 'b']
    })
  })

  it('an empty authorizedScope tells nothing (client-credentials tokens may carry none)', () => {
    assert.equal(
      parseTokenInfo({ organization: { id: 'o1' }, authorizedScope: [] }, noSecrets)
        .authorizedScope,
      undefined
    )
  })

  it('fails on a body without an organization', () => {
    for (const json of [undefined, '', {}, { organization: {} }, [1], null, { organization: 'o1' }])
      assert.throws(
        () => inWords(() => parseTokenInfo(json, noSecrets)),
        (e: unknown) => e instanceof ActionError && /names no organization/.test(e.message),
        JSON.stringify(json)
      )
  })

  it('an organization id must be 1 to 64 word characters or hyphens', () => {
    const ok = ['7f6e5d4c-0000-4000-8000-00000000a001', 'a', 'A_b-1', 'x'.repeat(64)]
    for (const id of ok)
      assert.equal(parseTokenInfo({ organization: { id } }, noSecrets).organizationId, id)
    const bad = ['', 'x'.repeat(65), 'a b', 'a\n::add-path::x', 'a/b', '<org>', 'ä', 42, null]
    for (const id of bad)
      assert.throws(
        () => inWords(() => parseTokenInfo({ organization: { id } }, noSecrets)),
        /names no organization/,
        JSON.stringify(id)
      )
  })

  it('makes the organization name one line, capped at 200 characters; no name gives ""', () => {
    const name = (v: unknown) => parseTokenInfo({ organization: { id: 'o1', name: v } }, noSecrets)
    assert.equal(name('Acme\n::add-path::/tmp').organizationName, 'Acme ::add-path::/tmp')
    assert.equal(name('n'.repeat(500)).organizationName, `${'n'.repeat(200)}…`)
    for (const v of [undefined, null, 42, ['Acme']]) assert.equal(name(v).organizationName, '')
  })

  it('keeps only one-line scopes without whitespace', () => {
    const info = parseTokenInfo(
      {
        organization: { id: 'o1' },
        authorizedScope: ['users', 'a b', 'x\ny', '  routing  ', '', '\u2028', 7, { s: 1 }]
      },
      noSecrets
    )
    assert.deepEqual(info.authorizedScope, ['users', 'routing'])
    assert.equal(
      parseTokenInfo({ organization: { id: 'o1' }, authorizedScope: ['a b', ''] }, noSecrets)
        .authorizedScope,
      undefined,
      'nothing usable is the same as nothing listed'
    )
  })
})

describe('checkOrganization', () => {
  const info = { organizationId: 'AB-12', organizationName: 'Dev org' }
  it('passes any organization when none is expected, and a listed one in any case', () => {
    assert.doesNotThrow(() => checkOrganization([], info))
    assert.doesNotThrow(() => checkOrganization(['zz', 'ab-12'], info))
  })
  it('names expected and actual on a mismatch', () => {
    assert.throws(
      () => inWords(() => checkOrganization(['prod-1'], info)),
      /organization "Dev org" \(AB-12\), not to the expected organization prod-1/
    )
    assert.throws(
      () => inWords(() => checkOrganization(['p1', 'p2'], info)),
      /expected organizations \(p1, p2\)/
    )
  })
  it('expected ids are compared with the lower-cased actual id', () => {
    assert.throws(
      () => inWords(() => checkOrganization(['AB-12'], info)),
      /not to the expected organization AB-12/
    )
  })
})
