// isosdk/stores on Deno KV, in the `deno` binary (npm package), on one local KV file shared by
// processes: the shared contract through two `deno run` bridges (the stores run in Deno, one per
// process, and vitest calls them over loopback HTTP), and the three fleet properties with two
// `deno run` processes running the built package.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RateLimitStore } from '../../src/core/rate-limit-store.js'
import type { TokenStore } from '../../src/auth/token-store.js'
import { denoKvRateLimitStore, denoKvTokenStore } from '../../src/stores/index.js'
import { rateLimitContract, tokenStoreContract } from './contract.js'
import { startFleetApi, type FleetApi } from './fleet/api.js'
import { startChild, type Child } from './fleet/processes.js'
import { checkReport, describeReport, runFleet } from './fleet/scenarios.js'

const ROOT = resolve(import.meta.dirname, '../..')
const DENO = join(ROOT, 'node_modules/.bin/deno')
const built = existsSync(join(ROOT, 'dist/stores/index.js'))
const hasDeno = existsSync(DENO)
if (!hasDeno) console.warn('skipping the Deno KV store tests: no node_modules/.bin/deno (the `deno` dev dependency)')
else if (!built) console.warn('skipping the Deno KV store tests: the Deno processes run the built package (run `npm run build` first)')

const denoArgs = (script: string, kvFile: string, dir: string) => ['run', '--quiet', '--unstable-kv', '--allow-net=127.0.0.1', `--allow-read`, `--allow-write=${dir}`, '--allow-env', join(import.meta.dirname, script), kvFile]
const denoEnv = { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' }

interface Bridge {
  url: string
  process: ChildProcess
}

async function startBridge(kvFile: string, dir: string): Promise<Bridge> {
  const child = spawn(DENO, denoArgs('fleet/deno-bridge.mjs', kvFile, dir), { cwd: ROOT, env: denoEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const port = await new Promise<string>((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Deno bridge did not start within 30 s:\n${stderr}`)), 30_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^port (\d+)$/.exec(line)
      if (match) {
        clearTimeout(timer)
        resolvePort(match[1]!)
      }
    })
    child.once('exit', () => reject(new Error(`the Deno bridge exited:\n${stderr}`)))
  })
  return { url: `http://127.0.0.1:${port}`, process: child }
}

/** A store whose methods run in the bridge's Deno process. */
function remote(bridge: Bridge, kind: 'rate' | 'token', prefix: string) {
  const call = async (method: string, args: unknown[]): Promise<unknown> => {
    const response = await fetch(bridge.url, { method: 'POST', body: JSON.stringify({ kind, prefix, method, args }) })
    const body = (await response.json()) as { value?: unknown; lock?: string; error?: string }
    if (body.error) throw new Error(body.error)
    if (body.lock) return () => call('release', [body.lock]).then(() => undefined)
    return body.value ?? undefined
  }
  return call
}

let unique = 0
const prefix = () => `t${Date.now().toString(36)}-${unique++}`

describe.skipIf(!hasDeno || !built)('Deno KV stores (deno run, one KV file, two processes)', () => {
  let dir: string
  let bridges: Bridge[] = []
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'isosdk-kv-'))
    const kvFile = join(dir, 'contract.sqlite')
    // One after the other: the first creates the KV file.
    bridges = [await startBridge(kvFile, dir)]
    bridges.push(await startBridge(kvFile, dir))
  }, 60_000)
  afterAll(() => {
    for (const bridge of bridges) bridge.process.kill()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  describe('rate-limit contract (one handle per process)', () => {
    rateLimitContract(async () => {
      const p = prefix()
      const store = (bridge: Bridge): RateLimitStore => {
        const call = remote(bridge, 'rate', p)
        return { reserve: async (...args) => Number(await call('reserve', args)), pause: async (...args) => void (await call('pause', args)) }
      }
      return { a: store(bridges[0]!), b: store(bridges[1]!) }
    }, 20_000)
  })

  describe('token-store contract (one handle per process)', () => {
    tokenStoreContract(async () => {
      const p = prefix()
      const store = (bridge: Bridge): TokenStore => {
        const call = remote(bridge, 'token', p)
        return {
          get: async (...args) => (await call('get', args)) as never,
          set: async (...args) => void (await call('set', args)),
          delete: async (...args) => void (await call('delete', args)),
          acquire: async (...args) => (await call('acquire', args)) as never,
        }
      }
      return { a: store(bridges[0]!), b: store(bridges[1]!) }
    }, 20_000)
  })

  it('bad input is a TypeError naming the field', () => {
    expect(() => denoKvRateLimitStore({} as never)).toThrow(/denoKvRateLimitStore: `kv` must be a Deno KV database/)
    const kv = { get: async () => ({ value: null, versionstamp: null }), atomic: () => ({}) as never }
    expect(() => denoKvTokenStore(kv, { prefx: 'x' } as never)).toThrow(/denoKvTokenStore: option `prefx` is not a known option/)
  })

  describe('a fleet of 2 deno processes on one KV file (built package)', () => {
    let api: FleetApi
    let children: Child[] = []
    beforeAll(async () => {
      api = await startFleetApi()
      const kvFile = join(dir, 'fleet.sqlite')
      children = [await startChild(DENO, denoArgs('fleet/deno-child.mjs', kvFile, dir), { cwd: ROOT, env: denoEnv })]
      children.push(await startChild(DENO, denoArgs('fleet/deno-child.mjs', kvFile, dir), { cwd: ROOT, env: denoEnv }))
    }, 60_000)
    afterAll(async () => {
      await Promise.all(children.map((c) => c.stop()))
      await api?.close()
    })

    it('one 429 pauses both for its second, one token request, 600 calls at 100/s: no 429 and ~6 s', async () => {
      const report = await runFleet(children, api, prefix())
      console.log(describeReport('Deno KV', report))
      expect(checkReport(report)).toEqual([])
    }, 40_000)
  })
})
