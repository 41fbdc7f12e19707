// Shared by the property tests: strings a careless or hostile source might send, and a check that
// only the action's own ActionError is ever thrown.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ActionError, worded } from '../../src/errors.js'

/**
 * What a failure says, so that CI's log is enough to reproduce it: fast-check's report puts
 * `{ seed: -1550439185, path: "0:1:0", endOnFailure: true }` in the error message. FC_SEED and
 * FC_PATH replay it, the path going straight to the shrunk counterexample:
 *   FC_SEED=-1550439185 FC_PATH=0:1:0 node_modules/.bin/node --import tsx --test \
 *     --test-name-pattern "<the test's title>" __tests__/<its file>.test.ts
 */
export function replayOf(
  env: NodeJS.ProcessEnv
): Pick<fc.Parameters<unknown>, 'seed' | 'path' | 'endOnFailure'> {
  const seed = Number(env.FC_SEED)
  if (!env.FC_SEED?.trim() || !Number.isInteger(seed)) return {}
  return env.FC_PATH ? { seed, path: env.FC_PATH, endOnFailure: true } : { seed }
}

/** Options of every property test: 500 runs, or the replay of a failure (see replayOf). */
export const RUNS = { numRuns: 500, ...replayOf(process.env) }

/**
 * Runs fn; anything thrown must be a failure the action explains: an ActionError, or a fact of a
 * lower layer that the catalogue words as one (errors.ts worded). The ActionError is returned for
 * further checks.
 */
export function actionErrorOrNothing(fn: () => unknown): ActionError | undefined {
  try {
    fn()
    return undefined
  } catch (thrown) {
    const e = worded(thrown)
    assert.ok(e instanceof ActionError, `not an ActionError: ${String(thrown)}`)
    return e
  }
}

// Strings a careless or hostile source might send: random text, random code units (lone
// surrogates, controls), and hand-picked trouble.
export const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({
    unit: fc.constantFrom(
      ' ',
      '\n',
      '\r',
      '\t',
      ',',
      '.',
      ':',
      '/',
      '@',
      '?',
      '#',
      '%',
      '_',
      '-',
      'a',
      '1',
      '\u0000',
      '\u007f',
      '\u00a0',
      '\u2028',
      '\ufeff'
    )
  }),
  fc.constantFrom(
    '',
    ' ',
    '\n',
    'null',
    'true',
    '0',
    '-1',
    '1e309',
    'NaN',
    '{}',
    '[]',
    '__proto__',
    'constructor',
    'toString',
    '%',
    '%00',
    '\u0000',
    'http://',
    'https://',
    'https://@',
    'https://:@',
    'http://[::1',
    'http://[::1]:99999',
    'https://login.mypurecloud.ie:0',
    '../',
    '//',
    '#',
    '?',
    '##[add-mask]x',
    'a ##[set-output name=x]y'
  )
)
