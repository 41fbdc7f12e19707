// From joined operations to the table of docs/permissions-table.md: which operation a Terraform
// action surely calls (certain) and which it may call, and the JSON text, one Need a line so that
// a provider upgrade shows up as a readable diff.
import {
  compare,
  indexSdk,
  joinOperations,
  METHODS,
  operationKey,
  pathShape,
  type Declared,
  type Joined,
  type Method,
  type ResourceDoc
} from './sources.js'

export const ACTIONS = ['create', 'read', 'update', 'delete'] as const
type Action = (typeof ACTIONS)[number]

export interface Need {
  operation: string
  require: 'ALL' | 'ANY' | 'NONE' | 'UNKNOWN'
  permissions: string[]
  certain: boolean
}

export type Needs = Record<Action, Need[]>

interface ResourceEntry extends Needs {
  division: boolean
  note: string
}

export interface Source {
  repository: string
  version: string
  commit: string
}

export interface Table {
  provenance: { provider: Source; sdk: Source; generator: string; resourceTypes: number }
  resources: Record<string, ResourceEntry>
}

/** What a preflight cannot see for a type, whatever the declared permissions say. */
const NOTES: Record<string, string> = {
  genesyscloud_flow:
    'Publishing runs as an Archy job: POST /api/v2/flows/jobs declares only architect:job:create, and the architect:flow:* permissions the flow needs are checked inside the job, where a preflight cannot see them.',
  genesyscloud_tf_export:
    'The export calls the GET operations of every resource type it exports; its API Usage lists none of them.'
}

const segments = (shape: string) => shape.split('/').length
const parentOf = (shape: string) => shape.slice(0, shape.lastIndexOf('/'))

/**
 * The type's own object: an item path `C/{}` whose collection `C` the type POSTs to (a `jobs`
 * collection holds the work of making something, not the thing). Where several qualify, the
 * shortest wins (members, wrap-up codes and the like hang below the object), then the one whose
 * collection is named like the type (`/oauth/clients` for genesyscloud_oauth_client, not
 * `/integrations/credentials`); a tie after that leaves the type without one, since guessing
 * would make a fact of a guess.
 */
export function mainItem(ops: Joined[], type: string): string | undefined {
  const has = (method: Method, shape: string) =>
    ops.some(op => op.method === method && pathShape(op.path) === shape)
  const items = [...new Set(ops.map(op => pathShape(op.path)))].filter(
    shape =>
      shape.endsWith('/{}') &&
      !parentOf(shape).endsWith('/jobs') &&
      has('POST', parentOf(shape)) &&
      (['GET', 'PUT', 'PATCH', 'DELETE'] as const).some(m => has(m, shape))
  )
  const shortest = items.filter(shape => segments(shape) === Math.min(...items.map(segments)))
  const score = (shape: string) => nameMatches(parentOf(shape), type)
  const best = shortest.filter(shape => score(shape) === Math.max(...shortest.map(score)))
  return best.length === 1 ? best[0] : undefined
}

/** How many words of the type name a collection's segments spell (`clients` spells `client`). */
function nameMatches(collection: string, type: string): number {
  const words = type.replace(/^genesyscloud_/, '').split('_')
  const parts = collection.split('/').filter(part => part !== '' && part !== '{}')
  return words.filter(word => parts.some(part => part.startsWith(word))).length
}

/** Where an operation that is not one of the main object's four may be called. */
const MAY_SERVE: Record<Method, Action[]> = {
  GET: ['read'],
  POST: ['create', 'update'],
  PUT: ['create', 'update'],
  PATCH: ['create', 'update'],
  DELETE: ['update', 'delete']
}

/**
 * The classification rule (docs/permissions-table.md): with the main item `C/{}`, POST C is
 * certain for create, GET and DELETE on the item for read and delete, PUT or PATCH on it for
 * update (when the type uses only one of the two); every other operation is uncertain and listed
 * under each action it may serve. `guessed`: the list is not the type's own (sharedLists), so
 * nothing in it is certain.
 */
