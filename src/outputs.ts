// Handing the checked token to later steps: step outputs and, optionally, environment variables.
// Called only after every check passed, and only with the token already masked.
import type { Settings } from './inputs.js'
import type { Report } from './report.js'
import type { Runner } from './runner.js'
import type { TokenResponse } from './token-response.js'

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
