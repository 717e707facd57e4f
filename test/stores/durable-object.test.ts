// isosdk/stores on Cloudflare Durable Objects, in workerd through miniflare: the shared contract
// against a RateLimitObject (called from Node through miniflare's namespace proxy), and the three
// fleet properties with two Workers — two isolates — bound to one Durable Object namespace, each
// running the built package (bundled with esbuild).
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { durableObjectRateLimitStore, durableObjectTokenStore, type DurableObjectNamespaceLike } from '../../src/stores/index.js'
import { rateLimitContract, tokenStoreContract } from './contract.js'
import { startFleetApi, type FleetApi } from './fleet/api.js'
import { checkReport, describeReport, runFleet, type Member, type PlanResult } from './fleet/scenarios.js'

const ROOT = resolve(import.meta.dirname, '../..')
const built = existsSync(join(ROOT, 'dist/stores/index.js'))
if (!built) console.warn('skipping the Durable Object store tests: the Worker runs the built package (run `npm run build` first)')

/**
 * Miniflare's proxy of the LIMITER namespace. Its declared type needs @cloudflare/workers-types
 * (not installed), so it is typed here as the slice the stores use.
 */
const limiterNamespace = async () => (await mf.getDurableObjectNamespace('LIMITER', 'worker-a')) as unknown as DurableObjectNamespaceLike

let unique = 0
const name = () => `t${Date.now().toString(36)}-${unique++}`

let mf: Miniflare

describe.skipIf(!built)('Durable Object stores (miniflare)', () => {
  let out: string
  let api: FleetApi
  beforeAll(async () => {
    // Inside the repository: workerd refuses module paths that climb out of its working directory.
    out = mkdtempSync(join(import.meta.dirname, '.worker-'))
    await build({
      entryPoints: [join(import.meta.dirname, 'fleet/worker.mjs')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['workerd', 'worker', 'browser'],
      target: 'es2022',
      outfile: join(out, 'worker.js'),
      logLevel: 'warning',
    })
    const worker = (workerName: string, limiter: string | { className: string; scriptName: string }) => ({
      name: workerName,
      modules: true,
      scriptPath: join(out, 'worker.js'),
      compatibilityDate: '2026-04-01',
      durableObjects: { LIMITER: limiter },
    })
    mf = new Miniflare({
      host: '127.0.0.1',
      port: 0,
      workers: [worker('worker-a', 'RateLimitObject'), worker('worker-b', { className: 'RateLimitObject', scriptName: 'worker-a' })],
    })
    await mf.ready
    api = await startFleetApi()
  }, 60_000)
  afterAll(async () => {
    await mf?.dispose()
    await api?.close()
    if (out) rmSync(out, { recursive: true, force: true })
  })

  describe('rate-limit contract', () => {
    rateLimitContract(async () => {
      const namespace = await limiterNamespace()
      const n = name()
      return { a: durableObjectRateLimitStore(namespace, { name: n }), b: durableObjectRateLimitStore(namespace, { name: n }) }
    })
  })

  describe('token-store contract', () => {
    tokenStoreContract(async () => {
      const namespace = await limiterNamespace()
      const n = name()
      return { a: durableObjectTokenStore(namespace, { name: n }), b: durableObjectTokenStore(namespace, { name: n }) }
    })
  })

  it('bad input: a TypeError naming the field, and the object answers 400 naming the field', async () => {
    expect(() => durableObjectRateLimitStore({} as never)).toThrow(/durableObjectRateLimitStore: `namespace` must be a Durable Object namespace binding/)
    expect(() => durableObjectTokenStore({ idFromName: () => 1, get: () => ({}) } as never, { nam: 'x' } as never)).toThrow(/option `nam` is not a known option/)
    const namespace = await limiterNamespace()
    const stub = namespace.get(namespace.idFromName(name()))
    const response = await stub.fetch('https://rate-limit-object/reserve', { method: 'POST', headers: {}, body: JSON.stringify({ requests: 'ten', interval: 1000 }) })
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('field `requests` must be a finite number')
    await expect(durableObjectRateLimitStore(namespace, { name: name() }).reserve(Number.NaN, 1000)).rejects.toThrow(/answered 400 to \/reserve/)
  })

  it('two Workers on one namespace: one 429 pauses both for its second, one token request, 600 calls at 100/s: no 429 and ~6 s', async () => {
    const member = (workerName: string): Member => ({
      async run(plan) {
        const worker = (await mf.getWorker(workerName)) as unknown as { fetch(url: string, init: { method: string; body: string }): Promise<Response> }
        const response = await worker.fetch('http://fleet/run', { method: 'POST', body: JSON.stringify(plan) })
        if (!response.ok) throw new Error(`${workerName} answered ${response.status}: ${await response.text()}`)
        return (await response.json()) as PlanResult
      },
    })
    const report = await runFleet([member('worker-a'), member('worker-b')], api, name(), { concurrency: 6 })
    console.log(describeReport('Durable Objects', report))
    expect(checkReport(report)).toEqual([])
  }, 40_000)
})
