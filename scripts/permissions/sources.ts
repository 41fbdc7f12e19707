// Reading the two public sources of the permission table: the Terraform provider's resource docs
// (which operations a resource type calls) and the JavaScript SDK's API docs (what each operation
// declares it needs). Pure functions over markdown text, so that the tests can feed them
// hand-written documents; scripts/permissions-table.ts does the file reading.

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
export type Method = (typeof METHODS)[number]

export interface Operation {
  method: Method
  path: string
}

export interface ResourceDoc {
  type: string
  /** The "API Usage" list, in document order, repeats included. */
  operations: Operation[]
  /** The type's own schema (not a nested block) has `division_id` or `division_ids`. */
  division: boolean
}

type Require = 'ALL' | 'ANY' | 'NONE'

export interface Declared extends Operation {
  require: Require
  permissions: string[]
}

const OPERATION_LINK = new RegExp(`^\\* \\[(${METHODS.join('|')}) (/api/[^\\]\\s]+)\\]`)
const SECTION = /^## /
const SCHEMA_SECTION = /^### /
const TOP_SCHEMA = /^### (Required|Optional|Read-Only)\s*$/
const DIVISION_ATTRIBUTE = /^- `division_ids?` \(/

function section(lines: string[], heading: RegExp): string[] {
  const start = lines.findIndex(line => heading.test(line))
  if (start < 0) return []
  const rest = lines.slice(start + 1)
  const end = rest.findIndex(line => SECTION.test(line))
  return end < 0 ? rest : rest.slice(0, end)
}

/**
 * One `docs/resources/NAME.md` of the provider. The type comes from the `# genesyscloud_x
 * (Resource)` title (the file name is the fallback: NAME.md documents genesyscloud_NAME).
 */
export function parseResourceDoc(markdown: string, fileName: string): ResourceDoc {
  const lines = markdown.split(/\r?\n/)
  const title = lines.map(line => /^# (genesyscloud_\w+) \(Resource\)/.exec(line)).find(Boolean)
  const type = title ? title[1] : `genesyscloud_${fileName.replace(/\.md$/, '')}`
  const operations = section(lines, /^## API Usage\s*$/).flatMap(line => {
    const match = OPERATION_LINK.exec(line)
    return match ? [{ method: match[1] as Method, path: match[2] }] : []
  })
  // Only the type's own attributes count: a nested `division_ids` (a role grant of user_roles,
  // group_roles, oauth_client) says where a role applies, not where the object lives.
  let top = false
  const division = section(lines, /^## Schema\s*$/).some(line => {
    if (SCHEMA_SECTION.test(line)) top = TOP_SCHEMA.test(line)
    return top && DIVISION_ATTRIBUTE.test(line)
  })
  return { type, operations, division }
}

const OPERATION_LINE = new RegExp(`^(${METHODS.join('|')}) (/api/\\S+)\\s*$`)
const REQUIRES = /^Requires (ANY|ALL|NO) permissions:?\s*$/
const PERMISSION = /^\* (\S+)\s*$/

/**
 * One `build/docs/XApi.md` of the SDK: each `## operationName` section has a `METHOD /path` line
 * and a "Requires ANY|ALL|NO permissions:" line followed by a bullet per permission.
 */
export function parseSdkDoc(markdown: string): Declared[] {
  const found: Declared[] = []
  let operation: Operation | undefined
  let current: Declared | undefined
  for (const line of markdown.split(/\r?\n/)) {
    if (SECTION.test(line)) {
      operation = undefined
      current = undefined
      continue
    }
    const opLine = OPERATION_LINE.exec(line)
    if (opLine && !current) {
      operation = { method: opLine[1] as Method, path: opLine[2] }
      continue
    }
    const requires = REQUIRES.exec(line)
    if (requires && operation) {
      const require = requires[1] === 'NO' ? 'NONE' : (requires[1] as Require)
      current = { ...operation, require, permissions: [] }
      found.push(current)
      operation = undefined
      continue
    }
    const permission = PERMISSION.exec(line)
    if (permission && current && current.require !== 'NONE') current.permissions.push(permission[1])
    else if (line.trim() !== '') current = undefined
  }
  return found.map(d => ({ ...d, permissions: [...new Set(d.permissions)].sort() }))
}

/** The path with every `{parameter}` made anonymous and its letters lower-cased. */
export const pathShape = (path: string): string => path.replace(/\{[^}]*\}/g, '{}').toLowerCase()

export const operationKey = (op: Operation): string => `${op.method} ${pathShape(op.path)}`

export interface SdkIndex {
  byShape: Map<string, Declared>
  /** Shapes declared twice with different requirements: a fact that cannot be trusted. */
  conflicts: string[]
}

const sameDeclaration = (a: Declared, b: Declared) =>
  a.require === b.require && a.permissions.join(' ') === b.permissions.join(' ')

/**
 * An operation may be documented in several API files (the analytics jobs are in two): one entry
 * per method + shape. The spelling kept is the first in sorted order, so the file order of the
 * directory listing does not matter.
 */
export function indexSdk(declared: Declared[]): SdkIndex {
  const byShape = new Map<string, Declared>()
  const conflicts = new Set<string>()
  const sorted = [...declared].sort((a, b) => compare(a.path, b.path))
  for (const d of sorted) {
    const key = operationKey(d)
    const seen = byShape.get(key)
    if (!seen) byShape.set(key, d)
    else if (!sameDeclaration(seen, d)) conflicts.add(key)
  }
  return { byShape, conflicts: [...conflicts].sort() }
}

export interface Joined extends Operation {
  /** Undefined when the SDK docs do not have the operation (or declare it inconsistently). */
  declared?: Declared
  /** The provider spells the path otherwise than the SDK (parameter names or letter case). */
  normalised: boolean
}

/**
 * The operations of one resource type with what the SDK declares for them, joined on method and
 * path shape; two spellings of one shape in a type's list are one operation (the SDK's spelling,
 * or the provider's first one when the SDK does not know it).
 */
export function joinOperations(operations: Operation[], sdk: SdkIndex): Joined[] {
  const byKey = new Map<string, Joined>()
  for (const op of operations) {
    const key = operationKey(op)
    if (byKey.has(key)) continue
    const declared = sdk.conflicts.includes(key) ? undefined : sdk.byShape.get(key)
    byKey.set(
      key,
      declared
        ? {
            method: op.method,
            path: declared.path,
            declared,
            normalised: declared.path !== op.path
          }
        : { method: op.method, path: op.path, normalised: false }
    )
  }
  return [...byKey.values()]
}

/** Code-unit order: the same on every machine and locale. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
