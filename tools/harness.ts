// Shared set-up for end-to-end tests: an emulator with known clients, and a runner wrapper that
// fails the test when any secret or issued token reaches stdout/stderr unmasked.
import assert from 'node:assert/strict'
import { Emulator, type EmulatorOptions } from './emulator.js'
import { basicOf, findLeaks, runAction, type RunOptions, type RunResult } from './run-action.js'

export const CLIENT = {
  id: 'c1a2b3c4-1111-4111-8111-000000000001',
  secret: 'S3cr3t-Value_that-must-NEVER-leak-0123456789',
  orgId: '7f6e5d4c-0000-4000-8000-00000000a001',
  orgName: 'Emulated Org'
}

export function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<Emulator> {
  return Emulator.start({ clients: [{ ...CLIENT }], ...options })
}

/** Inputs pointing the action at the emulator, with a known client's credentials. */
export function inputsFor(
  emulator: Emulator,
  extra: Record<string, string> = {},
  client: { id: string; secret: string } = CLIENT
): Record<string, string> {
  return {
    'client-id': client.id,
    'client-secret': client.secret,
    'login-url': emulator.url,
    'api-url': emulator.url,
    ...extra
  }
}

export async function run(
  emulator: Emulator | undefined,
  entry: 'main' | 'post',
  inputs: Record<string, string>,
  opts: RunOptions = {}
): Promise<RunResult> {
  const result = await runAction(entry, inputs, {
    ...opts,
    env: { GENESYS_CLOUD_AUTH_TEST_WAIT_SCALE: '0.01', ...opts.env }
  })
  // The credentials may come from the inputs or, when those are empty, from the job's env.
  const ids = [inputs['client-id'] ?? '', opts.env?.GENESYSCLOUD_OAUTHCLIENT_ID ?? '']
  const given = [inputs['client-secret'], opts.env?.GENESYSCLOUD_OAUTHCLIENT_SECRET].filter(
    (s): s is string => Boolean(s?.trim())
  )
  const secrets = [
    ...given.flatMap(s => [s, s.trim()]),
    ...ids.flatMap(id => given.map(s => basicOf(id.trim(), s.trim()))),
    ...(emulator?.tokens ?? [])
  ]
  assert.deepEqual(
    findLeaks(
      result,
      secrets.filter(s => s.length >= 6)
    ),
    [],
    'a secret reached the log unmasked'
  )
  return result
}

/** The ::error:: line of a failed run, decoded as the runner shows it. */
export function errorOf(result: RunResult): string {
  const line = result.stdout.split('\n').find(l => l.startsWith('::error::')) ?? ''
  return line
    .slice('::error::'.length)
    .replace(/%0A/g, '\n')
    .replace(/%0D/g, '\r')
    .replace(/%25/g, '%')
}
