// Where the requests go: a Genesys Cloud region's hosts, or explicit URLs, which must be HTTPS
// (plain HTTP is allowed only on loopback, for local emulators and tests).
import { isLoopbackHost } from '../net/proxy.js'
import { GenesysFailure, type Host, type UrlProblem } from './failure.js'

// Region key (hyphenated, as the Terraform provider spells it) → domain. Each region has its own
// login host; a client of one region is unknown to every other.
export const REGIONS: Readonly<Record<string, string>> = {
  'us-east-1': 'mypurecloud.com',
  'us-east-2': 'use2.us-gov-pure.cloud',
  'us-west-2': 'usw2.pure.cloud',
  'ca-central-1': 'cac1.pure.cloud',
  'sa-east-1': 'sae1.pure.cloud',
  'mx-central-1': 'mxc1.pure.cloud',
  'eu-west-1': 'mypurecloud.ie',
  'eu-west-2': 'euw2.pure.cloud',
  'eu-central-1': 'mypurecloud.de',
  'eu-central-2': 'euc2.pure.cloud',
  'eusc-de-east-1': 'edee1.eusc-pure.cloud',
  'me-central-1': 'mec1.pure.cloud',
  'ap-south-1': 'aps1.pure.cloud',
  'ap-southeast-1': 'apse1.pure.cloud',
  'ap-southeast-2': 'mypurecloud.com.au',
  'ap-northeast-1': 'mypurecloud.jp',
  'ap-northeast-2': 'apne2.pure.cloud',
  'ap-northeast-3': 'apne3.pure.cloud'
}

export interface Region {
  key: string
  domain: string
}

/**
 * Resolves what users type: `eu-west-1`, `eu_west_1` (the SDKs' spelling; the gc CLI's for three
 * regions), either in any case, or the bare domain `mypurecloud.ie`. Undefined for anything else.
 */
export function resolveRegion(value: string): Region | undefined {
  const text = value.trim().toLowerCase().replace(/\.$/, '')
  const key = text.replace(/_/g, '-')
  if (Object.hasOwn(REGIONS, key)) return { key, domain: REGIONS[key] }
  for (const [k, domain] of Object.entries(REGIONS)) {
    if (domain === text) return { key: k, domain }
  }
  return undefined
}

/** Optimal string alignment distance: a swapped pair of letters counts as one edit. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  return d[a.length][b.length]
}

/**
 * The region keys a value most likely means: the region whose domain it holds as a host
 * (`https://login.mypurecloud.ie`, `apps.mypurecloud.ie`), else the keys it is a typo of (at most
 * 2 edits away), nearest first.
 */
export function nearestRegions(value: string): string[] {
  const typed = value.trim().toLowerCase().replace(/_/g, '-')
  if (!typed) return []
  const host = typed
    .replace(/^[a-z][a-z\d+.-]*:\/\//, '')
    .split(/[/:?#]/)[0]
    .replace(/\.$/, '')
  const held = Object.keys(REGIONS)
    .filter(key => host === REGIONS[key] || host.endsWith(`.${REGIONS[key]}`))
    .sort((a, b) => REGIONS[b].length - REGIONS[a].length)
  if (held.length) return held.slice(0, 1)
  const scored = Object.keys(REGIONS).map(key => ({ key, d: distance(typed, key) }))
  const best = Math.min(...scored.map(s => s.d))
  return best > 2 ? [] : scored.filter(s => s.d === best).map(s => s.key)
}

export const loginUrlOf = (region: Region): string => `https://login.${region.domain}`
export const apiUrlOf = (region: Region): string => `https://api.${region.domain}`

export interface Endpoints {
  /** Hyphenated region key; empty when a URL override is in force. */
  region: string
  /** Region domain (e.g. mypurecloud.ie); empty for a custom URL. */
  domain: string
  loginUrl: string
  tokenUrl: string
  apiUrl: string
}

/**
 * What an error may quote of a URL input: never user-info or a query string, which is where a
 * pasted secret would sit (`https://id:secret@host`, `?client_secret=...`), parseable or not.
 */
export function quotableUrl(value: string): string {
  return value
    .replace(/^([^/]*\/\/)?[^/?#]*@/, (_m, scheme: string = '') => `${scheme}***@`)
    .replace(/[?#][\s\S]*$/, '?…')
}

/** Validates a base URL and returns it without a trailing slash; `host` says which it is for. */
export function parseBaseUrl(host: Host, value: string): string {
  const refuse = (problem: UrlProblem) =>
    new GenesysFailure({ kind: 'url', host, shown: quotableUrl(value), problem })
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw refuse('not-url')
  }
  if (url.username || url.password || value.includes('@')) throw refuse('credentials')
  if (url.search || url.hash || value.includes('?') || value.includes('#')) throw refuse('query')
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) throw refuse('http')
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('scheme')
  return url.href.replace(/\/+$/, '')
}

/**
 * Explicit URLs win over the region. A login URL whose path already ends in `/token` is taken as
 * the token endpoint itself (Keycloak, Entra ID, Okta); otherwise `/oauth/token` is appended, as
 * on Genesys Cloud. Without an explicit API URL, a custom `login.` host maps to its `api.` twin.
 */
export function resolveEndpoints(
  regionName: string,
  loginBase: string,
  apiBase: string
): Endpoints {
  // Beside a login URL the region is not used, valid or not (the caller warns about it).
  const region = loginBase ? undefined : resolveRegion(regionName || 'us-east-1')
  if (!loginBase && !region)
    throw new GenesysFailure({
      kind: 'region-unknown',
      value: regionName,
      nearest: nearestRegions(regionName)
    })
  const loginUrl = loginBase ? parseBaseUrl('login', loginBase) : loginUrlOf(region!)
  const apiUrl = apiBase
    ? parseBaseUrl('api', apiBase)
    : loginBase
      ? apiTwinOf(loginUrl)
      : apiUrlOf(region!)
  // The login host decides which region's clients can sign in: a login URL on a Genesys Cloud
  // domain keeps that region (Terraform needs it); a custom one belongs to none.
  const home = loginBase ? regionOfLoginHost(new URL(loginUrl).hostname) : region
  return {
    region: home?.key ?? '',
    domain: home?.domain ?? '',
    loginUrl,
    tokenUrl: /\/token$/.test(new URL(loginUrl).pathname) ? loginUrl : `${loginUrl}/oauth/token`,
    apiUrl
  }
}

function apiTwinOf(loginUrl: string): string {
  const url = new URL(loginUrl)
  if (url.hostname.startsWith('login.')) url.hostname = `api.${url.hostname.slice('login.'.length)}`
  return url.origin
}

/** The region whose login host this is (`login.mypurecloud.ie` → eu-west-1), if any. */
export function regionOfLoginHost(hostname: string): Region | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (!host.startsWith('login.')) return undefined
  const domain = host.slice('login.'.length)
  const key = Object.keys(REGIONS).find(k => REGIONS[k] === domain)
  return key ? { key, domain } : undefined
}
