// The permission check's decision: what each planned change needs (the generated permission
// table: per resource type, the Needs of create, read, update and delete) against what the
// client's roles grant.
// No false alarm: only a certain ALL need not granted, or a certain ANY list of which nothing is
// granted, is a miss; everything the data cannot decide is returned as "not checked".
import { isRecord } from '../net/text.js'
import type { Place, Verdict } from './grants.js'
import type { PlanChange } from './plan.js'

type Verb = 'create' | 'read' | 'update' | 'delete'
const VERBS: readonly Verb[] = ['create', 'read', 'update', 'delete']

interface Need {
  operation: string
  require: 'ALL' | 'ANY' | 'NONE' | 'UNKNOWN'
  permissions: string[]
  certain: boolean
}

interface TableEntry extends Record<Verb, Need[]> {
  division: boolean
  note?: string
}

export interface Table {
  resources: Record<string, TableEntry>
}

/** The table, checked entry by entry; undefined when its shape is not the schema's. */
export function readTable(text: string): Table | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!isRecord(json) || !isRecord(json.resources)) return undefined
  for (const entry of Object.values(json.resources)) {
    if (!isRecord(entry) || typeof entry.division !== 'boolean') return undefined
    for (const verb of VERBS) {
      const needs = entry[verb]
      if (!Array.isArray(needs) || !needs.every(isNeed)) return undefined
    }
  }
  return json as unknown as Table
}

const isNeed = (n: unknown): n is Need =>
  isRecord(n) &&
  typeof n.operation === 'string' &&
  ['ALL', 'ANY', 'NONE', 'UNKNOWN'].includes(n.require as string) &&
  Array.isArray(n.permissions) &&
  n.permissions.every(p => typeof p === 'string') &&
  typeof n.certain === 'boolean'

/** A permission not granted: `address` undefined for one listed in the required permissions. */
interface Miss {
  address?: string
  verb?: Verb
  /** ALL: the one permission; ANY: the alternatives, none granted. */
  permissions: string[]
  any: boolean
  division?: string
}

type UncheckedReason =
  | 'type-unknown'
  | 'data-source'
  | 'action-unknown'
  | 'note'
  | 'uncertain'
  | 'undeclared'
  | 'unknown-operation'
  | 'conditional'
  | 'division-unknown'

/** What could not be decided, counted per kind (a plan may repeat it thousands of times). */
interface Unchecked {
  reason: UncheckedReason
  /** The resource type, `verb`, and the operation, permission or note concerned. */
  type?: string
  verb?: Verb
  detail: string
  /** The first address it concerns, and how many changes in all. */
  address?: string
  count: number
}

export interface Evaluation {
  /** Resource changes whose needs were looked up in the table. */
  checkedChanges: number
  /** Distinct permissions asked about. */
  permissions: number
  misses: Miss[]
  unchecked: Unchecked[]
  /** The output: distinct missing permissions (ANY lists as `a|b`), in first-seen order. */
  missing: string[]
}

export interface GrantLookup {
  verdict(permission: string, place: Place): Verdict
}

/** Which verbs an action list calls, and on which side of the change (before / after). */
const CALLS: Record<string, [Verb, 'before' | 'after' | 'both'][]> = {
  'no-op': [['read', 'before']],
  create: [
    ['create', 'after'],
    // The provider reads back what it creates.
    ['read', 'after']
  ],
  update: [
    ['update', 'both'],
    ['read', 'before']
  ],
  delete: [
    ['delete', 'before'],
    ['read', 'before']
  ],
  // Terraform drops it from the state; nothing is called.
  forget: []
}

/** What one change comes to, without its address: the same for every change of its kind. */
type Outcome = { miss: Omit<Miss, 'address'> } | { note: Omit<Unchecked, 'count' | 'address'> }

