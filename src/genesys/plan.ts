// The Terraform plan, as `terraform show -json PLANFILE` prints it, read for the permission check.
// A plan holds secrets (variables, attribute values): this reads each change's address, type,
// mode, actions and division ids, and keeps nothing else. No value of the file reaches a
// message: a fault is described by where it is, never by what is there (JSON.parse's own error
// quotes the text around the fault, so it is never passed on).
import { isRecord } from '../net/text.js'

/** Where a plan puts a resource's division. */
interface Divisions {
  /** Division ids the object is in now (updates, deletes, and what the plan keeps). */
  before: string[]
  /** Division ids it will be in, when known at plan time. */
  after: string[]
  /** The division is set but known only at apply (a division created in the same run). */
  afterUnknown: boolean
}

export interface PlanChange {
  address: string
  type: string
  mode: 'managed' | 'data'
  actions: string[]
  divisions: Divisions
}

export interface Plan {
  formatVersion: string
  /** Changes of genesyscloud_* resources (and data sources), in plan order. */
  changes: PlanChange[]
  /** How many changes belong to other providers (skipped). */
  otherProviders: number
}

/** Why a file is not a plan: a fact, worded by the catalogue (errors.ts). */
type PlanFault =
  | { kind: 'not-json' }
  /** The log `terraform plan -json` streams ({"@level": ...} a line), not a plan. */
  | { kind: 'ui-log' }
  | { kind: 'not-plan'; why: string }
  | { kind: 'unsupported-version'; version: string }

export type PlanRead = { ok: true; plan: Plan } | { ok: false; fault: PlanFault }

const PREFIX = 'genesyscloud_'
/** Division ids are UUIDs, or `*` (all divisions); anything else is treated as unknown. */
const DIVISION = /^(\*|[\w-]{1,64})$/
const ACTION = /^[a-z-]{1,20}$/
const TYPE = /^[a-z][a-z0-9_]{0,127}$/
const MAX_ADDRESS = 500
/** C0/C1 controls, DEL and the Unicode line separators: what could start a line of its own. */
// eslint-disable-next-line no-control-regex -- control characters are what is replaced
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g

export function readPlan(text: string): PlanRead {
  // Read as UTF-8: a byte order mark (PowerShell 5's `Out-File -Encoding utf8`) is no fault of the
  // JSON, while UTF-16 (its `>`) starts with FF FE or FE FF, two replacement characters here.
  if (text.startsWith('\uFFFD\uFFFD'))
    return {
      ok: false,
      fault: {
        kind: 'not-plan',
        why: "it is UTF-16 text (PowerShell 5's `>` writes that); write the JSON as UTF-8"
      }
    }
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { ok: false, fault: { kind: /^\s*\{\s*"@level"/.test(body) ? 'ui-log' : 'not-json' } }
  }
  if (isRecord(json) && '@level' in json) return { ok: false, fault: { kind: 'ui-log' } }
  const notPlan = (why: string): PlanRead => ({ ok: false, fault: { kind: 'not-plan', why } })
  if (!isRecord(json)) return notPlan('it is JSON, but not an object')
  const version = json.format_version
  if (typeof version !== 'string') return notPlan('it has no "format_version"')
  if (!/^\d{1,3}\.\d{1,3}$/.test(version)) return notPlan('its "format_version" is not x.y')
  if (!version.startsWith('1.'))
    return { ok: false, fault: { kind: 'unsupported-version', version } }
  if (!('planned_values' in json) && !('resource_changes' in json))
    return notPlan(
      'it has no "planned_values" or "resource_changes" (a state, from `terraform show -json` without a plan file?)'
    )
  const listed = json.resource_changes ?? []
  if (!Array.isArray(listed)) return notPlan('its "resource_changes" is not a list')
  const changes: PlanChange[] = []
  let otherProviders = 0
  for (let i = 0; i < listed.length; i++) {
    const entry: unknown = listed[i]
    const change = isRecord(entry) ? entry.change : undefined
    const actions = isRecord(change) ? change.actions : undefined
    if (
      !isRecord(entry) ||
      !isRecord(change) ||
      typeof entry.address !== 'string' ||
      typeof entry.type !== 'string' ||
      (entry.mode !== 'managed' && entry.mode !== 'data') ||
      !Array.isArray(actions) ||
      !actions.every(a => typeof a === 'string' && ACTION.test(a))
    )
      return notPlan(
        `resource_changes[${i}] lacks an address, type, mode (managed or data) or change.actions`
      )
    if (!entry.type.startsWith(PREFIX) || !TYPE.test(entry.type)) {
      otherProviders++
      continue
    }
    changes.push({
      address: shownAddress(entry.address, entry.type),
      type: entry.type,
      mode: entry.mode,
      actions: actions as string[],
      divisions: divisionsOf(change)
    })
  }
  return { ok: true, plan: { formatVersion: version, changes, otherProviders } }
}

/**
 * The address as messages print it: one line, and bounded without being cut, since a cut could
 * leave part of a secret (a for_each key) that redaction, done where it is printed, would not find.
 */
function shownAddress(address: string, type: string): string {
  const line = address.replace(LINE_BREAKING, ' ')
  return line.length <= MAX_ADDRESS ? line : `${type}.<an address of ${line.length} characters>`
}

/** `division_id` (or `division_ids`) of `before` and `after`; whether `after_unknown` hides it. */
function divisionsOf(change: Record<string, unknown>): Divisions {
  const ids = (side: unknown): string[] => {
    if (!isRecord(side)) return []
    const one = side.division_id
    const many = side.division_ids
    const all = [...(typeof one === 'string' ? [one] : []), ...(Array.isArray(many) ? many : [])]
    return [...new Set(all.filter((d): d is string => typeof d === 'string' && DIVISION.test(d)))]
  }
  const unknown = change.after_unknown
  return {
    before: ids(change.before),
    after: ids(change.after),
    afterUnknown:
      isRecord(unknown) &&
      (unknown.division_id === true ||
        unknown.division_ids === true ||
        (Array.isArray(unknown.division_ids) && unknown.division_ids.includes(true)))
  }
}
