// npm start: runs the action from dist/ the way a runner does and prints what a workflow would
// see, with masked values shown as *** (as the runner shows them). Against the emulator on
// loopback by default, or against a real Genesys Cloud org when the client ID and secret are in the
// environment under the names the action itself falls back on (GENESYSCLOUD_OAUTHCLIENT_ID,
// GENESYSCLOUD_OAUTHCLIENT_SECRET, GENESYSCLOUD_REGION) or the SDK tutorials' names
// (GENESYS_CLOUD_CLIENT_ID, ...). Any INPUT_<NAME> variable in the environment overrides that
// input (INPUT_EXPORT_ENV=true, INPUT_CHECK_ENDPOINTS, a wrong INPUT_CLIENT_SECRET...), to preview
// what a workflow would see with it. npm runs this script through sh, and dash (Debian's and
// Ubuntu's sh) drops variables whose names hold a hyphen, so the underscore spelling is the one
// that arrives.
import { execSync } from 'node:child_process'
import { resolve } from 'node:path'
import { CLIENT } from '../tools/harness.js'
import { inputEnv, ROOT, runAction, staleBundle, type RunResult } from '../tools/run-action.js'
import { SAMPLE_PROBES_NOTE, startDemoEmulator } from './sample-probes.js'

/** Where the credentials of a real org may come from: the action's names first. */
const CREDENTIAL_NAMES = [
  {
    id: 'GENESYSCLOUD_OAUTHCLIENT_ID',
    secret: 'GENESYSCLOUD_OAUTHCLIENT_SECRET',
    region: 'GENESYSCLOUD_REGION'
  },
  {
    id: 'GENESYS_CLOUD_CLIENT_ID',
    secret: 'GENESYS_CLOUD_CLIENT_SECRET',
    region: 'GENESYS_CLOUD_REGION'
  }
] as const

export type Target =
  | { kind: 'emulator' }
  | { kind: 'org'; inputs: Record<string, string>; banner: string }
  | { kind: 'incomplete'; message: string }

/**
 * Which organization `npm start` talks to. A client ID and secret under one set of names mean a
 * real org, with the region as the action takes it (empty: us-east-1); half a pair stops the run
 * instead of quietly falling back on the emulator; nothing means the emulator.
 */
export function chooseTarget(env: Record<string, string | undefined>): Target {
  const value = (name: string) => env[name]?.trim() ?? ''
  for (const names of CREDENTIAL_NAMES) {
    const id = value(names.id)
    const secret = value(names.secret)
    const region = value(names.region)
    if (id && secret)
      return {
        kind: 'org',
        inputs: { 'client-id': id, 'client-secret': secret, ...(region ? { region } : {}) },
        banner: `Running against a real Genesys Cloud organization in region ${region || 'us-east-1 (the default)'}: credentials from ${names.id} and ${names.secret}${region ? `, region from ${names.region}` : ''}`
      }
    if (id || secret)
      return {
        kind: 'incomplete',
        message: `${id ? names.id : names.secret} is set but ${id ? names.secret : names.id} is not: set both (and ${names.region}) to run against a real organization, or neither to run against the emulator.`
      }
  }
  return { kind: 'emulator' }
}

const EMULATOR_HINT = `set ${CREDENTIAL_NAMES[0].id}, ${CREDENTIAL_NAMES[0].secret} and ${CREDENTIAL_NAMES[0].region} for a real org`

/** Command data as the runner unescapes it: %0D, %0A, %25 (properties, which this action never sends, also %3A, %2C). */
const unescapeData = (text: string) =>
  text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const TITLES: Record<string, string> = { error: 'Error', warning: 'Warning', notice: 'Notice' }

/**
 * What the runner's log shows: ::add-mask:: lines consumed, their values replaced by ***;
 * ::error:: / ::warning:: / ::notice:: shown as annotations with their data unescaped.
 */
function asRunnerShows(result: RunResult): { log: string; mask: (s: string) => string } {
  const masks: string[] = []
  const lines: string[] = []
  for (const line of result.stdout.split('\n')) {
    const command = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line)
    if (command?.[1] === 'add-mask') masks.push(unescapeData(command[2]))
    else if (command && command[1] in TITLES)
      lines.push(`${TITLES[command[1]]}: ${unescapeData(command[2])}`)
    else if (command?.[1] === 'debug') continue
    else if (line) lines.push(line)
  }
  masks.sort((a, b) => b.length - a.length)
  const mask = (s: string) => masks.reduce((text, m) => text.split(m).join('***'), s)
  return { log: mask([...lines, ...result.stderr.split('\n').filter(Boolean)].join('\n')), mask }
}

/** Runs main and post against the chosen target and prints what a workflow would see. */
async function start(target: Exclude<Target, { kind: 'incomplete' }>): Promise<number> {
  // Named as the runner names them: upper case, with the input's own hyphens; INPUT_EXPORT_ENV
  // also works, for shells that cannot set a name with a hyphen in it.
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
  const inputName = (variable: string) => variable.slice('INPUT_'.length).toLowerCase()
  const emulator = target.kind === 'emulator' ? await startDemoEmulator() : undefined
  const inputs: Record<string, string> = emulator
    ? {
        'client-id': CLIENT.id,
        'client-secret': CLIENT.secret,
        'login-url': emulator.url,
        'api-url': emulator.url
      }
    : (target as { inputs: Record<string, string> }).inputs
  try {
    const names = Object.keys(given)
    const known = names.filter(n => declared.includes(n)).map(inputName)
    const unknown = names.filter(n => !declared.includes(n))
    console.log(
      (emulator
        ? `Running against the emulator at ${emulator.url} (${EMULATOR_HINT})`
        : (target as { banner: string }).banner) +
        `; any INPUT_<NAME> variable overrides that input, e.g. INPUT_CHECK_ENDPOINTS (underscores: the shell npm runs drops names with a hyphen).`
    )
    console.log(
      `Inputs from the environment: ${known.length ? known.join(', ') : 'none'}${unknown.length ? `; not inputs of this action (ignored): ${unknown.join(', ')}` : ''}`
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
    return main.code ?? 1
  } finally {
    await emulator?.stop()
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const target = chooseTarget(process.env)
  if (target.kind === 'incomplete') {
    console.error(target.message)
    process.exit(1)
  }
  // A fresh clone writes files in index order, so dist/ can look older than src/ when it is not:
  // build it then (seconds; the build of a committed src/ is the committed dist/).
  if (staleBundle()) {
    console.log('dist/ may be older than src/: building it first (npm run package)…')
    try {
      execSync('npm run -s package', { cwd: ROOT, stdio: 'inherit' })
    } catch {
      console.error('npm run package failed (see above): fix the build, then run npm start again.')
      process.exit(1)
    }
  }
  process.exitCode = await start(target)
}
