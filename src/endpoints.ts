// Where the requests go: from the region, or from explicit URLs, which must be HTTPS
// (plain HTTP is allowed only on loopback, for local emulators and tests).
import { errors } from './errors.js'
import { apiUrlOf, loginUrlOf, REGIONS, resolveRegion, type Region } from './regions.js'

export interface Endpoints {
  /** Hyphenated region key; empty when a URL override is in force. */
  region: string
  /** Region domain (e.g. mypurecloud.ie); empty for a custom URL. */
  domain: string
  loginUrl: string
  tokenUrl: string
  apiUrl: string
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
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

/** Validates a base URL input and returns it without a trailing slash. */
export function parseBaseUrl(name: string, value: string): string {
  const shown = quotableUrl(value)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw errors.url(
      name,
      shown,
      'not a URL. Accepted: an absolute https:// URL, e.g. https://login.mypurecloud.ie'
    )
  }
  if (url.username || url.password || value.includes('@'))
    throw errors.url(
      name,
      shown,
      'URLs must not carry credentials; pass them as "client-id" and "client-secret"'
    )
  if (url.search || url.hash || value.includes('?') || value.includes('#'))
    throw errors.url(name, shown, 'a base URL takes no query string or fragment')
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname))
    throw errors.url(
      name,
      shown,
      'only https:// is accepted (http:// only for loopback hosts such as 127.0.0.1)'
    )
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw errors.url(name, shown, 'only https:// URLs are accepted')
  return url.href.replace(/\/+$/, '')
}

/**
 * Explicit URLs win over the region. A login URL whose path already ends in `/token` is taken as
 * the token endpoint itself (Keycloak, Entra ID, Okta); otherwise `/oauth/token` is appended, as
 * on Genesys Cloud. Without an explicit API URL, a custom `login.` host maps to its `api.` twin.
 */
export function resolveEndpoints(
  regionInput: string,
  loginInput: string,
  apiInput: string
): Endpoints {
  const region = resolveRegion(regionInput || 'us-east-1')
  if (!region) throw errors.regionUnknown(regionInput)
  const loginUrl = loginInput ? parseBaseUrl('login-url', loginInput) : loginUrlOf(region)
  const apiUrl = apiInput
    ? parseBaseUrl('api-url', apiInput)
    : loginInput
      ? apiTwinOf(loginUrl)
      : apiUrlOf(region)
  // The login host decides which region's clients can sign in: a login URL on a Genesys Cloud
  // domain keeps that region (Terraform needs it); a custom one belongs to none.
  const home = loginInput ? regionOfLoginHost(new URL(loginUrl).hostname) : region
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
