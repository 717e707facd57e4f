// Builds the package's entries the way tsup ships them (ESM, split chunks, dependencies external)
// into .bench/dist, so the benchmarks measure the shipped code, not tsx's on-the-fly transform.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

export const ROOT = process.cwd()
export const DIST = join(ROOT, '.bench', 'dist')

/** Entry name (`index`, `auth/index`, `wikijs/index`, ...) → source file, for every `exports` key whose source exists. */
export function packageEntries(): { entries: Record<string, string>; missing: string[] } {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }
  const entries: Record<string, string> = {}
  const missing: string[] = []
  for (const key of Object.keys(pkg.exports)) {
    if (key === './package.json') continue
    const name = key === '.' ? 'index' : `${key.slice(2)}/index`
    const source = join(ROOT, 'src', `${name}.ts`)
    if (existsSync(source)) entries[name] = source
    else missing.push(key === '.' ? 'isosdk' : `isosdk/${key.slice(2)}`)
  }
  return { entries, missing }
}

/** The specifier users write for an entry name (`auth/index` → `isosdk/auth`). */
export function specifierOf(entry: string): string {
  return entry === 'index' ? 'isosdk' : `isosdk/${entry.replace(/\/index$/, '')}`
}

/**
 * Builds every entry that exists (one that does not compile is skipped and reported).
 * Returns the built files by entry name.
 */
export async function buildPackage(): Promise<{ files: Record<string, string>; missing: string[]; broken: { entry: string; error: string }[] }> {
  const { entries, missing } = packageEntries()
  rmSync(DIST, { recursive: true, force: true })
  const broken: { entry: string; error: string }[] = []
  let good = { ...entries }
  // A service module being written may not compile yet; drop it and build the rest.
  for (let tries = 0; tries <= Object.keys(entries).length; tries++) {
    try {
      await build({
        entryPoints: good,
        outdir: DIST,
        bundle: true,
        splitting: true,
        format: 'esm',
        platform: 'neutral',
        target: 'es2022',
        packages: 'external',
        logLevel: 'silent',
        outExtension: { '.js': '.js' },
      })
      break
    } catch (error) {
      const errors = (error as { errors?: { location?: { file?: string }; text: string }[] }).errors ?? []
      const culprit = Object.keys(good).find((name) => errors.some((e) => e.location?.file?.includes(`src/${name.replace(/\/index$/, '')}/`)))
      if (!culprit) throw error
      broken.push({ entry: specifierOf(culprit), error: errors[0]?.text ?? String(error) })
      const { [culprit]: _dropped, ...rest } = good
      good = rest
    }
  }
  const files: Record<string, string> = {}
  for (const name of Object.keys(good)) files[name] = join(DIST, `${name}.js`)
  return { files, missing, broken }
}
