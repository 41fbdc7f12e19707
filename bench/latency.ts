// Round trips of a main step: how many network round trips it waits for, which is what a runner
// far from its Genesys region pays for. The login and API hosts each sit behind a relay
// (bench/relay.ts) to one HTTPS emulator; each pair of runs is the same step with the relays at
// RTT 0 and at RTT `rtt`, in alternating order, and (ms with − ms without) / rtt counts the round
// trips: CPU work and the emulator's own delays are the same in both runs and cancel out.
// The time counted runs from the step's first connection to its exit: Node's start-up comes
// before any connection, so latency cannot change it, and on a busy machine it is most of the
// noise. The whole wall time (spawn to exit) gives the same count, noisier; both are printed.
import assert from 'node:assert/strict'
import type { Emulator } from '../tools/emulator.js'
import { CLIENT, run, startEmulator } from '../tools/harness.js'
import { BENCH_ROLE, benchPlan } from './preflight.js'
import { testTls } from '../tools/tls.js'
import { startRelay, type Relay } from './relay.js'
import { median, round, SCENARIO_LABELS, type RoundTripRow } from './results.js'

const PROBES: Record<string, string> = {
  '/api/v2/routing/queues': 'routing:queue:view',
  '/api/v2/flows': 'architect:flow:view',
  '/api/v2/users': 'directory:user:view'
}

interface Scenario {
  name: RoundTripRow['scenario']
  inputs: Record<string, string>
  minimum: number
  /** Requests each run must make, per emulator route: proof that the run did what it says. */
  expect: { token: number; 'tokens-me': number; probe: number; role?: number }
}

const ALL_SCENARIOS: Scenario[] = [
  {
    name: 'token',
    inputs: { verify: 'false' },
    // A new HTTPS connection: TCP handshake, TLS 1.3 handshake, request and answer.
    minimum: 3,
    expect: { token: 1, 'tokens-me': 0, probe: 0 }
  },
  {
    name: 'verify',
    inputs: {},
    // The API connection can be set up while the token request is in flight.
    minimum: 4,
    expect: { token: 1, 'tokens-me': 1, probe: 0 }
  },
  {
    name: 'verify+probes',
    inputs: {
      'check-endpoints': Object.keys(PROBES)
        .map(p => `${p}?pageSize=1`)
        .join('\n')
    },
    // Probes can run beside verification.
    minimum: 4,
    expect: { token: 1, 'tokens-me': 1, probe: 3 }
  },
  {
    name: 'verify+plan',
    // Set per run (measureLatency): a plan file of a few changes.
    inputs: {},
    // The roles can be read only once tokens/me has named them: one round trip more.
    minimum: 5,
    expect: { token: 1, 'tokens-me': 1, probe: 0, role: 1 }
  }
]

export interface LatencyResults {
  rttMs: number
  runs: number
  rows: RoundTripRow[]
}

interface Timing {
  /** Spawn to exit. */
  wall: number
  /** First connection (to either host) to exit. */
  network: number
}

/** One main step, timed, after checking what it did. */
async function timedRun(
  emu: Emulator,
  login: Relay,
  api: Relay,
  caFile: string,
  scenario: Scenario
): Promise<Timing> {
  const start = emu.requests.length
  login.accepted.length = 0
  api.accepted.length = 0
  const before = performance.now()
  const result = await run(
    emu,
    'main',
    {
      'client-id': CLIENT.id,
      'client-secret': CLIENT.secret,
      // Two host names, as login.<region> and api.<region> are two hosts.
      'login-url': `https://localhost:${login.port}`,
      'api-url': `https://127.0.0.1:${api.port}`,
      revoke: 'false',
      ...scenario.inputs
    },
    { env: { NODE_EXTRA_CA_CERTS: caFile } }
  )
  assert.equal(result.code, 0, `${scenario.name} failed:\n${result.stdout}${result.stderr}`)
  const made = emu.requests.slice(start)
  for (const route of ['token', 'tokens-me', 'probe', 'role'] as const)
    assert.equal(
      made.filter(r => r.route === route).length,
      scenario.expect[route] ?? 0,
      `${scenario.name}: ${route} requests`
    )
  // Every request came through the relay of its host, none around it.
  for (const r of made)
    assert.equal(
      r.headers.host,
      r.route === 'token' ? `localhost:${login.port}` : `127.0.0.1:${api.port}`,
      `${r.route} request host`
    )
  // run() times spawn to exit from just after `before`; the offset is the same in every run.
  const firstConnection = Math.min(...login.accepted, ...api.accepted)
  return { wall: result.ms, network: before + result.ms - firstConnection }
}

