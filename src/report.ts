// What one run found out, filled in step by step; the summary and outputs are rendered from it.
import type { Expiry } from './expiry.js'
import type { ProbeResult } from './probes.js'

export interface Report {
  clientId: string
  region: string
  loginUrl: string
  apiUrl: string
  tokenType?: string
  expiry?: Expiry
  attempts?: number
  requiredScopes: string[]
  /** Undefined: nothing told which scopes were granted. */
  grantedScopes?: string[]
  scopeSource?: 'token claims' | 'token response' | 'tokens/me'
  verified: boolean
  organizationId?: string
  organizationName?: string
  probes?: ProbeResult[]
  /** Set when the run failed: the message shown to the user. */
  failure?: string
  revokedAfterFailure?: boolean
}
