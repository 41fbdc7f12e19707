// The decisions of authenticate() on an issued token, in-process against the loopback emulator:
// where the granted scopes come from and what a missing one fails with, permission probes that
// pass, are refused or get no answer, the organization check, a cancellation, and what happens
// to the token each time (revoked, held for a crash, remembered or forgotten for the post step).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseInputs } from '../../src/action/inputs.js'
import { Secrets, type Log } from '../../src/action/log.js'
import type { Saved } from '../../src/action/outputs.js'
import type { Report } from '../../src/action/summary.js'
import { ActionError, errors } from '../../src/errors.js'
import { Connections } from '../../src/net/connections.js'
import type { Cancellation, HttpPolicy } from '../../src/net/policy.js'
import { authenticate, newReport } from '../../src/steps/authenticate.js'
import { Emulator, type EmulatorOptions } from '../../tools/emulator.js'
import { testPolicy } from '../support/loopback.js'

const CLIENT = {
  id: 'client-checks-1',
  secret: 'S3cr3t-checks-value-0123456789',
  orgId: 'org-checks-1',
  orgName: 'Checks Org',
  allowedScopes: ['users:readonly', 'routing'],
  authorizedScope: ['users:readonly'],
  permissions: ['routing:queue:view']
}
const BOUND = { timeout: 20_000 }

/** One authenticate() call: what it resolved or failed with, and every effect it had. */
interface Outcome {
  failure?: string
  report: Report
  events: string[]
  remembered: Partial<Saved>[]
  held: ({ token: string; apiUrl: string } | undefined)[]
  published: number
}

