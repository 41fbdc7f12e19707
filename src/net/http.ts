// One HTTP exchange under the action's policy: a hard deadline per attempt, a capped body, no
// redirects, retries of what the request itself calls transient, and a time budget for the whole
// step. Sockets come from Connections, which the caller closes when the step is done. A request
// that fails for good throws RequestFailed: facts only; the layers above word the message.
import * as http from 'node:http'
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'
import * as https from 'node:https'
import { HttpClient } from '@actions/http-client'
import { classifyFailure, NetworkFailure, RequestFailed } from './failure.js'
import {
  attemptWithin,
  firstAttemptMs,
  minAttemptMs,
  type HttpPolicy,
  type Lifecycle
} from './policy.js'
import { backoffMs, serverHintMs, transientStatus } from './retry.js'

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'DELETE'
  url: string
  headers: Record<string, string>
  body?: string
  /** What the request is for, as messages name it: "Token request". */
  what: string
  /** Why an answer is worth another attempt (default: 408, 429, 5xx); undefined when final. */
  transient?: (status: number, body: string) => string | undefined
  /** Past MAX_BODY_BYTES: 'fail' (an answer that must be read whole) or 'truncate' (a probe). */
  oversized?: 'fail' | 'truncate'
  /** What the request does to a token's life: how a cancelled step treats it (see Cancellation). */
  lifecycle?: Lifecycle
  /**
   * For a request whose answer must not be lost (a token request): an attempt past its deadline
   * fails as usual, but its answer is still awaited, for one more `timeoutMs` at most (or until
   * the connections close, or a cancellation cuts it), and handed here.
   */
  late?: (answer: Promise<Answer>) => void
}

export type Answer = Omit<HttpResponse, 'attempts'>

export interface HttpResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
  attempts: number
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300

export const MAX_BODY_BYTES = 1024 * 1024

async function readBody(message: IncomingMessage, oversized: 'fail' | 'truncate'): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of message as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) {
      message.destroy()
      if (oversized === 'truncate') break
      throw new NetworkFailure(`response body over ${MAX_BODY_BYTES / 1024} KiB`, false, 'body')
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

type RequestInfo = Parameters<HttpClient['requestRaw']>[0]

/**
 * What http-client's request() would build, with our agent from the start. request() builds it
 * in _prepareRequest, whose _getAgent reads the proxy variables with http-client's own parser
 * before any handler can swap the agent: a value ours reads (no scheme with a bad %-escape, a
 * blank https_proxy beside HTTPS_PROXY) made it throw first. requestRaw() sends this as it is,
 * and follows no redirect.
 */
function requestInfo(
  req: Pick<HttpRequest, 'method' | 'headers'>,
  url: URL,
  userAgent: string | undefined,
  agent: http.Agent,
  abort: AbortController
): RequestInfo {
  const tls = url.protocol === 'https:'
  const headers: http.OutgoingHttpHeaders = {}
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = value
  if (userAgent) headers['user-agent'] = userAgent
  return {
    parsedUrl: url,
    httpModule: tls ? https : http,
    options: {
      host: url.hostname,
      port: url.port ? Number(url.port) : tls ? 443 : 80,
      path: url.pathname + url.search,
      method: req.method,
      headers,
      agent,
      signal: abort.signal
    }
  }
}

async function attemptOnce(
  req: HttpRequest,
  timeoutMs: number,
  policy: Pick<HttpPolicy, 'connections' | 'cancellation'>
): Promise<Answer> {
  const url = new URL(req.url)
  const abort = new AbortController()
  const agent = policy.connections.agentFor(url)
  const cut = () => abort.abort(new NetworkFailure('the step was cancelled', false))
  // requestRaw() sends a string with its Content-Length, and no body at all for null (as
  // request() passes it, although the type says otherwise).
  const data = req.body ?? (null as unknown as string)
  const stop = policy.cancellation?.signal(req.lifecycle ?? 'call')
  if (stop?.aborted) cut()
  stop?.addEventListener('abort', cut, { once: true })
  // A late answer may come after a silent socket's own timeout: that one must not end it.
  const client = new HttpClient('genesys-cloud-auth', [], {
    allowRedirects: false,
    allowRetries: false,
    socketTimeout: (req.late ? 2 : 1) * timeoutMs
  })
  const answer = (async (): Promise<Answer> => {
    const res = await client.requestRaw(requestInfo(req, url, client.userAgent, agent, abort), data)
    // Read even when empty (HEAD): only a consumed answer frees its socket for the next request.
    const body = await readBody(res.message, req.oversized ?? 'fail')
    return { status: res.message.statusCode ?? 0, headers: res.message.headers, body }
  })()
  const timeout = new NetworkFailure(`no answer within ${timeoutMs / 1000} s`, true, 'timeout')
  let kept = false
  let giveUp!: (failure: NetworkFailure) => void
  const deadline = new Promise<never>((_resolve, reject) => (giveUp = reject))
  const timer = setTimeout(() => {
    if (!req.late) return abort.abort(timeout)
    // The request may have reached the server, which may still answer (with a token): keep
    // listening for one more timeout, and hand the answer over instead of dropping it.
    kept = true
    const lateTimer = setTimeout(() => abort.abort(timeout), timeoutMs)
    const late = answer.finally(() => {
      clearTimeout(lateTimer)
      stop?.removeEventListener('abort', cut)
      abort.abort()
    })
    late.catch(() => undefined)
    req.late(late)
    giveUp(timeout)
  }, timeoutMs)
  try {
    return await Promise.race([answer, deadline])
  } catch (err) {
    if (kept) throw timeout
    throw abort.signal.aborted ? abort.signal.reason : classifyFailure(err, url.hostname)
  } finally {
    clearTimeout(timer)
    if (!kept) {
      stop?.removeEventListener('abort', cut)
      abort.abort() // ends a response still streaming after a truncation
    }
  }
}

const realSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>(resolve => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    if (signal?.aborted) done()
    else signal?.addEventListener('abort', done, { once: true })
  })

