// Lists the exported functions of a module with the TypeScript compiler API, and which of them
// lack a TSDoc comment with an `@example` (used by exports-documented.test.ts).
import ts from 'typescript'

export type CallableKind = 'function' | 'const function' | 'class'

export interface ExportedCallable {
  /** The name the module exports it under. */
  name: string
  kind: CallableKind
  /** Whether a doc comment on one of its declarations has an `@example` block. */
  hasExample: boolean
  /** `path:line` of the first declaration, relative to `root` when given. */
  location: string
}

/** Compiler options from a tsconfig file (paths included), so `isosdk/*` imports resolve like the build's. */
export function readCompilerOptions(tsconfigPath: string): ts.CompilerOptions {
  const config = ts.readConfigFile(tsconfigPath, (path) => ts.sys.readFile(path))
  if (config.error) throw new Error(ts.flattenDiagnosticMessageText(config.error.messageText, '\n'))
  const dir = tsconfigPath.replace(/[/\\][^/\\]*$/, '')
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dir)
  return { ...parsed.options, noEmit: true }
}

function kindOf(symbol: ts.Symbol, checker: ts.TypeChecker): CallableKind | undefined {
  if (symbol.flags & ts.SymbolFlags.Function) return 'function'
  if (symbol.flags & ts.SymbolFlags.Class) return 'class'
  if (symbol.flags & ts.SymbolFlags.Variable) {
    const declaration = symbol.valueDeclaration
    if (!declaration) return undefined
    const type = checker.getTypeOfSymbolAtLocation(symbol, declaration)
    return type.getCallSignatures().length > 0 ? 'const function' : undefined
  }
  return undefined
}

function hasExampleTag(declaration: ts.Declaration): boolean {
  return ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example')
}

/** Every function, function-valued const and class that `file` exports (directly or re-exported). */
export function exportedCallables(program: ts.Program, file: string, root?: string): ExportedCallable[] {
  const checker = program.getTypeChecker()
  const source = program.getSourceFile(file)
  if (!source) throw new Error(`${file} is not part of the program`)
  const moduleSymbol = checker.getSymbolAtLocation(source)
  if (!moduleSymbol) return []
  const out: ExportedCallable[] = []
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
    const kind = kindOf(symbol, checker)
    if (!kind) continue
    const declarations = symbol.declarations ?? []
    const first = declarations[0]
    let location = '?'
    if (first) {
      const sf = first.getSourceFile()
      const { line } = sf.getLineAndCharacterOfPosition(first.getStart())
      const path = root && sf.fileName.startsWith(root) ? sf.fileName.slice(root.length).replace(/^[/\\]/, '') : sf.fileName
      location = `${path}:${line + 1}`
    }
    out.push({ name: exported.name, kind, hasExample: declarations.some(hasExampleTag), location })
  }
  return out.sort((a, b) => a.name.localeCompare(b.name))
}
