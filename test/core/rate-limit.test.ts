import { http, HttpResponse, delay } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../src/index.js'

const BASE = 'https://limited.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('client-side rate limiting', () => {
  it('200 calls against a fake allowing 20 per second: no 429, ~10 s, fair order', async () => {
    // The fake enforces a sliding one-second window of 20 requests.
    const arrivals: number[] = []
    let rejected = 0
    server.use(http.get(`${BASE}/item/:n`, ({ params }) => {
      const now = Date.now()
      if (arrivals.filter((t) => now - t < 1000).length >= 20) {
        rejected++
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '1' } })
      }
      arrivals.push(now)
      return HttpResponse.json({ n: Number(params.n) })
    }))
    const client = createClient({ baseURL: BASE, rateLimit: { requests: 20, interval: 1000 }, retry: false })
    const order: number[] = []
    const started = Date.now()
    await Promise.all(Array.from({ length: 200 }, (_, n) => client.request<{ n: number }>({ path: `/item/${n}` }).then((r) => order.push(r.n))))
    const elapsed = Date.now() - started
    expect(rejected).toBe(0)
    expect(elapsed).toBeGreaterThan(8_500)
    expect(elapsed).toBeLessThan(14_000)
    // FIFO: completion order follows call order within each one-second batch of 20.
    const batches = Array.from({ length: 10 }, (_, b) => order.slice(b * 20, b * 20 + 20).sort((a, c) => a - c))
    expect(batches.every((batch, b) => batch.every((n) => Math.floor(n / 20) === b || Math.abs(Math.floor(n / 20) - b) <= 1))).toBe(true)
  }, 30_000)

  it('a 429 with Retry-After pauses the whole client, not just the call that got it', async () => {
    const arrivals: { path: string; at: number }[] = []
    let first = true
    server.use(http.get(`${BASE}/p/:n`, ({ params }) => {
      arrivals.push({ path: String(params.n), at: Date.now() })
      if (first) {
        first = false
        return HttpResponse.json({}, { status: 429, headers: { 'retry-after': '1' } })
      }
      return HttpResponse.json({ ok: true })
    }))
    const pauses: number[] = []
    const client = createClient({ baseURL: BASE, retry: { limit: 2, baseDelay: 1 }, hooks: { onRateLimit: (i) => pauses.push(i.waitMs) } })
    const limited = client.request({ path: '/p/0' })
    await delay(100)
    const t0 = Date.now()
    const others = Array.from({ length: 5 }, (_, i) => client.request({ path: `/p/${i + 1}` }))
    await Promise.all([limited, ...others])
    const later = arrivals.filter((a) => a.path !== '0')
    expect(later).toHaveLength(5)
    for (const a of later) expect(a.at - t0).toBeGreaterThanOrEqual(800)
    expect(pauses[0]).toBe(1000)
  })
})

it('a Retry-After beyond maxDelay fails that call and leaves the others running', async () => {
  server.use(
    http.get(`${BASE}/long`, () => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '3600' } })),
    http.get(`${BASE}/fine`, () => HttpResponse.json({ ok: true })),
  )
  const client = createClient({ baseURL: BASE, retry: { limit: 2, maxDelay: 1_000 } })
  await expect(client.request({ path: '/long' })).rejects.toMatchObject({ status: 429, retryAfter: 3_600_000 })
  const started = Date.now()
  await expect(client.request({ path: '/fine' })).resolves.toEqual({ ok: true })
  expect(Date.now() - started).toBeLessThan(500)
})

it('two clients sharing a rate-limit store stay within one quota together', async () => {
  const arrivals: number[] = []
  let rejected = 0
  server.use(http.get(`${BASE}/shared`, () => {
    const now = Date.now()
    if (arrivals.filter((t) => now - t < 1000).length >= 10) {
      rejected++
      return HttpResponse.json({}, { status: 429 })
    }
    arrivals.push(now)
    return HttpResponse.json({})
  }))
  const { memoryRateLimitStore } = await import('../../src/index.js')
  const store = memoryRateLimitStore()
  // The fake counts arrivals; a shared store books start times, so the window gets 10 % headroom for the trip.
  const rateLimit = { requests: 10, interval: 1100, store }
  const a = createClient({ baseURL: BASE, rateLimit, retry: false })
  const b = createClient({ baseURL: BASE, rateLimit, retry: false })
  const started = Date.now()
  await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).request({ path: '/shared' })))
  expect(rejected).toBe(0)
  // 30 calls, 10 per 1.1 s: batches start at 0, 1.1 and 2.2 s.
  expect(Date.now() - started).toBeGreaterThan(2_000)
}, 20_000)