/**
 * A retry's wait, which a cancellation ends at once: the sleep is told the signal, and is not
 * trusted to heed it (an injected one may not), so the wait is raced against it too.
 */
async function pause(
  ms: number,
  sleep: NonNullable<HttpPolicy['sleep']>,
  signal: AbortSignal | undefined
): Promise<void> {
  if (!signal) return sleep(ms)
  if (signal.aborted) return
  let cut!: () => void
  const cancelled = new Promise<void>(resolve => {
    cut = resolve
    signal.addEventListener('abort', cut, { once: true })
  })
  try {
    await Promise.race([sleep(ms, signal), cancelled])
  } finally {
    signal.removeEventListener('abort', cut)
  }
}

/** Sends the request, retrying transient failures; resolves with the final HTTP answer. */
export async function send(req: HttpRequest, policy: HttpPolicy): Promise<HttpResponse> {
  const random = policy.random ?? Math.random
  const sleep = policy.sleep ?? realSleep
  const now = policy.now ?? Date.now
  const transient = req.transient ?? transientStatus
  const origin = new URL(req.url).origin
  const cancelled = (attempt: number) =>
    policy.cancellation?.requested && (attempt > 1 || req.lifecycle !== 'revokes')
  // Past the budget no request starts; one that starts gets no more than what is left of it.
  let timeoutMs = firstAttemptMs(policy, req.lifecycle ?? 'call', now())
  for (let attempt = 1; ; attempt++) {
    if (cancelled(attempt))
      throw new RequestFailed(
        req.what,
        origin,
        new NetworkFailure('the step was cancelled', false),
        attempt - 1
      )
    if (timeoutMs === undefined)
      throw new RequestFailed(
        req.what,
        origin,
        new NetworkFailure("not started: the step's time budget is spent", false, 'budget'),
        0
      )
    let reason: string
    let hint: number | undefined
    // What to report if the budget ends the retries: the last answer, or the last failure.
    let last: HttpResponse | NetworkFailure
    try {
      const res = await attemptOnce(req, timeoutMs, policy)
      const why = transient(res.status, res.body)
      if (!why || attempt >= policy.maxAttempts) return { ...res, attempts: attempt }
      reason = why
      hint = serverHintMs(res.headers, now())
      last = { ...res, attempts: attempt }
    } catch (err) {
      const failure = classifyFailure(err)
      if (!failure.transient || attempt >= policy.maxAttempts)
        throw new RequestFailed(req.what, origin, failure, attempt)
      reason = failure.reason
      last = failure
    }
    const wait = backoffMs(attempt, hint, random()) * policy.waitScale
    const left = policy.deadline - now() - wait
    const stopped = cancelled(attempt + 1)
    if (stopped || left < minAttemptMs(policy.timeoutMs)) {
      policy.log(
        `${req.what}: attempt ${attempt} failed (${reason}); not retrying: ${stopped ? 'the step was cancelled' : "the step's time budget is spent"}`
      )
      if (last instanceof NetworkFailure) throw new RequestFailed(req.what, origin, last, attempt)
      return last
    }
    timeoutMs = attemptWithin(left, policy.timeoutMs)
    policy.log(
      `${req.what}: attempt ${attempt}/${policy.maxAttempts} failed (${reason}); retrying in ${(wait / 1000).toFixed(1)} s`
    )
    await pause(wait, sleep, policy.cancellation?.signal('call'))
  }
}
