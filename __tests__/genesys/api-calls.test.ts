// The calls made with a token (verification, probes, revocation) and the token request itself,
// in-process against a loopback server that answers what each test queues.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import { ActionError, reasonOf, revokeReason } from '../../src/errors.js'
import type { HttpPolicy } from '../../src/net/policy.js'
import { PROBE_CONCURRENCY, probeFailed, runProbes } from '../../src/genesys/probes.js'
import { revokeToken } from '../../src/genesys/api.js'
import { requestToken, type ClientCredentials } from '../../src/genesys/token.js'
import { verifyToken } from '../../src/genesys/api.js'
import { testPolicy, type Handler, useLoopback } from '../support/loopback.js'
import { settledInWords } from '../support/worded.js'

const answer =
  (status: number, body: unknown = ''): Handler =>
  (_q, r) =>
    r
      .writeHead(status, { 'Content-Type': 'application/json' })
      .end(typeof body === 'string' ? body : JSON.stringify(body))
const HUGE = `{"message":"${'x'.repeat(2 * 1024 * 1024)}"}`

describe('calls with the token', () => {
  const net = useLoopback()
  let api = ''
  before(() => {
    api = net.server.origin
  })
  const policy = (extra: Partial<HttpPolicy> = {}) =>
    testPolicy(net.connections, { maxAttempts: 3, ...extra })
  const last = () => net.server.requests[net.server.requests.length - 1]

  describe('verifyToken', () => {
    it('GETs /api/v2/tokens/me with the token and reads the organization', async () => {
      net.server.handlers.push(answer(200, { organization: { id: 'org-1', name: 'Acme' } }))
      const info = await verifyToken(api, 'tok-v', policy())
      assert.deepEqual(info, { organizationId: 'org-1', organizationName: 'Acme' })
      assert.equal(last().method, 'GET')
      assert.equal(last().path, '/api/v2/tokens/me')
      assert.equal(last().headers.authorization, 'Bearer tok-v')
    })

    it("fails with the status and the API's message, after the retries of a 5xx", async () => {
      net.server.handlers.push(answer(401, { message: 'Authentication failed', code: 'x' }))
      await assert.rejects(settledInWords(verifyToken(api, 't', policy())), (e: unknown) => {
        assert.ok(e instanceof ActionError)
        assert.match(e.message, /failed: HTTP 401: Authentication failed\. The API rejected/)
        return true
      })
      net.server.handlers.push(answer(503), answer(503), answer(503))
      await assert.rejects(
        settledInWords(verifyToken(api, 't', policy())),
        /HTTP 503 \(after 3 attempts\)\./
      )
    })

    it('fails on a 2xx answer that names no organization', async () => {
      net.server.handlers.push(answer(200, '<html>portal</html>'))
      await assert.rejects(
        settledInWords(verifyToken(api, 't', policy())),
        /answered 2xx but its body names no/
      )
    })
  })

  describe('revokeToken', () => {
    it('DELETEs /api/v2/tokens/me; 2xx is revoked, 401 only unknown to this host', async () => {
      const outcomes = { 200: 'revoked', 204: 'revoked', 401: 'unknown' } as const
      for (const [status, outcome] of Object.entries(outcomes)) {
        net.server.handlers.push(answer(Number(status)))
        assert.deepEqual(await revokeToken(api, 'tok-r', policy()), { outcome }, status)
        assert.equal(last().method, 'DELETE')
        assert.equal(last().path, '/api/v2/tokens/me')
        assert.equal(last().headers.authorization, 'Bearer tok-r')
      }
    })

    it('never throws: a refusal or a network failure is a reason', async () => {
      const failed = async (url: string, extra: Partial<HttpPolicy> = {}) => {
        const result = await revokeToken(url, 't', policy(extra))
        assert.ok(result.outcome === 'failed')
        return result
      }
      net.server.handlers.push(answer(403, { message: 'Not yours' }))
      const refused = await failed(api)
      assert.deepEqual(refused, { outcome: 'failed', status: 403, message: 'Not yours' })
      assert.equal(revokeReason(refused), 'HTTP 403: Not yours')
      net.server.handlers.push(answer(404, 'nope'))
      assert.equal(revokeReason(await failed(api)), 'HTTP 404')
      assert.match(
        revokeReason(await failed('http://127.0.0.1:1', { maxAttempts: 1 })),
        /^Token revocation to http:\/\/127\.0\.0\.1:1 failed: ECONNREFUSED, after 1 attempt\./
      )
    })
  })

  describe('runProbes', () => {
    it('keeps the input order, at most PROBE_CONCURRENCY at a time', async () => {
      let open = 0
      let peak = 0
      const slow =
        (status: number): Handler =>
        (q, r) => {
          peak = Math.max(peak, ++open)
          setTimeout(() => {
            open--
            answer(status, status === 200 ? {} : { message: `no ${q.url}` })(q, r)
          }, 30)
        }
      const probes = Array.from({ length: 7 }, (_, i) => ({
        method: 'GET' as const,
        path: `/api/v2/p${i}`
      }))
      net.server.handlers.push(...probes.map((_, i) => slow(i === 5 ? 403 : 200)))
      const results = await runProbes(api, 't', probes, policy())
      assert.deepEqual(
        results.map(r => r.path),
        probes.map(p => p.path)
      )
      assert.ok(peak <= PROBE_CONCURRENCY && peak > 1, `peak ${peak}`)
      assert.deepEqual(
        results.map(r => r.status),
        [200, 200, 200, 200, 200, 403, 200]
      )
      // Which request got the 403 depends on the order of arrival; its message names it.
      const failed = results.filter(probeFailed)
      assert.equal(failed.length, 1)
      assert.match(failed[0].message, /^no \/api\/v2\/p\d$/)
      for (const r of results) assert.ok(Number.isInteger(r.ms) && r.ms >= 0)
    })

    it('a 2xx or 4xx answer over 1 MiB is cut, not failed', async () => {
      net.server.handlers.push(answer(200, HUGE), answer(403, HUGE))
      const results = await runProbes(
        api,
        't',
        [
          { method: 'GET', path: '/api/v2/big' },
          { method: 'GET', path: '/api/v2/big-refusal' }
        ],
        policy({ maxAttempts: 1 })
      )
      assert.deepEqual(results.map(r => [r.status, r.message]).sort(), [
        [200, ''],
        [403, '']
      ])
    })

    it('a probe that gets no answer has status 0 and says why', async () => {
      const [r] = await runProbes(
        'http://127.0.0.1:1',
        't',
        [{ method: 'HEAD', path: '/api/v2/x' }],
        policy({ maxAttempts: 1 })
      )
      assert.equal(r.status, 0)
      assert.ok(probeFailed(r))
      assert.equal(r.message, '', 'no answer, no API message: the failure is the reason')
      assert.match(
        reasonOf(r.error),
        /^Probe HEAD \/api\/v2\/x to http:\/\/127\.0\.0\.1:1 failed: ECONNREFUSED/
      )
    })
  })

  describe('requestToken', () => {
    const creds = (): ClientCredentials => ({
      clientId: 'id',
      clientSecret: 'secret',
      authMethod: 'basic',
      scopes: [],
      tokenUrl: `${api}/oauth/token`
    })
    const rateLimited = answer(400, {
      error: 'invalid_request',
      error_description: 'rate limit exceeded; retry later'
    })

    it("retries the token endpoint's 400 rate limit, then takes the token out", async () => {
      net.server.handlers.push(
        rateLimited,
        answer(200, { access_token: 'tok-t', token_type: 'bearer', expires_in: 60 })
      )
      const issued = await requestToken(creds(), policy())
      assert.equal(issued.accessToken, 'tok-t')
      assert.equal(issued.attempts, 2)
      assert.deepEqual(issued.json, { access_token: 'tok-t', token_type: 'bearer', expires_in: 60 })
    })

    it("fails with the endpoint's error and hint; a rate limit that outlasts the retries says so", async () => {
      net.server.handlers.push(
        answer(400, { error: 'invalid_client', description: 'client not found' })
      )
      await assert.rejects(
        settledInWords(requestToken(creds(), policy())),
        /Token request failed: HTTP 400 invalid_client: client not found\. The client ID is unknown/
      )
      net.server.handlers.push(rateLimited, rateLimited)
      await assert.rejects(
        settledInWords(requestToken(creds(), policy({ maxAttempts: 2 }))),
        /HTTP 400 invalid_request: rate limit exceeded; retry later \(after 2 attempts\)\. The token endpoint is rate limiting/
      )
    })

    it('a 2xx answer without a token fails before any other field is read', async () => {
      net.server.handlers.push(answer(200, { token_type: 'mac', expires_in: 'never' }))
      await assert.rejects(
        settledInWords(requestToken(creds(), policy())),
        /it holds no "access_token"/
      )
    })
  })
})
