// npm run bench [-- --quick] [-- --runs N] [-- --latency-runs N] [-- --rtt MS]
// npm run bench -- --latency [--runs N] [--rtt MS]
// npm run bench -- --preflight [--runs N] [--rtt MS]
// Measures dist/ as committed (builds nothing):
// - start-up and memory against the floor script, and concurrent runs (bench/startup.ts);
// - round trips per scenario behind relays that add latency (bench/latency.ts);
// - bundle sizes, against a budget.
// Full mode (no flag) measures everything, writes bench/results.json and renders
// docs/performance.md from it (the one page that holds measured figures), with the preflight's
// cost for a 5,000-change plan. --quick (CI) runs fewer paired runs, skips the
// concurrent runs, runs a reduced round-trip measurement, writes nothing and enforces the bundle
// budget. --latency measures only the round trips and writes nothing. --preflight measures only
// the permission preflight (a 5,000-change plan's cost, and the round trips with a plan), writes
// nothing.
import { execFileSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { writeDocs } from '../scripts/docs.js'
import { NODE24 } from '../tools/run-action.js'
import { measureLatency, printLatency } from './latency.js'
import { measurePreflight, printPreflight } from './preflight.js'
import { bundleSizes, RESULTS_FILE, ROOT, type BenchResults } from './results.js'
import { measureStartup, printStartup, type StartupResults } from './startup.js'

const args = process.argv.slice(2)
const flag = (name: string) => {
  const at = args.indexOf(name)
  return at < 0 ? undefined : Number(args[at + 1]) || undefined
}
const quick = args.includes('--quick')
const latencyOnly = args.includes('--latency')
const preflightOnly = args.includes('--preflight')
const RTT = flag('--rtt') ?? 100
const LATENCY_RUNS =
  flag(latencyOnly || preflightOnly ? '--runs' : '--latency-runs') ?? (quick ? 3 : 10)
const STARTUP_RUNS = flag('--runs') ?? (quick ? 8 : 40)
const BUDGET = 100 * 1024
const node = execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).trim()

if (preflightOnly) {
  printPreflight(await measurePreflight(5000, LATENCY_RUNS))
  printLatency(await measureLatency(RTT, LATENCY_RUNS, ['verify+plan']))
  process.exit(0)
}

let startup: StartupResults | undefined
if (!latencyOnly) {
  startup = await measureStartup(STARTUP_RUNS, quick ? [] : [1, 10, 50])
  printStartup(startup, node)
}

const latency = await measureLatency(RTT, LATENCY_RUNS)
printLatency(latency)

if (latencyOnly) process.exit(0)

const bundles = bundleSizes()
console.log('\n| bundle | bytes | budget |\n|---|---|---|')
let over = false
for (const { entry, bytes } of bundles) {
  console.log(
    `| dist/${entry}/index.js | ${bytes} | ${bytes <= BUDGET ? 'ok' : 'OVER'} (${BUDGET}) |`
  )
  over ||= bytes > BUDGET
}
const maps = ['main', 'post'].flatMap(e =>
  readdirSync(join(ROOT, 'dist', e)).filter(f => f.endsWith('.map'))
)
if (maps.length) {
  console.log(`source maps in dist/: ${maps.join(', ')} (keep them out of the runtime load path)`)
  over = true
}
if (over) {
  console.error('Bundle size budget exceeded.')
  process.exit(1)
}

if (!quick && startup) {
  const preflight = await measurePreflight(5000, LATENCY_RUNS)
  printPreflight(preflight)
  const results: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    node,
    cpus: cpus().length,
    bundles,
    bundleBudget: BUDGET,
    startup: startup.startup,
    concurrency: startup.concurrency,
    latency,
    preflight
  }
  writeFileSync(
    RESULTS_FILE,
    await format(JSON.stringify(results, null, 2), {
      ...(await resolveConfig(RESULTS_FILE)),
      filepath: RESULTS_FILE
    })
  )
  const written = writeDocs(ROOT)
  console.log(
    `\nbench/results.json written${written.length ? `, ${written.join(' and ')} rendered from it` : ''}: commit them`
  )
}