describe('authenticate(): the checks on an issued token', () => {
  let emulator: Emulator
  let connections: Connections
  const start = async (options: Partial<EmulatorOptions> = {}) => {
    emulator = await Emulator.start({ clients: [{ ...CLIENT }], ...options })
    emulator.probeRoutes.set('/api/v2/routing/queues', 'routing:queue:view')
    emulator.probeRoutes.set('/api/v2/users', 'directory:user:view')
  }
  before(() => {
    connections = new Connections(1000)
  })
  after(async () => {
    connections.close()
    await emulator?.stop()
  })
  /** A fresh emulator for each case, so that options and faults never leak between them. */
  const fresh = async (options: Partial<EmulatorOptions> = {}) => {
    await emulator?.stop()
    await start(options)
  }

  async function authenticateWith(
    given: Record<string, string>,
    extra: Partial<HttpPolicy> = {}
  ): Promise<Outcome> {
    const read = (name: string) =>
      ({
        'client-id': CLIENT.id,
        'client-secret': CLIENT.secret,
        'login-url': emulator.url,
        'api-url': emulator.url,
        ...given
      })[name] ?? ''
    const { settings } = parseInputs(read)
    const events: string[] = []
    const log: Log = {
      info: line => events.push(`info ${line}`),
      debug: () => undefined,
      warning: line => events.push(`warning ${line}`),
      fail: line => events.push(`fail ${line}`),
      redact: text => text
    }
    const outcome: Outcome = {
      report: newReport(settings),
      events,
      remembered: [],
      held: [],
      published: 0
    }
    try {
      await authenticate(settings, outcome.report, {
        secrets: new Secrets(() => undefined),
        log,
        policy: testPolicy(connections, { maxAttempts: 1, ...extra }),
        now: Date.now,
        remember: saved => void outcome.remembered.push(saved),
        publish: () => void outcome.published++,
        hold: held => void outcome.held.push(held)
      })
    } catch (err) {
      assert.ok(err instanceof ActionError, `not an ActionError: ${String(err)}`)
      outcome.failure = err.message
    }
    return outcome
  }
  const lastToken = () => emulator.tokens.at(-1)!
  /** The failed check revoked the token, let go of it and left the post step nothing. */
  const assertRevokedAfterFailure = (o: Outcome) => {
    assert.equal(o.report.revokedAfterFailure, 'revoked')
    assert.ok(emulator.revoked.has(lastToken()))
    assert.equal(o.held.at(-1), undefined)
    assert.deepEqual(o.remembered.at(-1), { token: '' })
    assert.equal(o.published, 0)
    assert.ok(o.events.includes('info The rejected token was revoked.'), o.events.join('\n'))
  }

  describe('scopes', () => {
    it(
      'granted scopes from the JWT claims meet a broader or equal requirement',
      BOUND,
      async () => {
        await fresh({ jwt: true })
        const o = await authenticateWith({
          scopes: 'users:readonly routing',
          'required-scopes': 'users:readonly routing:queue:view',
          verify: 'false'
        })
        assert.equal(o.failure, undefined)
        assert.equal(o.report.scopeSource, 'token claims')
        assert.deepEqual(o.report.grantedScopes, ['users:readonly', 'routing'])
        assert.equal(o.published, 1)
      }
    )

    it(
      'an empty scope in the token response grants none: what is required is missing, and revoked',
      BOUND,
      async () => {
        await fresh({ responseScope: true })
        const o = await authenticateWith({
          scopes: 'users:readonly',
          'required-scopes': 'users:readonly analytics',
          verify: 'false'
        })
        assert.equal(o.report.scopeSource, 'token response')
        assert.deepEqual(o.report.grantedScopes, [], 'Genesys grants no scopes to this grant')
        assert.equal(o.failure, errors.scopesMissing(['users:readonly', 'analytics'], []).message)
        assertRevokedAfterFailure(o)
      }
    )

    it('granted scopes from tokens/me when the token says nothing', BOUND, async () => {
      await fresh()
      const o = await authenticateWith({ 'required-scopes': 'users:readonly' })
      assert.equal(o.failure, undefined)
      assert.equal(o.report.scopeSource, 'tokens/me')
      assert.equal(o.report.verified, true)
      assert.equal(o.report.organizationName, CLIENT.orgName)
    })

    it('an opaque token nobody describes: the scopes cannot be checked', BOUND, async () => {
      await fresh()
      const unverified = await authenticateWith({ scopes: 'routing', verify: 'false' })
      assert.equal(unverified.failure, errors.scopesUnknown(['routing'], false, true).message)
      assertRevokedAfterFailure(unverified)
      emulator.faults['tokens-me'].push({ status: 200, body: '{"organization":{"id":"o-1"}}' })
      const verified = await authenticateWith({ 'required-scopes': 'routing' })
      assert.equal(verified.failure, errors.scopesUnknown(['routing'], true, false).message)
    })
  })

  describe('permission probes', () => {
    const probes = '/api/v2/routing/queues?pageSize=1\nHEAD /api/v2/routing/queues'

    it('all answered 2xx: passed, logged, the token handed out', BOUND, async () => {
      await fresh()
      const o = await authenticateWith({ 'check-endpoints': probes, verify: 'false' })
      assert.equal(o.failure, undefined)
      assert.deepEqual(
        o.report.probes?.map(p => [p.method, p.status]),
        [
          ['GET', 200],
          ['HEAD', 200]
        ]
      )
      assert.ok(
        o.events.includes(
          'info Permission probes passed: GET /api/v2/routing/queues?pageSize=1, HEAD /api/v2/routing/queues'
        )
      )
      assert.equal(o.published, 1)
    })

    it(
      "a refused probe fails with the API's message, and the token is revoked",
      BOUND,
      async () => {
        await fresh()
        const o = await authenticateWith({ 'check-endpoints': '/api/v2/users', verify: 'false' })
        assert.match(
          o.failure ?? '',
          /^1 permission probe failed; .*\n- GET \/api\/v2\/users: HTTP 403: Unable to perform the requested action\. You are missing the following permission\(s\): \[directory:user:view\]\n/
        )
        assertRevokedAfterFailure(o)
      }
    )

    it(
      'a probe without an answer says why, in the words of any network failure',
      BOUND,
      async () => {
        await fresh()
        emulator.faults.probe.push({ kind: 'reset' })
        const o = await authenticateWith({ 'check-endpoints': '/api/v2/routing/queues' })
        const [probe] = o.report.probes ?? []
        assert.equal(probe.status, 0)
        assert.ok(!('error' in probe), 'the report holds the reason, not the error')
        assert.match(
          probe.message,
          new RegExp(
            `^Probe GET /api/v2/routing/queues to ${emulator.url} failed: .+, after 1 attempt\\. Check `
          )
        )
        assert.match(o.failure ?? '', /\n- GET \/api\/v2\/routing\/queues: no answer: Probe GET /)
        assertRevokedAfterFailure(o)
      }
    )
  })

  describe('the token after the checks', () => {
    it('another organization than expected: fails, revoked', BOUND, async () => {
      await fresh()
      const o = await authenticateWith({ 'expected-organization-id': 'org-other' })
      assert.equal(
        o.failure,
        errors.organizationMismatch(['org-other'], CLIENT.orgId, CLIENT.orgName).message
      )
      assertRevokedAfterFailure(o)
    })

    it(
      'a revocation that fails after a failed check is a warning; the failure stands',
      BOUND,
      async () => {
        await fresh()
        emulator.faults.revoke.push({ status: 503, body: '{"message":"down"}' })
        const o = await authenticateWith({ 'expected-organization-id': 'org-other' })
        assert.match(o.failure ?? '', /^The token belongs to organization "Checks Org"/)
        assert.equal(o.report.revokedAfterFailure, 'failed')
        assert.ok(
          o.events.includes(
            `warning ${'Could not revoke the rejected token (HTTP 503: down); it expires on its own.'}`
          ),
          o.events.join('\n')
        )
        assert.notEqual(o.held.at(-1), undefined, 'still held: a crash now would try again')
      }
    )

    it('a cancellation once the token exists: fails as cancelled, and revokes', BOUND, async () => {
      await fresh()
      // The signal comes while the token request is out: the request is let finish (its token
      // must be revoked), the checks are not run.
      const cancellation: Cancellation = {
        get requested() {
          return emulator.tokens.length > 0
        },
        signal: () => new AbortController().signal
      }
      const o = await authenticateWith({ verify: 'false' }, { cancellation })
      assert.equal(o.failure, errors.cancelled().message)
      assert.equal(o.report.revokedAfterFailure, 'revoked')
      assert.ok(emulator.revoked.has(lastToken()))
      assert.equal(o.report.expiry, undefined, 'no check ran')
    })

    it(
      'output-token: false: checked, revoked, and nothing left for the post step',
      BOUND,
      async () => {
        await fresh()
        const o = await authenticateWith({ 'output-token': 'false' })
        assert.equal(o.failure, undefined)
        assert.equal(o.report.revokedAfterCheck, 'revoked')
        assert.ok(emulator.revoked.has(lastToken()))
        assert.deepEqual(o.remembered.at(-1), { token: '' })
        assert.equal(o.held.at(-1), undefined)
      }
    )

    it('revoke: false off Genesys Cloud: handed out, kept, and no longer held', BOUND, async () => {
      await fresh()
      const o = await authenticateWith({ revoke: 'false', verify: 'false' })
      assert.equal(o.failure, undefined)
      assert.deepEqual(o.remembered, [], 'nothing for the post step to revoke')
      assert.deepEqual(o.held, [undefined], 'a token this run may not revoke is never held')
      assert.ok(!emulator.revoked.has(lastToken()))
    })

    it('revoke: true: remembered for the post step and held until handed out', BOUND, async () => {
      await fresh()
      const o = await authenticateWith({ verify: 'false' })
      assert.equal(o.failure, undefined)
      assert.equal(o.remembered[0].token, lastToken())
      assert.ok(o.remembered[1].expiresAt, 'the expiry is remembered too')
      assert.deepEqual(o.held, [{ token: lastToken(), apiUrl: emulator.url }])
      assert.ok(!emulator.revoked.has(lastToken()))
    })
  })
})
