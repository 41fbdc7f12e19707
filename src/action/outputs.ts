// What the main step hands on: the checked token to later steps (step outputs and, optionally,
// environment variables), called only after every check passed and with the token already
// masked; and to the post step, its state (`STATE_*` in the post process). A runner file that
// cannot be written fails the step naming the file and why, never with the error's own text.
import { errors } from '../errors.js'
import type { TokenResponse } from '../genesys/token.js'
import type { Settings } from './inputs.js'
import type { Runner } from './runner.js'
import type { Report } from './summary.js'

export function publish(
  token: TokenResponse,
  s: Settings,
  report: Report,
  runner: Pick<Runner, 'setOutput' | 'exportVariable'>
): void {
  const expiry = report.expiry!
  const outputs: Record<string, string> = {
    // With output-token: false the token never leaves the step: the output stays empty.
    ...(s.outputToken ? { 'access-token': token.accessToken } : {}),
    'token-type': token.tokenType,
    'expires-in': String(expiry.expiresIn),
    'expires-at': expiry.expiresAt.toISOString(),
    scopes: (report.grantedScopes ?? []).join(' '),
    region: s.endpoints.region,
    domain: s.endpoints.domain,
    'login-url': s.endpoints.loginUrl,
    'api-url': s.endpoints.apiUrl,
    'organization-id': report.organizationId ?? '',
    'organization-name': report.organizationName ?? ''
  }
  for (const [name, value] of Object.entries(outputs))
    written('GITHUB_OUTPUT', () => runner.setOutput(name, value))

  // Every variable is written, empty where this step has no value (no token to hand out, a custom
  // login host with no region): an earlier step's export must not pair with this step's.
  if (s.exportEnv)
    for (const [name, value] of Object.entries(exported(token, s)))
      written('GITHUB_ENV', () => runner.exportVariable(name, value))
}

function exported(token: TokenResponse, s: Settings): Record<string, string> {
  return {
    GENESYSCLOUD_ACCESS_TOKEN: s.outputToken ? token.accessToken : '',
    GENESYSCLOUD_REGION: s.endpoints.region,
    GENESYS_CLOUD_ENVIRONMENT: s.endpoints.domain
  }
}

/** "missing-permissions": set whenever the permission check ran, passed or failed. */
export function publishMissing(report: Report, runner: Pick<Runner, 'setOutput'>): void {
  const missing = report.permissions?.missing
  if (missing)
    written('GITHUB_OUTPUT', () => runner.setOutput('missing-permissions', missing.join(' ')))
}

/** Why a runner file could not be written: from the error's code or @actions/core's own check. */
export function fileFault(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  const reasons: Record<string, string> = {
    ENOENT: 'it does not exist',
    EISDIR: 'it is a directory',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system'
  }
  if (typeof code === 'string') return reasons[code] ?? `error ${code}`
  // @actions/core checks the path before appending: "Missing file at path: …" (path not quoted).
  if (err instanceof Error && err.message.startsWith('Missing file')) return reasons.ENOENT
  return 'unknown error'
}

function written(variable: string, write: () => void): void {
  try {
    write()
  } catch (err) {
    throw errors.runnerFile(variable, fileFault(err))
  }
}

/**
 * `token`: what the post step revokes; '' once revoked or kept. `keep`: 'true' when the token was
 * handed out with revoke: false, which the post step then leaves alone.
 */
export const STATE = {
  token: 'token',
  apiUrl: 'api-url',
  expiresAt: 'expires-at',
  keep: 'keep'
} as const

export type Saved = Record<keyof typeof STATE, string>

export function saveState(runner: Pick<Runner, 'saveState'>, saved: Partial<Saved>): void {
  for (const [key, value] of Object.entries(saved))
    written('GITHUB_STATE', () => runner.saveState(STATE[key as keyof Saved], value))
}

export function readState(runner: Pick<Runner, 'getState'>): Saved {
  return {
    token: runner.getState(STATE.token),
    apiUrl: runner.getState(STATE.apiUrl),
    expiresAt: runner.getState(STATE.expiresAt),
    keep: runner.getState(STATE.keep)
  }
}
