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
// no-restricted-imports sees only static imports; this rule holds `import()` to the same
// patterns (gitignore-like, as there: `dir/*` refuses what is under dir/, `!dir/` allows it
// again, the last match decides). A specifier it cannot read is refused: ncc could not bundle
// it either, and it would slip past the layers.
const refusedBy = (group, specifier) => {
  let refused = false
  for (const raw of group) {
    const allow = raw.startsWith('!')
    const pattern = allow ? raw.slice(1) : raw
    const hit = pattern.endsWith('*')
      ? specifier.startsWith(pattern.slice(0, -1))
      : pattern.endsWith('/')
        ? specifier.startsWith(pattern)
        : specifier === pattern
    if (hit) refused = !allow
  }
  return refused
}
const dynamicImport = {
  meta: { type: 'problem', schema: [{ type: 'object' }] },
  create: context => ({
    ImportExpression(node) {
      const { group, message } = context.options[0]
      const { source } = node
      const specifier =
        source.type === 'Literal' && typeof source.value === 'string'
          ? source.value
          : source.type === 'TemplateLiteral' && source.expressions.length === 0
            ? source.quasis[0].value.cooked
            : undefined
      if (specifier === undefined)
        context.report({ node, message: 'import() in src/ takes a string literal.' })
      else if (refusedBy(group, specifier))
        context.report({ node, message: `'${specifier}' import is restricted: ${message}` })
    }
  })
}
const layers = { rules: { 'dynamic-import': dynamicImport } }
const layer = (files, group, message) => ({
  files,
  plugins: { layers },
  rules: {
    'no-restricted-imports': ['error', { patterns: [{ group, message }] }],
    'layers/dynamic-import': ['error', { group, message }]
  }
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
    ['src/errors.ts', 'src/errors-preflight.ts', 'src/hints.ts'],
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
