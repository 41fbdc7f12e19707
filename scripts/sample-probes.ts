// The emulator that `npm start` and `npm run emulator` run, with two permission-probe routes for
// trying `check-endpoints` by hand: the demo client holds the first route's permission, not the
// second's (that probe fails with 403, as a missing role does on a real org).
import type { Emulator } from '../tools/emulator.js'
import { CLIENT, startEmulator } from '../tools/harness.js'

export const SAMPLE_PROBES = {
  '/api/v2/routing/queues': 'routing:queue:view',
  '/api/v2/users': 'directory:user:view'
}

export async function startDemoEmulator(port = 0): Promise<Emulator> {
  const emulator = await startEmulator({
    port,
    clients: [{ ...CLIENT, permissions: ['routing:queue:view'] }]
  })
  for (const [path, permission] of Object.entries(SAMPLE_PROBES))
    emulator.probeRoutes.set(path, permission)
  return emulator
}

export const SAMPLE_PROBES_NOTE =
  'Probe paths for INPUT_CHECK_ENDPOINTS: /api/v2/routing/queues answers 200, /api/v2/users 403 (the demo client lacks directory:user:view).'
