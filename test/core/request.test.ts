import { http, HttpResponse, delay } from 'msw'
import { setupServer } from 'msw/node'
import * as v from 'valibot'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { UntrustedOriginError,
  AbortError, AuthenticationError, ClientClosedError, NetworkError, NotFoundError, ServerError, TimeoutError,
  ValidationError, createClient, RateLimitError,
} from '../../src/index.js'
import { apiKey } from '../../src/auth/index.js'

const BASE = 'https://api.test/v1'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const fast = { limit: 3, baseDelay: 1, maxDelay: 5_000 }

describe('request basics', () => {
  it('joins the path, encodes the query, sends JSON and parses the answer', async () => {
    let seen: { url: string; body: unknown; type: string | null } | undefined
    server.use(http.post(`${BASE}/items`, async ({ request }) => {
      seen = { url: request.url, body: await request.json(), type: request.headers.get('content-type') }
      return HttpResponse.json({ id: 7 }, { status: 201 })
    }))
    const client = createClient({ baseURL: BASE })
    const out = await client.request<{ id: number }>({ method: 'POST', path: 'items', query: { a: 'x y', b: [1, 2], c: undefined, d: true }, body: { name: 'n' } })
    expect(out).toEqual({ id: 7 })
    expect(seen?.url).toBe(`${BASE}/items?a=x+y&b=1&b=2&d=true`)
    expect(seen?.body).toEqual({ name: 'n' })
    expect(seen?.type).toBe('application/json')
  })

  it('infers the result from the schema and names the failing field path', async () => {
    server.use(http.get(`${BASE}/user`, () => HttpResponse.json({ id: 1, profile: { name: 42 } })))
    const client = createClient({ baseURL: BASE })
    const schema = v.looseObject({ id: v.number(), profile: v.object({ name: v.string() }) })
    const error = await client.request({ path: '/user', schema }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toBe('profile.name')
    expect((error as Error).message).toContain('profile.name')
    const off = createClient({ baseURL: BASE, validate: false })
    await expect(off.request({ path: '/user', schema })).resolves.toEqual({ id: 1, profile: { name: 42 } })
  })

  it('maps statuses to typed errors with status, method, url and body', async () => {
    server.use(http.get(`${BASE}/missing`, () => HttpResponse.json({ message: 'nope' }, { status: 404, headers: { 'x-request-id': 'r1' } })))
    const error = await createClient({ baseURL: BASE }).request({ path: '/missing' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({ status: 404, method: 'GET', url: `${BASE}/missing`, body: { message: 'nope' }, requestId: 'r1' })
  })

  it('drops __proto__ keys from JSON bodies', async () => {
    server.use(http.get(`${BASE}/proto`, () => new HttpResponse('{"a":1,"__proto__":{"polluted":true}}', { headers: { 'content-type': 'application/json' } })))
    const out = await createClient({ baseURL: BASE }).request<Record<string, unknown>>({ path: '/proto' })
    expect(Object.keys(out)).toEqual(['a'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.assign({}, out).polluted).toBeUndefined()
  })
})

describe('retries', () => {
  it('503, 503, 200 succeeds in three attempts', async () => {
    let calls = 0
    server.use(http.get(`${BASE}/flaky`, () => (++calls < 3 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ ok: true }))))
    const out = await createClient({ baseURL: BASE, retry: fast }).request({ path: '/flaky' })
    expect(out).toEqual({ ok: true })
    expect(calls).toBe(3)
  })

  it('a POST answered 503 is sent once', async () => {
    let calls = 0
    server.use(http.post(`${BASE}/create`, () => (calls++, HttpResponse.json({}, { status: 503 }))))
    await expect(createClient({ baseURL: BASE, retry: fast }).request({ method: 'POST', path: '/create', body: {} })).rejects.toBeInstanceOf(ServerError)
    expect(calls).toBe(1)
  })

  it('a POST with an idempotency key is retried with the same key', async () => {
    const keys: (string | null)[] = []
    server.use(http.post(`${BASE}/create`, ({ request }) => {
      keys.push(request.headers.get('idempotency-key'))
      return keys.length < 2 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ ok: 1 })
    }))
    await createClient({ baseURL: BASE, retry: fast }).request({ method: 'POST', path: '/create', body: {}, idempotencyKey: true })
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/.{8,}/)
    expect(keys[1]).toBe(keys[0])
  })

  it('honours Retry-After: 1 (seconds)', async () => {
    const times: number[] = []
    server.use(http.get(`${BASE}/limited`, () => {
      times.push(Date.now())
      return times.length === 1 ? HttpResponse.json({}, { status: 429, headers: { 'retry-after': '1' } }) : HttpResponse.json({ ok: 1 })
    }))
    await createClient({ baseURL: BASE, retry: fast }).request({ path: '/limited' })
    expect(times).toHaveLength(2)
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950)
  })

  it('gives up with RateLimitError carrying retryAfter when retries are off', async () => {
    server.use(http.get(`${BASE}/limited`, () => HttpResponse.json({}, { status: 429, headers: { 'retry-after': '7' } })))
    const error = await createClient({ baseURL: BASE, retry: false }).request({ path: '/limited' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfter).toBe(7000)
  })

  it('honours x-should-retry: false', async () => {
    let calls = 0
    server.use(http.get(`${BASE}/no`, () => (calls++, HttpResponse.json({}, { status: 503, headers: { 'x-should-retry': 'false' } }))))
    await expect(createClient({ baseURL: BASE, retry: fast }).request({ path: '/no' })).rejects.toBeInstanceOf(ServerError)
    expect(calls).toBe(1)
  })

  it('retries a GET after a dropped connection, and a POST only when refused', async () => {
    let calls = 0
    server.use(http.get(`${BASE}/drop`, () => (++calls < 2 ? HttpResponse.error() : HttpResponse.json({ ok: 1 }))))
    await expect(createClient({ baseURL: BASE, retry: fast }).request({ path: '/drop' })).resolves.toEqual({ ok: 1 })
    let posts = 0
    server.use(http.post(`${BASE}/drop`, () => (posts++, HttpResponse.error())))
    await expect(createClient({ baseURL: BASE, retry: fast }).request({ method: 'POST', path: '/drop' })).rejects.toBeInstanceOf(NetworkError)
    expect(posts).toBe(1)
  })
})

