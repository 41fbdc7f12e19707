// npm start: runs the action from dist/ the way a runner does and prints what a workflow would
// see, with masked values shown as *** (as the runner shows them). Against the emulator on
// loopback by default, or against a real Genesys Cloud org when GENESYS_CLOUD_CLIENT_ID,
// GENESYS_CLOUD_CLIENT_SECRET and GENESYS_CLOUD_REGION are set.
import { CLIENT, startEmulator } from '../__tests__/support/harness.js'
import { runAction, type RunResult } from '../__tests__/support/run-action.js'

const {
  GENESYS_CLOUD_CLIENT_ID: id,
  GENESYS_CLOUD_CLIENT_SECRET: secret,
  GENESYS_CLOUD_REGION: region
} = process.env
const real = Boolean(id && secret && region)
const emulator = real ? undefined : await startEmulator()
const inputs: Record<string, string> = real
  ? { 'client-id': id!, 'client-secret': secret!, region: region! }
  : {
      'client-id': CLIENT.id,
      'client-secret': CLIENT.secret,
      'login-url': emulator!.url,
      'api-url': emulator!.url
    }

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
  console.log(
    real
      ? `Running against Genesys Cloud region ${region}…`
      : `Running against the emulator at ${emulator!.url} (set GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET and GENESYS_CLOUD_REGION for a real org)…`
  )
  const main = await runAction('main', inputs, { env: { GITHUB_ACTIONS: 'true' } })
  const { log, mask } = asRunnerShows(main)
  console.log(`\n== main step (exit ${main.code}) ==\n${log}`)
  console.log('\n== step outputs ==')
  for (const [k, v] of Object.entries(main.outputs)) console.log(`${k}: ${mask(v)}`)
  if (main.summary) console.log(`\n== job summary ==\n${mask(main.summary)}`)
  const post = await runAction('post', inputs, { state: main.state })
  console.log(`\n== post step (exit ${post.code}) ==\n${asRunnerShows(post).log}`)
  process.exitCode = main.code ?? 1
} finally {
  await emulator?.stop()
}
