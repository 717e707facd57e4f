/**
 * Fault injection over the socket: the fault handlers in front of a fake, served by `serve()`
 * on 127.0.0.1 and called with real `fetch`. No msw interception in this file.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { http, HttpResponse } from 'msw'
import { createFaults, withFaults } from '../../src/testing/faults.js'
import { serve, type ServedFake } from '../../src/testing/serve.js'
import { itemsFake } from './items-fake.js'
import { runMany } from './run-many.js'

const servers: ServedFake[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

describe('faults over serve()', () => {
  it('injects the seeded share of 503 / 429 / drops over 1,000 requests, drops as network errors', async () => {
    const fake = itemsFake()
    const options = { serverErrorRate: 0.08, rateLimitRate: 0.06, dropRate: 0.04, seed: 2024 }
    const faults = createFaults({ ...options, match: (request) => new URL(request.url).pathname === '/items' })
    const server = await serve([...faults.handlers, ...fake.handlers])
    servers.push(server)
    const token = (await (await fetch(`${server.url}/token`, { method: 'POST' })).json()) as { access_token: string }
    const auth = { Authorization: `Bearer ${token.access_token}` }

    const tally = await runMany(1_000, 16, () => fetch(`${server.url}/items`, { headers: auth }))

    expect(tally.unexpected).toEqual([])
    expect(tally.other).toBe(0)
    expect(tally.serverErrors).toBe(faults.stats.serverErrors)
    expect(tally.rateLimited).toBe(faults.stats.rateLimited)
    expect(tally.dropped).toBe(faults.stats.dropped)
    expect([...tally.retryAfter]).toEqual(['1'])
    expect(tally.serverErrors).toBeGreaterThanOrEqual(40)
    expect(tally.serverErrors).toBeLessThanOrEqual(120)
    expect(tally.rateLimited).toBeGreaterThanOrEqual(25)
    expect(tally.rateLimited).toBeLessThanOrEqual(95)
    expect(tally.dropped).toBeGreaterThanOrEqual(12)
    expect(tally.dropped).toBeLessThanOrEqual(70)
    expect(tally.ok).toBe(1_000 - tally.serverErrors - tally.rateLimited - tally.dropped)
    expect(fake.stats.requests).toBe(1 + tally.ok)

    // Same seed over a second server: the same counts.
    const again = createFaults(options)
    const second = await serve([...again.handlers, ...itemsFake().handlers])
    servers.push(second)
    await runMany(1_000, 9, () => fetch(`${second.url}/items`))
    expect(again.stats).toEqual(faults.stats)
  })

  it('sends the 429 Retry-After header exposed for browsers', async () => {
    const server = await serve(withFaults([http.get('*/x', () => HttpResponse.text('x'))], { rateLimitRate: 1 }))
    servers.push(server)
    const res = await fetch(`${server.url}/x`, { headers: { Origin: 'http://localhost:5173' } })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('1')
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(res.headers.get('access-control-expose-headers')?.toLowerCase()).toContain('retry-after')
  })

  it('a dropped connection rejects fetch with a TypeError and the server keeps serving', async () => {
    const faults = createFaults({ dropRate: 1, match: (request) => request.method === 'POST' })
    const server = await serve([
      ...faults.handlers,
      http.post('*/upload', () => HttpResponse.json({ stored: true })),
      http.get('*/health', () => HttpResponse.json({ ok: true })),
    ])
    servers.push(server)
    const error = await fetch(`${server.url}/upload`, { method: 'POST', body: 'x'.repeat(100_000) }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TypeError)
    expect(await (await fetch(`${server.url}/health`)).json()).toEqual({ ok: true })
    expect(faults.stats.dropped).toBe(1)
  })

  it('delays answers by the configured latency', async () => {
    const faults = createFaults({ latency: 50 })
    const server = await serve([...faults.handlers, http.get('*/x', () => HttpResponse.text('x'))])
    servers.push(server)
    const started = performance.now()
    expect(await (await fetch(`${server.url}/x`)).text()).toBe('x')
    expect(performance.now() - started).toBeGreaterThanOrEqual(45)
    expect(faults.stats.delayed).toBe(1)
  })
})
