// Which proxy a request goes through, and what of the proxy settings must be masked.
import { getProxyUrl } from '@actions/http-client'

/** Percent-decoding that never throws: a malformed `%zz` in a proxy password is taken as typed. */
export const decode = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The origin of a proxy without its credentials: safe to print. */
export const shown = (proxy: URL) => `${proxy.protocol}//${proxy.host}`

/** The proxy @actions/http-client would use for this URL (https_proxy, no_proxy, loopback). */
export function proxyFor(url: URL): URL | undefined {
  const href = getProxyUrl(url.href)
  if (!href) return undefined
  try {
    return new URL(href)
  } catch {
    return new URL(`http://${href}`)
  }
}

/** What must be masked of the proxy settings: the password, encoded or not, and its Basic value. */
export function proxySecrets(env: NodeJS.ProcessEnv): string[] {
  const out: string[] = []
  for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) {
    const value = env[name]
    if (!value) continue
    let url: URL
    try {
      url = new URL(value.includes('://') ? value : `http://${value}`)
    } catch {
      continue
    }
    if (!url.password) continue
    const user = decode(url.username)
    const password = decode(url.password)
    out.push(url.password, password, Buffer.from(`${user}:${password}`).toString('base64'))
  }
  return out
}

/** localhost, 127.0.0.0/8 and ::1 (with or without brackets): never proxied, may use http://. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}
