// Guards for the request-path refactor (issue 16): behaviour a mutation run showed no test pinned.
// They pass on the code before the refactor and must pass after it. Real loopback server, timed on the wire.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NetworkError, ServerError, TimeoutError, createClient, mapConcurrent, wait } from '../../src/index.js'
import { drop, json, startServer, within, type TestServer } from '../security/_servers.js'

let api: TestServer
/** When each request arrived, by path. */
const arrivals = new Map<string, number[]>()
beforeAll(async () => {
  api = await startServer()
})
afterAll(() => api?.close())
beforeEach(() => {
  api.reset()
  arrivals.clear()
})

function arrived(path: string): number {
  const list = arrivals.get(path) ?? []
  list.push(Date.now())
  arrivals.set(path, list)
  return list.length
}

describe('retries', () => {
  it('a 503 with Retry-After: 1 waits that second before the retry (gap measured on the wire)', async () => {
    api.handle((req, res) => (arrived('/busy') === 1 ? json(res, 503, { error: 'busy' }, { 'retry-after': '1' }) : json(res, 200, { ok: true })))
    await using client = createClient({ baseURL: api.origin, retry: { limit: 1, baseDelay: 1, maxDelay: 5_000 } })
    await expect(within(client.request({ path: '/busy' }), 5_000)).resolves.toEqual({ ok: true })
    const [first, second] = arrivals.get('/busy')!
    expect(second! - first!).toBeGreaterThanOrEqual(950)
    expect(second! - first!).toBeLessThan(3_000)
  })

  it.each([0, 1, 3])('limit %i: exactly limit + 1 attempts after a 5xx', async (limit) => {
    api.handle((req, res) => json(res, 500, { error: 'down' }))
    await using client = createClient({ baseURL: api.origin, retry: { limit, baseDelay: 1, maxDelay: 5 } })
    await expect(within(client.request({ path: '/down' }), 5_000)).rejects.toBeInstanceOf(ServerError)
    expect(api.requests).toHaveLength(limit + 1)
  })

  it.each([0, 1, 3])('limit %i: exactly limit + 1 attempts after a drop (socket destroyed)', async (limit) => {
    api.handle((req, res) => drop(res))
    await using client = createClient({ baseURL: api.origin, retry: { limit, baseDelay: 1, maxDelay: 5 } })
    await expect(within(client.request({ path: '/dropped' }), 5_000)).rejects.toBeInstanceOf(NetworkError)
    expect(api.requests).toHaveLength(limit + 1)
  })
})

describe('order and deadlines', () => {
  it('mapConcurrent keeps input order when later requests finish first (latency varied per request)', async () => {
    const finished: number[] = []
    api.handle((req, res) => {
      const n = Number(new URL(req.path, api.origin).searchParams.get('n'))
      setTimeout(() => {
        finished.push(n)
        json(res, 200, { n })
      }, (8 - n) * 25)
    })
    await using client = createClient({ baseURL: api.origin, retry: false })
    const items = [0, 1, 2, 3, 4, 5, 6, 7]
    const out = await within(mapConcurrent(items, (n, _i, signal) => client.request<{ n: number }>({ path: '/slow', query: { n }, signal }), { concurrency: 8 }), 5_000)
    expect(finished).not.toEqual(items)
    expect(out.map((r) => r.n)).toEqual(items)
  })

  it('wait() past its deadline rejects with TimeoutError (asserted, not a runner timeout)', async () => {
    api.handle((req, res) => res.writeHead(202, { location: '/operations/1' }).end())
    await using client = createClient({ baseURL: api.origin, retry: false })
    const accepted = await client.request<Response>({ method: 'POST', path: '/exports', responseType: 'response' })
    const started = Date.now()
    const error = await within(wait(client, accepted, { interval: 20 }).result({ timeout: 300 }), 3_000).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(api.requests.filter((r) => r.path === '/operations/1').length).toBeGreaterThan(1)
  })
})
