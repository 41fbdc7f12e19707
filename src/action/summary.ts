// What one run found out (the report, filled in step by step), and the job summary rendered from
// it: what was checked, in a table a reviewer can read, and why it failed, in sentences. Never the
// token or secret. Every value in it, inputs as much as server text, is inert: a code span in the
// tables, escaped text in the reason (an input can hold Markdown too).
import { CLIENT_ID_MASKED, SHOWN_ITEMS } from '../errors.js'
import { humanDuration, type Expiry } from '../genesys/expiry.js'
import type { RevokeResult } from '../genesys/api.js'
import type { Evaluation } from '../genesys/preflight.js'
import type { ProbeResult } from '../genesys/probes.js'
import { isGranted } from '../genesys/scopes.js'
import { isSuccess } from '../net/http.js'
import { oneLine, type Redact } from '../net/text.js'
import { looksLikeClientId } from './credentials.js'

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
  /** What the revocation of a token that failed came to (undefined: not tried). */
  revokedAfterFailure?: Revocation
  /** Set once the permission check ran ("terraform-plan", "required-permissions"). */
  permissions?: PermissionReport
  /** Set with output-token: false, once every check passed: what the step's revocation came to. */
  revokedAfterCheck?: Revocation | 'kept'
}

/**
 * A value as an inline code span: Markdown inside it is shown, never rendered, so neither a
 * server's text nor an input can put links, images, HTML or formatting into a reviewer's
 * summary. The fence outgrows any backtick run inside; in a table `|` is escaped, as GFM tables
 * need even within code. Outside a table (`cell` false) the escape would show as `\|`.
 */
export function code(text: string, cell = true): string {
  const line = oneLine(text).trim()
  const flat = cell ? line.replace(/\|/g, '\\|') : line
  if (!flat) return '—'
  const fence = '`'.repeat(Math.max(0, ...(flat.match(/`+/g) ?? []).map(r => r.length)) + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${flat}${pad}${fence}`
}

// Every ASCII punctuation character that can start or end Markdown: emphasis, code, links and
// images, strikethrough, math, tables, headings, lists, setext underlines, and the `:`, `.` and `@`
// that GFM's autolinks need. CommonMark lets any of them be backslash-escaped; `&`, `<` and `>`
// become entities instead, so that no HTML tag or entity can form.
const MARKDOWN = /[\\`*_{}[\]()#+\-.!|~:@=$^]/g

/**
 * Text a person reads, that renders as itself: one line (no command, no `##[`), every Markdown
 * character escaped. As inert as a code span, without the monospace.
 */
export function plain(text: string): string {
  const flat = oneLine(text).trim()
  if (!flat) return '—'
  return flat
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN, '\\$&')
}

/**
 * A failure's message as Markdown blocks: its lines as paragraphs, and its `- ` lines (the failed
 * probes, for one) as a list, each escaped. Redacted first, while every secret is still whole.
 */
export function reasonBlocks(message: string, redact: Redact = t => t): string {
  const blocks: string[] = []
  for (const line of redact(message).split(/\r?\n/)) {
    if (!line.trim()) continue
    const item = /^\s*- (.*)$/.exec(line)
    const md = item ? `- ${plain(item[1])}` : plain(line)
    const last = blocks.at(-1)
    if (item && last?.startsWith('- ')) blocks[blocks.length - 1] = `${last}\n${md}`
    else blocks.push(md)
  }
  return blocks.join('\n\n')
}

/** Scope rows shown in the summary: GitHub drops a summary over 1 MiB, and nobody reads more. */
export const MAX_SCOPE_ROWS = 5 * SHOWN_ITEMS

type Revocation = RevokeResult['outcome']

/** A 401 proves only that the API host does not know the token: never said as "revoked". */
const UNKNOWN =
  "not known: the API host answered 401, so it does not know the token (another region's API, or revoked already; see the log)"

const revocation = (outcome: Revocation | 'kept'): string =>
  outcome === 'revoked' ? 'yes' : outcome === 'unknown' ? UNKNOWN : 'no (see the log)'

const resultOf = (r: Report): string =>
  r.revokedAfterCheck === undefined
    ? '✅ token issued and checked'
    : `✅ token checked, not handed out (output-token: false), ${r.revokedAfterCheck === 'revoked' ? 'and revoked' : r.revokedAfterCheck === 'unknown' ? `revoked: ${UNKNOWN}` : 'not revoked (see the log)'}`

/**
 * The job summary; `redact` is applied to the failure's text before it is escaped, and `more` holds
 * sections rendered elsewhere (the permission check's, steps/permissions.ts).
 */
export function renderSummary(r: Report, nowMs: number, redact?: Redact, more = ''): string {
  const rows: [string, string][] = [
    ['Result', r.failure ? '❌ failed (reason below)' : resultOf(r)],
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
    ['Client ID', looksLikeClientId(r.clientId) ? code(r.clientId) : CLIENT_ID_MASKED],
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
    rows.push(['Revoked after failure', revocation(r.revokedAfterFailure)])
  let md = `## Genesys Cloud auth\n\n| Field | Value |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n')}\n`
  if (r.failure) md += `\n### Why it failed\n\n${reasonBlocks(r.failure, redact)}\n`

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
