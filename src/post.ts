// The post step: revoke the token this job was given, once the job's steps are done.
// It warns and never fails: the job's outcome was decided by the steps that ran.
import * as core from '@actions/core'
import { warnings } from './errors.js'
import { createLog } from './log.js'
import { STATE } from './outputs.js'
import { policyOf } from './policy.js'
import { parseBoolean, parseInteger, parseSeconds } from './inputs.js'
import { revokeToken } from './revoke.js'
import { Secrets } from './secrets.js'

const lenient = <T>(parse: () => T, fallback: T): T => {
  try {
    return parse()
  } catch {
    return fallback
  }
}

export async function run(now = Date.now()): Promise<void> {
  const secrets = new Secrets(core.setSecret)
  const log = createLog(secrets)
  process.on('uncaughtException', () => {
    log.warning(warnings.revokeFailed('unexpected failure', false))
    process.exit(0)
  })
  const token = core.getState(STATE.token)
  secrets.add(token)
  try {
    if (!token) return log.info('No token was issued by this step; nothing to revoke.')
    if (!lenient(() => parseBoolean('revoke', core.getInput('revoke'), true), true))
      return log.info('Revocation is off ("revoke: false"); the token lives until it expires.')
    const expiresAt = Date.parse(core.getState(STATE.expiresAt))
    if (!Number.isNaN(expiresAt) && expiresAt <= now)
      return log.info('The token has already expired; nothing to revoke.')
    const settings = {
      maxAttempts: lenient(
        () => parseInteger('max-attempts', core.getInput('max-attempts'), 5, 1, 10),
        5
      ),
      timeoutMs:
        lenient(() => parseSeconds('timeout', core.getInput('timeout'), 10, 300), 10) * 1000
    }
    const result = await revokeToken(core.getState(STATE.apiUrl), token, policyOf(settings, log))
    if (result.ok) log.info('The token was revoked.')
    else log.warning(warnings.revokeFailed(result.reason, false))
  } catch {
    log.warning(warnings.revokeFailed('unexpected failure', false))
  }
}
