// The post step: revoke the token this job was given, once the job's steps are done.
// It warns and never fails: the job's outcome was decided by the steps that ran.
import * as core from '@actions/core'
import { parseMaxAttempts, parseTimeoutMs } from '../action/inputs.js'
import { createLog, debugOf, Secrets } from '../action/log.js'
import { readState } from '../action/outputs.js'
import { StepCancellation, type Runner } from '../action/runner.js'
import { ActionError, revocationLine, warnings, worded } from '../errors.js'
import { revokeToken } from '../genesys/api.js'
import { parseBaseUrl } from '../genesys/endpoints.js'
import { Connections } from '../net/connections.js'
import { budgetMs, budgetScale, policyOf, type Timing } from '../net/policy.js'
import { proxySecrets } from '../net/proxy.js'

/** The post step cannot fail a job over a bad input the main step already reported: default it. */
const lenient = (parse: (raw: string) => number, raw: string): number => {
  try {
    return parse(raw)
  } catch {
    return parse('')
  }
}

/**
 * State is a file any earlier step of the job could have written: its URL gets the main step's
 * rules (https, or http on loopback; no credentials, no query) before a bearer token goes to it.
 */
function refusedUrl(apiUrl: string): string | undefined {
  try {
    parseBaseUrl('api', apiUrl)
    return undefined
  } catch (err) {
    const known = worded(err)
    return known instanceof ActionError ? known.message : 'not a URL'
  }
}

/** Post steps get a minute of retries (or twice "timeout", when longer): revocation is a courtesy. */
const POST_BUDGET_MS = 60_000

/** `timing` replaces real time in tests (no waits, a fixed clock); a run leaves it alone. */
export async function run(
  runner: Runner = core,
  env = process.env,
  timing: Timing = {}
): Promise<void> {
  const secrets = new Secrets(value => runner.setSecret(value))
  const log = createLog(secrets, runner)
  const saved = readState(runner)
  secrets.add(saved.token)
  for (const value of proxySecrets(env)) secrets.add(value)
  const unexpected = () => log.warning(warnings.revokeFailed('unexpected failure', false))
  const guard = () => {
    unexpected()
    process.exit(0)
  }
  process.on('uncaughtException', guard)
  const refused = saved.token ? refusedUrl(saved.apiUrl) : undefined
  // State holds a token the main step would revoke (revoke: true; in check mode, or on Genesys
  // Cloud, one not handed out) and did not, having failed to or been killed first; `keep` says
  // the token was handed out with revoke: false.
  if (saved.keep === 'true')
    log.info('The token was handed out with revoke: false; it is left to expire.')
  else if (!saved.token) log.info('No token to revoke: none was issued, or it was revoked already.')
  else if (Date.parse(saved.expiresAt) <= (timing.now ?? Date.now)())
    log.info('The token has already expired; nothing to revoke.')
  else if (refused !== undefined) log.warning(warnings.stateUrlRefused(refused))
  else {
    const settings = {
      maxAttempts: lenient(parseMaxAttempts, runner.getInput('max-attempts')),
      timeoutMs: lenient(parseTimeoutMs, runner.getInput('timeout'))
    }
    const connections = new Connections(settings.timeoutMs, { env, debug: debugOf(env, log) })
    // Cancelled (the job was): the revocation on the wire may finish, without retries.
    const cancellation = new StepCancellation()
    const onSignal = (signal: NodeJS.Signals) => cancellation.cancel(signal, () => process.exit(0))
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal)
    const urls = [saved.apiUrl]
    const budget = budgetMs(settings.timeoutMs, POST_BUDGET_MS * budgetScale(env, urls))
    try {
      const policy = {
        ...policyOf(settings, log, connections, budget, { urls, env, timing }),
        cancellation
      }
      const apiUrl = parseBaseUrl('api', saved.apiUrl)
      const result = await revokeToken(apiUrl, saved.token, policy)
      const line = revocationLine(result, {
        what: 'The token',
        apiUrl,
        rejected: false,
        revoked: 'The token was revoked.'
      })
      if (line) log[line[0]](line[1])
    } catch {
      unexpected()
    } finally {
      connections.close()
      cancellation.close()
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onSignal)
    }
  }
  process.off('uncaughtException', guard)
}
