// What a full `npm run bench` records in bench/results.json, the single source of the figures in
// docs/performance.md (`npm run docs` renders them; __tests__/repo/readme.test.ts checks the two agree).
import { statSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(import.meta.dirname, '..')
export const RESULTS_FILE = join(ROOT, 'bench', 'results.json')
export const BUNDLES = ['main', 'post'] as const

export interface StartupRow {
  subject: 'floor' | 'action' | 'node -e 0'
  medianMs: number
  minMs: number
  maxMs: number
  /** Median ms over the floor's median ms. */
  ratio: number
  rssMiB: number
  rssRatio: number
}

export const SCENARIO_LABELS = {
  token: 'token only (`verify: false`)',
  verify: 'default (`verify: true`)',
  'verify+probes': 'verify + 3 `check-endpoints`',
  'verify+plan': 'verify + `terraform-plan` (roles read)'
}

export interface RoundTripRow {
  scenario: keyof typeof SCENARIO_LABELS
  /** Median over paired runs of (ms with latency − ms without) / rtt, first connection to exit. */
  roundTrips: number
  /** The same from the whole wall time, spawn to exit (start-up included: noisier). */
  roundTripsWall: number
  /** The least any client can do: 3 for a new HTTPS connection's first answer, and so on. */
  minimum: number
  /** Median wall ms, spawn to exit. */
  msWithout: number
  msWith: number
}

/** What bench/preflight.ts measures: a big plan's step against a 1-change plan's. */
export interface PreflightResults {
  changes: number
  runs: number
  planBytes: number
  /** Median wall ms of the step with the big plan, and with a plan of one change. */
  msBig: number
  msSmall: number
  /** Median of the paired differences. */
  msCheck: number
  /** readPlan + evaluate in-process, median. */
  msInProcess: number
}

export interface BenchResults {
  date: string
  node: string
  cpus: number
  bundles: { entry: (typeof BUNDLES)[number]; bytes: number }[]
  bundleBudget: number
  startup: { runs: number; rows: StartupRow[]; pairedRatio: number }
  concurrency: { runs: number; wallMs: number; msPerRun: number }[]
  latency: { rttMs: number; runs: number; rows: RoundTripRow[] }
  /** The permission preflight with a big plan (bench/preflight.ts); absent in older files. */
  preflight?: PreflightResults
}

export function bundleSizes(): BenchResults['bundles'] {
  return BUNDLES.map(entry => ({
    entry,
    bytes: statSync(join(ROOT, 'dist', entry, 'index.js')).size
  }))
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

/** Rounded for the JSON file: figures, not float noise. */
export const round = (x: number, digits = 1) => Number(x.toFixed(digits))
