// npm start: runs the action from dist/ the way a runner does and prints what a workflow would
// see, with masked values shown as *** (as the runner shows them). Against the emulator on
// loopback by default, or against a real Genesys Cloud org when GENESYS_CLOUD_CLIENT_ID,
// GENESYS_CLOUD_CLIENT_SECRET and GENESYS_CLOUD_REGION are set. Any INPUT_<NAME> variable in the
// environment overrides that input (INPUT_EXPORT-ENV=true, INPUT_CHECK-ENDPOINTS, a wrong
// INPUT_CLIENT-SECRET...), to preview what a workflow would see with it.
import { CLIENT } from '../tools/harness.js'
import { inputEnv, runAction, type RunResult } from '../tools/run-action.js'
import { SAMPLE_PROBES_NOTE, startDemoEmulator } from './sample-probes.js'

const {
  GENESYS_CLOUD_CLIENT_ID: id,
  GENESYS_CLOUD_CLIENT_SECRET: secret,
  GENESYS_CLOUD_REGION: region
} = process.env
const real = Boolean(id && secret && region)
const emulator = real ? undefined : await startDemoEmulator()
const inputs: Record<string, string> = real
  ? { 'client-id': id!, 'client-secret': secret!, region: region! }
  : {
      'client-id': CLIENT.id,
      'client-secret': CLIENT.secret,
      'login-url': emulator!.url,
      'api-url': emulator!.url
    }
// Named as the runner names them: upper case, with the input's own hyphens; INPUT_EXPORT_ENV also
// works, for shells that cannot set a name with a hyphen in it.
const declared = Object.keys(inputEnv({}))
const runnerName = (name: string) => {
  const hyphens = `INPUT_${name.slice(6).replace(/_/g, '-')}`.toUpperCase()
  return declared.includes(hyphens) ? hyphens : name.toUpperCase()
}
const given = Object.fromEntries(
  Object.entries(process.env)
    .filter(([name]) => /^INPUT_/i.test(name))
    .map(([name, value]) => [runnerName(name), value ?? ''])
)

/** What the runner's log shows: ::add-mask:: lines consumed, their values replaced by ***. */
function asRunnerShows(result: RunResult): { log: string; mask: (s: string) => string } {
  const masks: string[] = []
  const lines: string[] = []
  for (const line of result.stdout.split('\n')) {
    if (line.startsWith('::add-mask::')) masks.push(line.slice('::add-mask::'.length))
    else if (line) lines.push(line)
  }
  masks.sort((a, b) => b.length - a.length)
  const mask = (s: string) => masks.reduce((text, m) => text.split(m).join('***'), s)
  return { log: mask([...lines, ...result.stderr.split('\n').filter(Boolean)].join('\n')), mask }
}

try {
  const names = Object.keys(given)
  console.log(
    (real
      ? `Running against Genesys Cloud region ${region}`
      : `Running against the emulator at ${emulator!.url} (set GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET and GENESYS_CLOUD_REGION for a real org)`) +
      `; any INPUT_<NAME> variable overrides that input (${names.length ? `given: ${names.join(', ')}` : 'none given'})…`
  )
  if (emulator) console.log(SAMPLE_PROBES_NOTE)
  const main = await runAction('main', inputs, { env: { GITHUB_ACTIONS: 'true', ...given } })
  const { log, mask } = asRunnerShows(main)
  console.log(`\n== main step (exit ${main.code}) ==\n${log}`)
  console.log('\n== step outputs ==')
  for (const [k, v] of Object.entries(main.outputs)) console.log(`${k}: ${mask(v)}`)
  if (Object.keys(main.env).length) console.log('\n== exported environment ==')
  for (const [k, v] of Object.entries(main.env)) console.log(`${k}=${mask(v)}`)
  if (main.summary) console.log(`\n== job summary ==\n${mask(main.summary)}`)
  const post = await runAction('post', inputs, { state: main.state, env: given })
  console.log(`\n== post step (exit ${post.code}) ==\n${asRunnerShows(post).log}`)
  process.exitCode = main.code ?? 1
} finally {
  await emulator?.stop()
}
