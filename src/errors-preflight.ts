// The permission preflight's messages (docs/permissions-preflight.md): the rest of the catalogue
// of errors.ts, kept apart so that only a run with "terraform-plan" or "required-permissions"
// loads them (steps/permissions.ts is imported on demand). Facts in, wording out; no value of
// the plan is ever handed in.
import { clause, fail, firstOf, quote } from './errors.js'

export const preflightErrors = {
  /** `reason`: why the file could not be read (outputs' fileFault), never the error's text. */
  planUnreadable: (path: string, reason: string) =>
    fail(
      `Input "terraform-plan" is ${quote(path)}, which could not be read: ${reason}. ${PLAN_ACCEPTED}`
    ),
  /** Where the file stops being a plan, from genesys/plan (never a value of the file). */
  planInvalid: (path: string, fault: PlanFaultFacts) =>
    fail(
      `Input "terraform-plan" is ${quote(path)}, which is not a Terraform plan: ${planFault(fault)}. ${PLAN_ACCEPTED}`
    ),
  /** The table that ships beside the bundle: a broken install, not the user's doing. */
  permissionTable: (reason: string) =>
    fail(
      `The permission table of this action (permissions-table.json beside dist/main/index.js) ${reason}. The action's files are incomplete: use a released tag of the action, or run \`npm run package\` in a checkout.`
    ),
  rolesUnknown: () =>
    fail(
      'Cannot check permissions: GET /api/v2/tokens/me did not list the OAuth client\'s roles (OAuthClient.roleDivisions is missing or unreadable), so the check cannot know what the client holds. Nothing was judged granted or missing; remove "terraform-plan" and "required-permissions" to skip the check, or prove permissions with "check-endpoints".'
    ),
  rolesForbidden: (roleId: string) =>
    fail(
      `Cannot check permissions: reading the OAuth client's role ${roleId} (GET /api/v2/authorization/roles/{roleId}) was refused (HTTP 403). The check needs the permission authorization:role:view on the client's roles; it reveals role definitions (names and the permissions they grant) and nothing else. Grant it, or remove "terraform-plan" and "required-permissions".`
    ),
  roleReadFailed: (roleId: string, status: number, message: string, attempts: number) =>
    fail(
      `Cannot check permissions: reading the OAuth client's role ${roleId} (GET /api/v2/authorization/roles/{roleId}) failed: HTTP ${status}${message ? `: ${clause(message)}` : ''}${attempts > 1 ? ` (after ${attempts} attempts)` : ''}. Nothing was judged granted or missing.`
    ),
  roleNotRole: (roleId: string, status: number) =>
    fail(
      `Cannot check permissions: the answer (HTTP ${status}) to reading the OAuth client's role ${roleId} (GET /api/v2/authorization/roles/{roleId}) was not a role: no JSON object with that role's id. Check "api-url" and any proxy in between. Nothing was judged granted or missing.`
    ),
  /**
   * `lines`: each miss as missLine() words it, grouped by permission; `from`: what asked for the
   * missing permissions (without a plan, "the plan needs" would be untrue).
   */
  permissionsMissing: (
    lines: string[],
    missing: string[],
    from: 'plan' | 'required' | 'both' = 'plan'
  ) =>
    fail(
      `The OAuth client's roles lack ${missing.length === 1 ? 'a permission' : `${missing.length} permissions`} ${NEEDED_BY[from]} (${firstOf(missing, ', ')}):\n${firstOf(
        lines.map(l => `- ${l}`),
        '\n'
      )}\nGrant ${missing.length === 1 ? 'it' : 'them'} to the client's roles, in the division named (Admin > Roles / Permissions), before the apply.`
    )
}

export const preflightWarnings = {
  /** `lines`: uncheckedLine() of each kind. */
  permissionsUnchecked: (lines: string[]) =>
    `The permission check could not decide ${lines.length === 1 ? 'one thing' : `${lines.length} things`}; they are not checked (no failure), verify them yourself:\n${firstOf(
      lines.map(l => `- ${l}`),
      '\n'
    )}`
}

/** A miss of the permission check, as genesys/preflight reports it. */
export interface MissFacts {
  address?: string
  verb?: string
  permissions: string[]
  any: boolean
  division?: string
}

/** `genesyscloud_routing_queue.support: create needs routing:queue:add in division D`. */
export function missLine(m: MissFacts): string {
  const needs =
    m.any && m.permissions.length > 1 ? `any of ${m.permissions.join(', ')}` : m.permissions[0]
  const where = m.division && m.division !== '*' ? ` in division ${m.division}` : ''
  return m.address === undefined
    ? `required-permissions: needs ${needs}`
    : `${m.address}: ${m.verb} needs ${needs}${where}`
}

/** What the permission check could not decide, as genesys/preflight counts it. */
export interface UncheckedFacts {
  reason: string
  type?: string
  verb?: string
  detail: string
  address?: string
  count: number
}

const UNCHECKED: Record<string, (u: UncheckedFacts) => string> = {
  'type-unknown': u => `${u.type}: not in the permission table of this action`,
  'data-source': () => 'data sources: read at plan time, not checked',
  'action-unknown': u => `${u.type}: the plan action "${u.detail}" is not known to this check`,
  note: u => `${u.type}: ${clause(u.detail)}`,
  uncertain: u =>
    `${u.type}: ${u.verb} may call ${u.detail} (only for some attributes, or the mapping is uncertain), not granted`,
  undeclared: u => `${u.type}: ${u.verb} calls ${u.detail}, which declares no permission`,
  'unknown-operation': u =>
    `${u.type}: ${u.verb} calls ${u.detail}, whose permissions are not documented`,
  conditional: u =>
    `${u.type ? `${u.type}: ${u.verb} needs ` : 'required-permissions: '}${u.detail}, granted only by a conditional policy (cannot be judged before the apply)`,
  'division-unknown': u =>
    `${u.type}: ${u.verb} needs ${u.detail} in a division known only at apply; it is granted in some divisions, not in all`
}

export function uncheckedLine(u: UncheckedFacts): string {
  const text = (UNCHECKED[u.reason] ?? (() => `${u.type ?? ''} ${u.detail}`))(u)
  return u.count > 1 || u.address === undefined
    ? `${text}${u.count > 1 ? ` (${u.count} changes)` : ''}`
    : `${text} (${u.address})`
}

const NEEDED_BY = {
  plan: 'the plan needs',
  required: 'that "required-permissions" lists',
  both: 'that the plan and "required-permissions" need'
} as const

const PLAN_ACCEPTED =
  'Accepted: the path (from the workspace) of the JSON that `terraform show -json PLANFILE > plan.json` writes.'

/** Why a file is not a plan: the facts genesys/plan reports. */
export type PlanFaultFacts =
  | { kind: 'not-json' }
  | { kind: 'ui-log' }
  | { kind: 'not-plan'; why: string }
  | { kind: 'unsupported-version'; version: string }

function planFault(f: PlanFaultFacts): string {
  if (f.kind === 'ui-log')
    return 'it is a log of `terraform plan -json` (one JSON object a line), not a plan'
  // What a newcomer meets first: setup-terraform's wrapper echoes the command into the output.
  if (f.kind === 'not-json')
    return 'it is not valid JSON (with hashicorp/setup-terraform, set terraform_wrapper: false: its wrapper adds lines to the output)'
  if (f.kind === 'unsupported-version')
    return `its format_version ${f.version} is not 1.x, the only plan format this check reads`
  return f.why
}
