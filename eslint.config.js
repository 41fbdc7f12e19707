import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

// The layers of src/, lowest first; each may import only the ones before it (CONTRIBUTING.md,
// "Architecture"): net/ speaks HTTP, errors.ts words failures, genesys/ speaks Genesys Cloud,
// action/ speaks to the runner, and the steps (main, post, authenticate, the entry points) use
// them all. __tests__/layers.test.ts proves this rule fires.
const STEPS = ['main', 'post', 'authenticate', 'index', 'post-index']
const upward = from => {
  const steps = STEPS.map(s => `${from}${s}.js`)
  return {
    net: ['../*', '!../net/'],
    errors: ['./genesys/*', './action/*', ...STEPS.map(s => `./${s}.js`)],
    genesys: ['../action/*', ...steps],
    action: steps
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
    ['src/errors.ts'],
    upward('./').errors,
    'errors.ts sits below genesys/ and action/: hand it what it needs.'
  ),
  layer(['src/genesys/**'], upward('../').genesys, 'genesys/ may import net/ and errors.ts only.'),
  layer(['src/action/**'], upward('../').action, 'action/ may not import the steps that use it.'),
  {
    files: ['__tests__/**', 'scripts/**', 'bench/**', 'tools/**'],
    rules: { 'no-console': 'off' }
  }
)