describe('time and cancellation', () => {
  it('a slow answer past `timeout` rejects with TimeoutError', async () => {
    server.use(http.get(`${BASE}/slow`, async () => (await delay(2_000), HttpResponse.json({}))))
    await expect(createClient({ baseURL: BASE, timeout: 50, retry: false }).request({ path: '/slow' })).rejects.toBeInstanceOf(TimeoutError)
  })

  it('the deadline bounds the whole call, retries included', async () => {
    let calls = 0
    server.use(http.get(`${BASE}/fail`, () => (calls++, HttpResponse.json({}, { status: 503 }))))
    const started = Date.now()
    const client = createClient({ baseURL: BASE, deadline: 300, retry: { limit: 50, baseDelay: 100, maxDelay: 100 } })
    await expect(client.request({ path: '/fail' })).rejects.toSatisfy((e) => e instanceof TimeoutError || e instanceof ServerError)
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(calls).toBeLessThan(10)
  })

  it('a user abort rejects with AbortError and is never retried', async () => {
    let calls = 0
    server.use(http.get(`${BASE}/slow`, async () => (calls++, await delay(2_000), HttpResponse.json({}))))
    const controller = new AbortController()
    const pending = createClient({ baseURL: BASE, retry: fast }).request({ path: '/slow', signal: controller.signal })
    setTimeout(() => controller.abort(), 30)
    await expect(pending).rejects.toBeInstanceOf(AbortError)
    expect(calls).toBe(1)
  })

  it('close() aborts in-flight calls and later calls throw ClientClosedError', async () => {
    server.use(http.get(`${BASE}/slow`, async () => (await delay(2_000), HttpResponse.json({}))))
    const client = createClient({ baseURL: BASE })
    const pending = client.request({ path: '/slow' })
    await delay(20)
    await client.close()
    await expect(pending).rejects.toBeInstanceOf(ClientClosedError)
    await expect(client.request({ path: '/slow' })).rejects.toBeInstanceOf(ClientClosedError)
    expect(client.closed).toBe(true)
  })

  it('await using closes the client', async () => {
    let kept: ReturnType<typeof createClient> | undefined
    {
      await using client = createClient({ baseURL: BASE })
      kept = client
    }
    expect(kept.closed).toBe(true)
  })
})

