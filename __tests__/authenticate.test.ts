// Which tokens the main step revokes on its own: the rule of "revoke" on and off Genesys Cloud.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { revokesUnused } from '../src/authenticate.js'
import { resolveEndpoints } from '../src/genesys/endpoints.js'

describe('revokesUnused', () => {
  const genesys = resolveEndpoints('eu-west-1', '', '')
  const custom = resolveEndpoints('', 'https://idp.example.com', 'https://api.example.com')
  const genesysLogin = resolveEndpoints('', 'https://login.mypurecloud.de', '')

  it('on a Genesys Cloud login host: always, whatever "revoke" says', () => {
    for (const endpoints of [genesys, genesysLogin])
      for (const revoke of [true, false]) assert.equal(revokesUnused({ revoke, endpoints }), true)
  })

  it('elsewhere: only with "revoke: true"', () => {
    assert.equal(revokesUnused({ revoke: true, endpoints: custom }), true)
    assert.equal(revokesUnused({ revoke: false, endpoints: custom }), false)
  })
})
