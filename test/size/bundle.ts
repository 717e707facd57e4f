// Bundle sizes as a user's bundler sees them: esbuild from `src/` (dependencies included),
// tree-shaken, minified, gzip -9. Shared by the size budget test and `npm run bench`.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

export interface BundleSize {
  /** Minified bytes. */
  bytes: number
  /** Minified, then gzip level 9. */
  gzip: number
  /** Bytes each input file contributes to the output, by path relative to the repo (`src/core/paginate.ts`). */
  inputs: Record<string, number>
}

/**
 * Bundles `code` (an ES module; import sources as `./src/...` and packages by name, resolved
 * from `resolveDir`) for the browser and measures it.
 *
 * @example
 * const { gzip } = await bundleSize(`import { ofetch } from 'ofetch'; ofetch('/x').then(console.log)`)
 */
export async function bundleSize(code: string, resolveDir = ROOT): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: code, resolveDir, loader: 'ts', sourcefile: 'size-fixture.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent',
    // Keep the repo's tsconfig `paths` out of it: fixtures name the files they mean.
    tsconfigRaw: {},
  })
  const output = result.outputFiles[0]!
  const meta = Object.values(result.metafile.outputs)[0]!
  const inputs: Record<string, number> = {}
  for (const [path, info] of Object.entries(meta.inputs)) {
    if (info.bytesInOutput > 0) inputs[relative(ROOT, resolve(ROOT, path))] = info.bytesInOutput
  }
  return { bytes: output.contents.byteLength, gzip: gzipSync(output.contents, { level: 9 }).byteLength, inputs }
}

/** Whether a source file exists (a service module may not be written yet). */
export function hasSource(path: string): boolean {
  return existsSync(join(ROOT, path))
}

/** Bytes a set of files (path prefixes) contributes to a bundle. */
export function bytesFrom(size: BundleSize, prefix: string): number {
  let total = 0
  for (const [path, bytes] of Object.entries(size.inputs)) if (path.startsWith(prefix)) total += bytes
  return total
}

export type WorkivaKind = 'call' | 'list' | 'lro' | 'other'

/** Every `export function name(` of the generated Workiva files, by file, with the machinery it uses. */
export function generatedWorkivaFunctions(): { file: string; name: string; kind: WorkivaKind }[] {
  const index = readFileSync(join(ROOT, 'src/workiva/generated/index.ts'), 'utf8')
  const files = [...index.matchAll(/from '\.\/([\w-]+)\.js'/g)].map((m) => `src/workiva/generated/${m[1]}.ts`)
  return files.flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8')
    const starts = [...text.matchAll(/^export (?:async )?function (\w+)\(/gm)]
    return starts.map((m, i) => {
      const body = text.slice(m.index, starts[i + 1]?.index ?? text.length)
      const kind: WorkivaKind = body.includes('listOperation') ? 'list' : body.includes('startOperation') ? 'lro' : body.includes('callOperation') ? 'call' : 'other'
      return { file, name: m[1]!, kind }
    })
  })
}
