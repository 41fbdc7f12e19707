// The main step: inputs → token → checks → outputs → summary. I/O lives here; decisions do not.
import * as core from '@actions/core'
import { ENV, parseInputs } from './action/inputs.js'
import { createLog, debugOf, Secrets, type Log } from './action/log.js'
import { publish, saveState, type Saved } from './action/outputs.js'
import type { Runner } from './action/runner.js'
import { renderSummary, type Report } from './action/summary.js'
import { authenticate, newReport } from './authenticate.js'
import { ActionError, errors, warnings } from './errors.js'
import { revokeToken } from './genesys/api.js'
import { Connections } from './net/connections.js'
import { budgetMs, policyOf, type HttpPolicy, type Timing } from './net/http.js'
import { proxySecrets } from './net/proxy.js'

export const errorName = (err: unknown): string =>
  err instanceof Error ? err.name : err === null ? 'null' : typeof err

/** What an uncaught error may still do: say so without its text, revoke, close, exit. */
export function crashGuard(deps: {
  log: Log
  saved: () => Partial<Saved>
  policy: () => HttpPolicy | undefined
  close: () => void
  exit: (code: number) => void
}): (err: unknown) => Promise<void> {
  return async err => {
    deps.log.fail(errors.unexpected(errorName(err)).message)
    const { token, apiUrl } = deps.saved()
    const policy = deps.policy()
    if (token && apiUrl && policy) {
      const result = await revokeToken(apiUrl, token, { ...policy, maxAttempts: 1 })
      if (!result.ok) deps.log.warning(warnings.revokeFailed(result.reason, true))
    }
    deps.close()
    deps.exit(1)
  }
}

/** `timing` replaces real time in tests (no waits, a fixed clock); a run leaves it alone. */
export async function run(
  runner: Runner = core,
  env = process.env,
  timing: Timing = {}
): Promise<void> {
  const secrets = new Secrets(value => runner.setSecret(value))
  const log = createLog(secrets, runner)
  const raw = (name: string) => runner.getInput(name, { trimWhitespace: false })
  // Masked before anything else, so that no later failure can print them.
  secrets.add(raw('client-secret'))
  secrets.add(env[ENV.clientSecret])
  secrets.add(env[ENV.accessToken])
  for (const value of proxySecrets(env)) secrets.add(value)

  let connections: Connections | undefined
  let policy: HttpPolicy | undefined
  const saved: Partial<Saved> = {}
  const guard = crashGuard({
    log,
    saved: () => saved,
    policy: () => policy,
    close: () => connections?.close(),
    exit: code => process.exit(code)
  })
  process.on('uncaughtException', guard)
  let report: Report | undefined
  let writeSummary = false
  try {
    const { settings, warnings: cautions, sources, notes } = parseInputs(raw, env)
    log.info(sources)
    notes.forEach(note => log.info(note))
    cautions.forEach(caution => log.warning(caution))
    report = newReport(settings)
    writeSummary = settings.summary
    connections = new Connections(settings.timeoutMs, { env, debug: debugOf(env, log) })
    const { tokenUrl, apiUrl } = settings.endpoints
    policy = policyOf(settings, log, connections, budgetMs(settings.timeoutMs), {
      urls: [tokenUrl, apiUrl],
      env,
      timing
    })
    await authenticate(settings, report, {
      secrets,
      log,
      policy,
      now: timing.now ?? Date.now,
      remember: next => {
        Object.assign(saved, next)
        // output-token: false: the step revokes the token itself; nothing is left for the post step.
        if (settings.outputToken) saveState(runner, next)
      },
      publish: token => publish(token, settings, report!, runner)
    })
    log.info(
      `${settings.outputToken ? 'Token ready' : 'Token checked'}: ${report.tokenType}, expires ${report.expiry!.expiresAt.toISOString()} (in ${report.expiry!.expiresIn} s)`
    )
  } catch (err) {
    const message =
      err instanceof ActionError ? err.message : errors.unexpected(errorName(err)).message
    if (report) report.failure = secrets.redact(message)
    log.fail(message)
  } finally {
    connections?.close()
  }
  if (report && writeSummary && env.GITHUB_STEP_SUMMARY) {
    try {
      await runner.summary.addRaw(secrets.redact(renderSummary(report, Date.now()))).write()
    } catch {
      log.warning(warnings.summaryFailed())
    }
  }
  process.off('uncaughtException', guard)
}
