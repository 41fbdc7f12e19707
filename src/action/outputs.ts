// What the main step hands on: the checked token to later steps (step outputs and, optionally,
// environment variables), called only after every check passed and with the token already
// masked; and to the post step, its state (`STATE_*` in the post process).
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
    'access-token': token.accessToken,
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
  for (const [name, value] of Object.entries(outputs)) runner.setOutput(name, value)

  if (s.exportEnv) {
    runner.exportVariable('GENESYSCLOUD_ACCESS_TOKEN', token.accessToken)
    // The region variables only mean something for a real Genesys Cloud region.
    if (s.endpoints.region) runner.exportVariable('GENESYSCLOUD_REGION', s.endpoints.region)
    if (s.endpoints.domain) runner.exportVariable('GENESYS_CLOUD_ENVIRONMENT', s.endpoints.domain)
  }
}

export const STATE = { token: 'token', apiUrl: 'api-url', expiresAt: 'expires-at' } as const

export type Saved = Record<keyof typeof STATE, string>

export function saveState(runner: Pick<Runner, 'saveState'>, saved: Partial<Saved>): void {
  for (const [key, value] of Object.entries(saved))
    runner.saveState(STATE[key as keyof Saved], value)
}

export function readState(runner: Pick<Runner, 'getState'>): Saved {
  return {
    token: runner.getState(STATE.token),
    apiUrl: runner.getState(STATE.apiUrl),
    expiresAt: runner.getState(STATE.expiresAt)
  }
}
