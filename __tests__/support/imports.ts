// Which names a JavaScript file takes from a module, in every form it can: named, default and
// namespace imports, re-exports, dynamic import() and require(). Parsed with TypeScript's own
// parser, not with regular expressions, so that comments, strings and formatting cannot fool it.
import ts from 'typescript'

/** The names used, or '*' when a use cannot be pinned to names (export *, a namespace passed on). */
export type ImportedNames = Set<string>

export function namesImported(
  source: string,
  moduleName: string,
  fileName = 'x.js'
): ImportedNames {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS)
  const names: ImportedNames = new Set()
  const add = (name: string): void => void names.add(name)
  const isModule = (node: ts.Node | undefined) =>
    node !== undefined && ts.isStringLiteralLike(node) && node.text === moduleName

  /** Names read from a binding that holds the whole module (namespace, require result...). */
  const usesOf = (binding: ts.BindingName) => {
    if (ts.isObjectBindingPattern(binding)) {
      for (const element of binding.elements) {
        const key = element.propertyName ?? element.name
        if (element.dotDotDotToken || !(ts.isIdentifier(key) || ts.isStringLiteral(key))) add('*')
        else add(key.text)
      }
      return
    }
    if (!ts.isIdentifier(binding)) return add('*')
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && node.text === binding.text && node !== binding) {
        const parent = node.parent
        if (ts.isPropertyAccessExpression(parent) && parent.expression === node)
          add(parent.name.text)
        else if (
          ts.isElementAccessExpression(parent) &&
          parent.expression === node &&
          ts.isStringLiteralLike(parent.argumentExpression)
        )
          add(parent.argumentExpression.text)
        else add('*')
      }
      ts.forEachChild(node, visit)
    }
    visit(file)
  }

  /** What happens to the value of import('m') / require('m'): where does the module go? */
  const valueUse = (call: ts.CallExpression) => {
    // import('m') is a promise of the module until it is awaited
    let promise = call.expression.kind === ts.SyntaxKind.ImportKeyword
    let node: ts.Node = call
    while (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent)) {
      if (ts.isAwaitExpression(node.parent)) promise = false
      node = node.parent
    }
    const parent = node.parent
    if (promise) {
      // import('m').then(m => m.X)
      const then = ts.isPropertyAccessExpression(parent) && parent.name.text === 'then'
      const callback =
        then && ts.isCallExpression(parent.parent) ? parent.parent.arguments[0] : undefined
      if (callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback)))
        return callback.parameters[0] ? usesOf(callback.parameters[0].name) : undefined
      return ts.isExpressionStatement(parent) ? undefined : add('*')
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === node)
      return add(parent.name.text)
    if (ts.isVariableDeclaration(parent) && parent.initializer === node) return usesOf(parent.name)
    if (ts.isExpressionStatement(parent)) return // side effect only
    add('*')
  }

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && isModule(node.moduleSpecifier)) {
      const clause = node.importClause
      if (clause?.name) add('default')
      const bindings = clause?.namedBindings
      if (bindings && ts.isNamespaceImport(bindings)) usesOf(bindings.name)
      if (bindings && ts.isNamedImports(bindings))
        for (const element of bindings.elements) add((element.propertyName ?? element.name).text)
    } else if (ts.isExportDeclaration(node) && isModule(node.moduleSpecifier)) {
      const clause = node.exportClause
      if (clause && ts.isNamedExports(clause))
        for (const element of clause.elements) add((element.propertyName ?? element.name).text)
      else add('*')
    } else if (
      ts.isCallExpression(node) &&
      isModule(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      valueUse(node)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return names
}
