// The permission preflight's I/O: the plan file and the permission table, read from disk before
// any request; the client's roles, read after verification; the verdict, logged. Loaded by
// main.ts only when "terraform-plan" or "required-permissions" is set (a dynamic import: a run
// without them loads none of this, and never reads the table).
import { readFileSync, statSync } from 'node:fs'
import type { Settings } from '../action/inputs.js'
import type { Log } from '../action/log.js'
import { fileFault } from '../action/outputs.js'
import { code, MAX_SCOPE_ROWS, type PermissionReport } from '../action/summary.js'
import {
  missLine,
  preflightErrors as errors,
  preflightWarnings as warnings,
  uncheckedLine
} from '../errors-preflight.js'
import type { TokenInfo } from '../genesys/api.js'
import { Grants, readRoles } from '../genesys/grants.js'
import { readPlan, type Plan } from '../genesys/plan.js'
import { evaluate, readTable, type Table } from '../genesys/preflight.js'
import type { HttpPolicy } from '../net/policy.js'
import { isLoopbackHost } from '../net/proxy.js'
import type { Redact } from '../net/text.js'

/** Beside dist/main/index.js once bundled: ncc copies the file there and rewrites this URL. */
const TABLE = new URL('../genesys/permissions-table.json', import.meta.url)

/**
 * End-to-end tests run dist/, where nothing can be injected: this variable names another table,
 * honoured only when every host the step talks to is loopback (as the wait scale, net/policy).
 */
export const TEST_TABLE = 'GENESYS_CLOUD_AUTH_TEST_PERMISSIONS_TABLE'

export interface Preflight {
  plan?: Plan
  table?: Table
  required: string[]
}

/**
 * A larger plan is refused unread, naming its size: a 100 MB plan (50,000 changes) takes 2 s and
 * 400 MB here, and past 512 MB Node cannot hold it as one string at all.
 */
export const MAX_PLAN_BYTES = 256 * 1024 * 1024

/** Reads and checks the plan (and the table it needs) before any request is made. */
export function preparePreflight(s: Settings, env: NodeJS.ProcessEnv, log: Log): Preflight {
  const preflight: Preflight = { required: s.requiredPermissions }
  if (!s.terraformPlan) return preflight
  const mib = (bytes: number) => Math.ceil(bytes / 2 ** 20)
  let size = 0
  try {
    size = statSync(s.terraformPlan).size
  } catch {
    // What cannot be stat'ed cannot be read either: readFileSync below says why.
  }
  if (size > MAX_PLAN_BYTES)
    throw errors.planUnreadable(
      s.terraformPlan,
      `it is ${mib(size)} MiB, more than the ${mib(MAX_PLAN_BYTES)} MiB this check reads`
    )
  let text: string
  try {
    text = readFileSync(s.terraformPlan, 'utf8')
  } catch (err) {
    throw errors.planUnreadable(s.terraformPlan, fileFault(err))
  }
  const read = readPlan(text)
  if (!read.ok) throw errors.planInvalid(s.terraformPlan, read.fault)
  preflight.plan = read.plan
  const { changes, otherProviders } = read.plan
  log.info(
    `Terraform plan ${s.terraformPlan}: ${changes.length} change${changes.length === 1 ? '' : 's'} of genesyscloud_* resources${otherProviders ? `; ${otherProviders} of other providers skipped` : ''}`
  )
  if (changes.length) preflight.table = loadTable(tableLocation(s, env))
  return preflight
}

function tableLocation(s: Settings, env: NodeJS.ProcessEnv): string | URL {
  const override = env[TEST_TABLE]
  const hosts = [s.endpoints.tokenUrl, s.endpoints.apiUrl].map(u => new URL(u).hostname)
  return override && hosts.every(isLoopbackHost) ? override : TABLE
}

function loadTable(where: string | URL): Table {
  let text: string
  try {
    text = readFileSync(where, 'utf8')
  } catch (err) {
    throw errors.permissionTable(`could not be read (${fileFault(err)})`)
  }
  const table = readTable(text)
  if (!table) throw errors.permissionTable('is not in the expected format')
  return table
}

/**
 * Reads the client's roles and judges the plan against them. Resolves with the report (the
 * caller fails the step on a miss, after its other checks), or rejects when the roles cannot be
 * known: that is never judged as "none granted" or "all granted".
 */
