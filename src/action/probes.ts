// The "check-endpoints" input: one probe per line, each a read-only path on the API host. What a
// probe is and how it runs is genesys/probes.ts; this is only what users may type.
import { errors } from '../errors.js'
import { MAX_PROBES, type Probe } from '../genesys/probes.js'

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
