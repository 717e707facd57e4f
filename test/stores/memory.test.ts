// The shared contract for the in-memory stores, and the limiter and token-lock behaviour every
// store relies on: a fleet pause holds the queue, a failing or hanging store falls back to the
// local limit (reported once) and is taken back once it answers, and a lock makes one token request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../src/index.js'
import { oauthClientCredentials } from '../../src/auth/index.js'
import { createLimiter } from '../../src/core/limiter.js'
import { memoryRateLimitStore, type RateLimitStore } from '../../src/core/rate-limit-store.js'
import { memoryTokenStore, withTokenLock, type StoredToken, type TokenStore } from '../../src/auth/token-store.js'
import { rateLimitContract, tokenStoreContract } from './contract.js'
import { startFleetApi, type FleetApi } from './fleet/api.js'

describe('memory rate-limit store: contract', () => {
  rateLimitContract(async () => {
    const store = memoryRateLimitStore()
    return { a: store, b: store }
  })
})

describe('memory token store: contract', () => {
  tokenStoreContract(async () => {
    const store = memoryTokenStore()
    return { a: store, b: store }
  })
})

describe('the limiter on a shared store', () => {
  it("a pause from one limiter holds the other's queue until it ends", async () => {
    const store = memoryRateLimitStore()
    const a = createLimiter({ rateLimit: { requests: 100, interval: 1_000, store } })
    const b = createLimiter({ rateLimit: { requests: 100, interval: 1_000, store } })
    const started = Date.now()
    a.pauseUntil(started + 600)
    const grants = await Promise.all(Array.from({ length: 5 }, () => b.acquire().then((release) => (release(), Date.now() - started))))
    for (const at of grants) expect(at).toBeGreaterThanOrEqual(590)
  })

  it('a failing store: calls go on at the local limit, the failure is reported once, the store is taken back once it answers', async () => {
    let failing = true
    let reserves = 0
    const inner = memoryRateLimitStore()
    const store: RateLimitStore = {
      reserve(requests, interval) {
        reserves++
        if (failing) throw new Error('connection refused')
        return inner.reserve(requests, interval)
      },
    }
    const errors: Error[] = []
    const limiter = createLimiter({ rateLimit: { requests: 10, interval: 200, store }, onStoreError: (e) => errors.push(e) })
    const started = Date.now()
    const grants = await Promise.all(Array.from({ length: 30 }, () => limiter.acquire().then((release) => (setTimeout(release, 1), Date.now() - started))))
    expect(grants).toHaveLength(30)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.message).toBe("Rate-limit store failed, using this client's own limit until it answers: connection refused")
    expect((errors[0]!.cause as Error).message).toBe('connection refused')
    // The local limit held: 30 calls at 10 per 200 ms (each slot free 200 ms after its release).
    expect(Math.max(...grants)).toBeGreaterThanOrEqual(400)
    failing = false
    // After the retry period, a background probe reaches the store and the limiter uses it again.
    await new Promise((resolve) => setTimeout(resolve, 2_100))
    const before = reserves
    await Promise.all(Array.from({ length: 3 }, () => limiter.acquire().then((release) => release())))
    await Promise.all(Array.from({ length: 3 }, () => limiter.acquire().then((release) => release())))
    expect(reserves - before).toBeGreaterThanOrEqual(4)
    expect(errors).toHaveLength(1)
  }, 10_000)

  it('a store that never answers: after storeTimeout every call is granted locally, none lost', async () => {
    const store: RateLimitStore = { reserve: () => new Promise<number>(() => {}) }
    const errors: Error[] = []
    const limiter = createLimiter({ rateLimit: { requests: 50, interval: 1_000, store }, onStoreError: (e) => errors.push(e), storeTimeout: 300 })
    const started = Date.now()
    const grants = await Promise.all(Array.from({ length: 20 }, () => limiter.acquire().then((release) => (release(), Date.now() - started))))
    expect(grants).toHaveLength(20)
    expect(Math.min(...grants)).toBeGreaterThanOrEqual(290)
    expect(Math.max(...grants)).toBeLessThan(2_000)
    expect(errors.map((e) => e.message)).toEqual(["Rate-limit store failed, using this client's own limit until it answers: the rate-limit store did not answer within 300 ms"])
  })

  it('a client forwards a 429 with Retry-After to the store: another client on it waits out the pause', async () => {
    const api = await startFleetApi()
    try {
      api.reset({ limit: Infinity, inject429At: 0 })
      const rateLimit = { requests: 100, interval: 1_000, store: memoryRateLimitStore() }
      // No retry, but a Retry-After within maxDelay still pauses (retry: false would set maxDelay 0).
      const a = createClient({ baseURL: api.url, rateLimit, retry: { limit: 0 } })
      const b = createClient({ baseURL: api.url, rateLimit, retry: false })
      await expect(a.request({ path: '/items/0' })).rejects.toMatchObject({ status: 429 })
      await expect(b.request({ path: '/items/1' })).resolves.toEqual({ ok: true })
      expect(api.arrivals[1]!.at - api.injectedAt!).toBeGreaterThanOrEqual(950)
    } finally {
      await api.close()
    }
  }, 10_000)
})

describe('one token request for N cold clients (withTokenLock)', () => {
  let api: FleetApi
  beforeAll(async () => {
    api = await startFleetApi()
  })
  afterAll(() => api.close())

  const coldStart = async (store: TokenStore) => {
    api.reset({ limit: Infinity })
    // Five strategies stand for five processes: each has its own single-flight, all share the store.
    const clients = Array.from({ length: 5 }, () => createClient({ baseURL: api.url, auth: oauthClientCredentials({ tokenUrl: '/oauth/token', clientId: 'c', clientSecret: 's', store }) }))
    await Promise.all(clients.flatMap((client) => Array.from({ length: 4 }, (_, i) => client.request({ path: `/items/${i}` }))))
    return api.tokenRequests
  }

  it('with a lock: one token request', async () => {
    expect(await coldStart(memoryTokenStore())).toBe(1)
  })

  it('without a lock (a store with no acquire): one per client, as before', async () => {
    const { acquire: _, ...unlocked } = memoryTokenStore()
    expect(await coldStart(unlocked)).toBe(5)
  })

  it('a holder whose request fails lets the next caller request', async () => {
    const store = memoryTokenStore()
    const usable = (t: StoredToken) => t.expiresAt > Date.now()
    const token: StoredToken = { accessToken: 'second', expiresAt: Date.now() + 60_000 }
    let requests = 0
    const failing = withTokenLock(store, 'k', usable, async () => {
      requests++
      await new Promise((resolve) => setTimeout(resolve, 50))
      throw new Error('token endpoint down')
    })
    const waiting = withTokenLock(store, 'k', usable, async () => {
      requests++
      return token
    })
    await expect(failing).rejects.toThrow('token endpoint down')
    await expect(waiting).resolves.toEqual(token)
    expect(requests).toBe(2)
    expect(await store.get('k')).toEqual(token)
  })

  it('a store whose lock fails: the caller requests its own token', async () => {
    const store: TokenStore = { ...memoryTokenStore(), acquire: () => Promise.reject(new Error('redis down')) }
    const token: StoredToken = { accessToken: 'own', expiresAt: Date.now() + 60_000 }
    await expect(withTokenLock(store, 'k', () => true, async () => token)).resolves.toEqual(token)
  })
})
