/**
 * `npx isosdk fake all` from the packed tarball: `npm pack` the built package, install the tarball
 * into a scratch project (offline: its dependency and peers linked from this checkout's
 * node_modules), and run the bin through `npx` as a user would, then stop it with SIGTERM.
 * Skipped, with a message, when the package is not built or cannot be packed here.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, expect, it } from 'vitest'
import { servedURLs, startCli } from './cli-helpers.js'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)
const scratch = mkdtempSync(join(tmpdir(), 'isosdk-pack-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** Packs the package into `scratch`; the reason it cannot, or the tarball's path. */
async function pack(): Promise<{ tarball?: string; reason?: string }> {
  if (!existsSync(join(ROOT, 'dist/cli/index.js'))) return { reason: 'dist/cli/index.js does not exist (run npm run build first)' }
  try {
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], { cwd: ROOT, timeout: 30_000 })
    const [info] = JSON.parse(stdout) as { filename: string }[]
    return { tarball: join(scratch, info!.filename) }
  } catch (error) {
    return { reason: `npm pack failed: ${error instanceof Error ? error.message : String(error)}` }
  }
}

const packed = await pack()
if (packed.reason) console.warn(`test/testing/cli-pack.test.ts: skipped, ${packed.reason}`)

it.skipIf(packed.reason !== undefined)(
  'npx isosdk fake all --port 0 works from the installed tarball',
  async () => {
    const project = join(scratch, 'project')
    const linked = (name: string) => `file:${realpathSync(dirname(join(ROOT, 'node_modules', name, 'package.json')))}`
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] }
    expect(pkg.bin).toEqual({ isosdk: './dist/cli/index.js' })
    rmSync(project, { recursive: true, force: true })
    await run('mkdir', ['-p', project])
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'uses-isosdk', version: '1.0.0', private: true, type: 'module', dependencies: { valibot: linked('valibot'), msw: linked('msw'), graphql: linked('graphql') } }),
    )
    await run('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', packed.tarball!], { cwd: project, timeout: 45_000 })
    expect(existsSync(join(project, 'node_modules/.bin/isosdk'))).toBe(true)

    // Its own process group, so SIGTERM reaches npx and the bin it runs.
    const cli = startCli('npx', ['--offline', '--no-install', 'isosdk', 'fake', 'all', '--port', '0'], { cwd: project, detached: true })
    try {
      await cli.waitFor(/^wikijs +http:/, 30_000)
      const urls = servedURLs(cli.lines)
      expect(Object.keys(urls).sort()).toEqual(['bloomy', 'folio', 'salesforce', 'wikijs', 'workiva'])
      const me = await fetch(`${urls.bloomy}/api/v1/users/mine`, { headers: { Authorization: 'Bearer bloomy-fake-api-key-0001' } })
      expect(await me.json()).toMatchObject({ Id: 1 })
      const wiki = await fetch(`${urls.wikijs}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wikijs-fake-api-key' },
        body: JSON.stringify({ query: '{ pages { list(limit: 1) { id } } }' }),
      })
      expect(wiki.status).toBe(200)
      await cli.waitFor(/ wikijs +POST \/graphql -> 200/)
    } finally {
      process.kill(-cli.child.pid!, 'SIGTERM')
      await cli.exited(15_000)
    }
    expect(cli.lines).toContain('isosdk fake: stopped')
  },
  90_000,
)
