// isosdk/stores on a real redis-server (started here on a free loopback port, no persistence):
// the shared contract for a node-redis client and an ioredis-shaped one, the three fleet
// properties with 4 Node processes importing the built package, and a Redis outage mid-run.
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createClient as createRedis } from 'redis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../src/index.js'
import { createLimiter } from '../../src/core/limiter.js'
import { redisRateLimitStore, redisTokenStore, type IoRedisClientLike } from '../../src/stores/index.js'
import { rateLimitContract, tokenStoreContract } from './contract.js'
import { startFleetApi, type FleetApi } from './fleet/api.js'
import { startChild, type Child } from './fleet/processes.js'
import { checkReport, describeReport, runFleet } from './fleet/scenarios.js'
import { hasRedis, REDIS_SERVER, startRedis, type RedisServer } from './redis-server.js'

const ROOT = resolve(import.meta.dirname, '../..')
const built = existsSync(join(ROOT, 'dist/stores/index.js'))
if (!hasRedis) console.warn(`skipping the Redis store tests: no redis-server at ${REDIS_SERVER} (apt-get install redis-server)`)
else if (!built) console.warn('skipping the Redis fleet test: it runs the built package (run `npm run build` first)')

type NodeRedis = Awaited<ReturnType<typeof connect>>
let server: RedisServer
const clients: { destroy(): void }[] = []
let unique = 0
const prefix = () => `t${Date.now().toString(36)}-${unique++}`

async function connect(url: string) {
  const client = createRedis({ url })
  client.on('error', () => {})
  await client.connect()
  clients.push(client)
  return client
}

/** An ioredis-shaped client (`eval(script, numKeys, ...args)`) over a real connection: ioredis itself is not installed. */
const ioredisShaped = (client: NodeRedis): IoRedisClientLike => ({
  eval: (script, numKeys, ...args) => client.sendCommand(['EVAL', script, String(numKeys), ...args]),
})

describe.skipIf(!hasRedis)('Redis stores', () => {
  let a: NodeRedis
  let b: NodeRedis
  beforeAll(async () => {
    server = await startRedis()
    a = await connect(server.url)
    b = await connect(server.url)
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await server?.stop()
  })

  describe('rate-limit contract (node-redis + ioredis-shaped clients)', () => {
    rateLimitContract(async () => {
      const p = prefix()
      return { a: redisRateLimitStore(a, { prefix: p }), b: redisRateLimitStore(ioredisShaped(b), { prefix: p }) }
    })
  })

  describe('token-store contract (node-redis + ioredis-shaped clients)', () => {
    tokenStoreContract(async () => {
      const p = prefix()
      return { a: redisTokenStore(a, { prefix: p }), b: redisTokenStore(ioredisShaped(b), { prefix: p }) }
    })
  })

  it('bad input is a TypeError naming the field', () => {
    expect(() => redisRateLimitStore({} as never)).toThrow(/redisRateLimitStore: `redis` must be a node-redis or ioredis client/)
    expect(() => redisTokenStore(a, { prefx: 'x' } as never)).toThrow(/redisTokenStore: option `prefx` is not a known option/)
    expect(() => redisRateLimitStore(a, { prefix: 7 } as never)).toThrow(/option `prefix` must be a non-empty string/)
  })

  it('keys expire: the window with its interval, a token with its lifetime', async () => {
    const p = prefix()
    await redisRateLimitStore(a, { prefix: p }).reserve(5, 2_000)
    const ttl = Number(await a.sendCommand(['PTTL', `${p}window`]))
    expect(ttl).toBeGreaterThan(1_000)
    expect(ttl).toBeLessThanOrEqual(2_000)
    await redisTokenStore(a, { prefix: p }).set('k', { accessToken: 'x', expiresAt: Date.now() + 60_000 })
    expect(Number(await a.sendCommand(['PTTL', `${p}k`]))).toBeGreaterThan(55_000)
  })

  describe.skipIf(!built)('a fleet of 4 Node processes (built package)', () => {
    let api: FleetApi
    let children: Child[] = []
    beforeAll(async () => {
      api = await startFleetApi()
      children = await Promise.all(Array.from({ length: 4 }, () => startChild(process.execPath, [join(import.meta.dirname, 'fleet/node-child.mjs'), server.url], { cwd: ROOT })))
    }, 40_000)
    afterAll(async () => {
      await Promise.all(children.map((c) => c.stop()))
      await api?.close()
    })

    it('one 429 pauses every process for its second, cold processes make one token request, 600 calls at 100/s: no 429 and ~6 s', async () => {
      const report = await runFleet(children, api, prefix())
      console.log(describeReport('Redis', report))
      expect(checkReport(report)).toEqual([])
    }, 40_000)
  })

  it('redis-server stopped mid-run: every call is still granted, at the local limit, and the failure is reported once', async () => {
    const own = await startRedis()
    const client = await connect(own.url)
    const errors: Error[] = []
    const limiter = createLimiter({ rateLimit: { requests: 40, interval: 500, store: redisRateLimitStore(client, { prefix: prefix() }) }, onStoreError: (e) => errors.push(e), storeTimeout: 300 })
    const grants: number[] = []
    const started = Date.now()
    let stopped = 0
    await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const release = await limiter.acquire(AbortSignal.timeout(15_000))
        grants.push(Date.now())
        if (i === 60 && !stopped) {
          stopped = Date.now()
          await own.stop()
        }
        setTimeout(release, 5)
      }),
    )
    expect(grants).toHaveLength(200)
    expect(stopped).toBeGreaterThan(0)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.message).toMatch(/Rate-limit store failed, using this client's own limit/)
    // 200 starts at 40 per 500 ms, shared then local: at least 4 windows, and not stalled.
    expect(Date.now() - started).toBeGreaterThan(1_800)
    expect(Date.now() - started).toBeLessThan(8_000)
    // The local limit holds after the outage: never more than 40 starts in any 500 ms.
    const after = grants.filter((t) => t > stopped + 400).sort((x, y) => x - y)
    for (let i = 40; i < after.length; i++) expect(after[i]! - after[i - 40]!).toBeGreaterThanOrEqual(490)
  }, 20_000)

  it('a client whose Redis goes away finishes every call (nothing lost)', async () => {
    const own = await startRedis()
    const redis = await connect(own.url)
    const api = await startFleetApi()
    api.reset({ limit: Infinity })
    try {
      const client = createClient({ baseURL: api.url, rateLimit: { requests: 50, interval: 400, store: redisRateLimitStore(redis, { prefix: prefix() }) }, retry: false })
      const calls = Array.from({ length: 150 }, (_, i) => client.request({ path: `/items/${i}` }))
      setTimeout(() => void own.stop(), 500)
      const settled = await Promise.allSettled(calls)
      expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(150)
      expect(api.arrivals).toHaveLength(150)
      await client.close()
    } finally {
      await api.close()
    }
  }, 20_000)
})
