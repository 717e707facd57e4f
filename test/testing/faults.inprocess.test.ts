/**
 * Fault injection in process: msw `setupServer` intercepts `fetch`. Kept apart from the
 * over-the-socket tests because setupServer would also intercept requests to 127.0.0.1.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { setupServer } from 'msw/node'
import { http, HttpResponse } from 'msw'
import {
  createFaults,
  everyInterval,
  expireEvery,
  seededRandom,
  withFaults,
  type FaultKind,
} from '../../src/testing/faults.js'
import { itemsFake } from './items-fake.js'
import { runMany } from './run-many.js'

const API = 'https://api.fake.test'
const unhandled: string[] = []
const server = setupServer()

beforeAll(() => {
  server.listen({
    onUnhandledRequest: (request) => {
      unhandled.push(`${request.method} ${request.url}`)
      throw new Error(`unhandled ${request.method} ${request.url}`)
    },
  })
})
afterEach(() => {
  server.resetHandlers()
  unhandled.length = 0
})
afterAll(() => server.close())

async function login(): Promise<Record<string, string>> {
  const res = await fetch(`${API}/token`, { method: 'POST' })
  const { access_token } = (await res.json()) as { access_token: string }
  return { Authorization: `Bearer ${access_token}` }
}

describe('createFaults in process', () => {
  it('injects the seeded share of 503 / 429 / drops over 1,000 requests; the rest reach the fake', async () => {
    const fake = itemsFake()
    const faults = createFaults({ serverErrorRate: 0.1, rateLimitRate: 0.05, dropRate: 0.05, seed: 42, match: (r) => !r.url.endsWith('/token') })
    server.use(...faults.handlers, ...fake.handlers)
    const auth = await login()

    const tally = await runMany(1_000, 25, () => fetch(`${API}/items`, { headers: auth }))

    expect(tally.unexpected).toEqual([])
    expect(tally.other).toBe(0)
    expect(tally.serverErrors).toBe(faults.stats.serverErrors)
    expect(tally.rateLimited).toBe(faults.stats.rateLimited)
    expect(tally.dropped).toBe(faults.stats.dropped)
    expect(faults.stats.delayed).toBe(0)
    expect([...tally.retryAfter]).toEqual(['1'])
    // Binomial bounds, ~4.5 standard deviations wide: a broken share falls outside.
    expect(tally.serverErrors).toBeGreaterThanOrEqual(55)
    expect(tally.serverErrors).toBeLessThanOrEqual(145)
    expect(tally.rateLimited).toBeGreaterThanOrEqual(20)
    expect(tally.rateLimited).toBeLessThanOrEqual(80)
    expect(tally.dropped).toBeGreaterThanOrEqual(20)
    expect(tally.dropped).toBeLessThanOrEqual(80)
    expect(tally.ok + tally.serverErrors + tally.rateLimited + tally.dropped).toBe(1_000)
    // Faulted requests never reached the fake: it answered the token call and the untouched ones.
    expect(fake.stats.requests).toBe(1 + tally.ok)

    // The same seed gives the same counts, whatever the interleaving.
    server.resetHandlers()
    const again = createFaults({ serverErrorRate: 0.1, rateLimitRate: 0.05, dropRate: 0.05, seed: 42 })
    server.use(...again.handlers, ...itemsFake().handlers)
    await runMany(1_000, 7, () => fetch(`${API}/items`, { headers: auth }))
    expect(again.stats).toEqual(faults.stats)
  })

  it('answers 503 and 429 with JSON bodies and the configured Retry-After', async () => {
    const always503 = createFaults({ serverErrorRate: 1 })
    server.use(...always503.handlers, ...itemsFake().handlers)
    const res = await fetch(`${API}/items`)
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ error: 'Service Unavailable', fault: 'serverError' })

    server.resetHandlers()
    server.use(...withFaults(itemsFake().handlers, { rateLimitRate: 1, retryAfter: 3 }))
    const limited = await fetch(`${API}/items`)
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('3')
    expect(await limited.json()).toEqual({ error: 'Too Many Requests', fault: 'rateLimit' })
  })

  it('makes a dropped connection reject fetch with a TypeError', async () => {
    const faults = createFaults({ dropRate: 1 })
    server.use(...faults.handlers, ...itemsFake().handlers)
    await expect(fetch(`${API}/items`)).rejects.toBeInstanceOf(TypeError)
    await expect(fetch(`${API}/items`, { method: 'POST', body: '{}' })).rejects.toBeInstanceOf(TypeError)
    expect(faults.stats.dropped).toBe(2)
  })

  it('passes untouched requests on, and still reports requests no fake handles as unhandled', async () => {
    const faults = createFaults({ serverErrorRate: 0, latency: 1 })
    server.use(...faults.handlers, http.get(`${API}/known`, () => HttpResponse.text('known')))
    expect(await (await fetch(`${API}/known`)).text()).toBe('known')
    // The listener's onUnhandledRequest throws, which msw turns into a 500 "Unhandled Exception".
    const res = await fetch(`${API}/unknown`)
    expect(res.status).toBe(500)
    expect(unhandled).toEqual([`GET ${API}/unknown`])
    expect(faults.stats.delayed).toBe(2)
  })

  it('applies latency (fixed or a range) before answering', async () => {
    const faults = createFaults({ latency: [40, 60], seed: 3 })
    server.use(...faults.handlers, http.get(`${API}/slow`, () => HttpResponse.text('done')))
    const started = performance.now()
    const texts = await Promise.all([1, 2, 3].map(async () => (await fetch(`${API}/slow`)).text()))
    expect(texts).toEqual(['done', 'done', 'done'])
    expect(performance.now() - started).toBeGreaterThanOrEqual(35)
    expect(faults.stats).toEqual({ serverErrors: 0, rateLimited: 0, dropped: 0, delayed: 3 })
  })

  it('limits faults to requests `match` accepts and reports each through onFault', async () => {
    const seen: Array<[FaultKind, string]> = []
    const faults = createFaults({
      serverErrorRate: 1,
      latency: 1,
      match: (request) => request.method === 'POST',
      onFault: (kind, request) => seen.push([kind, `${request.method} ${new URL(request.url).pathname}`]),
    })
    const fake = itemsFake()
    server.use(...faults.handlers, ...fake.handlers)
    expect((await fetch(`${API}/token`, { method: 'POST' })).status).toBe(503) // POST: eligible
    fake.state.token = 'fixed'
    const get = await fetch(`${API}/items`, { headers: { Authorization: 'Bearer fixed' } })
    expect(get.status).toBe(200)
    const post = await fetch(`${API}/items`, { method: 'POST', headers: { Authorization: 'Bearer fixed' }, body: '{"name":"x"}' })
    expect(post.status).toBe(503)
    expect(fake.state.items.size).toBe(0)
    expect(seen).toEqual([
      ['latency', 'POST /token'],
      ['serverError', 'POST /token'],
      ['latency', 'POST /items'],
      ['serverError', 'POST /items'],
    ])
  })

  it('rejects bad options with a TypeError naming the option', () => {
    expect(() => createFaults({ serverErrorRate: 1.5 })).toThrow(/options\.serverErrorRate/)
    expect(() => createFaults({ rateLimitRate: -0.1 })).toThrow(/options\.rateLimitRate/)
    expect(() => createFaults({ dropRate: Number.NaN })).toThrow(/options\.dropRate/)
    expect(() => createFaults({ serverErrorRate: 0.6, dropRate: 0.6 })).toThrow(/must not exceed 1/)
    expect(() => createFaults({ latency: [50, 10] })).toThrow(/options\.latency/)
    expect(() => createFaults({ latency: -1 })).toThrow(TypeError)
    expect(() => createFaults({ retryAfter: -1 })).toThrow(/options\.retryAfter/)
    expect(() => withFaults('nope' as never)).toThrow(TypeError)
  })
})

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds, stays in [0, 1) and spreads evenly', () => {
    const a = seededRandom(7)
    const b = seededRandom(7)
    const first = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(first)
    const c = seededRandom(8)
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first)
    const random = seededRandom(1)
    const buckets = new Array<number>(10).fill(0)
    for (let i = 0; i < 10_000; i++) {
      const value = random()
      expect(value >= 0 && value < 1).toBe(true)
      buckets[Math.floor(value * 10)]! += 1
    }
    for (const count of buckets) expect(Math.abs(count - 1_000)).toBeLessThan(150)
  })
})

describe('expireEvery', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('expires the fake credentials every interval until stopped', async () => {
    const fake = itemsFake()
    server.use(...fake.handlers)
    const auth = await login()
    expect((await fetch(`${API}/items`, { headers: auth })).status).toBe(200)

    vi.useFakeTimers()
    const expiry = expireEvery(fake, 1_000)
    vi.advanceTimersByTime(999)
    expect(fake.state.generation).toBe(1)
    vi.advanceTimersByTime(2_001)
    expect(fake.state.generation).toBe(4)
    expiry.stop()
    vi.advanceTimersByTime(10_000)
    expect(fake.state.generation).toBe(4)
    vi.useRealTimers()

    expect((await fetch(`${API}/items`, { headers: auth })).status).toBe(401)
    expect((await fetch(`${API}/items`, { headers: await login() })).status).toBe(200)
  })

  it('everyInterval runs a task on a timer and validates its arguments', () => {
    vi.useFakeTimers()
    let ticks = 0
    const ticker = everyInterval(100, () => {
      ticks++
    })
    vi.advanceTimersByTime(350)
    ticker.stop()
    ticker.stop()
    vi.advanceTimersByTime(1_000)
    expect(ticks).toBe(3)
    expect(() => everyInterval(0, () => undefined)).toThrow(/ms must be a positive number/)
    expect(() => expireEvery({} as never, 10)).toThrow(/expireCredentials/)
  })
})
