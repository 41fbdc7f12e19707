import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  basicCredential,
  buildTokenRequest,
  tokenTransient,
  type ClientCredentials
} from '../../src/genesys/token.js'

const creds = (extra: Partial<ClientCredentials> = {}): ClientCredentials => ({
  clientId: 'id:1',
  clientSecret: 'sé cret&=+%',
  authMethod: 'basic',
  scopes: [],
  tokenUrl: 'https://login.mypurecloud.ie/oauth/token',
  ...extra
})
const decodeBasic = (header: string | undefined) => {
  if (header === undefined || !header.startsWith('Basic ')) assert.fail(`not Basic: ${header}`)
  return Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8')
}

describe('buildTokenRequest', () => {
  it('POSTs a form to the token URL, asking for JSON', () => {
    const req = buildTokenRequest(creds())
    assert.equal(req.method, 'POST')
    assert.equal(req.url, 'https://login.mypurecloud.ie/oauth/token')
    assert.equal(req.headers['Content-Type'], 'application/x-www-form-urlencoded')
    assert.equal(req.headers.Accept, 'application/json')
    assert.equal(req.what, 'Token request')
    assert.equal(req.transient, tokenTransient, "the token endpoint's own retry rule")
  })

  it('basic: the credentials go in the Authorization header only, as Genesys SDKs send them', () => {
    const req = buildTokenRequest(creds())
    assert.equal(decodeBasic(req.headers.Authorization), 'id:1:sé cret&=+%')
    assert.equal(req.body, 'grant_type=client_credentials')
    assert.ok(!req.body?.includes('cret'))
  })

  it('post: the credentials go in the form body, encoded, and no Authorization header', () => {
    const req = buildTokenRequest(creds({ authMethod: 'post' }))
    assert.equal(req.headers.Authorization, undefined)
    assert.ok(!Object.values(req.headers).some(v => v.includes('cret')))
    const form = new URLSearchParams(req.body)
    assert.deepEqual([...form.keys()], ['grant_type', 'client_id', 'client_secret'])
    assert.equal(form.get('grant_type'), 'client_credentials')
    assert.equal(form.get('client_id'), 'id:1')
    assert.equal(form.get('client_secret'), 'sé cret&=+%')
  })

  it('sends no scope parameter unless scopes are requested (Genesys clients have roles)', () => {
    assert.equal(new URLSearchParams(buildTokenRequest(creds()).body).has('scope'), false)
  })

  it('sends requested scopes space-separated', () => {
    for (const authMethod of ['basic', 'post'] as const) {
      const req = buildTokenRequest(creds({ authMethod, scopes: ['a', 'b:c', 'd'] }))
      assert.equal(new URLSearchParams(req.body).get('scope'), 'a b:c d')
    }
  })
})

describe('basicCredential', () => {
  it('is base64 of "id:secret" in UTF-8', () => {
    assert.equal(basicCredential({ clientId: 'a', clientSecret: 'b' }), 'YTpi')
    assert.equal(
      Buffer.from(basicCredential({ clientId: 'ünï', clientSecret: '秘密:x' }), 'base64').toString(
        'utf8'
      ),
      'ünï:秘密:x'
    )
  })

  it('is exactly what the Authorization header carries', () => {
    const c = creds()
    assert.equal(buildTokenRequest(c).headers.Authorization, `Basic ${basicCredential(c)}`)
  })
})

describe('tokenTransient', () => {
  const oauth = (error: string, description: string, field = 'error_description') =>
    JSON.stringify({ error, [field]: description })

  for (const status of [408, 429, 500, 502, 503, 504])
    it(`HTTP ${status} is transient`, () => {
      assert.equal(tokenTransient(status, ''), `HTTP ${status}`)
      assert.equal(tokenTransient(status, oauth('invalid_client', 'x')), `HTTP ${status}`)
    })

  it('the token endpoint\'s 400 invalid_request "rate limit exceeded" is transient', () => {
    const reason = 'HTTP 400 rate limit exceeded'
    assert.equal(
      tokenTransient(400, oauth('invalid_request', 'rate limit exceeded; retry later')),
      reason
    )
    assert.equal(
      tokenTransient(400, oauth('invalid_request', 'Rate limit exceeded', 'description')),
      reason
    )
    assert.equal(tokenTransient(400, oauth('invalid_request', 'RATE LIMIT EXCEEDED')), reason)
  })

  it('400 invalid_client is final, even when its text mentions a rate limit', () => {
    assert.equal(tokenTransient(400, oauth('invalid_client', 'authentication failed')), undefined)
    assert.equal(tokenTransient(400, oauth('invalid_client', 'client not found')), undefined)
    assert.equal(tokenTransient(400, oauth('invalid_client', 'rate limit exceeded')), undefined)
  })

  it('other 400s are final: other invalid_request texts, empty or non-JSON bodies', () => {
    assert.equal(tokenTransient(400, oauth('invalid_request', 'bad grant_type')), undefined)
    assert.equal(
      tokenTransient(400, oauth('invalid_request', 'request: rate limit exceeded')),
      undefined
    )
    assert.equal(
      tokenTransient(400, oauth('unauthorized_client', 'rate limit exceeded')),
      undefined
    )
    assert.equal(tokenTransient(400, ''), undefined)
    assert.equal(tokenTransient(400, 'rate limit exceeded'), undefined)
  })

  it('401 and 403 are final, whatever the body', () => {
    for (const status of [401, 403]) {
      assert.equal(tokenTransient(status, ''), undefined)
      assert.equal(
        tokenTransient(status, oauth('invalid_client', 'authentication failed')),
        undefined
      )
      assert.equal(
        tokenTransient(status, oauth('invalid_request', 'rate limit exceeded')),
        undefined
      )
    }
  })

  it('success, redirects and other errors are final', () => {
    for (const status of [0, 200, 201, 204, 301, 302, 404, 405, 409, 418, 422, 501, 505, 599])
      assert.equal(tokenTransient(status, ''), undefined, String(status))
  })
})
