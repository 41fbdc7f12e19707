// What an OAuth client holds: its roles (GET /api/v2/authorization/roles/{roleId}, each read
// once, side by side) in the divisions tokens/me names, and whether they grant a permission in a
// division. Facts only: a refusal comes back as a result, worded by the caller from errors.ts.
import type { HttpPolicy } from '../net/policy.js'
import { isRecord, serverText, type Redact } from '../net/text.js'
import { callApi, type RoleDivision } from './api.js'

interface Policy {
  domain: string
  entity: string
  actions: string[]
  /**
   * resourceConditionNode or namedResources: grants only under conditions, or on named objects.
   * allowConditions alone only says that the policy may carry conditions.
   */
  conditional: boolean
}

export interface Role {
  id: string
  name: string
  policies: Policy[]
  /** Legacy single-word permissions (`admin`). */
  permissions: string[]
}

export type RolesRead =
  | { ok: true; roles: Map<string, Role> }
  | {
      ok: false
      roleId: string
      status: number
      message: string
      attempts: number
      /** A success whose body is no role (no JSON object with the role's id). */
      notRole?: true
    }

/** The division id a grant in "all divisions" carries (roleDivisions and the Genesys docs). */
const ALL_DIVISIONS = '*'
/** Role reads open at once: one round trip for any usual client, bounded for a strange one. */
const ROLE_CONCURRENCY = 8

export function parseRole(id: string, json: unknown, redact: Redact): Role {
  const body = isRecord(json) ? json : {}
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []
  const policies: Policy[] = []
  for (const p of Array.isArray(body.permissionPolicies) ? body.permissionPolicies : []) {
    if (!isRecord(p) || typeof p.domain !== 'string' || typeof p.entityName !== 'string') continue
    const named = Array.isArray(p.namedResources) && p.namedResources.length > 0
    const node = p.resourceConditionNode
    policies.push({
      domain: p.domain.toLowerCase(),
      entity: p.entityName.toLowerCase(),
      actions: strings(p.actionSet).map(a => a.toLowerCase()),
      conditional: (node !== undefined && node !== null) || named
    })
  }
  return {
    id,
    name: serverText(body.name, redact, 200),
    policies,
    permissions: strings(body.permissions).map(s => s.toLowerCase())
  }
}

/** Reads each distinct role once; the first refusal decides (a 403 names the missing grant). */
export async function readRoles(
  apiUrl: string,
  token: string,
  roleIds: readonly string[],
  policy: HttpPolicy
): Promise<RolesRead> {
  const ids = [...new Set(roleIds)]
  const roles = new Map<string, Role>()
  let refused: RolesRead | undefined
  let next = 0
  const worker = async () => {
    while (next < ids.length && !refused) {
      const id = ids[next++]
      const answer = await callApi(
        apiUrl,
        token,
        { method: 'GET', path: `/api/v2/authorization/roles/${id}`, what: 'Role read' },
        policy
      )
      // A body that is no role is unknown, never a role that grants nothing (a false miss).
      const isRole = isRecord(answer.json) && answer.json.id === id
      if (answer.ok && isRole) roles.set(id, parseRole(id, answer.json, policy.redact))
      else
        refused ??= {
          ok: false,
          roleId: id,
          status: answer.status,
          message: answer.message,
          attempts: answer.attempts,
          ...(answer.ok ? { notRole: true as const } : {})
        }
    }
  }
  await Promise.all(Array.from({ length: Math.min(ROLE_CONCURRENCY, ids.length) }, worker))
  return refused ?? { ok: true, roles }
}

/** How a permission stands for one object. */
export type Verdict = 'granted' | 'missing' | 'conditional' | 'division-unknown'

/** Where an object lives: a known division, one known only at apply, or none to match. */
export type Place = { division: string } | { unknownDivision: true } | undefined

interface Held {
  /** Divisions granting it outright (`*` for all divisions). */
  plain: Set<string>
  conditional: Set<string>
}

/** The client's grants, asked permission by permission; each answer is computed once. */
export class Grants {
  private readonly memo = new Map<string, Held>()

  constructor(
    private readonly pairs: readonly RoleDivision[],
    private readonly roles: ReadonlyMap<string, Role>
  ) {}

  verdict(permission: string, place: Place): Verdict {
    const held = this.held(permission)
    const any = (s: Set<string>) => s.size > 0
    if (place && 'division' in place) {
      const at = (s: Set<string>) => s.has(ALL_DIVISIONS) || s.has(place.division)
      return at(held.plain) ? 'granted' : at(held.conditional) ? 'conditional' : 'missing'
    }
    if (place)
      return held.plain.has(ALL_DIVISIONS)
        ? 'granted'
        : any(held.plain) || any(held.conditional)
          ? 'division-unknown'
          : 'missing'
    return any(held.plain) ? 'granted' : any(held.conditional) ? 'conditional' : 'missing'
  }

  private held(permission: string): Held {
    const key = permission.toLowerCase()
    let held = this.memo.get(key)
    if (held) return held
    held = { plain: new Set(), conditional: new Set() }
    for (const { roleId, divisionId } of this.pairs) {
      const role = this.roles.get(roleId)
      const grant = role ? grantOf(role, key) : undefined
      if (grant) held[grant].add(divisionId)
    }
    this.memo.set(key, held)
    return held
  }
}

/** Whether one role grants a (lower-cased) permission, and how; `*` matches any part. */
export function grantOf(role: Role, permission: string): 'plain' | 'conditional' | undefined {
  if (role.permissions.includes(permission)) return 'plain'
  const [domain, entity, action, extra] = permission.split(':')
  if (action === undefined || extra !== undefined) return undefined
  let result: 'conditional' | undefined
  for (const p of role.policies) {
    if (p.domain !== domain && p.domain !== '*') continue
    if (p.entity !== entity && p.entity !== '*') continue
    if (!p.actions.includes(action) && !p.actions.includes('*')) continue
    if (!p.conditional) return 'plain'
    result = 'conditional'
  }
  return result
}