export function classify(ops: Joined[], type: string, guessed = false): Needs {
  const item = guessed ? undefined : mainItem(ops, type)
  const updates = ops.filter(
    op => (op.method === 'PUT' || op.method === 'PATCH') && pathShape(op.path) === item
  )
  const certainFor = (op: Joined): Action | undefined => {
    if (item === undefined) return undefined
    const shape = pathShape(op.path)
    if (op.method === 'POST' && shape === parentOf(item)) return 'create'
    if (shape !== item) return undefined
    if (op.method === 'GET') return 'read'
    if (op.method === 'DELETE') return 'delete'
    return updates.length === 1 ? 'update' : undefined
  }
  const needs: Needs = { create: [], read: [], update: [], delete: [] }
  for (const op of sortOperations(ops)) {
    const action = certainFor(op)
    const actions = action ? [action] : MAY_SERVE[op.method]
    for (const a of actions) needs[a].push(need(op, action !== undefined))
  }
  return needs
}

function need(op: Joined, certain: boolean): Need {
  const declared: Declared | undefined = op.declared
  return {
    operation: `${op.method} ${op.path}`,
    require: declared ? declared.require : 'UNKNOWN',
    permissions: declared ? [...declared.permissions] : [],
    certain
  }
}

const sortOperations = (ops: Joined[]) =>
  [...ops].sort(
    (a, b) =>
      compare(pathShape(a.path), pathShape(b.path)) ||
      METHODS.indexOf(a.method) - METHODS.indexOf(b.method)
  )

/**
 * Types whose docs list exactly the same operations: the list describes a family (a caseplan and
 * the resources that publish it or add a version to it, which delete nothing). The family's
 * root, the type whose name prefixes all the others', keeps the list as its own; each other member
 * maps to the types it shares the list with.
 */
export function sharedLists(docs: ResourceDoc[]): Map<string, string[]> {
  const byList = new Map<string, string[]>()
  for (const doc of docs) {
    const key = [...new Set(doc.operations.map(operationKey))].sort().join('\n')
    byList.set(key, [...(byList.get(key) ?? []), doc.type])
  }
  const shared = new Map<string, string[]>()
  for (const types of byList.values()) {
    if (types.length < 2) continue
    const root = types.find(t => types.every(o => o === t || o.startsWith(`${t}_`)))
    for (const type of types)
      if (type !== root) shared.set(type, types.filter(o => o !== type).sort(compare))
  }
  return shared
}

export function buildTable(
  docs: ResourceDoc[],
  declared: Declared[],
  provenance: Table['provenance']
): Table {
  const sdk = indexSdk(declared)
  const shared = sharedLists(docs)
  const resources: Record<string, ResourceEntry> = {}
  for (const doc of [...docs].sort((a, b) => compare(a.type, b.type))) {
    if (resources[doc.type]) throw new Error(`${doc.type} is documented twice`)
    const others = shared.get(doc.type)
    const needs = classify(joinOperations(doc.operations, sdk), doc.type, others !== undefined)
    const note = [
      NOTES[doc.type],
      others &&
        `Its docs list the same operations as ${others.join(', ')}: which of them it calls is not known.`
    ]
    resources[doc.type] = { division: doc.division, note: note.filter(Boolean).join(' '), ...needs }
  }
  return { provenance, resources }
}

/** The table's text: keys in a fixed order, one Need a line, a newline at the end. */
export function renderTable(table: Table): string {
  const json = JSON.stringify
  const p = table.provenance
  const source = (s: Source) =>
    `{ "repository": ${json(s.repository)}, "version": ${json(s.version)}, "commit": ${json(s.commit)} }`
  const needLine = (n: Need) =>
    `{ "operation": ${json(n.operation)}, "require": ${json(n.require)}, "permissions": ${json(n.permissions)}, "certain": ${n.certain} }`
  const resource = ([type, r]: [string, ResourceEntry]) => {
    const actions = ACTIONS.map(a =>
      r[a].length === 0
        ? `      ${json(a)}: []`
        : `      ${json(a)}: [\n${r[a].map(n => `        ${needLine(n)}`).join(',\n')}\n      ]`
    )
    const head = [`      "division": ${r.division}`, `      "note": ${json(r.note)}`]
    return `    ${json(type)}: {\n${[...head, ...actions].join(',\n')}\n    }`
  }
  const types = Object.entries(table.resources).sort(([a], [b]) => compare(a, b))
  return [
    '{',
    '  "provenance": {',
    `    "provider": ${source(p.provider)},`,
    `    "sdk": ${source(p.sdk)},`,
    `    "generator": ${json(p.generator)},`,
    `    "resourceTypes": ${p.resourceTypes}`,
    '  },',
    '  "resources": {',
    types.map(resource).join(',\n'),
    '  }',
    '}',
    ''
  ].join('\n')
}
