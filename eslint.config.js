import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// The layers of src/, lowest first; each may import only the ones before it (CONTRIBUTING.md,
// "Architecture"): net/ speaks HTTP, errors.ts words failures, genesys/ speaks Genesys Cloud,
// action/ speaks to the runner, steps/ (main, post, authenticate) use them all, and the two entry
// points run the steps. __tests__/repo/layers.test.ts proves this rule fires.
const ENTRIES = ['index.js', 'post-index.js']
const upward = from => {
  const above = [`${from}steps/*`, ...ENTRIES.map(e => `${from}${e}`)]
  return {
    net: ['../*', '!../net/'],
    errors: ['./genesys/*', './action/*', ...above],
    genesys: ['../action/*', ...above],
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
    ['src/errors.ts', 'src/errors-preflight.ts'],
    upward('./').errors,
    'errors.ts sits below genesys/ and action/: hand it what it needs.'
  ),
  layer(['src/genesys/**'], upward('../').genesys, 'genesys/ may import net/ and errors.ts only.'),
  layer(['src/action/**'], upward('../').action, 'action/ may not import the steps that use it.'),
  layer(['src/steps/**'], upward('../').steps, 'steps/ may not import the entry points.'),
  {
    files: ['__tests__/**', 'scripts/**', 'bench/**', 'tools/**'],
    rules: { 'no-console': 'off' }
  }
)
