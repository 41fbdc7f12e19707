// The set-up of e2e/proxy.test.ts, for tests where the region must really decide the hosts: an
// HTTPS emulator on loopback, a CONNECT proxy that routes real Genesys host names to it, and an
// offline guard so that any look-up bypassing the proxy fails instead of leaving the machine.
import type { Emulator, EmulatorOptions } from '../../tools/emulator.js'
import { startEmulator } from '../../tools/harness.js'
import { offlineGuard, TunnelProxy } from './proxy.js'
import { testTls } from '../../tools/tls.js'

export interface Proxied {
  emu: Emulator
  proxy: TunnelProxy
  /** Environment for a run through the proxy (https_proxy, the test CA, the offline guard). */
  env: Record<string, string>
  stop(): Promise<void>
}

export async function startProxied(options: Partial<EmulatorOptions> = {}): Promise<Proxied> {
  const tls = testTls('genesys')
  const emu = await startEmulator({ tls, ...options })
  const proxy = await TunnelProxy.start({ host: '127.0.0.1', port: Number(new URL(emu.url).port) })
  return {
    emu,
    proxy,
    env: {
      https_proxy: proxy.url,
      NODE_EXTRA_CA_CERTS: tls.caFile,
      NODE_OPTIONS: `--require ${offlineGuard()}`
    },
    async stop() {
      await proxy.stop()
      await emu.stop()
    }
  }
}
