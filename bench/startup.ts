// Start-up and memory of a main step against the floor (bench/floor.mjs), and concurrent runs.
// Paired runs (floor, action, bare node, in a rotating order) against the emulator on loopback;
// ratios come from one run, never from a fixed number of milliseconds.
import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLIENT, startEmulator } from '../tools/harness.js'
import { inputEnv, NODE24 } from '../tools/run-action.js'
import { median, ROOT, round, type BenchResults, type StartupRow } from './results.js'

interface Sample {
  ms: number
  rssKiB: number
  code: number | null
}

const dir = mkdtempSync(join(tmpdir(), 'gca-bench-'))
const files = Object.fromEntries(
  ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_STEP_SUMMARY'].map(n => [n, join(dir, n)])
)

/** One process under /usr/bin/time (for peak RSS); wall time measured here, spawn to exit. */
function measure(argv: string[], env: Record<string, string>): Promise<Sample> {
  for (const f of Object.values(files)) writeFileSync(f, '')
  return new Promise(resolve => {
    const started = performance.now()
    const child = spawn('/usr/bin/time', ['-f', '%M', ...argv], {
      env: { PATH: process.env.PATH ?? '', ...files, ...env },
      stdio: ['ignore', 'ignore', 'pipe']
    })
    let err = ''
    child.stderr.on('data', d => (err += d))
    child.on('close', code => {
      const ms = performance.now() - started
      resolve({ ms, rssKiB: Number(err.trim().split('\n').at(-1)), code })
    })
  })
}

export interface StartupResults {
  startup: BenchResults['startup']
  /** Empty when not measured (quick mode). */
  concurrency: BenchResults['concurrency']
}

export async function measureStartup(runs: number, concurrency: number[]): Promise<StartupResults> {
  const emu = await startEmulator()
  try {
    const env = {
      ...inputEnv({
        'client-id': CLIENT.id,
        'client-secret': CLIENT.secret,
        'login-url': emu.url,
        'api-url': emu.url,
        verify: 'false',
        revoke: 'false'
      }),
      GITHUB_ACTIONS: 'true'
    }
    const subjects: Record<StartupRow['subject'], string[]> = {
      floor: [NODE24, join(ROOT, 'bench', 'floor.mjs')],
      action: [NODE24, join(ROOT, 'dist', 'main', 'index.js')],
      'node -e 0': [NODE24, '-e', '0']
    }
    const names = Object.keys(subjects) as StartupRow['subject'][]
    const samples = Object.fromEntries(names.map(n => [n, [] as Sample[]])) as Record<
      StartupRow['subject'],
      Sample[]
    >
    for (const n of names) await measure(subjects[n], env) // warm the page cache
    for (let i = 0; i < runs; i++) {
      for (let k = 0; k < names.length; k++) {
        const name = names[(i + k) % names.length]
        const s = await measure(subjects[name], env)
        if (s.code !== 0) throw new Error(`${name} exited with ${s.code}`)
        samples[name].push(s)
      }
    }
    const floor = median(samples.floor.map(s => s.ms))
    const floorRss = median(samples.floor.map(s => s.rssKiB))
    const rows = names.map(subject => {
      const ms = samples[subject].map(s => s.ms)
      const rss = median(samples[subject].map(s => s.rssKiB))
      return {
        subject,
        medianMs: round(median(ms)),
        minMs: round(Math.min(...ms)),
        maxMs: round(Math.max(...ms)),
        ratio: round(median(ms) / floor, 2),
        rssMiB: round(rss / 1024),
        rssRatio: round(rss / floorRss, 2)
      }
    })
    // Paired ratio: each action run against the floor run of the same round.
    const pairedRatio = round(median(samples.action.map((s, i) => s.ms / samples.floor[i].ms)), 2)

    const timings: BenchResults['concurrency'] = []
    for (const n of concurrency) {
      const started = performance.now()
      const rs = await Promise.all(Array.from({ length: n }, () => measure(subjects.action, env)))
      if (rs.some(r => r.code !== 0)) throw new Error('a concurrent run failed')
      const wall = performance.now() - started
      timings.push({ runs: n, wallMs: Math.round(wall), msPerRun: round(wall / n) })
    }
    return { startup: { runs, rows, pairedRatio }, concurrency: timings }
  } finally {
    await emu.stop()
  }
}

export function printStartup(r: StartupResults, node: string): void {
  console.log(
    `\nStart-up, ${r.startup.runs} paired runs under Node ${node}, one token request each, verify: false\n`
  )
  console.log(
    '| subject | median ms | min | max | ratio to floor | peak RSS MiB (median) | RSS ratio |'
  )
  console.log('|---|---|---|---|---|---|---|')
  for (const row of r.startup.rows)
    console.log(
      `| ${row.subject} | ${row.medianMs.toFixed(1)} | ${row.minMs.toFixed(1)} | ${row.maxMs.toFixed(1)} | ${row.ratio.toFixed(2)}x | ${row.rssMiB.toFixed(1)} | ${row.rssRatio.toFixed(2)}x |`
    )
  console.log(
    `\nmedian of paired ratios action/floor: ${r.startup.pairedRatio.toFixed(2)}x (target <= 1.10x)`
  )
  if (r.concurrency.length) {
    console.log('\n| concurrent runs | wall ms | ms per run |\n|---|---|---|')
    for (const c of r.concurrency) console.log(`| ${c.runs} | ${c.wallMs} | ${c.msPerRun} |`)
  }
}
