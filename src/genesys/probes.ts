// Permission probes: read-only calls to the API paths a deployment will touch, made with the new
// token, so that a missing role shows up before anything changes rather than halfway through.
import { ActionError, errors } from '../errors.js'
import { isSuccess } from '../net/http.js'
import type { HttpPolicy } from '../net/policy.js'
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
}

export const PROBE_CONCURRENCY = 4
/**
 * Distinct probes allowed. A deployment's permissions fit in a handful of read calls; each probe
 * spends the new token's rate limit (300 requests a minute on Genesys Cloud), and 20 run in five
 * rounds of PROBE_CONCURRENCY. A longer list is a mistake (a pasted file), not a check.
 */
export const MAX_PROBES = 20

/**
 * One probe per line: `[GET |HEAD ]/api/...`. Anything that could leave the API host is refused;
 * a probe listed twice is asked once.
 */
export function parseProbes(text: string): Probe[] {
  const probes: Probe[] = []
  const seen = new Set<string>()
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line || line.startsWith('#')) continue
    const m = /^(?:([A-Za-z]+)\s+)?(\S+)$/.exec(line)
    if (!m) throw errors.probeInvalid(line, 'one path per line, optionally after GET or HEAD')
    const method = (m[1] ?? 'GET').toUpperCase()
    if (method !== 'GET' && method !== 'HEAD')
      throw errors.probeInvalid(
        line,
        `${method} is not allowed: probes are read-only (GET or HEAD)`
      )
    const path = checkPath(line, m[2])
    if (seen.has(`${method} ${path}`)) continue
    seen.add(`${method} ${path}`)
    if (probes.length === MAX_PROBES) throw errors.probesTooMany(MAX_PROBES)
    probes.push({ method, path })
  }
  return probes
}

function checkPath(line: string, path: string): string {
  if (!path.startsWith('/api/') || path.startsWith('//'))
    throw errors.probeNotApiPath(line, /^([a-z][a-z\d+.-]*:|\/\/)/i.test(path))
  const pathname = path.split('?')[0]
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[#\\@\u0000-\u0020\u007f]/.test(path) || /%2e|%2f|%5c/i.test(pathname))
    throw errors.probeInvalid(
      line,
      'fragments, backslashes, "@", encoded dots or slashes and control characters are not allowed'
    )
  if (/[^\x21-\x7e]/.test(path))
    throw errors.probeInvalid(
      line,
      'non-ASCII characters must be percent-encoded (é as %C3%A9), as in a URL'
    )
  const segments = pathname.split('/')
  if (segments.includes('..') || segments.includes('.'))
    throw errors.probeInvalid(line, '"." and ".." segments are not allowed')
  // Belt and braces: resolved against any origin, the path must stay on that origin, unchanged.
  const resolved = new URL(path, 'https://api.invalid')
  if (
    resolved.origin !== 'https://api.invalid' ||
    `${resolved.pathname}${resolved.search}` !== path
  )
    throw errors.probeInvalid(line, 'the path must stay on the API host as written')
  return path
}

async function probeOne(
  apiUrl: string,
  token: string,
  probe: Probe,
  policy: HttpPolicy
): Promise<ProbeResult> {
  const started = performance.now()
  const call = { ...probe, what: `Probe ${probe.method} ${probe.path}`, statusOnly: true }
  const answer = await callApi(apiUrl, token, call, policy).catch((err: unknown) => ({
    status: 0,
    message: err instanceof ActionError ? err.message : 'unexpected failure'
  }))
  const ms = Math.round(performance.now() - started)
  return { ...probe, status: answer.status, ms, message: answer.message }
}

/** Runs every probe, at most PROBE_CONCURRENCY at a time; results keep the input order. */
export async function runProbes(
  apiUrl: string,
  token: string,
  probes: Probe[],
  policy: HttpPolicy
): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(probes.length)
  let next = 0
  const worker = async () => {
    while (next < probes.length) {
      const i = next++
      results[i] = await probeOne(apiUrl, token, probes[i], policy)
    }
  }
  await Promise.all(Array.from({ length: Math.min(PROBE_CONCURRENCY, probes.length) }, worker))
  return results
}

export const probeFailed = (r: ProbeResult): boolean => !isSuccess(r.status)
