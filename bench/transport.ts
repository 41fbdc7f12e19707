// node --import tsx bench/transport.ts --undici <dir> [--runs N] [--rtt MS]
// The transport decision (docs/transport.md), measured side by side in one run, through a proxy:
// - own: dist/ as built (our CONNECT tunnels, keep-alive agents, API connections opened early);
// - node: Node's built-in proxy support (https.Agent({ proxyEnv }), Node >= 24.5), keep-alive;
// - undici: undici's EnvHttpProxyAgent with its request(), from a real undici package at <dir>
//   (the project bundles a stub in its place, so the real one is installed aside for this).
// Round trips: client → relay (RTT) → CONNECT proxy → HTTPS emulator with the Genesys host names;
// (ms at RTT − ms at RTT 0) / RTT over paired runs, counted from the first connection to exit. Start-up: the floor script alone, the action,
// and the action with undici's bundle preloaded, in rotating paired runs. Bundle: ncc's output.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import http from 'node:http'
import net from 'node:net'
import { join } from 'node:path'
import { CLIENT, run, startEmulator } from '../tools/harness.js'
import { inputEnv, NODE24 } from '../tools/run-action.js'
import { testTls } from '../tools/tls.js'
import { startRelay } from './relay.js'
import { median, ROOT, round } from './results.js'

const args = process.argv.slice(2)
const arg = (name: string) => {
  const at = args.indexOf(name)
  return at < 0 ? undefined : args[at + 1]
}
const UNDICI = arg('--undici')
if (!UNDICI) throw new Error('--undici <dir of an installed undici package> is required')
const RUNS = Number(arg('--runs')) || 5
const RTT = Number(arg('--rtt')) || 100

const work = mkdtempSync(join(tmpdir(), 'gca-transport-'))
const ncc = join(ROOT, 'node_modules', '.bin', 'ncc')

// undici's bundle: what carrying EnvHttpProxyAgent would add to dist/.
mkdirSync(join(work, 'node_modules'))
symlinkSync(UNDICI, join(work, 'node_modules', 'undici'))
writeFileSync(
  join(work, 'undici-entry.mjs'),
  "export { EnvHttpProxyAgent, request } from 'undici'\n"
)
execFileSync(ncc, ['build', join(work, 'undici-entry.mjs'), '-o', join(work, 'undici'), '-m', '-q'])
const undiciBundle = join(work, 'undici', 'index.mjs')
const bytes = (file: string) => statSync(file).size

// The same exchange as the action's (token, then verify and 3 probes at once), by each library.
const CLIENT_SCRIPT = `
const fail = e => {
  console.error('client failed:', e?.code, String(e?.message).slice(0, 300), e?.cause?.code ?? '')
  process.exit(1)
}
process.on('uncaughtException', fail).on('unhandledRejection', fail)
const [mode, scenario, undici] = process.argv.slice(2)
const login = 'https://login.mypurecloud.ie', api = 'https://api.mypurecloud.ie'
const basic = Buffer.from(process.env.ID + ':' + process.env.SECRET).toString('base64')
const tokenReq = { method: 'POST', path: '/oauth/token', body: 'grant_type=client_credentials',
  headers: { authorization: 'Basic ' + basic, 'content-type': 'application/x-www-form-urlencoded' } }
const paths = scenario === 'token' ? [] : scenario === 'verify' ? ['/api/v2/tokens/me']
  : ['/api/v2/tokens/me', '/api/v2/routing/queues?pageSize=1', '/api/v2/flows?pageSize=1', '/api/v2/users?pageSize=1']
let send
if (mode === 'undici') {
  const u = await import(undici)
  const dispatcher = new u.EnvHttpProxyAgent()
  send = async (origin, r) => {
    const res = await u.request(origin, { ...r, method: r.method ?? "GET", dispatcher })
    return { status: res.statusCode, text: await res.body.text() }
  }
} else {
  const https = await import('node:https')
  const agent = new https.Agent({ keepAlive: true, proxyEnv: process.env })
  send = (origin, r) => new Promise((resolve, reject) => {
    const req = https.request(origin + r.path, { method: r.method ?? 'GET', headers: r.headers, agent }, res => {
      let text = ''; res.setEncoding('utf8'); res.on('data', c => (text += c))
      res.on('end', () => resolve({ status: res.statusCode, text }))
    })
    req.on('error', reject); req.end(r.body)
  })
}
const token = await send(login, tokenReq)
if (token.status !== 200) throw new Error('token ' + token.status)
const bearer = { authorization: 'Bearer ' + JSON.parse(token.text).access_token }
const answers = await Promise.all(paths.map(path => send(api, { path, headers: bearer })))
if (answers.some(a => a.status !== 200)) throw new Error('api ' + answers.map(a => a.status))
process.exit(0)
`
const clientFile = join(work, 'client.mjs')
writeFileSync(clientFile, CLIENT_SCRIPT)

