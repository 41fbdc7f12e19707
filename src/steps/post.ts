// The post step: revoke the token this job was given, once the job's steps are done.
// It warns and never fails: the job's outcome was decided by the steps that ran.
import * as core from '@actions/core'
import { parseInteger, parseSeconds } from '../action/inputs.js'
import { createLog, debugOf, Secrets } from '../action/log.js'
import { readState } from '../action/outputs.js'
import { StepCancellation, type Runner } from '../action/runner.js'
import { ActionError, warnings } from '../errors.js'
import { revokeToken } from '../genesys/api.js'
import { parseBaseUrl } from '../genesys/endpoints.js'
import { Connections } from '../net/connections.js'
import { budgetMs, policyOf, type Timing } from '../net/policy.js'
import { proxySecrets } from '../net/proxy.js'

const lenient = <T>(parse: () => T, fallback: T): T => {
  try {
    return parse()
  } catch {
    return fallback
  }
}

/**
 * State is a file any earlier step of the job could have written: its URL gets the main step's
 * rules (https, or http on loopback; no credentials, no query) before a bearer token goes to it.
 */
function refusedUrl(apiUrl: string): string | undefined {
  try {
    parseBaseUrl('api-url', apiUrl)
    return undefined
  } catch (err) {
    return err instanceof ActionError ? err.message : 'not a URL'
  }
}

/** Post steps get a minute of retries (or "timeout", when longer): revocation is a courtesy. */
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
  // State holds a token only when the main step issued one with "revoke: true" and did not
  // revoke it already.
  if (!saved.token) log.info('No token to revoke: none was issued, or it was revoked already.')
  else if (Date.parse(saved.expiresAt) <= (timing.now ?? Date.now)())
    log.info('The token has already expired; nothing to revoke.')
  else if (refused !== undefined) log.warning(warnings.stateUrlRefused(refused))
  else {
    const settings = {
      maxAttempts: lenient(
        () => parseInteger('max-attempts', runner.getInput('max-attempts'), 5, 1, 10),
        5
      ),
      timeoutMs:
        lenient(() => parseSeconds('timeout', runner.getInput('timeout'), 10, 300), 10) * 1000
    }
    const connections = new Connections(settings.timeoutMs, { env, debug: debugOf(env, log) })
    // Cancelled (the job was): the revocation on the wire may finish, without retries.
    const cancellation = new StepCancellation()
    const onSignal = (signal: NodeJS.Signals) => cancellation.cancel(signal, () => process.exit(0))
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, onSignal)
    try {
      const policy = {
        ...policyOf(settings, log, connections, budgetMs(settings.timeoutMs, POST_BUDGET_MS), {
          urls: [saved.apiUrl],
          env,
          timing
        }),
        cancellation
      }
      const apiUrl = parseBaseUrl('api-url', saved.apiUrl)
      const result = await revokeToken(apiUrl, saved.token, policy)
      // As steps/revoke.ts tellRevocation, which would bring the token module into this bundle.
      if (result.outcome === 'revoked') log.info('The token was revoked.')
      else if (result.outcome === 'unknown')
        log.warning(warnings.revokeUnknown('The token', apiUrl))
      else log.warning(warnings.revokeFailed(result.reason, false))
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
