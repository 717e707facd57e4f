/**
 * Issue 18 item 11: `isosdk/node` without the optional peer `undici` installed. The built entry
 * (tsup, ESM and CJS) is run by a child Node in a temporary folder that has no `node_modules`
 * anywhere above it: importing it works, and `undiciTransport()` says what to install instead of
 * a bare `ERR_MODULE_NOT_FOUND`. With undici reachable, the same files make a working transport.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { build } from 'tsup'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UNDICI_MISSING, requireUndici } from '../../src/node/undici.js'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')
let dir: string

/** The first folder above `dir` that holds a node_modules (Node would resolve from there). */
function nodeModulesAbove(start: string): string | undefined {
  for (let d = start; d !== dirname(d); d = dirname(d)) if (existsSync(join(d, 'node_modules'))) return d
  return undefined
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'isosdk-no-undici-'))
  await build({
    config: false,
    entry: { index: join(root, 'src/node/index.ts') },
    format: ['esm', 'cjs'],
    outDir: join(dir, 'dist'),
    target: 'es2022',
    platform: 'neutral',
    dts: false,
    silent: true,
    external: ['undici'],
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.mjs' }),
  })
  writeFileSync(join(dir, 'esm.mjs'), `import { undiciTransport } from './dist/index.mjs'\ntry { const t = undiciTransport(); await t.close(); console.log('ok') } catch (e) { console.log(e.message) }\n`)
  writeFileSync(join(dir, 'cjs.cjs'), `const { undiciTransport } = require('./dist/index.cjs')\ntry { undiciTransport().close().then(() => console.log('ok')) } catch (e) { console.log(e.message) }\n`)
}, 120_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('isosdk/node without undici', () => {
  it('the temporary folder really cannot see undici', () => {
    expect(nodeModulesAbove(dir)).toBeUndefined()
  })

  for (const script of ['esm.mjs', 'cjs.cjs']) {
    it(`${script}: the import works and undiciTransport() names the missing peer`, async () => {
      const { stdout } = await run(process.execPath, [script], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, timeout: 20_000 })
      expect(stdout.trim()).toBe(UNDICI_MISSING)
    })
  }

  it('with undici reachable, the same built files make a transport', async () => {
    const withUndici = mkdtempSync(join(tmpdir(), 'isosdk-with-undici-'))
    try {
      symlinkSync(join(dir, 'dist'), join(withUndici, 'dist'))
      symlinkSync(join(root, 'node_modules'), join(withUndici, 'node_modules'))
      for (const script of ['esm.mjs', 'cjs.cjs']) {
        symlinkSync(join(dir, script), join(withUndici, script))
        const { stdout } = await run(process.execPath, ['--preserve-symlinks', '--preserve-symlinks-main', script], { cwd: withUndici, timeout: 20_000 })
        expect(stdout.trim(), script).toBe('ok')
      }
    } finally {
      rmSync(withUndici, { recursive: true, force: true })
    }
  })

  it('only a missing undici is reworded; any other load failure passes through', () => {
    const missing = Object.assign(new Error("Cannot find module 'undici'"), { code: 'MODULE_NOT_FOUND' })
    let thrown: unknown
    try {
      requireUndici(() => {
        throw missing
      })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(Error)
    expect((thrown as Error).message).toBe(UNDICI_MISSING)
    expect((thrown as Error).cause).toBe(missing)
    const broken = Object.assign(new Error("Cannot find module 'some-dependency-of-undici'"), { code: 'MODULE_NOT_FOUND' })
    expect(() =>
      requireUndici(() => {
        throw broken
      }),
    ).toThrow(broken)
  })
})