function spawnTimed(argv: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', d => (err += d))
    child.on('close', code =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`${argv.slice(1).join(' ')} exited ${code}: ${err.slice(-1500)}`))
    )
  })
}

const PROBES: Record<string, string> = {
  '/api/v2/routing/queues': 'routing:queue:view',
  '/api/v2/flows': 'architect:flow:view',
  '/api/v2/users': 'directory:user:view'
}
const SCENARIOS = {
  token: { verify: 'false' },
  verify: {},
  'verify+probes': {
    'check-endpoints': Object.keys(PROBES)
      .map(p => `${p}?pageSize=1`)
      .join('\n')
  }
} as const
type Scenario = keyof typeof SCENARIOS
const MODES = ['own', 'node', 'undici'] as const

const tls = testTls('genesys')
const emu = await startEmulator({
  tls,
  clients: [{ ...CLIENT, permissions: Object.values(PROBES) }]
})
for (const [path, permission] of Object.entries(PROBES)) emu.probeRoutes.set(path, permission)
/** A CONNECT proxy that routes every tunnel to the emulator and records what it was asked for. */
function startProxy(
  port: number
): Promise<{ tunnels: string[]; port: number; stop(): Promise<void> }> {
  const tunnels: string[] = []
  const open = new Set<net.Socket>()
  const server = http.createServer((_q, res) => res.writeHead(405).end())
  server.on('connect', (req, client: net.Socket) => {
    tunnels.push(req.url ?? '')
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      upstream.pipe(client).pipe(upstream)
    })
    for (const s of [client, upstream]) {
      open.add(s)
      s.on('error', () => undefined).on('close', () => open.delete(s))
    }
    upstream.on('close', () => client.destroy())
    client.on('close', () => upstream.destroy())
  })
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        tunnels,
        port: (server.address() as net.AddressInfo).port,
        stop: () => {
          for (const s of open) s.destroy()
          return new Promise<void>(done => server.close(() => done()))
        }
      })
    )
  )
}
const proxy = await startProxy(Number(new URL(emu.url).port))
const relay = await startRelay({ host: '127.0.0.1', port: proxy.port }, 0)
const proxyEnv = {
  PATH: process.env.PATH ?? '',
  https_proxy: `http://127.0.0.1:${relay.port}`,
  NODE_EXTRA_CA_CERTS: tls.caFile
}

/** One run; the time counted is from its first connection to its exit (start-up is noise). */
async function once(mode: (typeof MODES)[number], scenario: Scenario): Promise<number> {
  const tunnels = proxy.tunnels.length
  relay.accepted.length = 0
  const started = performance.now()
  let ms: number
  if (mode === 'own') {
    const inputs = { ...SCENARIOS[scenario], region: 'eu-west-1', revoke: 'false' }
    const r = await run(
      emu,
      'main',
      { 'client-id': CLIENT.id, 'client-secret': CLIENT.secret, ...inputs },
      { env: proxyEnv }
    )
    assert.equal(r.code, 0, r.stdout + r.stderr)
    ms = r.ms
  } else {
    const env = { ...proxyEnv, ID: CLIENT.id, SECRET: CLIENT.secret }
    ms = await spawnTimed([NODE24, clientFile, mode, scenario, undiciBundle], env)
  }
  assert.ok(proxy.tunnels.length > tunnels, `${mode} went through the proxy`)
  return started + ms - Math.min(...relay.accepted)
}

