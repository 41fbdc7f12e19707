// The main step: inputs → token → checks → outputs → summary. I/O lives here; decisions do not.
import * as core from '@actions/core'
import { authenticate, newReport } from './authenticate.js'
import { ActionError, errors, warnings } from './errors.js'
import { ENV, parseInputs } from './inputs.js'
import { createLog } from './log.js'
import { publish } from './outputs.js'
import { policyOf } from './policy.js'
import type { Report } from './report.js'
import { Secrets } from './secrets.js'
import { renderSummary } from './summary.js'

const raw = (name: string) => core.getInput(name, { trimWhitespace: false })

export async function run(): Promise<void> {
  const secrets = new Secrets(core.setSecret)
  const log = createLog(secrets)
  // Last line of defence: a crash would print a stack and its message; print ours instead.
  process.on('uncaughtException', err => {
    log.fail(errors.unexpected(err.name).message)
    process.exit(1)
  })
  let report: Report | undefined
  let writeSummary = false
  try {
    // Masked before anything else, so that no later failure can print it.
    secrets.add(raw('client-secret'))
    secrets.add(process.env[ENV.clientSecret])
    const { settings, warnings: notes, sources } = parseInputs(raw, process.env)
    log.info(sources)
    notes.forEach(note => log.warning(note))
    report = newReport(settings)
    writeSummary = settings.summary
    const token = await authenticate(settings, report, {
      secrets,
      log,
      policy: policyOf(settings, log),
      now: Date.now
    })
    publish(token, settings, report, core)
    log.info(
      `Token ready: ${report.tokenType}, expires ${report.expiry!.expiresAt.toISOString()} (in ${report.expiry!.expiresIn} s)`
    )
  } catch (err) {
    const message =
      err instanceof ActionError
        ? err.message
        : errors.unexpected(err instanceof Error ? err.name : typeof err).message
    if (report) report.failure = secrets.redact(message)
    log.fail(message)
  }
  if (report && writeSummary && process.env.GITHUB_STEP_SUMMARY) {
    try {
      await core.summary.addRaw(secrets.redact(renderSummary(report, Date.now()))).write()
    } catch {
      log.warning(warnings.summaryFailed())
    }
  }
}
