// Throwaway TLS material for tests: a CA and a server certificate for loopback and for the real
// Genesys host names (which only the test proxy resolves), trusted via NODE_EXTRA_CA_CERTS.
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

let cached: TestTls | undefined

export function testTls(): TestTls {
  if (cached) return cached
  const dir = mkdtempSync(join(tmpdir(), 'gca-tls-'))
  const f = (name: string) => join(dir, name)
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' })
  ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=genesys-cloud-auth test CA',
    '-keyout',
    f('ca.key'),
    '-out',
    f('ca.crt'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign'
  )
  ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    f('server.key'),
    '-out',
    f('server.csr')
  )
  const names = [
    'localhost',
    '*.mypurecloud.ie',
    '*.mypurecloud.com',
    '*.mypurecloud.de',
    '*.usw2.pure.cloud',
    // The three regions whose keys the gc CLI spells with underscores.
    '*.mec1.pure.cloud',
    '*.apne3.pure.cloud',
    '*.euc2.pure.cloud'
  ]
  writeFileSync(
    f('ext.cnf'),
    `subjectAltName=${names.map(n => `DNS:${n}`).join(',')},IP:127.0.0.1,IP:::1\n`
  )
  ssl(
    'x509',
    '-req',
    '-in',
    f('server.csr'),
    '-CA',
    f('ca.crt'),
    '-CAkey',
    f('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-out',
    f('server.crt'),
    '-extfile',
    f('ext.cnf')
  )
  cached = {
    key: readFileSync(f('server.key'), 'utf8'),
    cert: readFileSync(f('server.crt'), 'utf8'),
    caFile: f('ca.crt')
  }
  return cached
}
