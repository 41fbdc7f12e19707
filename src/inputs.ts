// Inputs, as the runner hands them over (strings), parsed into settings or one clear error.
// Pure: `read` returns the raw input; nothing here prints or sends anything.
import { errors, warnings as warn } from './errors.js'
import { resolveEndpoints, type Endpoints } from './endpoints.js'
import { parseProbes, type Probe } from './probes.js'
import { parseScopeList } from './scopes.js'

export interface Settings {
  clientId: string
  clientSecret: string
  endpoints: Endpoints
  scopes: string[]
  requiredScopes: string[]
  authMethod: 'basic' | 'post'
  minValidity: number
  exportEnv: boolean
  verify: boolean
  expectedOrganizationIds: string[]
  revoke: boolean
  summary: boolean
  maxAttempts: number
  timeoutMs: number
  probes: Probe[]
}

export interface Parsed {
  settings: Settings
  warnings: string[]
}

export type ReadInput = (name: string) => string

// YAML 1.2 core schema booleans, as @actions/core's getBooleanInput accepts them.
const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim()
  if (value === '') return fallback
  if (TRUE.includes(value)) return true
  if (FALSE.includes(value)) return false
  throw errors.inputInvalid(name, value, 'accepted: true or false')
}

export function parseInteger(
  name: string,
  raw: string,
  fallback: number,
  min: number,
  max: number
): number {
  const value = raw.trim()
  if (value === '') return fallback
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    throw errors.inputInvalid(name, value, `accepted: a whole number from ${min} to ${max}`)
  return Number(value)
}

export function parseSeconds(name: string, raw: string, fallback: number, max: number): number {
  const value = raw.trim()
  if (value === '') return fallback
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0 || Number(value) > max)
    throw errors.inputInvalid(name, value, `accepted: a number of seconds above 0, at most ${max}`)
  return Number(value)
}

function parseSecretLike(name: string, raw: string, warnings: string[]): string {
  const value = raw.trim()
  if (value === '') throw errors.inputRequired(name)
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw errors.inputSecretInvalid(
      name,
      'holds a line break or control character; it must be a single line'
    )
  if (value !== raw) warnings.push(warn.whitespace(name))
  return value
}

export function parseOrganizationIds(raw: string): string[] {
  const ids = raw.split(/[\s,]+/).filter(Boolean)
  for (const id of ids)
    if (!/^[\w-]{1,64}$/.test(id))
      throw errors.inputInvalid(
        'expected-organization-id',
        id,
        'accepted: organization ids (UUIDs), comma-separated'
      )
  return [...new Set(ids.map(id => id.toLowerCase()))]
}

export function parseInputs(read: ReadInput): Parsed {
  const warnings: string[] = []
  const clientId = parseSecretLike('client-id', read('client-id'), warnings)
  const clientSecret = parseSecretLike('client-secret', read('client-secret'), warnings)
  const endpoints = resolveEndpoints(
    read('region').trim(),
    read('login-url').trim(),
    read('api-url').trim()
  )
  const authMethod = read('auth-method').trim().toLowerCase() || 'basic'
  if (authMethod !== 'basic' && authMethod !== 'post')
    throw errors.inputInvalid(
      'auth-method',
      authMethod,
      'accepted: basic (HTTP Basic header, what Genesys Cloud documents) or post (secret in the form body)'
    )
  const scopes = parseScopeList(read('scopes'))
  const required = parseScopeList(read('required-scopes'))
  const verify = parseBoolean('verify', read('verify'), true)
  const expectedOrganizationIds = parseOrganizationIds(read('expected-organization-id'))
  if (expectedOrganizationIds.length && !verify)
    throw errors.inputInvalid(
      'verify',
      'false',
      '"expected-organization-id" needs "verify: true", which reads the organization from the API'
    )
  const settings: Settings = {
    clientId,
    clientSecret,
    endpoints,
    scopes,
    requiredScopes: required.length ? required : scopes,
    authMethod,
    minValidity: parseInteger('min-validity', read('min-validity'), 300, 0, 172800),
    exportEnv: parseBoolean('export-env', read('export-env'), false),
    verify,
    expectedOrganizationIds,
    revoke: parseBoolean('revoke', read('revoke'), true),
    summary: parseBoolean('summary', read('summary'), true),
    maxAttempts: parseInteger('max-attempts', read('max-attempts'), 5, 1, 10),
    timeoutMs: parseSeconds('timeout', read('timeout'), 10, 300) * 1000,
    probes: parseProbes(read('check-endpoints'))
  }
  return { settings, warnings }
}
