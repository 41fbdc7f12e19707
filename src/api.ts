// Calls to the Genesys Cloud Platform API with the new token (verification, probes, revocation):
// the Bearer header, the 2xx test and the error message of a refusal, in one place.
import { send, type HttpPolicy } from './http.js'
import { isRecord, parseJson } from './json.js'
import { serverText } from './server-text.js'

export interface ApiCall {
  method: 'GET' | 'HEAD' | 'DELETE'
  /** A path on the API host, starting with /api/. */
  path: string
  /** What the call is for, as messages name it: "Token verification". */
  what: string
  /** A probe needs the status, not the body: a huge answer is cut, not failed. */
  statusOnly?: boolean
}

export interface ApiAnswer {
  status: number
  ok: boolean
  /** The parsed body (undefined when not JSON). */
  json: unknown
  /** The API's own error message (`message`, else `code`), one line; '' on success. */
  message: string
  attempts: number
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300

/** The message of a Platform API error body (`{"message": ..., "code": ...}`), made one line. */
export function apiMessageOf(json: unknown): string {
  if (!isRecord(json)) return ''
  return serverText(typeof json.message === 'string' ? json.message : json.code, 500)
}

export async function callApi(
  apiUrl: string,
  token: string,
  call: ApiCall,
  policy: HttpPolicy
): Promise<ApiAnswer> {
  const res = await send(
    {
      method: call.method,
      url: `${apiUrl}${call.path}`,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      what: call.what,
      oversized: call.statusOnly ? 'truncate' : 'fail'
    },
    policy
  )
  const ok = isSuccess(res.status)
  const json = parseJson(res.body)
  return {
    status: res.status,
    ok,
    json,
    message: ok ? '' : apiMessageOf(json),
    attempts: res.attempts
  }
}
