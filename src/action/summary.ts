// What one run found out (the report, filled in step by step), and the job summary rendered from
// it: what was checked, in a table a reviewer can read. Never the token or secret. Every value in
// it, inputs as much as server text, is a code span: an input can hold Markdown too.
import { SHOWN_ITEMS } from '../errors.js'
import { humanDuration, type Expiry } from '../genesys/expiry.js'
import type { Evaluation } from '../genesys/preflight.js'
import type { ProbeResult } from '../genesys/probes.js'
import { isGranted } from '../genesys/scopes.js'
import { isSuccess } from '../net/http.js'
import { oneLine } from '../net/text.js'

/** What the permission check found (steps/permissions.ts). */
export interface PermissionReport extends Evaluation {
  /** Changes of genesyscloud_* resources in the plan; undefined without "terraform-plan". */
  planned?: number
  /** How many "required-permissions" were listed. */
  required: number
  /** Distinct roles read. */
  roles: number
}

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
  /** "expected-organization-id": empty when no organization check was asked for. */
  expectedOrganizationIds?: string[]
  probes?: ProbeResult[]
  /** Set when the run failed: the message shown to the user. */
  failure?: string
  revokedAfterFailure?: boolean
  /** Set once the permission check ran ("terraform-plan", "required-permissions"). */
  permissions?: PermissionReport
  /** Set with output-token: false, once every check passed: whether the step revoked the token. */
  revokedAfterCheck?: boolean
}

/**
 * A value as an inline code span: Markdown inside it is shown, never rendered, so neither a
 * server's text nor an input can put links, images, HTML or formatting into a reviewer's
 * summary. The fence outgrows any backtick run inside; `|` is escaped, as GFM tables need even
 * within code.
 */
export function code(text: string): string {
  const flat = oneLine(text).trim().replace(/\|/g, '\\|')
  if (!flat) return '—'
  const fence = '`'.repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map(r => r.length)) + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

/** Scope rows shown in the summary: GitHub drops a summary over 1 MiB, and nobody reads more. */
export const MAX_SCOPE_ROWS = 5 * SHOWN_ITEMS

const resultOf = (r: Report): string =>
  r.revokedAfterCheck === undefined
    ? '✅ token issued and checked'
    : `✅ token checked, not handed out (output-token: false), ${r.revokedAfterCheck ? 'and revoked' : 'not revoked (see the log)'}`

/** `more`: sections rendered elsewhere (the permission check's, steps/permissions.ts). */
export function renderSummary(r: Report, nowMs: number, more = ''): string {
  const rows: [string, string][] = [
    ['Result', r.failure ? `❌ failed: ${code(r.failure)}` : resultOf(r)],
    ['Region', r.region ? code(r.region) : 'custom URL'],
    ['Login', code(r.loginUrl)],
    ['API host', code(r.apiUrl)],
    [
      'Organization',
      r.organizationId
        ? `${code(r.organizationName ?? '')} (${code(r.organizationId)})`
        : 'not verified'
    ],
    [
      'Organization check',
      !r.expectedOrganizationIds?.length
        ? 'none ("expected-organization-id" is empty)'
        : !r.organizationId
          ? 'not reached'
          : r.expectedOrganizationIds.includes(r.organizationId.toLowerCase())
            ? '✅ expected organization'
            : '❌ another organization'
    ],
    ['Client ID', code(r.clientId)],
    ['Token type', r.tokenType ? code(r.tokenType) : '—'],
    [
      'Expires',
      r.expiry
        ? `${r.expiry.expiresAt.toISOString()} (in ${humanDuration(Math.max(0, Math.round((r.expiry.expiresAt.getTime() - nowMs) / 1000)))})`
        : '—'
    ],
    ['Verified', r.verified ? 'yes (GET /api/v2/tokens/me)' : 'no'],
    ['Token request attempts', r.attempts ? String(r.attempts) : '—']
  ]
  if (r.revokedAfterFailure !== undefined)
    rows.push(['Revoked after failure', r.revokedAfterFailure ? 'yes' : 'no (see the log)'])
  let md = `## Genesys Cloud auth\n\n| | |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`

  if (r.requiredScopes.length || r.grantedScopes?.length) {
    const granted = r.grantedScopes && new Set(r.grantedScopes)
    const required = new Set(r.requiredScopes)
    md += `\n### Scopes${r.scopeSource ? ` (granted, from ${r.scopeSource})` : ''}\n\n| Scope | Required | Granted |\n|---|---|---|\n`
    // Required scopes first, as they decide; a list past MAX_SCOPE_ROWS is counted, not shown.
    const all = [...new Set([...required, ...(granted ?? [])])]
    for (const scope of all.slice(0, MAX_SCOPE_ROWS)) {
      const mark = granted === undefined ? '❔ unknown' : isGranted(scope, granted) ? '✅' : '❌'
      md += `| ${code(scope)} | ${required.has(scope) ? 'yes' : '—'} | ${mark} |\n`
    }
    if (all.length > MAX_SCOPE_ROWS)
      md += `| and ${all.length - MAX_SCOPE_ROWS} more (the \`scopes\` output lists every granted scope) | | |\n`
  }
  if (r.probes?.length) {
    md += `\n### Permission probes\n\n| Path | Status | Time | |\n|---|---|---|---|\n`
    for (const p of r.probes) {
      const failed = !isSuccess(p.status)
      const status = p.status ? String(p.status) : 'no answer'
      md += `| ${code(`${p.method} ${p.path}`)} | ${status}${failed && p.message ? `: ${code(p.message)}` : ''} | ${p.ms} ms | ${failed ? '❌' : '✅'} |\n`
    }
  }
  return md + more
}
