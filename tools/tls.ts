// Throwaway TLS material for tests, one certificate per role, all from one CA (trusted via
// NODE_EXTRA_CA_CERTS), each naming only its own hosts, so a wrong server name fails a test:
// - 'genesys': the real Genesys host names (which only the test proxies resolve), nothing else;
// - 'proxy': the test proxies on loopback (localhost, 127.0.0.1, ::1), nothing else;
// - 'loopback': an emulator reached directly on loopback (the same names as the proxy's).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestTls {
  key: string
  cert: string
  /** Path of the CA certificate, for NODE_EXTRA_CA_CERTS. */
  caFile: string
}

export type TlsRole = 'genesys' | 'proxy' | 'loopback'

const LOOPBACK = ['DNS:localhost', 'IP:127.0.0.1', 'IP:::1']
const NAMES: Record<TlsRole, string[]> = {
  genesys: [
    '*.mypurecloud.ie',
    '*.mypurecloud.com',
    '*.mypurecloud.de',
    '*.usw2.pure.cloud',
    // The three regions whose keys the gc CLI spells with underscores.
    '*.mec1.pure.cloud',
    '*.apne3.pure.cloud',
    '*.euc2.pure.cloud'
  ].map(n => `DNS:${n}`),
  proxy: LOOPBACK,
  loopback: LOOPBACK
}

let dir: string | undefined
const cached = new Map<TlsRole, TestTls>()
const f = (name: string) => join(dir!, name)
const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })

function ca(): string {
  if (dir) return f('ca.crt')
  dir = mkdtempSync(join(tmpdir(), 'gca-tls-'))
  // Path length 0: the CA signs only the role certificates.
  ssl(
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2'],
    ...['-subj', '/CN=genesys-cloud-auth test CA', '-keyout', f('ca.key'), '-out', f('ca.crt')],
    ...['-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0'],
    ...['-addext', 'keyUsage=critical,keyCertSign']
  )
  return f('ca.crt')
}

/** The certificate of one role (default: an emulator reached directly on loopback). */
export function testTls(role: TlsRole = 'loopback'): TestTls {
  const known = cached.get(role)
  if (known) return known
  const caFile = ca()
  ssl(
    ...['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=genesys-cloud-auth test ${role}`],
    ...['-keyout', f(`${role}.key`), '-out', f(`${role}.csr`)]
  )
  writeFileSync(f(`${role}.cnf`), `subjectAltName=${NAMES[role].join(',')}\n`)
  ssl(
    ...['x509', '-req', '-in', f(`${role}.csr`), '-CA', caFile, '-CAkey', f('ca.key')],
    ...['-CAcreateserial', '-days', '2', '-out', f(`${role}.crt`), '-extfile', f(`${role}.cnf`)]
  )
  const tls = {
    key: readFileSync(f(`${role}.key`), 'utf8'),
    cert: readFileSync(f(`${role}.crt`), 'utf8'),
    caFile
  }
  cached.set(role, tls)
  return tls
}