/** `only`: the scenarios to measure (all when absent). */
export async function measureLatency(
  rttMs: number,
  runs: number,
  only?: RoundTripRow['scenario'][]
): Promise<LatencyResults> {
  const tls = testTls()
  const emu = await startEmulator({
    tls,
    clients: [
      {
        ...CLIENT,
        permissions: Object.values(PROBES),
        roleDivisions: [{ roleId: BENCH_ROLE.id, divisionId: '*' }]
      }
    ],
    roles: [BENCH_ROLE]
  })
  const plan = benchPlan(20)
  const SCENARIOS = ALL_SCENARIOS.filter(s => !only || only.includes(s.name)).map(s =>
    s.name === 'verify+plan'
      ? { ...s, inputs: { 'terraform-plan': plan.file, 'output-token': 'false' } }
      : s
  )
  for (const [path, permission] of Object.entries(PROBES)) emu.probeRoutes.set(path, permission)
  const target = { host: '127.0.0.1', port: Number(new URL(emu.url).port) }
  const login = await startRelay(target, 0)
  const api = await startRelay(target, 0)
  const at = (rtt: number) => {
    login.rtt = rtt
    api.rtt = rtt
  }
  const once = (s: Scenario) => timedRun(emu, login, api, tls.caFile, s)
  try {
    for (const s of SCENARIOS) await once(s) // warm the page cache and the emulator
    const pairs = new Map(SCENARIOS.map(s => [s.name, [] as { without: Timing; with: Timing }[]]))
    for (let i = 0; i < runs; i++) {
      for (const s of SCENARIOS) {
        const pair: Partial<Record<'with' | 'without', Timing>> = {}
        for (const latency of i % 2 ? [false, true] : [true, false]) {
          at(latency ? rttMs : 0)
          pair[latency ? 'with' : 'without'] = await once(s)
        }
        pairs.get(s.name)!.push(pair as { without: Timing; with: Timing })
      }
    }
    const trips = (ps: { without: Timing; with: Timing }[], key: keyof Timing) =>
      round(median(ps.map(p => (p.with[key] - p.without[key]) / rttMs)))
    return {
      rttMs,
      runs,
      rows: SCENARIOS.map(s => {
        const ps = pairs.get(s.name)!
        return {
          scenario: s.name,
          roundTrips: trips(ps, 'network'),
          roundTripsWall: trips(ps, 'wall'),
          minimum: s.minimum,
          msWithout: round(median(ps.map(p => p.without.wall))),
          msWith: round(median(ps.map(p => p.with.wall)))
        }
      })
    }
  } finally {
    await login.close()
    await api.close()
    await emu.stop()
    plan.remove()
  }
}

export function printLatency(r: LatencyResults): void {
  console.log(`\nRound trips, RTT ${r.rttMs} ms, ${r.runs} paired runs (RTT 0 / RTT ${r.rttMs})\n`)
  console.log(
    '| run | round trips (first connection to exit) | from spawn | minimum | wall ms, RTT 0 | wall ms, RTT on |'
  )
  console.log('|---|---|---|---|---|---|')
  for (const row of r.rows)
    console.log(
      `| ${SCENARIO_LABELS[row.scenario]} | ${row.roundTrips.toFixed(1)} | ${row.roundTripsWall.toFixed(1)} | ${row.minimum} | ${row.msWithout.toFixed(0)} | ${row.msWith.toFixed(0)} |`
    )
}
