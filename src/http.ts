// One HTTP exchange under the action's policy: a hard deadline per attempt, a capped body,
// no redirects, and retries of transient failures only. Proxies come from @actions/http-client.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import { HttpClient } from '@actions/http-client'
import { errors } from './errors.js'
import { backoffMs, serverHintMs, transientReason } from './retry.js'

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE'
  url: string
  headers: Record<string, string>
  body?: string
  /** What the request is for, as messages name it: "Token request". */
  what: string
}

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
  attempts: number
}

export interface HttpPolicy {
  maxAttempts: number
  timeoutMs: number
  /** Test-only: multiplies every wait, so fault tests take milliseconds, not minutes. */
  waitScale: number
  log: (line: string) => void
  random?: () => number
  sleep?: (ms: number) => Promise<void>
}

export const MAX_BODY_BYTES = 1024 * 1024

/** A failure before any HTTP status: refused, reset, DNS, TLS, timeout, oversized body. */
class NetworkFailure extends Error {
  constructor(
    readonly reason: string,
    readonly transient: boolean
  ) {
    super(reason)
  }
}

const FINAL_CODES = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS_|ERR_SSL_|ERR_INVALID_)/

function describe(err: unknown): NetworkFailure {
  if (err instanceof NetworkFailure) return err
  const code =
    typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : ''
  // Only the code: a raw error message may echo request options.
  if (code) return new NetworkFailure(code, !FINAL_CODES.test(code))
  if (err instanceof Error && err.message.startsWith('Request timeout'))
    return new NetworkFailure('no answer in time', true)
  return new NetworkFailure('connection failed', true)
}

async function readBody(message: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of message as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) {
      message.destroy()
      throw new NetworkFailure(`response body over ${MAX_BODY_BYTES / 1024} KiB`, false)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

async function attemptOnce(
  req: HttpRequest,
  timeoutMs: number
): Promise<Omit<HttpResponse, 'attempts'>> {
  const client = new HttpClient('genesys-cloud-auth', [], {
    allowRedirects: false,
    allowRetries: false,
    keepAlive: false,
    socketTimeout: timeoutMs
  })
  let timer: NodeJS.Timeout | undefined
  let message: IncomingMessage | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      message?.destroy()
      client.dispose()
      reject(new NetworkFailure(`no answer within ${timeoutMs / 1000} s`, true))
    }, timeoutMs)
  })
  const exchange = (async () => {
    const res = await client.request(req.method, req.url, req.body ?? null, { ...req.headers })
    message = res.message
    const body = req.method === 'HEAD' ? '' : await readBody(res.message)
    return { status: res.message.statusCode ?? 0, headers: res.message.headers, body }
  })()
  exchange.catch(() => undefined) // settled by the race below; keep a late rejection quiet
  try {
    return await Promise.race([exchange, deadline])
  } catch (err) {
    throw describe(err)
  } finally {
    clearTimeout(timer)
    client.dispose()
  }
}

const realSleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

/** Sends the request, retrying transient failures; resolves with the final HTTP answer. */
export async function send(req: HttpRequest, policy: HttpPolicy): Promise<HttpResponse> {
  const random = policy.random ?? Math.random
  const sleep = policy.sleep ?? realSleep
  for (let attempt = 1; ; attempt++) {
    let reason: string
    let hint: number | undefined
    try {
      const res = await attemptOnce(req, policy.timeoutMs)
      const transient = transientReason(res.status, res.body)
      if (!transient || attempt >= policy.maxAttempts) return { ...res, attempts: attempt }
      reason = transient
      hint = serverHintMs(res.headers, Date.now())
    } catch (err) {
      const failure = describe(err)
      if (!failure.transient || attempt >= policy.maxAttempts)
        throw errors.network(req.what, new URL(req.url).origin, failure.reason, attempt)
      reason = failure.reason
    }
    const wait = backoffMs(attempt, hint, random()) * policy.waitScale
    policy.log(
      `${req.what}: attempt ${attempt}/${policy.maxAttempts} failed (${reason}); retrying in ${(wait / 1000).toFixed(1)} s`
    )
    await sleep(wait)
  }
}
