import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// The layers of src/, lowest first; each may import only the ones before it (CONTRIBUTING.md,
// "Architecture"): net/ speaks HTTP, genesys/ speaks Genesys Cloud (both raise facts, not
// messages), the catalogue (errors.ts, hints.ts) words them for this action's inputs, action/
// speaks to the runner, steps/ (main, post, authenticate, revoke) use them all, and the two entry
// points run the steps. __tests__/repo/layers.test.ts proves this rule fires.
const ENTRIES = ['index.js', 'post-index.js']
const upward = from => {
  const above = [`${from}steps/*`, ...ENTRIES.map(e => `${from}${e}`)]
  return {
    net: ['../*', '!../net/'],
    genesys: ['../*', '!../net/'],
    catalogue: ['./action/*', ...above],
    action: above,
    steps: ENTRIES.map(e => `../${e}`)
  }
}
const layer = (files, group, message) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group, message }] }] }
})

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'lib/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // A stray console.log is how secrets leak: all output goes through src/action/log.ts.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  layer(
    ['src/net/**'],
    upward('../').net,
    'net/ imports nothing of the action: it only speaks HTTP.'
  ),
  layer(
    ['src/genesys/**'],
    upward('../').genesys,
    'genesys/ may import net/ only: raise a fact (genesys/failure.ts) and let errors.ts word it.'
  ),
  layer(
    ['src/errors.ts', 'src/hints.ts'],
    upward('./').catalogue,
    'The catalogue sits below action/ and the steps: hand it what it needs.'
  ),
  layer(['src/action/**'], upward('../').action, 'action/ may not import the steps that use it.'),
  layer(['src/steps/**'], upward('../').steps, 'steps/ may not import the entry points.'),
  {
    files: ['__tests__/**', 'scripts/**', 'bench/**', 'tools/**'],
    rules: { 'no-console': 'off' }
  }
)