try {
  const trips = new Map<string, number[]>()
  const tunnelCount = new Map<string, number>()
  for (const mode of MODES)
    for (const s of Object.keys(SCENARIOS) as Scenario[]) await once(mode, s)
  for (let i = 0; i < RUNS; i++)
    for (const mode of MODES)
      for (const s of Object.keys(SCENARIOS) as Scenario[]) {
        const pair: number[] = []
        for (const rtt of i % 2 ? [0, RTT] : [RTT, 0]) {
          relay.rtt = rtt
          const before = proxy.tunnels.length
          pair[rtt ? 1 : 0] = await once(mode, s)
          tunnelCount.set(`${mode} ${s}`, proxy.tunnels.length - before)
        }
        const key = `${mode} ${s}`
        trips.set(key, [...(trips.get(key) ?? []), (pair[1] - pair[0]) / RTT])
      }
  console.log(`\nRound trips through a CONNECT proxy, RTT ${RTT} ms, ${RUNS} paired runs\n`)
  console.log(
    '| transport | token only | token + verify | verify + 3 probes | tunnels (token / verify / probes) |'
  )
  console.log('|---|---|---|---|---|')
  for (const mode of MODES) {
    const cells = (Object.keys(SCENARIOS) as Scenario[]).map(s =>
      round(median(trips.get(`${mode} ${s}`)!)).toFixed(1)
    )
    const tunnels = (Object.keys(SCENARIOS) as Scenario[])
      .map(s => tunnelCount.get(`${mode} ${s}`))
      .join(' / ')
    console.log(`| ${mode} | ${cells.join(' | ')} | ${tunnels} |`)
  }

  // Start-up against the floor, direct on loopback as bench/startup.ts measures it.
  const direct = await startEmulator()
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    ...inputEnv({
      'client-id': CLIENT.id,
      'client-secret': CLIENT.secret,
      'login-url': direct.url,
      'api-url': direct.url,
      verify: 'false',
      revoke: 'false'
    })
  }
  const files = Object.fromEntries(
    ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'].map(n => [
      n,
      join(work, n)
    ])
  )
  for (const f of Object.values(files)) writeFileSync(f, '')
  const main = join(ROOT, 'dist', 'main', 'index.js')
  const subjects: Record<string, string[]> = {
    floor: [NODE24, join(ROOT, 'bench', 'floor.mjs')],
    own: [NODE24, main],
    'own + undici loaded': [NODE24, '--import', undiciBundle, main]
  }
  const names = Object.keys(subjects)
  const samples = Object.fromEntries(names.map(n => [n, [] as number[]]))
  for (const n of names) await spawnTimed(subjects[n], { ...env, ...files })
  const startRuns = RUNS * 6
  for (let i = 0; i < startRuns; i++)
    for (let k = 0; k < names.length; k++) {
      const n = names[(i + k) % names.length]
      samples[n].push(await spawnTimed(subjects[n], { ...env, ...files }))
    }
  await direct.stop()
  console.log(`\nStart-up, ${startRuns} rotating paired runs (one token request, verify: false)\n`)
  console.log('| subject | median ms | paired ratio to floor |\n|---|---|---|')
  for (const n of names) {
    const ratio = median(samples[n].map((ms, i) => ms / samples.floor[i]))
    console.log(`| ${n} | ${round(median(samples[n]))} | ${round(ratio, 2).toFixed(2)}x |`)
  }

  console.log('\n| bundle | bytes |\n|---|---|')
  for (const e of ['main', 'post'])
    console.log(`| dist/${e}/index.js (own) | ${bytes(join(ROOT, 'dist', e, 'index.js'))} |`)
  console.log(`| undici (EnvHttpProxyAgent + request), minified | ${bytes(undiciBundle)} |`)
  const version = JSON.parse(readFileSync(join(UNDICI, 'package.json'), 'utf8')).version
  const node = execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).trim()
  console.log(`\nundici ${version}, Node ${node}`)
} finally {
  await relay.close()
  await proxy.stop()
  await emu.stop()
}