export async function checkPermissions(
  preflight: Preflight,
  info: TokenInfo,
  s: Settings,
  token: string,
  policy: HttpPolicy
): Promise<PermissionReport> {
  const changes = preflight.plan?.changes ?? []
  const counts = { planned: preflight.plan?.changes.length, required: preflight.required.length }
  // A plan without changes (Terraform then omits resource_changes) is a plan with nothing to check.
  if (!changes.length && !preflight.required.length)
    return { ...evaluate([], undefined, NO_GRANTS, []), ...counts, roles: 0 }
  const pairs = info.roleDivisions
  if (!pairs) throw errors.rolesUnknown()
  const read = await readRoles(
    s.endpoints.apiUrl,
    token,
    pairs.map(p => p.roleId),
    policy
  )
  if (!read.ok)
    throw read.notRole
      ? errors.roleNotRole(read.roleId, read.status)
      : read.status === 403
        ? errors.rolesForbidden(read.roleId)
        : errors.roleReadFailed(read.roleId, read.status, read.message, read.attempts)
  const grants = new Grants(pairs, read.roles)
  const evaluation = evaluate(changes, preflight.table, grants, preflight.required)
  return { ...evaluation, ...counts, roles: read.roles.size }
}

const NO_GRANTS = new Grants([], new Map())

/** The log lines of a finished check: what was not checked (a warning) and what passed. */
export function logPermissions(r: PermissionReport, log: Log): void {
  if (r.unchecked.length) log.warning(warnings.permissionsUnchecked(r.unchecked.map(uncheckedLine)))
  // No permission asked about: a plan without changes, or changes that the check cannot judge
  // (types the table lacks, data sources), which are still changes of genesyscloud_* resources.
  if (!r.permissions)
    log.info(
      r.planned || r.required
        ? `Permission check: ${describeChecked(r)}: nothing to judge${r.unchecked.length ? '; the warning above lists what was not checked' : ''}.`
        : 'Permission check: the plan changes no genesyscloud_* resource; nothing to check.'
    )
  else if (!r.misses.length)
    log.info(
      `Permission check passed: ${describeChecked(r)}, against the client's ${plural(r.roles, 'role')}. Permissions only: the apply can still fail for other reasons.`
    )
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`

function describeChecked(r: PermissionReport): string {
  const parts = [
    ...(r.planned !== undefined
      ? [`${r.checkedChanges} of ${plural(r.planned, 'resource change')}`]
      : []),
    ...(r.required ? [plural(r.required, 'required permission')] : [])
  ]
  return `${parts.join(' and ')} checked (${plural(r.permissions, 'distinct permission')})`
}

/** The failure of a check with misses: grouped by permission, each line `address: verb needs p`. */
export function missingFailure(r: PermissionReport): Error {
  const planned = r.misses.some(m => m.address !== undefined)
  const listed = r.misses.some(m => m.address === undefined)
  const from = planned && listed ? 'both' : planned ? 'plan' : 'required'
  return errors.permissionsMissing(byPermission(r).map(missLine), r.missing, from)
}

/** Misses grouped by permission, in plan order within each. */
const byPermission = (r: PermissionReport) =>
  [...r.misses].sort((a, b) => a.permissions.join(' ').localeCompare(b.permissions.join(' ')))

/**
 * The summary's section: misses first, then what could not be decided, bounded like the scope rows.
 * Each row is a list item (code spans, no table cells) and is redacted before code(): what it
 * changes (line breaks, `##[`) would split a secret that the summary's final redaction then
 * no longer finds.
 */
export function permissionSection(p: PermissionReport, redact: Redact): string {
  let md = `\n### Permissions\n\n${describeChecked(p)}, against ${plural(p.roles, 'role')}.\n\n`
  // The log shows fewer (SHOWN_ITEMS): past these rows only the output is complete.
  const list = (items: string[], mark: string, rest = '') => {
    for (const item of items.slice(0, MAX_SCOPE_ROWS))
      md += `- ${mark} ${code(redact(item), false)}\n`
    if (items.length > MAX_SCOPE_ROWS) md += `- and ${items.length - MAX_SCOPE_ROWS} more${rest}\n`
  }
  if (p.misses.length) {
    md += `Missing (the \`missing-permissions\` output lists them):\n\n`
    list(byPermission(p).map(missLine), '❌', ' (every missing permission is in that output)')
  } else md += '✅ Nothing missing in what was checked (permissions only, not the apply itself).\n'
  if (p.unchecked.length) {
    md += `\nNot checked:\n\n`
    list(p.unchecked.map(uncheckedLine), '⚠️')
  }
  return md
}
