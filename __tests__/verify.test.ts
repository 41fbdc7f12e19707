import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError } from '../src/errors.js'
import { checkOrganization, parseTokenInfo } from '../src/verify.js'

describe('parseTokenInfo', () => {
  it('reads the organization and authorized scopes', () => {
    const body = JSON.stringify({
      organization: { id: 'o1', name: 'Acme' },
      authorizedScope: ['a', 2, 'b'],
      OAuthClient: { id: 'c' }
    })
    assert.deepEqual(parseTokenInfo(body), {
      organizationId: 'o1',
      organizationName: 'Acme',
      authorizedScope: ['a', 'b']
    })
  })

  it('an empty authorizedScope tells nothing (client-credentials tokens may carry none)', () => {
    assert.equal(
      parseTokenInfo(JSON.stringify({ organization: { id: 'o1' }, authorizedScope: [] }))
        .authorizedScope,
      undefined
    )
  })

  it('fails on a body without an organization', () => {
    for (const body of ['', '{}', '{"organization":{}}', '[1]'])
      assert.throws(
        () => parseTokenInfo(body),
        (e: unknown) => e instanceof ActionError && /names no organization/.test(e.message),
        body
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
      () => checkOrganization(['prod-1'], info),
      /organization "Dev org" \(AB-12\), not to the expected organization prod-1/
    )
    assert.throws(() => checkOrganization(['p1', 'p2'], info), /expected organizations \(p1, p2\)/)
  })
})