export function evaluate(
  changes: readonly PlanChange[],
  table: Table | undefined,
  grants: GrantLookup,
  required: readonly string[]
): Evaluation {
  const misses = new Map<string, Miss>()
  const unchecked = new Map<string, Unchecked>()
  const asked = new Set<string>()
  let checkedChanges = 0
  const note = (u: Omit<Unchecked, 'count'>) => {
    const key = `${u.reason}\n${u.type}\n${u.verb}\n${u.detail}`
    const seen = unchecked.get(key)
    if (seen) seen.count++
    else unchecked.set(key, { ...u, count: 1 })
  }
  const verdict = (permission: string, place: Place) => {
    asked.add(permission)
    return grants.verdict(permission, place)
  }
  const miss = (m: Miss) =>
    misses.set(
      `${m.address}\n${m.verb}\n${m.permissions.join(' ')}\n${m.division ?? ''}\n${m.any}`,
      m
    )
  // A plan of thousands of changes has a few dozen kinds (type, actions, divisions): each is
  // judged once.
  const judged = new Map<string, Outcome[]>()

  for (const change of changes) {
    const { address, type } = change
    if (change.mode === 'data') {
      note({ reason: 'data-source', detail: '' })
      continue
    }
    const entry = table?.resources[type]
    if (!entry) {
      note({ reason: 'type-unknown', type, detail: '', address })
      continue
    }
    checkedChanges++
    const { before, after, afterUnknown } = change.divisions
    const kind = `${type}\n${change.actions.join()}\n${before.join()}\n${after.join()}\n${afterUnknown}`
    let outcomes = judged.get(kind)
    if (!outcomes) judged.set(kind, (outcomes = judge(change, entry, verdict)))
    for (const o of outcomes)
      if ('miss' in o) miss({ address, ...o.miss })
      else note({ ...o.note, address })
  }
  for (const permission of required) {
    const v = verdict(permission, undefined)
    if (v === 'missing') miss({ permissions: [permission], any: false })
    else if (v !== 'granted') note({ reason: v as UncheckedReason, detail: permission })
  }
  const list = [...misses.values()]
  return {
    checkedChanges,
    permissions: asked.size,
    misses: list,
    unchecked: [...unchecked.values()],
    missing: missingList(list)
  }
}

/** The misses and doubts of one change, from its actions, its divisions and the table. */
function judge(
  change: PlanChange,
  entry: TableEntry,
  verdict: (permission: string, place: Place) => Verdict
): Outcome[] {
  const { type } = change
  const out: Outcome[] = []
  const note = (n: Omit<Unchecked, 'count' | 'address'>) => out.push({ note: n })
  if (entry.note) note({ reason: 'note', type, detail: entry.note })
  const calls = new Map<Verb, Place[]>()
  for (const action of change.actions) {
    const verbs = CALLS[action]
    if (!verbs) {
      note({ reason: 'action-unknown', type, detail: action })
      continue
    }
    for (const [verb, side] of verbs) {
      const places = calls.get(verb) ?? []
      for (const p of placesOf(change, side, entry.division))
        if (!places.some(q => JSON.stringify(q) === JSON.stringify(p))) places.push(p)
      calls.set(verb, places)
    }
  }
  for (const [verb, places] of calls)
    for (const need of entry[verb]) {
      if (need.require === 'UNKNOWN') {
        note({ type, verb, reason: 'unknown-operation', detail: need.operation })
        continue
      }
      if (need.require === 'NONE' || !need.permissions.length) {
        if (verb !== 'read') note({ type, verb, reason: 'undeclared', detail: need.operation })
        continue
      }
      const alternatives =
        need.require === 'ANY' ? [need.permissions] : need.permissions.map(p => [p])
      for (const place of places) {
        const division = place && 'division' in place ? place.division : undefined
        for (const any of alternatives) {
          const verdicts = any.map(p => verdict(p, place))
          if (verdicts.includes('granted')) continue
          const doubt = verdicts.find(v => v !== 'missing')
          const detail = any.join(' | ')
          if (!need.certain)
            note({ type, verb, reason: 'uncertain', detail: `${need.operation}: ${detail}` })
          else if (doubt) note({ type, verb, reason: doubt as UncheckedReason, detail })
          else out.push({ miss: { verb, permissions: any, any: need.require === 'ANY', division } })
        }
      }
    }
  return out
}

/** Where each side of a change is: its division ids, one known only at apply, or none. */
function placesOf(
  change: PlanChange,
  side: 'before' | 'after' | 'both',
  divided: boolean
): Place[] {
  if (!divided) return [undefined]
  const { before, after, afterUnknown } = change.divisions
  const sideOf = (s: 'before' | 'after'): Place[] =>
    s === 'after' && afterUnknown
      ? [{ unknownDivision: true }]
      : (s === 'before' ? before : after)
          // `*` (routing_wrapupcode's default) is no one division: any grant counts for it.
          .filter(division => division !== '*')
          .map(division => ({ division }))
  const places = side === 'both' ? [...sideOf('before'), ...sideOf('after')] : sideOf(side)
  // No division in the plan: the object goes to the home division, which the plan does not name.
  return places.length ? places : [undefined]
}

/** The distinct missing permissions; an ANY list is left out when one of its members is listed. */
function missingList(misses: readonly Miss[]): string[] {
  const all = new Set(misses.filter(m => !m.any).map(m => m.permissions[0]))
  const anyLists = misses
    .filter(m => m.any && !m.permissions.some(p => all.has(p)))
    .map(m => m.permissions.join('|'))
  return [...all, ...new Set(anyLists)]
}
