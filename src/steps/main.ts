// The main step: inputs → token → checks → outputs → summary. I/O lives here; decisions do not.
import * as core from '@actions/core'
import { ENV, masksClientId } from '../action/credentials.js'
import { checksPermissions, parseInputs } from '../action/inputs.js'
import { createLog, debugOf, Secrets, type Log } from '../action/log.js'
import { publish, publishMissing, saveState, type Saved } from '../action/outputs.js'
import { finish, StepCancellation, type Runner, type SignalSource } from '../action/runner.js'
import { renderSummary, type Report } from '../action/summary.js'
import { authenticate, newReport, type PermissionCheck } from './authenticate.js'
import { tellRevocation } from './revoke.js'
import { ActionError, errors, warnings, worded } from '../errors.js'
import { revokeToken } from '../genesys/api.js'
import { Connections } from '../net/connections.js'
import {
  BUDGET_FLOOR_MS,
  budgetMs,
  budgetScale,
  policyOf,
  type HttpPolicy,
  type Timing
} from '../net/policy.js'
import { proxySecrets } from '../net/proxy.js'

export const errorName = (err: unknown): string =>
  err instanceof Error ? err.name : err === null ? 'null' : typeof err

/** A crash's revocation gets one attempt of at most this long; the process waits for it. */
const CRASH_REVOKE_MS = 5_000

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
      const bounded = {
        ...policy,
        maxAttempts: 1,
        timeoutMs: Math.min(policy.timeoutMs, CRASH_REVOKE_MS)
      }
      const result = await finish(revokeToken(apiUrl, token, bounded))
      tellRevocation(deps.log, result, { what: 'The token', apiUrl, rejected: true })
    }
    deps.close()
    deps.exit(1)
  }
}

/**
 * `timing` replaces real time in tests (no waits, a fixed clock), and `signals` the process as the
 * source of cancellation signals (an in-process test must not signal its own test runner); a run
 * leaves both alone.
 */
export async function run(
  runner: Runner = core,
  env = process.env,
  timing: Timing = {},
  signals: SignalSource = process
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
  // The token to revoke if the run must stop now: see Deps.hold.
  let held: Partial<Saved> = {}
  const guard = crashGuard({
    log,
    saved: () => held,
    policy: () => policy,
    close: () => connections?.close(),
    exit: code => process.exit(code)
  })
  process.on('uncaughtException', guard)
  // Cancelled (SIGINT, then SIGTERM): requests end as the cancellation says, the token issued by
  // then is revoked on the way out, and the step fails; the process exits before the runner kills it.
  const cancellation = new StepCancellation()
  const onSignal = (signal: NodeJS.Signals) => {
    log.info(`Received ${signal}: the step is cancelled; finishing what is on the wire.`)
    cancellation.cancel(signal, () => process.exit(1))
  }
  for (const signal of SIGNALS) signals.on(signal, onSignal)
  let report: Report | undefined
  let failed = false
  let writeSummary = false
  let permissions: (PermissionCheck & { summary: (r: Report) => string }) | undefined
  try {
    const { settings, warnings: cautions, sources, notes } = parseInputs(raw, env)
    if (masksClientId(settings.clientId)) secrets.add(settings.clientId)
    log.info(sources)
    notes.forEach(note => log.info(note))
    cautions.forEach(caution => log.warning(caution))
    report = newReport(settings)
    writeSummary = settings.summary
    if (checksPermissions(settings))
      permissions = await permissionCheck(settings, env, log, () => policy!)
    connections = new Connections(settings.timeoutMs, { env, debug: debugOf(env, log) })
    const { tokenUrl, apiUrl } = settings.endpoints
    const urls = [tokenUrl, apiUrl]
    const budget = budgetMs(settings.timeoutMs, BUDGET_FLOOR_MS * budgetScale(env, urls))
    policy = {
      ...policyOf(settings, log, connections, budget, { urls, env, timing }),
      cancellation
    }
    await authenticate(settings, report, {
      secrets,
      log,
      policy,
      now: timing.now ?? Date.now,
      remember: next => saveState(runner, next),
      publish: token => publish(token, settings, report!, runner),
      hold: next => (held = next ?? {}),
      ...(permissions ? { permissions } : {})
    })
    log.info(
      `${settings.outputToken ? 'Token ready' : 'Token checked'}: ${report.tokenType}, expires ${report.expiry!.expiresAt.toISOString()} (in ${report.expiry!.expiresIn} s)`
    )
  } catch (caught) {
    const err = worded(caught)
    const message = cancellation.signalName
      ? errors.cancelled(cancellation.signalName).message
      : err instanceof ActionError
        ? err.message
        : errors.unexpected(errorName(err)).message
    if (report) report.failure = secrets.redact(message)
    log.fail(message)
    failed = true
  } finally {
    connections?.close()
  }
  if (report?.permissions)
    try {
      publishMissing(report, runner)
    } catch (err) {
      log.fail(err instanceof ActionError ? err.message : errors.unexpected(errorName(err)).message)
      failed = true
    }
  if (report && writeSummary && env.GITHUB_STEP_SUMMARY) {
    try {
      await runner.summary
        .addRaw(
          secrets.redact(
            renderSummary(
              report,
              Date.now(),
              text => secrets.redact(text),
              permissions?.summary(report) ?? ''
            )
          )
        )
        .write()
    } catch {
      log.warning(warnings.summaryFailed())
    }
  }
  process.off('uncaughtException', guard)
  for (const signal of SIGNALS) signals.off(signal, onSignal)
  cancellation.close()
  // A cancellation that came after the token was handed out still fails the step.
  if (cancellation.signalName && !failed)
    log.fail(errors.cancelled(cancellation.signalName, true).message)
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const

/**
 * The permission preflight, loaded only when asked for (its module, and the table it reads, cost
 * a run without it nothing). The plan is read and checked here, before any request.
 */
async function permissionCheck(
  settings: Parameters<typeof checksPermissions>[0],
  env: NodeJS.ProcessEnv,
  log: Log,
  policy: () => HttpPolicy
): Promise<PermissionCheck & { summary: (r: Report) => string }> {
  const p = await import('./permissions.js')
  const preflight = p.preparePreflight(settings, env, log)
  // The read is synchronous (a big plan takes seconds): a signal that came meanwhile is handled
  // now, before the first request, which then is not sent.
  await new Promise(resolve => setImmediate(resolve))
  return {
    check: (info, token) => p.checkPermissions(preflight, info, settings, token, policy()),
    judge: report => {
      p.logPermissions(report, log)
      return report.misses.length ? p.missingFailure(report) : undefined
    },
    summary: r => (r.permissions ? p.permissionSection(r.permissions, log.redact) : '')
  }
}
