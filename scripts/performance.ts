// The figures of docs/performance.md, rendered from bench/results.json (written by a full
// `npm run bench`), so that no figure is typed by hand and none moves with an edit of src/: the
// bundle sizes too are those the benchmark measured, not those of dist/ today.
import { SCENARIO_LABELS, type BenchResults, type StartupRow } from '../bench/results.js'

const SUBJECTS: Record<StartupRow['subject'], string> = {
  floor: 'floor script',
  action: 'this action',
  'node -e 0': '`node -e 0`'
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
const x = (ratio: number) => `${ratio.toFixed(2)}x`

function startup(r: BenchResults): string {
  return [
    `Measured ${r.date} with Node ${r.node} on ${r.cpus} cores, ${r.startup.runs} paired runs:`,
    '',
    '| subject | median ms | ratio to floor | peak RSS MiB | RSS ratio |',
    '|---|---|---|---|---|',
    ...r.startup.rows.map(
      row =>
        `| ${SUBJECTS[row.subject]} | ${row.medianMs.toFixed(1)} | ${x(row.ratio)}${row.subject === 'action' ? ` (paired median ${x(r.startup.pairedRatio)})` : ''} | ${row.rssMiB.toFixed(1)} | ${x(row.rssRatio)} |`
    )
  ].join('\n')
}

function sizes(r: BenchResults): string {
  return [
    '| bundle | size | budget |',
    '|---|---|---|',
    ...r.bundles.map(
      b =>
        `| \`dist/${b.entry}/index.js\` | ${kib(b.bytes)} (${b.bytes} bytes) | ${r.bundleBudget / 1024} KiB |`
    ),
    '',
    `| concurrent runs | wall ms (${r.cpus} cores) | ms per run |`,
    '|---|---|---|',
    ...r.concurrency.map(c => `| ${c.runs} | ${c.wallMs} | ${c.msPerRun.toFixed(1)} |`)
  ].join('\n')
}

function roundTrips(r: BenchResults): string {
  const { rttMs, runs, rows } = r.latency
  return [
    `RTT ${rttMs} ms to each host, ${runs} paired runs, measured ${r.date}:`,
    '',
    `| run | round trips (measured) | from spawn to exit | minimum (${rows.map(row => row.minimum).join(' / ')}) |`,
    '|---|---|---|---|',
    ...rows.map(
      row =>
        `| ${SCENARIO_LABELS[row.scenario]} | ${row.roundTrips.toFixed(1)} | ${row.roundTripsWall.toFixed(1)} | ${row.minimum} |`
    )
  ].join('\n')
}

function preflight(r: BenchResults): string {
  const p = r.preflight
  if (!p) return 'Not measured yet: run a full `npm run bench`.'
  return [
    `A plan of ${p.changes} resource changes (${(p.planBytes / 1e6).toFixed(1)} MB), ${p.runs} paired runs, measured ${r.date}:`,
    '',
    '| step with that plan | with a 1-change plan | cost of the plan | read and judged in-process |',
    '|---|---|---|---|',
    `| ${p.msBig} ms | ${p.msSmall} ms | ${p.msCheck} ms | ${p.msInProcess} ms |`
  ].join('\n')
}

/** Generated sections of docs/performance.md by marker name. */
export function renderPerformance(results: BenchResults): Record<string, string> {
  return {
    'bench-startup': startup(results),
    'bench-sizes': sizes(results),
    'bench-round-trips': roundTrips(results),
    'bench-preflight': preflight(results)
  }
}
