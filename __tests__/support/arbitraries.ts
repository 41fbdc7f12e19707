// Shared by the property tests: strings a careless or hostile source might send, and a check that
// only the action's own ActionError is ever thrown.
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { ActionError } from '../../src/errors.js'

export const RUNS = { numRuns: 500 }

/** Runs fn; anything thrown must be an ActionError, which is returned for further checks. */
export function actionErrorOrNothing(fn: () => unknown): ActionError | undefined {
  try {
    fn()
    return undefined
  } catch (e) {
    assert.ok(e instanceof ActionError, `not an ActionError: ${String(e)}`)
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
