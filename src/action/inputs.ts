// Inputs, as the runner hands them over (strings), parsed into settings or one clear error.
// Pure: `read` returns the raw input and `env` is a plain record; nothing here prints or sends.
import { errors, warnings as warn, worded } from '../errors.js'
import {
  nearestRegions,
  quotableUrl,
  REGIONS,
  resolveEndpoints,
  resolveRegion,
  type Endpoints
} from '../genesys/endpoints.js'
import type { Probe } from '../genesys/probes.js'
import { parseScopeList } from '../genesys/scopes.js'
import { isLoopbackHost } from '../net/proxy.js'
import {
  describeSources,
  ENV,
  inheritedToken,
  parseCredential,
  swappedCredentials,
  type RegionSource
} from './credentials.js'
import { parseProbes } from './probes.js'

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
  /** False: the token is checked and revoked, never handed to later steps. */
  outputToken: boolean
  summary: boolean
  maxAttempts: number
  timeoutMs: number
  probes: Probe[]
  /** "terraform-plan": the path of `terraform show -json` output; '' for none. */
  terraformPlan: string
  /** "required-permissions": `domain:entity:action` strings the client's roles must grant. */
  requiredPermissions: string[]
}

/** Whether the step checks permissions (and so reads roles and maybe the plan). */
export const checksPermissions = (s: Settings): boolean =>
  s.terraformPlan !== '' || s.requiredPermissions.length > 0

export interface Parsed {
  settings: Settings
  warnings: string[]
  /** One log line telling where the credentials and the region came from (never the values). */
  sources: string
  /** Further lines for the log, not warnings. */
  notes: string[]
}

export type ReadInput = (name: string) => string
export type Env = Readonly<Record<string, string | undefined>>

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

/** How often and how long to try a request: the main step's inputs, which the post step reads too. */
export const parseMaxAttempts = (raw: string): number => parseInteger('max-attempts', raw, 5, 1, 10)
export const parseTimeoutMs = (raw: string): number => parseSeconds('timeout', raw, 10, 300) * 1000

export function parseOrganizationIds(raw: string): string[] {
  const ids = raw.split(/[\s,]+/).filter(Boolean)
  // Only separators (a variable missing on one environment, joined) must not turn the check off.
  if (!ids.length && raw !== '')
    throw errors.inputInvalid(
      'expected-organization-id',
      raw.trim(),
      'it holds only separators. Accepted: organization ids (UUIDs), space-, comma- or newline-separated, or an empty value for no organization check'
    )
  for (const id of ids)
    if (!/^[\w-]{1,64}$/.test(id))
      throw errors.inputInvalid(
        'expected-organization-id',
        id,
        'accepted: organization ids (UUIDs), space-, comma- or newline-separated'
      )
  return [...new Set(ids.map(id => id.toLowerCase()))]
}

/** The hosts, or the error naming the input that refused them. */
function endpointsOf(region: string, loginUrl: string, apiUrl: string): Endpoints {
  try {
    return resolveEndpoints(region, loginUrl, apiUrl)
  } catch (err) {
    throw worded(err)
  }
}

/** `domain:entity:action`, as the Platform API spells permissions (`*` as a wildcard part). */
const PERMISSION = /^[A-Za-z][\w-]{0,99}:[\w*-]{1,100}:[\w*-]{1,100}$/

function parsePermissions(raw: string): string[] {
  const listed = parseScopeList(raw)
  for (const p of listed) if (!PERMISSION.test(p)) throw errors.permissionInvalid(p)
  return listed
}

export function parseInputs(read: ReadInput, env: Env = {}): Parsed {
  const warnings: string[] = []
  const id = parseCredential('client-id', ENV.clientId, read, env, warnings)
  const secret = parseCredential('client-secret', ENV.clientSecret, read, env, warnings)
  swappedCredentials(id, secret, warnings)
  const loginUrl = read('login-url').trim()
  const regionInput = read('region').trim()
  if (loginUrl && regionInput) warnings.push(warn.regionIgnored(regionInput))
  // A custom login URL decides the hosts; the job's region variable then has no say.
  const regionVariable = loginUrl ? '' : (env[ENV.region] ?? '').trim()
  if (!regionInput && regionVariable && !resolveRegion(regionVariable))
    throw errors.regionUnknown(
      regionVariable,
      Object.keys(REGIONS),
      nearestRegions(regionVariable),
      ENV.region
    )
  const regionSource: RegionSource = loginUrl
    ? 'login-url'
    : regionInput
      ? 'input'
      : regionVariable
        ? 'env'
        : 'default'
  const endpoints = endpointsOf(regionInput || regionVariable, loginUrl, read('api-url').trim())
  // The job's Genesys secret goes only to a Genesys Cloud login host (or a local emulator): a
  // custom login-url must be given its credentials explicitly.
  const loginHost = new URL(endpoints.loginUrl).hostname
  if (secret.fromEnv && !endpoints.region && !isLoopbackHost(loginHost))
    throw errors.envCredentialsElsewhere(ENV.clientSecret, quotableUrl(endpoints.loginUrl))
  // ...and the token made from it only to that region's API host: a fake API could pass the
  // verification and "revoke" a token that stays valid.
  const apiHost = new URL(endpoints.apiUrl).hostname.toLowerCase().replace(/\.$/, '')
  if (
    secret.fromEnv &&
    !isLoopbackHost(apiHost) &&
    !(endpoints.domain && apiHost === `api.${endpoints.domain}`)
  )
    throw errors.envCredentialsApiElsewhere(ENV.clientSecret, quotableUrl(endpoints.apiUrl))
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
    clientId: id.value,
    clientSecret: secret.value,
    endpoints,
    scopes,
    requiredScopes: required.length ? required : scopes,
    authMethod,
    minValidity: parseInteger('min-validity', read('min-validity'), 300, 0, 172800),
    exportEnv: parseBoolean('export-env', read('export-env'), false),
    verify,
    expectedOrganizationIds,
    revoke: parseBoolean('revoke', read('revoke'), true),
    outputToken: parseBoolean('output-token', read('output-token'), true),
    summary: parseBoolean('summary', read('summary'), true),
    maxAttempts: parseMaxAttempts(read('max-attempts')),
    timeoutMs: parseTimeoutMs(read('timeout')),
    probes: parseProbes(read('check-endpoints')),
    terraformPlan: read('terraform-plan').trim(),
    requiredPermissions: parsePermissions(read('required-permissions'))
  }
  if (checksPermissions(settings) && !verify)
    throw errors.permissionsNeedVerify(
      settings.terraformPlan ? '"terraform-plan"' : '"required-permissions"'
    )
  return {
    settings,
    warnings,
    sources: describeSources(id, secret, regionSource, endpoints.region),
    notes: inheritedToken(settings, env, warnings)
  }
}
