// npm run bench [-- --quick] [-- --runs N]: the action's start-up and memory against the floor.
// Builds nothing: it measures dist/ as committed. Paired runs (floor, action, bare node, in a
// rotating order) against the emulator on loopback; ratios come from one run, never from a
// fixed number of milliseconds. --quick also enforces the bundle size budget (CI).
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CLIENT, startEmulator } from '../__tests__/support/harness.js'
import { inputEnv, NODE24, ROOT } from '../__tests__/support/run-action.js'

const args = process.argv.slice(2)
const quick = args.includes('--quick')
const RUNS = Number(args[args.indexOf('--runs') + 1]) || (quick ? 8 : 40)
const BUDGET = 100 * 1024

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

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

function bundleSizes(): { entry: string; bytes: number }[] {
  return ['main', 'post'].map(entry => ({
    entry,
    bytes: statSync(join(ROOT, 'dist', entry, 'index.js')).size
  }))
}

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
  const subjects: Record<string, string[]> = {
    floor: [NODE24, join(ROOT, 'bench', 'floor.mjs')],
    action: [NODE24, join(ROOT, 'dist', 'main', 'index.js')],
    'node -e 0': [NODE24, '-e', '0']
  }
  const names = Object.keys(subjects)
  const samples: Record<string, Sample[]> = Object.fromEntries(names.map(n => [n, []]))
  for (const n of names) await measure(subjects[n], env) // warm the page cache
  for (let i = 0; i < RUNS; i++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(i + k) % names.length]
      const s = await measure(subjects[name], env)
      if (s.code !== 0) throw new Error(`${name} exited with ${s.code}`)
      samples[name].push(s)
    }
  }
  const floor = median(samples.floor.map(s => s.ms))
  const floorRss = median(samples.floor.map(s => s.rssKiB))
  console.log(
    `\nStart-up, ${RUNS} paired runs under Node ${execFileSync(NODE24, ['--version'], { encoding: 'utf8' }).trim()}, one token request each, verify: false\n`
  )
  console.log(
    '| subject | median ms | min | max | ratio to floor | peak RSS MiB (median) | RSS ratio |'
  )
  console.log('|---|---|---|---|---|---|---|')
  for (const n of names) {
    const ms = samples[n].map(s => s.ms)
    const rss = median(samples[n].map(s => s.rssKiB))
    console.log(
      `| ${n} | ${median(ms).toFixed(1)} | ${Math.min(...ms).toFixed(1)} | ${Math.max(...ms).toFixed(1)} | ${(median(ms) / floor).toFixed(2)}x | ${(rss / 1024).toFixed(1)} | ${(rss / floorRss).toFixed(2)}x |`
    )
  }
  // Paired ratio: each action run against the floor run of the same round.
  const paired = samples.action.map((s, i) => s.ms / samples.floor[i].ms)
  console.log(
    `\nmedian of paired ratios action/floor: ${median(paired).toFixed(2)}x (target <= 1.10x)`
  )

  if (!quick) {
    console.log('\n| concurrent runs | wall ms | ms per run |\n|---|---|---|')
    for (const n of [1, 10, 50]) {
      const started = performance.now()
      const rs = await Promise.all(Array.from({ length: n }, () => measure(subjects.action, env)))
      if (rs.some(r => r.code !== 0)) throw new Error('a concurrent run failed')
      const wall = performance.now() - started
      console.log(`| ${n} | ${wall.toFixed(0)} | ${(wall / n).toFixed(1)} |`)
    }
  }
} finally {
  await emu.stop()
}

console.log('\n| bundle | bytes | budget |\n|---|---|---|')
let over = false
for (const { entry, bytes } of bundleSizes()) {
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
