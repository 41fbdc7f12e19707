// A request that got no HTTP answer: refused, reset, DNS, TLS, proxy, timeout, oversized body.
// `reason` is safe to print (codes, host names, never request options or credentials).

export type FailureKind =
  | 'tls'
  | 'tls-untrusted'
  | 'tls-name'
  | 'dns'
  | 'proxy-auth'
  | 'proxy-auth-scheme'
  | 'proxy-setting'
  | 'proxy'
  | 'body'
  | 'timeout'
  /** Not started: the step's time budget was spent before the request's turn came. */
  | 'budget'
  | 'network'

export class NetworkFailure extends Error {
  override name = 'NetworkFailure'
  constructor(
    readonly reason: string,
    readonly transient: boolean,
    readonly kind: FailureKind = 'network'
  ) {
    super(reason)
  }
}

const TLS_CODES = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS_|ERR_SSL_)/
/** The chain ends at a CA that Node does not trust (a private or intercepting proxy's CA). */
const UNTRUSTED = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_CHAIN_TOO_LONG'
])

/** A TLS failure, told apart by cause; `peer` says whose certificate ("login.x" or "the proxy …"). */
export function tlsFailure(code: string, peer: string): NetworkFailure {
  if (UNTRUSTED.has(code))
    return new NetworkFailure(
      `the TLS certificate of ${peer} is not trusted (${code})`,
      false,
      'tls-untrusted'
    )
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new NetworkFailure(
      `the TLS certificate of ${peer} is for other host names (${code})`,
      false,
      'tls-name'
    )
  return new NetworkFailure(`TLS with ${peer} failed (${code})`, false, 'tls')
}

export const isTlsCode = (code: string): boolean => TLS_CODES.test(code)

/** Only the code and host name of a Node error: its message may echo request options. */
export function classifyFailure(err: unknown, fallbackHost = ''): NetworkFailure {
  if (err instanceof NetworkFailure) return err
  const e = (err ?? {}) as { code?: unknown; hostname?: unknown; message?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  const host = typeof e.hostname === 'string' ? e.hostname : fallbackHost
  if (code === 'ENOTFOUND')
    return new NetworkFailure(
      `the host name ${host || '(unknown)'} could not be resolved (ENOTFOUND)`,
      false,
      'dns'
    )
  if (code === 'EAI_AGAIN')
    return new NetworkFailure(
      `temporary DNS failure for ${host || 'the host'} (EAI_AGAIN)`,
      true,
      'dns'
    )
  if (TLS_CODES.test(code)) return tlsFailure(code, host || 'the server')
  if (code.startsWith('ERR_INVALID_')) return new NetworkFailure(code, false)
  if (code) return new NetworkFailure(code, true)
  if (typeof e.message === 'string' && e.message.startsWith('Request timeout'))
    return new NetworkFailure('no answer in time', true, 'timeout')
  return new NetworkFailure('connection failed', true)
}

/** A request that failed for good: the failure, what the request was for, where, and how often. */
export class RequestFailed extends Error {
  override name = 'RequestFailed'
  constructor(
    readonly what: string,
    readonly origin: string,
    readonly failure: NetworkFailure,
    readonly attempts: number
  ) {
    super(failure.reason)
  }
}
