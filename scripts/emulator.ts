// Starts the test suite's Genesys Cloud emulator and keeps it running, for trying the action by
// hand or in the self-test workflow: `node --import tsx scripts/emulator.ts [port]`.
// Prints the URL and the demo client's credentials (test values, not secrets of any real org);
// with GITHUB_OUTPUT set it also writes them as step outputs.
import { appendFileSync } from 'node:fs'
import { CLIENT } from '../tools/harness.js'
import { SAMPLE_PROBES_NOTE, startDemoEmulator } from './sample-probes.js'

const port = Number(process.argv[2] ?? 0)
const emulator = await startDemoEmulator(port)
// Before the URL is printed: whoever reads it may signal at once.
let stopping = false
const stop = () => {
  if (stopping) return
  stopping = true
  void emulator.stop().then(() => process.exit(0))
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
// Stopped, npm signals only the shell it ran this script with (sh -c), which dies and leaves this
// process holding the port. Under `npm run emulator` that shell outlives this process unless
// killed, so losing it means stop. Started directly (the self-test's background emulator), the
// parent may end first on purpose: no watch then.
if (process.env.npm_lifecycle_event === 'emulator' && process.platform !== 'win32') {
  const parent = process.ppid
  setInterval(() => {
    if (process.ppid !== parent) stop()
  }, 250).unref()
}
const facts = {
  url: emulator.url,
  'client-id': CLIENT.id,
  'client-secret': CLIENT.secret,
  'organization-id': CLIENT.orgId
}
for (const [k, v] of Object.entries(facts)) console.log(`${k}=${v}`)
console.log(SAMPLE_PROBES_NOTE)
if (process.env.GITHUB_OUTPUT)
  appendFileSync(
    process.env.GITHUB_OUTPUT,
    Object.entries(facts)
      .map(([k, v]) => `${k}=${v}\n`)
      .join('')
  )
