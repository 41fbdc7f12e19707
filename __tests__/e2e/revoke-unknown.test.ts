// Explicit "login-url" and "api-url" of hosts that disagree: the API host knows none of the login
// host's tokens and answers every call with them, the revocation included, with 401. That 401
// proves only that this host does not know the token, which stays valid where it was issued: the
// log and the summary must say so, and never that it was revoked.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'

const UNKNOWN =
  /::warning::The (rejected|checked) token is not known to be revoked: http:\/\/127\.0\.0\.1:\d+ answered the revocation with HTTP 401, so that host does not know the token: it may belong to another region's API or have been revoked already\./
// What the step says of a revocation answered with success (the verification hint's lower-case
// "or the token was revoked" is a cause, not a claim).
const CLAIMS =
  /The rejected token was revoked|checked and revoked|The token was revoked|and revoked/

describe('an API host that does not know the login host’s tokens (revocation answered 401)', () => {
  let login: Emulator
  let api: Emulator
  before(async () => {
    login = await startEmulator()
    api = await startEmulator({ clients: [] })
  })
  after(async () => {
    await login.stop()
    await api.stop()
  })
  const inputs = (extra: Record<string, string> = {}) => ({
    ...inputsFor(login),
    'api-url': api.url,
    ...extra
  })
  const deletes = () => api.requests.filter(r => r.method === 'DELETE').length

  it('verification fails with 401; the revocation is not called one, in the log or the summary', async () => {
    const sent = deletes()
    const r = await run(login, 'main', inputs())
    assert.equal(r.code, 1, r.stdout)
    assert.match(errorOf(r), /Token verification \(GET \/api\/v2\/tokens\/me\) failed: HTTP 401/)
    assert.equal(deletes(), sent + 1, 'the revocation was tried at the API host')
    const token = login.tokens.at(-1)!
    assert.ok(!login.revoked.has(token), 'the token lives at the login host')
    assert.doesNotMatch(r.stdout, CLAIMS)
    assert.match(r.stdout, UNKNOWN)
    const row = r.summary.split('\n').find(l => l.startsWith('| Revoked after failure |'))
    assert.ok(row, r.summary)
    assert.doesNotMatch(row, /\| yes \|/)
    assert.match(row, /the API host answered 401, so it does not know the token/)
  })

  it('output-token: false: "checked", never "and revoked"', async () => {
    const r = await run(login, 'main', inputs({ verify: 'false', 'output-token': 'false' }))
    assert.equal(r.code, 0, r.stdout)
    assert.ok(!login.revoked.has(login.tokens.at(-1)!))
    assert.doesNotMatch(r.stdout, CLAIMS)
    assert.match(r.stdout, UNKNOWN)
    const result = r.summary.split('\n').find(l => l.startsWith('| Result |'))!
    assert.doesNotMatch(result, CLAIMS)
    assert.match(result, /revoked: not known: the API host answered 401/)
  })

  it('the post step: warns what the 401 means, and says nothing of a revocation', async () => {
    const main = await run(login, 'main', inputs({ verify: 'false' }))
    assert.equal(main.code, 0, main.stdout)
    const post = await run(login, 'post', inputs(), { state: main.state })
    assert.equal(post.code, 0, 'a revocation that is not confirmed never fails the job')
    assert.ok(!login.revoked.has(main.outputs['access-token']))
    assert.match(
      post.stdout,
      /::warning::The token is not known to be revoked: .* answered the revocation with HTTP 401, so that host does not know the token/
    )
    assert.doesNotMatch(post.stdout, /The token was revoked/)
  })
})
