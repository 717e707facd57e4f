// The contract every shared store passes, the same cases for memory, Redis, Durable Objects and
// Deno KV. `make()` gives two handles on one backend (two clients, two processes where the engine
// allows it) under a fresh prefix, so cases never see each other's keys.
import { expect, it } from 'vitest'
import type { RateLimitStore } from '../../src/core/rate-limit-store.js'
import type { ReleaseLock, StoredToken, TokenStore } from '../../src/auth/token-store.js'

export interface Pair<T> {
  a: T
  b: T
}

const settle = async <T>(value: Promise<T> | T) => value

export function rateLimitContract(make: () => Promise<Pair<RateLimitStore>>, timeout = 10_000): void {
  it('books up to `requests` starts at once, then answers the wait until the oldest leaves the window', async () => {
    const { a, b } = await make()
    const first = Date.now()
    const waits = []
    for (let i = 0; i < 3; i++) waits.push(await a.reserve(5, 2_000))
    for (let i = 0; i < 2; i++) waits.push(await b.reserve(5, 2_000))
    expect(waits).toEqual([0, 0, 0, 0, 0])
    const asked = Date.now()
    const wait = await b.reserve(5, 2_000)
    // Until the first start (booked at or after `first`) is 2 s old; the store's clock may be off a
    // little (workerd's advances only between I/O events).
    expect(wait).toBeGreaterThan(2_000 - (asked - first) - 150)
    expect(wait).toBeLessThanOrEqual(2_000)
    // A wait books nothing: after it, a start is free again.
    await new Promise((resolve) => setTimeout(resolve, wait + 150))
    expect(await a.reserve(5, 2_000)).toBe(0)
  }, timeout)

  it('is atomic: 40 concurrent reservations from two handles book exactly `requests`', async () => {
    const { a, b } = await make()
    const waits = await Promise.all(Array.from({ length: 40 }, (_, i) => settle((i % 2 ? a : b).reserve(8, 5_000))))
    expect(waits.filter((w) => w === 0)).toHaveLength(8)
    expect(waits.filter((w) => w > 0 && w <= 5_000)).toHaveLength(32)
  }, timeout)

  it('caps a burst at a tenth of the quota per tenth of the window', async () => {
    const { a, b } = await make()
    const waits = await Promise.all(Array.from({ length: 30 }, (_, i) => settle((i % 2 ? a : b).reserve(100, 5_000))))
    expect(waits.filter((w) => w === 0)).toHaveLength(10)
    for (const wait of waits.filter((w) => w > 0)) expect(wait).toBeLessThanOrEqual(500)
  }, timeout)

  it('a pause from one handle holds the other until then, and never shrinks', async () => {
    const { a, b } = await make()
    expect(a.pause).toBeTypeOf('function')
    expect(await b.reserve(100, 1_000)).toBe(0)
    await a.pause!(Date.now() + 800)
    await a.pause!(Date.now() + 200)
    const wait = await b.reserve(100, 1_000)
    expect(wait).toBeGreaterThan(500)
    expect(wait).toBeLessThanOrEqual(800)
    await new Promise((resolve) => setTimeout(resolve, wait + 30))
    expect(await b.reserve(100, 1_000)).toBe(0)
  }, timeout)

  it('a pause in the past changes nothing', async () => {
    const { a, b } = await make()
    await a.pause!(Date.now() - 1_000)
    expect(await b.reserve(10, 1_000)).toBe(0)
  }, timeout)
}

const token = (accessToken: string, lifetime = 3_600_000): StoredToken => ({ accessToken, expiresAt: Date.now() + lifetime, tokenType: 'Bearer' })

export function tokenStoreContract(make: () => Promise<Pair<TokenStore>>, timeout = 10_000): void {
  it('a token set by one handle is read by the other, and deleted for both', async () => {
    const { a, b } = await make()
    expect(await b.get('k')).toBeUndefined()
    const t = token('tok-1')
    await a.set('k', t)
    expect(await b.get('k')).toEqual(t)
    expect(await b.get('other')).toBeUndefined()
    await b.delete('k')
    expect(await a.get('k')).toBeUndefined()
  }, timeout)

  it('one lock holder at a time; released, the next caller gets it', async () => {
    const { a, b } = await make()
    const release = await a.acquire!('k', 5_000)
    expect(release).toBeTypeOf('function')
    expect(await b.acquire!('k', 5_000)).toBeUndefined()
    expect(await a.acquire!('k', 5_000)).toBeUndefined()
    // Another key is another lock.
    const other = await b.acquire!('k2', 5_000)
    expect(other).toBeTypeOf('function')
    await release!()
    const next = await b.acquire!('k', 5_000)
    expect(next).toBeTypeOf('function')
    await next!()
    await other!()
  }, timeout)

  it('20 concurrent acquires from two handles: exactly one holder', async () => {
    const { a, b } = await make()
    const got = await Promise.all(Array.from({ length: 20 }, (_, i) => settle((i % 2 ? a : b).acquire!('k', 5_000))))
    expect(got.filter((r): r is ReleaseLock => typeof r === 'function')).toHaveLength(1)
  }, timeout)

  it('a lock expires after its ttl, and a late release does not free the new holder', async () => {
    const { a, b } = await make()
    const stale = await a.acquire!('k', 300)
    expect(stale).toBeTypeOf('function')
    await new Promise((resolve) => setTimeout(resolve, 450))
    const fresh = await b.acquire!('k', 5_000)
    expect(fresh).toBeTypeOf('function')
    await stale!()
    expect(await a.acquire!('k', 5_000)).toBeUndefined()
    await fresh!()
  }, timeout)
}
