import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { basicCredential, buildTokenRequest } from '../src/token-request.js'

const creds = {
  clientId: 'id:1',
  clientSecret: 'sé cret&=+',
  tokenUrl: 'https://login.mypurecloud.ie/oauth/token',
  scopes: [] as string[]
}

describe('buildTokenRequest', () => {
  it('basic: the credentials go in the Authorization header only, as Genesys SDKs send them', () => {
    const req = buildTokenRequest({ ...creds, authMethod: 'basic' })
    assert.equal(req.method, 'POST')
    assert.equal(req.url, creds.tokenUrl)
    assert.equal(
      req.headers.Authorization,
      `Basic ${Buffer.from('id:1:sé cret&=+').toString('base64')}`
    )
    assert.equal(req.headers['Content-Type'], 'application/x-www-form-urlencoded')
    assert.equal(req.body, 'grant_type=client_credentials')
  })

  it('post: the credentials go in the form body, encoded', () => {
    const req = buildTokenRequest({ ...creds, authMethod: 'post', scopes: ['a', 'b:c'] })
    assert.equal(req.headers.Authorization, undefined)
    const form = new URLSearchParams(req.body)
    assert.equal(form.get('client_id'), 'id:1')
    assert.equal(form.get('client_secret'), 'sé cret&=+')
    assert.equal(form.get('scope'), 'a b:c')
  })

  it('the Basic credential is what gets masked', () => {
    assert.equal(basicCredential({ clientId: 'a', clientSecret: 'b' }), 'YTpi')
  })
})
