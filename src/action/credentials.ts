// The client's credentials: from the inputs, or from the variables Genesys's own tools read, and
// checked as RFC 6749 allows before anything is sent; and the token a job may already hold.
// Pure, like inputs.ts: nothing here prints or sends.
import { CLIENT_ID_MASKED, errors, warnings as warn } from '../errors.js'
import type { Env, ReadInput, Settings } from './inputs.js'

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

export interface Credential {
  value: string
  fromEnv: boolean
}

/** The input, or when it is empty the environment variable; refused when both are empty. */
export function parseCredential(
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

/**
 * Genesys Cloud client IDs are UUIDs. A client ID that is not one may be a pasted secret (the two
 * swapped): it is masked, and never printed.
 */
export const looksLikeClientId = (value: string): boolean =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

/**
 * A client ID this short is not masked although it is never printed: the runner would hide that
 * text in every later line of the whole job (a client ID "ci" or "terraform" of another OAuth
 * server), while a secret pasted in its place is longer (a Genesys Cloud one has 43 characters).
 */
const MASKED_ID_MIN = 16

/** Whether the client ID is masked: one that may be a swapped secret, and long enough to be one. */
export const masksClientId = (id: string): boolean =>
  !looksLikeClientId(id) && id.length >= MASKED_ID_MIN

/** The client ID as the log and the summary show it. */
export const shownClientId = (id: string): string =>
  looksLikeClientId(id) ? id : `(${CLIENT_ID_MASKED})`

/** Warns when the secret looks like a client ID and the client ID does not. */
export function swappedCredentials(id: Credential, secret: Credential, warnings: string[]): void {
  if (looksLikeClientId(id.value) || !looksLikeClientId(secret.value)) return
  warnings.push(
    warn.credentialsSwapped(
      id.fromEnv ? ENV.clientId : 'input "client-id"',
      secret.fromEnv ? ENV.clientSecret : 'input "client-secret"'
    )
  )
}

export type RegionSource = 'input' | 'env' | 'default' | 'login-url'

export function describeSources(
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

/**
 * A token already in the job's env is what later tools use, unless export-env writes over it. A
 * check (output-token: false) hands out nothing: the earlier token is the one meant for them (the
 * preflight beside an exporting step), so that is a note, not a warning to set export-env, which
 * would clear it.
 */
export function inheritedToken(
  s: Pick<Settings, 'exportEnv' | 'outputToken'>,
  env: Env,
  warnings: string[]
): string[] {
  if (!(env[ENV.accessToken] ?? '').trim()) return []
  if (!s.exportEnv && !s.outputToken)
    return [`${ENV.accessToken} from earlier in this job is left as it is (output-token: false).`]
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
