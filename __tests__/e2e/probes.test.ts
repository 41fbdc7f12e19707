// Permission probes: read-only API calls with the new token, before anything is deployed.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Emulator } from '../../tools/emulator.js'
import { CLIENT, errorOf, inputsFor, run, startEmulator } from '../../tools/harness.js'

const QUEUES = '/api/v2/routing/queues'
const FLOWS = '/api/v2/flows'
const USERS = '/api/v2/users'

describe('check-endpoints', () => {
  let emu: Emulator
  before(async () => {
    emu = await startEmulator({
      clients: [{ ...CLIENT, permissions: ['routing:queue:view', 'architect:flow:view'] }]
    })
    emu.probeRoutes.set(QUEUES, 'routing:queue:view')
    emu.probeRoutes.set(FLOWS, 'architect:flow:view')
    emu.probeRoutes.set(USERS, 'directory:user:view')
  })
  after(() => emu.stop())

  const since = (start: number) => emu.requests.slice(start)

  it('passes when every path answers 2xx, and tables them in the summary', async () => {
    const start = emu.requests.length
    const r = await run(
      emu,
      'main',
      inputsFor(emu, {
        'check-endpoints': `${QUEUES}?pageSize=1\nHEAD ${FLOWS}\n\n# comments are skipped\n`
      })
    )
    assert.equal(r.code, 0, r.stdout)
    const probes = since(start).filter(q => q.route === 'probe')
    assert.deepEqual(probes.map(q => `${q.method} ${q.path}`).sort(), [
      `GET ${QUEUES}?pageSize=1`,
      `HEAD ${FLOWS}`
    ])
    for (const q of probes)
      assert.equal(q.headers.authorization, `Bearer ${r.outputs['access-token']}`)
    assert.match(
      r.summary,
      new RegExp(`\\| \`GET ${QUEUES}\\?pageSize=1\` \\| 200 \\| \\d+ ms \\| ✅ \\|`)
    )
    assert.doesNotMatch(r.stdout + r.summary, /customer data/, 'response bodies are never logged')
  })

  it('runs without verify too', async () => {
    const start = emu.requests.length
    const r = await run(emu, 'main', inputsFor(emu, { verify: 'false', 'check-endpoints': QUEUES }))
    assert.equal(r.code, 0, r.stdout)
    assert.deepEqual(
      since(start).map(q => q.route),
      ['token', 'probe']
    )
  })

  it('one missing permission fails the step, names path and permission, and revokes the token', async () => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'check-endpoints': `${QUEUES}\n${USERS}?pageSize=1` })
    )
    assert.equal(r.code, 1)
    const error = errorOf(r)
    assert.match(error, /^1 permission probe failed/)
    assert.match(
      error,
      new RegExp(
        `- GET ${USERS}\\?pageSize=1: HTTP 403: .*missing the following permission\\(s\\): \\[directory:user:view\\]`
      )
    )
    assert.doesNotMatch(error, new RegExp(`GET ${QUEUES}:`))
    assert.ok(emu.revoked.has(emu.tokens.at(-1)!))
    assert.deepEqual(r.outputs, {})
    assert.match(r.summary, /\| 403: .* \| \d+ ms \| ❌ \|/)
  })

  it('lists every failing path, not only the first (403 and 404)', async () => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'check-endpoints': `${USERS}\n${QUEUES}\n/api/v2/nowhere\nHEAD ${USERS}` })
    )
    assert.equal(r.code, 1)
    const error = errorOf(r)
    assert.match(error, /^3 permission probes failed/)
    assert.match(error, new RegExp(`- GET ${USERS}: HTTP 403`))
    assert.match(error, /- GET \/api\/v2\/nowhere: HTTP 404: No resource at \/api\/v2\/nowhere/)
    assert.match(error, new RegExp(`- HEAD ${USERS}: HTTP 403`))
  })

  it('retries a transient 503 on a probe', async () => {
    emu.faults.probe.push({ status: 503 })
    const start = emu.requests.length
    const r = await run(emu, 'main', inputsFor(emu, { 'check-endpoints': QUEUES }))
    assert.equal(r.code, 0, r.stdout)
    assert.equal(since(start).filter(q => q.route === 'probe').length, 2)
    assert.match(r.stdout, new RegExp(`Probe GET ${QUEUES}: attempt 1/5 failed \\(HTTP 503\\)`))
  })

  it('runs at most 4 probes at a time', async () => {
    const paths = Array.from({ length: 10 }, (_, i) => `${QUEUES}?page=${i}`)
    // Each probe hangs until released, so in-flight requests can be counted.
    emu.faults.probe.length = 0
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { verify: 'false', 'check-endpoints': paths.join('\n') })
    )
    assert.equal(r.code, 0, r.stdout)
    const probes = emu.requests.filter(q => q.route === 'probe' && q.path.includes('?page='))
    assert.equal(probes.length, 10)
    assert.ok(emu.maxInFlight('probe') <= 4, `in flight: ${emu.maxInFlight('probe')}`)
    assert.ok(emu.maxInFlight('probe') >= 2, 'probes do run concurrently')
  })

  const bad: [string, RegExp][] = [
    ['https://evil.example/api/v2/users', /not a URL/],
    ['//evil.example/api/v2/users', /not a URL/],
    ['/api/v2/../../oauth/token', /"\." and "\.\." segments/],
    ['/api/v2/%2e%2e/x', /encoded dots/],
    ['/api/v2/users#frag', /fragments/],
    ['/api/v2/users@evil.example', /"@"/],
    ['/v2/users', /: it must start with \/api\/ \(a path on the API host/],
    ['POST /api/v2/users', /POST is not allowed: probes are read-only/],
    ['DELETE /api/v2/tokens/me', /DELETE is not allowed/],
    ['GET /api/v2/users extra', /one path per line/]
  ]
  for (const [line, message] of bad) {
    it(`rejects ${JSON.stringify(line)} as bad input, with no request`, async () => {
      const start = emu.requests.length
      const r = await run(emu, 'main', inputsFor(emu, { 'check-endpoints': `${QUEUES}\n${line}` }))
      assert.equal(r.code, 1)
      assert.match(errorOf(r), /^Input "check-endpoints" has /)
      assert.match(errorOf(r), message)
      assert.equal(emu.requests.length, start)
    })
  }

  it('probes go to the API host only, never to the login host', async () => {
    const api = await startEmulator()
    try {
      api.probeRoutes.set(QUEUES, 'routing:queue:view')
      const start = emu.requests.length
      const r = await run(
        emu,
        'main',
        inputsFor(emu, { 'api-url': api.url, verify: 'false', 'check-endpoints': QUEUES })
      )
      // The API emulator never issued this token, so it answers 401: what matters is where the probe went.
      assert.equal(r.code, 1)
      assert.deepEqual(
        api.requests.map(q => `${q.method} ${q.path}`),
        [`GET ${QUEUES}`, 'DELETE /api/v2/tokens/me']
      )
      assert.deepEqual(
        since(start).map(q => q.route),
        ['token']
      )
      assert.match(errorOf(r), new RegExp(`- GET ${QUEUES}: HTTP 401: Authentication failed`))
    } finally {
      await api.stop()
    }
  })
})
