// The package as a user installs it: the built `dist/` with the repository's package.json, so
// snippets resolve `isosdk/*` through its `exports` (types and code), not through tsconfig paths.
// The repository's dist is used when it is newer than every source file (CI builds it first);
// otherwise `tsup` builds into test/docs/.dist/<hash of the sources>, reused while they are unchanged.
import { createHash } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const INPUTS = ['src', 'package.json', 'tsup.config.ts']

function* filesUnder(path: string): Generator<string> {
  if (!statSync(path).isDirectory()) {
    yield path
    return
  }
  for (const entry of readdirSync(path).sort()) yield* filesUnder(join(path, entry))
}

function inputFiles(root: string): string[] {
  return INPUTS.map((p) => join(root, p)).filter(existsSync).flatMap((p) => [...filesUnder(p)])
}

/** Every `exports` target of package.json exists under `dir`. */
function complete(root: string, dir: string): boolean {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }
  const targets = JSON.stringify(pkg.exports).match(/"\.\/dist\/[^"]+\.d\.ts"|"\.\/dist\/[^"]+\.js"/g) ?? []
  return targets.every((t) => existsSync(join(dir, JSON.parse(t) as string)))
}

function repositoryDistIsFresh(root: string): boolean {
  const marker = join(root, 'dist', 'index.d.ts')
  if (!existsSync(marker) || !complete(root, root)) return false
  const builtAt = Math.min(...[...filesUnder(join(root, 'dist'))].map((f) => statSync(f).mtimeMs))
  return inputFiles(root).every((f) => statSync(f).mtimeMs <= builtAt)
}

/**
 * The directory of a package named `isosdk` (package.json + dist) built from the current sources.
 * Builds at most once per source state; `log` hears why a build is needed.
 */
export function builtPackage(root: string, log: (line: string) => void = () => {}): string {
  if (repositoryDistIsFresh(root)) return root
  const hash = createHash('sha256')
  for (const file of inputFiles(root)) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0')
  const key = hash.digest('hex').slice(0, 16)
  const cache = join(root, 'test', 'docs', '.dist')
  const dir = join(cache, key)
  if (existsSync(join(dir, 'package.json')) && complete(root, dir)) return dir

  log(`building the package for the doc snippets (dist/ is missing or older than src/) into ${relative(root, dir)}`)
  const tmp = join(cache, `${key}.tmp-${process.pid}`)
  rmSync(tmp, { recursive: true, force: true })
  mkdirSync(tmp, { recursive: true })
  execFileSync(join(root, 'node_modules', '.bin', 'tsup'), ['--format', 'esm', '--out-dir', join(tmp, 'dist'), '--silent'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 540_000, // minutes on a busy machine: the declarations are most of it
  })
  copyFileSync(join(root, 'package.json'), join(tmp, 'package.json'))
  // Older builds are of sources that no longer exist.
  for (const entry of readdirSync(cache)) if (entry !== `${key}.tmp-${process.pid}` && !entry.includes('.tmp-')) rmSync(join(cache, entry), { recursive: true, force: true })
  rmSync(dir, { recursive: true, force: true })
  renameSync(tmp, dir)
  return dir
}