describe('concurrency', () => {
  it('never exceeds the limit', async () => {
    let inFlight = 0
    let peak = 0
    server.use(http.get(`${BASE}/n`, async () => {
      peak = Math.max(peak, ++inFlight)
      await delay(5)
      inFlight--
      return HttpResponse.json({})
    }))
    const client = createClient({ baseURL: BASE, concurrency: 4 })
    await Promise.all(Array.from({ length: 60 }, () => client.request({ path: '/n' })))
    expect(peak).toBe(4)
  })
})

describe('credentials and redirects', () => {
  it('refuses a redirect of a credentialed request to another origin: UntrustedOriginError, nothing sent there', async () => {
    let foreignHits = 0
    server.use(
      http.get(`${BASE}/moved`, () => new HttpResponse(null, { status: 302, headers: { location: 'https://elsewhere.test/target' } })),
      http.get('https://elsewhere.test/target', () => (foreignHits++, HttpResponse.json({ there: true }))),
    )
    const client = createClient({ baseURL: BASE, auth: apiKey({ key: 'super-secret-key-1' }) })
    const error = await client.request({ path: '/moved' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UntrustedOriginError)
    expect(error).toMatchObject({ from: new URL(BASE).origin, to: 'https://elsewhere.test' })
    expect(foreignHits).toBe(0)
  })

  it('a client without credentials follows a redirect to another origin', async () => {
    server.use(
      http.get(`${BASE}/moved-open`, () => new HttpResponse(null, { status: 302, headers: { location: 'https://elsewhere.test/open' } })),
      http.get('https://elsewhere.test/open', () => HttpResponse.json({ there: true })),
    )
    const client = createClient({ baseURL: BASE })
    await expect(client.request({ path: '/moved-open' })).resolves.toEqual({ there: true })
  })

  it('never sends credentials to an absolute URL on another origin', async () => {
    let foreignAuth: string | null | undefined = 'unset'
    server.use(http.get('https://elsewhere.test/x', ({ request }) => ((foreignAuth = request.headers.get('authorization')), HttpResponse.json({}))))
    const client = createClient({ baseURL: BASE, auth: apiKey({ key: 'super-secret-key-2' }) })
    await client.request({ path: 'https://elsewhere.test/x' })
    expect(foreignAuth).toBeNull()
  })

  it('starts every attempt and redirect from the URL as built: a strategy that appends to it does not pile up', async () => {
    const seen: string[] = []
    let calls = 0
    server.use(
      http.get(`${BASE}/flaky`, ({ request }) => (seen.push(request.url), ++calls < 3 ? new HttpResponse(null, { status: 503 }) : new HttpResponse(null, { status: 302, headers: { location: `${BASE}/final?x=1` } }))),
      http.get(`${BASE}/final`, ({ request }) => (seen.push(request.url), HttpResponse.json({ ok: true }))),
    )
    const auth = { authorize: (request: { url: URL }) => request.url.searchParams.append('sig', 'abc') }
    const client = createClient({ baseURL: BASE, auth, retry: fast })
    await expect(client.request({ path: '/flaky', query: { a: 1 } })).resolves.toEqual({ ok: true })
    expect(seen).toEqual([
      `${BASE}/flaky?a=1&sig=abc`,
      `${BASE}/flaky?a=1&sig=abc`,
      `${BASE}/flaky?a=1&sig=abc`,
      `${BASE}/final?x=1&sig=abc`,
    ])
  })

  it('a strategy that throws synchronously: a typed error before anything is sent; a TypeError is retried as unsent', async () => {
    let requests = 0
    server.use(http.get(`${BASE}/guarded`, () => (requests++, HttpResponse.json({}))))
    const { IsoSdkError } = await import('../../src/index.js')
    const refused = createClient({ baseURL: BASE, retry: fast, auth: { authorize: () => { throw new Error('no credentials configured') } } })
    const error = await refused.request({ path: '/guarded' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IsoSdkError)
    expect(error).not.toBeInstanceOf(NetworkError)
    expect((error as Error).message).toBe('Authorization for https://api.test failed: no credentials configured')

    expect(requests).toBe(0)

    // A TypeError is what fetch throws for a dropped token exchange: nothing was sent, so even a POST is retried.
    let tries = 0
    const flaky = createClient({ baseURL: BASE, retry: fast, auth: { authorize: () => { if (++tries < 3) throw new TypeError('fetch failed') } } })
    server.use(http.post(`${BASE}/guarded`, () => (requests++, HttpResponse.json({ posted: true }))))
    await expect(flaky.request({ method: 'POST', path: '/guarded' })).resolves.toEqual({ posted: true })
    expect(tries).toBe(3)
    expect(requests).toBe(1)
  })

  it('keeps secrets out of messages, inspect output and JSON', async () => {
    const key = 'sk-live-0123456789abcdef'
    server.use(http.get(`${BASE}/echo`, ({ request }) => HttpResponse.json({ echoed: request.headers.get('authorization') }, { status: 400 })))
    const client = createClient({ baseURL: BASE, auth: apiKey({ key }) })
    const error = (await client.request({ path: '/echo', query: { token: key } }).catch((e: unknown) => e)) as Error
    const { inspect } = await import('node:util')
    for (const text of [error.message, inspect(error, { depth: 5 }), JSON.stringify(error), String(error.stack)]) expect(text).not.toContain(key)
  })
})

describe('bad options fail at creation with the option named', () => {
  it.each([
    [{}, 'baseURL'],
    [{ baseURL: '/relative' }, 'baseURL'],
    [{ baseURL: 'ftp://x' }, 'baseURL'],
    [{ baseURL: BASE, concurrency: 0 }, 'concurrency'],
    [{ baseURL: BASE, timeout: -1 }, 'timeout'],
    [{ baseURL: BASE, retry: { limit: -1 } }, 'retry.limit'],
    [{ baseURL: BASE, bogus: 1 }, 'bogus'],
  ])('%j', (options, name) => {
    expect(() => createClient(options as never)).toThrow(TypeError)
    expect(() => createClient(options as never)).toThrow(name)
  })
  it('auth strategies refuse missing credentials', () => {
    expect(() => apiKey({ key: '' })).toThrow(/key/)
  })
})

it('a second 401 after a refresh throws AuthenticationError', async () => {
  server.use(http.get(`${BASE}/x`, () => HttpResponse.json({}, { status: 401 })))
  const { sessionLogin } = await import('../../src/auth/index.js')
  let logins = 0
  const auth = sessionLogin<{ token: string }>({ login: async () => ({ token: `t${++logins}` }), apply: (h, s) => h.set('x-token', s.token) })
  await expect(createClient({ baseURL: BASE, auth }).request({ path: '/x' })).rejects.toBeInstanceOf(AuthenticationError)
  expect(logins).toBe(2)
})

describe('retry budget', () => {
  it('a dead service gets a bounded number of retries across many calls', async () => {
    let calls = 0
    server.use(http.get(`${BASE}/dead`, () => (calls++, HttpResponse.json({}, { status: 503 }))))
    const client = createClient({ baseURL: BASE, retry: { limit: 3, baseDelay: 1, maxDelay: 1, budget: 50 } })
    const results = await Promise.allSettled(Array.from({ length: 100 }, () => client.request({ path: '/dead' })))
    expect(results.every((r) => r.status === 'rejected' && r.reason instanceof ServerError)).toBe(true)
    // 100 first attempts + at most 50 / 5 = 10 retries, instead of 100 × 3 = 300.
    expect(calls).toBe(110)
  })
})
