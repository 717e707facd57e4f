/**
 * Deliverable 7 of issue 3: every default entry of the package bundles for the browser and for
 * neutral runtimes (Workers, Deno) with no Node built-in, and runs no code at import.
 *
 * - Built-ins: each entry is bundled with esbuild (`platform: 'browser'` and `'neutral'`); any
 *   import of `node:*` or of a Node built-in by name (`fs`, `events`…) anywhere in the graph,
 *   dependencies included, fails.
 * - Side effects: `import 'entry'` is bundled with tree shaking and minified; the output must be
 *   empty. The package says `"sideEffects": false`, which would let esbuild drop everything
 *   unseen, so our own files are marked as having side effects here: only code that really is
 *   free to drop (`@__PURE__` calls, declarations) may vanish. Dependencies keep their own
 *   `sideEffects` declarations, as in a user's bundle.
 *
 * Entries: the `exports` of package.json whose source exists, minus `./testing` (msw, Node's
 * `serve()`) and `./node` (Node-only by design).
 */
import { existsSync, readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const src = join(root, 'src')
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
const NOT_DEFAULT = new Set(['./testing', './node', './package.json'])
const platforms = ['browser', 'neutral'] as const
type Platform = (typeof platforms)[number]

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }
const entries = Object.keys(pkg.exports)
  .filter((key) => !NOT_DEFAULT.has(key))
  .map((key) => ({ key, file: join(src, key === '.' ? 'index.ts' : `${key.slice(2)}/index.ts`) }))
  .filter((entry) => existsSync(entry.file))

const builtins = new Set(builtinModules.flatMap((name) => [name, name.split('/')[0] as string]))
const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtins.has(specifier) || builtins.has(specifier.split('/')[0] as string)

interface Found {
  builtins: string[]
  /** Every file the bundle resolved. */
  files: string[]
}

/** Records Node built-in imports, and marks files under `ownDir` as having side effects. */
function inspect(found: Found, ownDir: string): Plugin {
  return {
    name: 'inspect',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if ((args.pluginData as { inner?: boolean } | undefined)?.inner) return undefined
        if (isBuiltin(args.path)) {
          found.builtins.push(`${args.path} (imported by ${relative(root, args.importer) || 'the entry'})`)
          return { path: args.path, external: true }
        }
        const result = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } })
        if (result.errors.length > 0) return { errors: result.errors }
        found.files.push(result.path)
        const own = result.path.startsWith(ownDir + '/')
        return { path: result.path, external: result.external, namespace: result.namespace, sideEffects: own ? true : result.sideEffects }
      })
    },
  }
}

async function bundle(file: string, platform: Platform, mode: 'graph' | 'import-only', ownDir = src, minify = true) {
  const found: Found = { builtins: [], files: [] }
  const contents = mode === 'graph' ? `export * from ${JSON.stringify(file)}` : `import ${JSON.stringify(file)}`
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'check-entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    // Neutral has no default main fields; packages without `exports` still need one.
    mainFields: platform === 'neutral' ? ['module', 'main'] : undefined,
    target: 'es2022',
    treeShaking: true,
    minify,
    legalComments: 'none',
    logLevel: 'silent',
    // The repo's tsconfig maps `isosdk` to src/; no entry imports itself, so keep resolution plain.
    tsconfigRaw: {},
    plugins: [inspect(found, ownDir)],
  })
  return { found, code: result.outputFiles[0]?.text ?? '' }
}

/** `file: the code left` (whitespace collapsed, cut at 240 characters) for each module section of an unminified bundle. */
function leftovers(code: string): string[] {
  const out: string[] = []
  for (const section of code.split(/^\/\/ (?=\S+\.[cm]?[jt]s$)/m)) {
    const [file, ...lines] = section.split('\n')
    const left = lines.join(' ').replace(/\s+/g, ' ').trim()
    if (file && left) out.push(`${file}: ${left.length > 240 ? `${left.slice(0, 237)}...` : left}`)
  }
  return out.length > 0 ? out : [code.slice(0, 240)]
}

describe('the bundle check itself can fail', () => {
  it.each(platforms)('finds a Node built-in import (%s)', async (platform) => {
    const { found } = await bundle(join(fixtures, 'node-builtin.ts'), platform, 'graph', fixtures)
    expect(found.builtins.map((b) => b.split(' ')[0]).sort()).toEqual(['events', 'node:fs'])
  })
  it.each(platforms)('finds code that runs at import despite "sideEffects": false (%s)', async (platform) => {
    const { code } = await bundle(join(fixtures, 'top-level-effect.ts'), platform, 'import-only', fixtures)
    expect(code).toContain('"loaded"')
  })
  it.each(platforms)('drops pure module-level values (%s)', async (platform) => {
    const { code } = await bundle(join(fixtures, 'pure.ts'), platform, 'import-only', fixtures)
    expect(code.trim()).toBe('')
  })
})

describe.each(entries)('entry $key', ({ file }) => {
  it.each(platforms)('has no Node built-in import (platform %s)', async (platform) => {
    const { found, code } = await bundle(file, platform, 'graph')
    expect(found.builtins).toEqual([])
    expect(code).not.toMatch(/\bfrom\s*"node:|require\("node:/)
  })

  it.each(platforms)('runs no code at import (platform %s)', async (platform) => {
    const { code } = await bundle(file, platform, 'import-only')
    // On failure, name the files whose code is left (esbuild heads each module with `// path` when not minifying).
    const left = code.trim() === '' ? [] : leftovers((await bundle(file, platform, 'import-only', src, false)).code)
    expect(left, `code left by \`import '${relative(root, file)}'\``).toEqual([])
  })
})

// Issue 20: OpenTelemetry is an optional peer that only `isosdk/otel` reaches; the core's
// `telemetry` option is an interface, so no other entry may pull in @opentelemetry/api.
describe('@opentelemetry/api', () => {
  const otel = entries.find((entry) => entry.key === './otel')
  it.each(entries.filter((entry) => entry !== otel))('is not in the graph of $key', async ({ file }) => {
    const { found } = await bundle(file, 'neutral', 'graph')
    expect(found.files.filter((path) => path.includes('@opentelemetry'))).toEqual([])
  })
  it('is in the graph of ./otel (the check above can fail)', async () => {
    const { found } = await bundle(otel!.file, 'neutral', 'graph')
    expect(found.files.some((path) => path.includes('/node_modules/@opentelemetry/api/'))).toBe(true)
  })
})

it('checks the core, auth and every service entry that exists', () => {
  const keys = entries.map((entry) => entry.key)
  expect(keys).toEqual(expect.arrayContaining(['.', './auth', './otel']))
  expect(keys).not.toContain('./testing')
})
