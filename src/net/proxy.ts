// The proxy settings, read once and the same way for routing and for masking, as curl reads them:
// `https_proxy` before `HTTPS_PROXY` (an empty value is unset), no scheme means http://, and
// `no_proxy`/`NO_PROXY` as curl matches it. Pure: the caller hands in the environment.
import { BlockList, isIP } from 'node:net'

/** A proxy this action can use: an HTTP proxy, spoken to in plain text or over TLS. */
export interface Proxy {
  /** The variable it came from, for messages. */
  variable: string
  secure: boolean
  /** Bare host name or address (an IPv6 literal without brackets), for the socket. */
  hostname: string
  port: number
  /** Decoded; a malformed %-escape is kept as typed. */
  username: string
  password: string
  /** `http://host:port`, never with credentials: safe to print. */
  origin: string
}

/** A proxy setting that cannot be used: no request may go out in its place. */
export interface Unusable {
  variable: string
  /** Safe to print: names the variable, never quotes credentials. */
  reason: string
}

export type Route =
  | { via: Proxy }
  | { direct: 'loopback' | 'no_proxy' | 'no proxy set' | 'plain http' }
  | { unusable: Unusable }

export interface ProxySettings {
  https?: Proxy | Unusable
  noProxy: string[]
  /** Everything to mask: passwords (as typed, decoded, in the Basic value), lone usernames. */
  secrets: string[]
}

/** Percent-decoding that never throws: a malformed `%zz` in a proxy password is taken as typed. */
const decode = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** curl's rule: the lower-case name first; an empty value counts as unset. */
const first = (env: NodeJS.ProcessEnv, lower: string): [string, string] | undefined => {
  for (const name of [lower, lower.toUpperCase()]) {
    const value = env[name]?.trim()
    if (value) return [name, value]
  }
  return undefined
}

const SOCKS = /^socks(4a?|5h?)$/

/** One proxy variable's value: a usable proxy, or why not; the secrets it holds either way. */
export function parseProxy(
  variable: string,
  value: string
): { proxy: Proxy | Unusable; secrets: string[] } {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1].toLowerCase()
  // A value without "://" is host[:port] (curl); as a URL, "proxy:3128" would be a scheme.
  const text = scheme ? value : `http://${value}`
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  const secrets: string[] = []
  if (url && (url.username || url.password)) {
    const username = decode(url.username)
    const password = decode(url.password)
    // Without a password the user name is the secret (an API-key proxy): mask it instead.
    if (url.password) secrets.push(url.password, password)
    else secrets.push(url.username, username)
    secrets.push(Buffer.from(`${username}:${password}`).toString('base64'))
  }
  const unusable = (reason: string) => ({ proxy: { variable, reason }, secrets })
  if (scheme && SOCKS.test(scheme))
    return unusable(
      `${variable} names a SOCKS proxy (${scheme}://), which this action does not support: it speaks to HTTP proxies only (http:// or https://)`
    )
  if (scheme && scheme !== 'http' && scheme !== 'https')
    return unusable(
      `${variable} has the scheme ${scheme}://, which is not a proxy this action supports: use http:// or https://`
    )
  if (!url || !url.hostname)
    return unusable(
      `${variable} could not be read as a proxy address: expected http://host:port or https://host:port, optionally with user:password@`
    )
  const secure = url.protocol === 'https:'
  return {
    proxy: {
      variable,
      secure,
      hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: Number(url.port) || (secure ? 443 : 80),
      username: decode(url.username),
      password: decode(url.password),
      origin: `${url.protocol}//${url.host}`
    },
    secrets
  }
}

/** Reads the proxy settings of an environment. Never throws: what cannot be used says why. */
export function readProxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  // Every variable is masked, also the one that loses to its lower-case twin, and http_proxy,
  // which is never used: every request but a loopback one (never proxied) is https.
  const secrets = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'].flatMap(name =>
    env[name]?.trim() ? parseProxy(name, env[name].trim()).secrets : []
  )
  const found = first(env, 'https_proxy')
  const https = found && parseProxy(...found).proxy
  const noProxy = (first(env, 'no_proxy')?.[1] ?? '')
    .split(/[\s,]+/)
    .map(entry => entry.toLowerCase())
    .filter(Boolean)
  return { https, noProxy, secrets }
}

/** What must be masked of the proxy settings (the same parse that routes). */
export const proxySecrets = (env: NodeJS.ProcessEnv): string[] => readProxySettings(env).secrets

/**
 * curl's no_proxy: `*` as the whole value matches every host; a name matches itself and its subdomains, with
 * or without a leading dot; an IP address (or CIDR range) matches addresses only. No ports and no
 * wildcards: `*.example.com` matches nothing, in curl as here.
 */
export function bypassed(hostname: string, noProxy: string[]): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
  const family = isIP(host)
  if (noProxy.length === 1 && noProxy[0] === '*') return true
  for (const raw of noProxy) {
    if (family) {
      const [address, bits] = raw.replace(/^\[(.*)\]$/, '$1').split('/')
      if (isIP(address) !== family) continue
      const type = family === 6 ? 'ipv6' : 'ipv4'
      const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits)
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) continue
      const range = new BlockList()
      range.addSubnet(address, prefix, type)
      if (range.check(host, type)) return true
      continue
    }
    const entry = raw.replace(/^\./, '').replace(/\.$/, '')
    if (entry && (host === entry || host.endsWith(`.${entry}`))) return true
  }
  return false
}

/** How a request to this URL goes: through which proxy, or direct and why, or not at all. */
export function routeFor(url: URL, settings: ProxySettings): Route {
  if (isLoopbackHost(url.hostname)) return { direct: 'loopback' }
  if (url.protocol !== 'https:') return { direct: 'plain http' }
  if (!settings.https) return { direct: 'no proxy set' }
  if (bypassed(url.hostname, settings.noProxy)) return { direct: 'no_proxy' }
  return 'reason' in settings.https ? { unusable: settings.https } : { via: settings.https }
}

/** The route as one debug line: the proxy's origin only, never its credentials. */
export const describeRoute = (host: string, route: Route): string =>
  'via' in route
    ? `${host}: via proxy ${route.via.origin} (${route.via.variable})`
    : 'direct' in route
      ? `${host}: direct (${route.direct})`
      : `${host}: no route (${route.unusable.reason})`

/** localhost, 127.0.0.0/8 and ::1 (with or without brackets): never proxied, may use http://. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}
