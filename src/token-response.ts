// Reading the token endpoint's answer. Nothing here may put token text into an error message.
import { jwtDecode } from 'jwt-decode'
import { errors } from './errors.js'

export interface TokenResponse {
  accessToken: string
  tokenType: string
  expiresIn: number
  /** The response's own `scope` field, when present. */
  scope?: string
}

export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function parseTokenResponse(body: string): TokenResponse {
  const json = parseJson(body)
  if (!isRecord(json)) throw errors.tokenResponse('the body is not a JSON object')
  const token = json.access_token
  if (typeof token !== 'string' || token.trim() === '')
    throw errors.tokenResponse('it holds no "access_token"')
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(token))
    throw errors.tokenResponse('its "access_token" holds whitespace or control characters')
  // A numeric string is tolerated; "", " " and "0x10" are not numbers of seconds.
  const expiresIn =
    typeof json.expires_in === 'string' && /^\d+(\.\d+)?$/.test(json.expires_in.trim())
      ? Number(json.expires_in)
      : json.expires_in
  if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || expiresIn < 0)
    throw errors.tokenResponse('its "expires_in" is missing or not a number of seconds')
  const tokenType =
    typeof json.token_type === 'string' && json.token_type ? json.token_type : 'bearer'
  if (tokenType.toLowerCase() !== 'bearer')
    throw errors.tokenResponse(
      `its "token_type" is ${JSON.stringify(tokenType.slice(0, 40))}, not "bearer"`
    )
  return {
    accessToken: token,
    tokenType,
    expiresIn: Math.floor(expiresIn),
    ...(typeof json.scope === 'string' ? { scope: json.scope } : {})
  }
}

/**
 * Claims of a JWT access token, or undefined for an opaque token (Genesys Cloud's kind).
 * Decoding errors are swallowed on purpose: jwt-decode's messages can quote token text.
 */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  if (!/^[\w-]+\.[\w-]+\.[\w-]*$/.test(token)) return undefined
  try {
    const header: unknown = jwtDecode(token, { header: true })
    const claims: unknown = jwtDecode(token)
    return isRecord(header) && isRecord(claims) ? claims : undefined
  } catch {
    return undefined
  }
}

/** Error fields of an OAuth error body (`error`, `error_description` or Genesys's `description`). */
export function oauthErrorOf(body: string): { error: string; description: string } {
  const json = parseJson(body)
  if (!isRecord(json)) return { error: '', description: '' }
  const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 300) : '')
  return {
    error: text(json.error),
    description: text(json.error_description) || text(json.description)
  }
}

/** The message of a Platform API error body (`{"message": ..., "code": ...}`). */
export function apiMessageOf(body: string): string {
  const json = parseJson(body)
  if (!isRecord(json)) return ''
  const message =
    typeof json.message === 'string' ? json.message : typeof json.code === 'string' ? json.code : ''
  return message.slice(0, 500)
}
