// The steps route from the environment they are given, as they mask from it: run(runner, env)
// with a proxy in `env` and none in process.env goes through that proxy, and the route is a
// debug line only when `env` asks for debug output.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { run as runMain } from '../../src/steps/main.js'
import { run as runPost } from '../../src/steps/post.js'
import { fakeRunner } from '../support/fake-runner.js'
import { AuthProxy } from '../support/proxy.js'

const BOUND = { timeout: 20_000 }
// A host only a proxy could reach (.test never resolves); the proxy answers 407 without a tunnel.
const INPUTS = {
  'client-id': 'client-in-process-1',
  'client-secret': 'S3cr3t-in-process-value-0123456789',
  'login-url': 'https://login.example.test',
  'api-url': 'https://api.example.test',
  'max-attempts': '1',
  timeout: '10',
  verify: 'false'
}

describe('run(runner, env) routes from env, not process.env', () => {
  let proxy: AuthProxy
  const saved = { https_proxy: process.env.https_proxy, HTTPS_PROXY: process.env.HTTPS_PROXY }
  before(async () => {
    proxy = await AuthProxy.start()
    delete process.env.https_proxy
    delete process.env.HTTPS_PROXY
  })
  after(async () => {
    for (const [k, v] of Object.entries(saved)) if (v !== undefined) process.env[k] = v
    await proxy.stop()
  })

  it(
    'main: the token request goes to the proxy in env; debug lines need RUNNER_DEBUG=1',
    BOUND,
    async () => {
      const env = { https_proxy: proxy.url.replace('http://', 'http://me:pr0xy-pw-42@') }
      const quiet = fakeRunner(INPUTS)
      await runMain(quiet.runner, env)
      assert.equal(proxy.connects.at(-1)?.target, 'login.example.test:443')
      assert.match(
        quiet.calls.failed[0],
        /the proxy http:\/\/127\.0\.0\.1:\d+ wants credentials \(HTTP 407\)/
      )
      assert.ok(quiet.calls.secrets.includes('pr0xy-pw-42'))
      assert.deepEqual(
        quiet.calls.info.filter(l => l.startsWith('debug:')),
        []
      )

      const loud = fakeRunner(INPUTS)
      await runMain(loud.runner, { ...env, RUNNER_DEBUG: '1' })
      assert.deepEqual(
        loud.calls.info.filter(l => l.startsWith('debug:')),
        [`debug: login.example.test: via proxy ${proxy.url} (https_proxy)`]
      )
    }
  )

  it('post: the revoke goes to the proxy in env', BOUND, async () => {
    const state = {
      token: 'some-token-value-xyz',
      'api-url': 'https://api.example.test',
      'expires-at': new Date(Date.now() + 3_600_000).toISOString()
    }
    const { runner, calls } = fakeRunner(INPUTS, { state })
    const start = proxy.connects.length
    await runPost(runner, { https_proxy: proxy.url })
    assert.deepEqual(
      proxy.connects.slice(start).map(c => c.target),
      ['api.example.test:443']
    )
    assert.match(calls.warnings[0], /Could not revoke the token \(.*HTTP 407/)
  })
})
