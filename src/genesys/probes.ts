// Permission probes: read-only calls to the API paths a deployment will touch, made with the new
// token, so that a missing role shows up before anything changes rather than halfway through.
import { isSuccess } from '../net/http.js'
import { firstAttemptMs, type HttpPolicy } from '../net/policy.js'
import { callApi } from './api.js'

export interface Probe {
  method: 'GET' | 'HEAD'
  path: string
}

export interface ProbeResult extends Probe {
  status: number
  ms: number
  /** The API's error message for a failure; never anything else from the body. */
  message: string
  /** What kept the probe from an answer (status 0): a RequestFailed, for the caller to word. */
  error?: unknown
}

export const PROBE_CONCURRENCY = 4
/**
 * Distinct probes allowed. A deployment's permissions fit in a handful of read calls; each probe
 * spends the new token's rate limit (300 requests a minute on Genesys Cloud), and 20 run in five
 * rounds of PROBE_CONCURRENCY. A longer list is a mistake (a pasted file), not a check.
 */
export const MAX_PROBES = 20

async function probeOne(
  apiUrl: string,
  token: string,
  probe: Probe,
  policy: HttpPolicy
): Promise<ProbeResult> {
  const started = performance.now()
  const call = { ...probe, what: `Probe ${probe.method} ${probe.path}`, statusOnly: true }
  const answer = await callApi(apiUrl, token, call, policy).catch((error: unknown) => ({
    status: 0,
    message: '',
    error
  }))
  const ms = Math.round(performance.now() - started)
  return {
    ...probe,
    status: answer.status,
    ms,
    message: answer.message,
    ...('error' in answer ? { error: answer.error } : {})
  }
}

const NOT_STARTED = "not started: the step's time budget is spent"

/** Runs every probe, at most PROBE_CONCURRENCY at a time; results keep the input order. */
export async function runProbes(
  apiUrl: string,
  token: string,
  probes: Probe[],
  policy: HttpPolicy
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(probes.length)
  let next = 0
  const now = policy.now ?? Date.now
  const worker = async () => {
    while (next < probes.length) {
      const i = next++
      // Past the step's budget no probe starts (send() would refuse it too, at greater length).
      results[i] =
        firstAttemptMs(policy, 'call', now()) === undefined
          ? { ...probes[i], status: 0, ms: 0, message: NOT_STARTED }
          : await probeOne(apiUrl, token, probes[i], policy)
    }
  }
  await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, probes.length) }, worker))
  return results
}

export const probeFailed = (r: ProbeResult): boolean => !isSuccess(r.status)
