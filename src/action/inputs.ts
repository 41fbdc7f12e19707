// Inputs, as the runner hands them over (strings), parsed into settings or one clear error.
// Pure: `read` returns the raw input and `env` is a plain record; nothing here prints or sends.
import { errors, warnings as warn } from '../errors.js'
import {
  quotableUrl,
  unknownRegion,
  resolveEndpoints,
  resolveRegion,
  type Endpoints
} from '../genesys/endpoints.js'
import { parseProbes, type Probe } from '../genesys/probes.js'
import { parseScopeList } from '../genesys/scopes.js'
import { isLoopbackHost } from '../net/proxy.js'

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
}

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

/**
 * What the Terraform provider and the gc CLI read: a CX-as-Code job that already has them in its
 * env adopts the action without `with:`. Inputs always win; these fill in only empty ones.
 */
export const ENV = {
  clientId: 'GENESYSCLOUD_OAUTHCLIENT_ID',
  clientSecret: 'GENESYSCLOUD_OAUTHCLIENT_SECRET',
  region: 'GENESYSCLOUD_REGION',
  /** Not read as a credential: only warned about when a later step would use it instead. */
  accessToken: 'GENESYSCLOUD_ACCESS_TOKEN'
} as const

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

interface Credential {
  value: string
  fromEnv: boolean
}

/** The input, or when it is empty the environment variable; refused when both are empty. */
function parseCredential(
  name: string,
  variable: string,
  read: ReadInput,
  env: Env,
  warnings: string[]
): Credential {
  const input = read(name)
  const fromEnv = input.trim() === '' && (env[variable] ?? '').trim() !== ''
  const raw = fromEnv ? env[variable]! : input
  const value = raw.trim()
  if (value === '') throw errors.inputRequired(name, variable)
  const singleLine = 'holds a line break or control character; it must be a single line'
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw fromEnv
      ? errors.variableSecretInvalid(variable, singleLine)
      : errors.inputSecretInvalid(name, singleLine)
  // RFC 6749 Appendix A: client_id and client_secret are VSCHAR (%x20-7E). Anything else is an
  // invisible copy-paste passenger (zero-width space, soft hyphen, U+2028) or a wrong value.
  const other = /[^\x20-\x7e]/u.exec(value)?.[0]
  if (other) {
    const why = `holds the character U+${other.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}: only printable ASCII (%x20-7E, RFC 6749) is accepted. Copy the value again; look for an invisible character`
    throw fromEnv
      ? errors.variableSecretInvalid(variable, why)
      : errors.inputSecretInvalid(name, why)
  }
  if (value !== raw)
    warnings.push(fromEnv ? warn.variableWhitespace(variable) : warn.whitespace(name))
  return { value, fromEnv }
}

type RegionSource = 'input' | 'env' | 'default' | 'login-url'

function describeSources(
  id: Credential,
  secret: Credential,
  region: RegionSource,
  key: string
): string {
  const credentials =
    id.fromEnv && secret.fromEnv
      ? `Credentials from the environment (${ENV.clientId}, ${ENV.clientSecret})`
      : !id.fromEnv && !secret.fromEnv
        ? 'Credentials from the inputs (client-id, client-secret)'
        : `Client ID from ${id.fromEnv ? ENV.clientId : 'input "client-id"'}, client secret from ${secret.fromEnv ? ENV.clientSecret : 'input "client-secret"'}`
  const where = {
    input: 'region from input "region"',
    // An earlier step's export-env may have set it: which region that is shows here.
    env: `region from ${ENV.region} (${key})`,
    default: `region us-east-1 (the default: neither input "region" nor ${ENV.region} is set)`,
    'login-url': 'hosts from input "login-url"'
  }[region]
  return `${credentials}; ${where}`
}

export function parseOrganizationIds(raw: string): string[] {
  const ids = raw.split(/[\s,]+/).filter(Boolean)
  // Only separators (a variable missing on one environment, joined) must not turn the check off.
  if (!ids.length && raw !== '')
    throw errors.inputInvalid(
      'expected-organization-id',
      raw.trim(),
      'it holds only separators. Accepted: organization ids (UUIDs), comma-separated, or an empty value for no organization check'
    )
  for (const id of ids)
    if (!/^[\w-]{1,64}$/.test(id))
      throw errors.inputInvalid(
        'expected-organization-id',
        id,
        'accepted: organization ids (UUIDs), comma-separated'
      )
  return [...new Set(ids.map(id => id.toLowerCase()))]
}

export function parseInputs(read: ReadInput, env: Env = {}): Parsed {
  const warnings: string[] = []
  const id = parseCredential('client-id', ENV.clientId, read, env, warnings)
  const secret = parseCredential('client-secret', ENV.clientSecret, read, env, warnings)
  const loginUrl = read('login-url').trim()
  const regionInput = read('region').trim()
  if (loginUrl && regionInput) warnings.push(warn.regionIgnored(regionInput))
  // A custom login URL decides the hosts; the job's region variable then has no say.
  const regionVariable = loginUrl ? '' : (env[ENV.region] ?? '').trim()
  if (!regionInput && regionVariable && !resolveRegion(regionVariable))
    throw unknownRegion(regionVariable, ENV.region)
  const regionSource: RegionSource = loginUrl
    ? 'login-url'
    : regionInput
      ? 'input'
      : regionVariable
        ? 'env'
        : 'default'
  const endpoints = resolveEndpoints(
    regionInput || regionVariable,
    loginUrl,
    read('api-url').trim()
  )
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
    maxAttempts: parseInteger('max-attempts', read('max-attempts'), 5, 1, 10),
    timeoutMs: parseSeconds('timeout', read('timeout'), 10, 300) * 1000,
    probes: parseProbes(read('check-endpoints'))
  }
  return {
    settings,
    warnings,
    sources: describeSources(id, secret, regionSource, endpoints.region),
    notes: inheritedToken(settings, env, warnings)
  }
}

/** A token already in the job's env is what later tools use, unless export-env writes over it. */
function inheritedToken(s: Settings, env: Env, warnings: string[]): string[] {
  if (!(env[ENV.accessToken] ?? '').trim()) return []
  if (!s.exportEnv) {
    warnings.push(warn.inheritedToken(ENV.accessToken))
    return []
  }
  return [
    s.outputToken
      ? `${ENV.accessToken} from earlier in this job is replaced by this step's token (export-env).`
      : `${ENV.accessToken} from earlier in this job is cleared (export-env with output-token: false).`
  ]
}
