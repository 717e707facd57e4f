/**
 * Resource hygiene (issue 10, deliverable 6), in Node over a served fake on 127.0.0.1:
 * after `client.close()` and the fake's `close()`, no timer, socket or server handle is left and
 * no call is left pending; paginators and pollers stop requesting when their signal aborts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import {
  AbortError,
  ClientClosedError,
  createClient,
  mapConcurrent,
  NotFoundError,
  paginate,
  TimeoutError,
  wait,
  type Client,
  type ClientOptions,
  type Page,
} from '../../src/index.js'
import { oauthClientCredentials, sessionLogin } from '../../src/auth/index.js'
import { serve, workivaFake, workivaFakeBaseURLs, type ServedFake } from '../../src/testing/index.js'
import { copyFile, getFiles, wait as workivaWait, workiva } from '../../src/workiva/index.js'
import { hygieneFake, type HygieneFake } from './fake.js'
import { describeHandles, resourceCounts, settle, settlesWithin } from './resources.js'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function served(): Promise<{ fake: HygieneFake; server: ServedFake }> {
  const fake = hygieneFake()
  const server = await serve(fake.handlers)
  cleanup.push(() => server.close())
  return { fake, server }
}

function client(server: ServedFake, options: Partial<ClientOptions> = {}): Client {
  const c = createClient({ baseURL: server.url, retry: { limit: 2, baseDelay: 5 }, ...options })
  cleanup.push(() => c.close())
  return c
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A `fetch` for the client that counts the requests started once `signal` has aborted: exact on
 * the client's side, where a server-side count could still see a request sent just before.
 */
function countingAfter(signal: AbortSignal): { fetch: typeof fetch; afterAbort: () => number } {
  let after = 0
  return {
    fetch: (input, init) => {
      if (signal.aborted) after++
      return globalThis.fetch(input, init)
    },
    afterAbort: () => after,
  }
}

/** The cursor-paged endpoint as a paginator whose page fetch honours the signal. */
function pages(c: Client, mode: 'ok' | 'hang', signal?: AbortSignal) {
  return paginate<number, number>(
    (cursor = 0, pageSignal) => c.request<Page<number, number>>({ path: `/pages/${mode}`, query: { cursor }, signal: pageSignal }),
    { signal },
  )
}

describe('paginators stop requesting', () => {
  it('when for-await breaks: no page after the one being read', async () => {
    const { fake, server } = await served()
    const c = client(server)
    const seen: number[] = []
    for await (const item of pages(c, 'ok')) {
      seen.push(item)
      if (seen.length === 3) break
    }
    expect(seen).toEqual([0, 1, 2])
    expect(fake.count('GET /pages/ok')).toBe(2)
    await pause(100)
    expect(fake.count('GET /pages/ok')).toBe(2)
  })

  it('when the signal aborts between pages, and when it aborts a page in flight', async () => {
    const { fake, server } = await served()
    const between = new AbortController()
    const midway = new AbortController()
    const sentAfterBetween = countingAfter(between.signal)
    const c = client(server, { fetch: sentAfterBetween.fetch })

    const seen: number[] = []
    const error = await (async () => {
      for await (const item of pages(c, 'ok', between.signal)) {
        seen.push(item)
        if (seen.length === 2) between.abort()
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AbortError)
    expect(seen).toEqual([0, 1])
    expect(fake.count('GET /pages/ok')).toBe(1)
    expect(sentAfterBetween.afterAbort()).toBe(0)

    const sentAfterMidway = countingAfter(midway.signal)
    const c2 = client(server, { fetch: sentAfterMidway.fetch })
    const iterating = (async () => {
      for await (const _item of pages(c2, 'hang', midway.signal)) void _item
    })()
    await expect.poll(() => fake.count('GET /pages/hang')).toBe(2)
    midway.abort()
    await expect(iterating).rejects.toBeInstanceOf(AbortError)
    await expect.poll(() => fake.abandoned.get('/pages/hang') ?? 0).toBe(1)
    await pause(100)
    expect(sentAfterMidway.afterAbort()).toBe(0)
    expect(fake.count('GET /pages/hang')).toBe(2)
    expect(fake.count('GET /pages/ok')).toBe(1)
  })

  it('when the signal aborts, even if the page function ignores it', async () => {
    let fetched = 0
    const controller = new AbortController()
    const paged = paginate<number, number>(
      async (cursor = 0) => {
        fetched++
        return { items: [cursor], next: cursor + 1 }
      },
      { signal: controller.signal },
    )
    const seen: number[] = []
    const error = await (async () => {
      for await (const item of paged) {
        seen.push(item)
        controller.abort()
      }
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AbortError)
    expect(seen).toEqual([0])
    expect(fetched).toBe(1)
  })

  it('a Workiva list (`@nextLink` pages) stops at the page being read when for-await breaks', async () => {
    const fake = workivaFake({ files: 30 })
    const server = await serve(fake.handlers)
    cleanup.push(() => server.close())
    const c = workiva({ clientId: 'workiva-client', clientSecret: 'workiva-secret', baseURLs: workivaFakeBaseURLs(server.url) })
    cleanup.push(() => c.close())
    const names: string[] = []
    for await (const file of getFiles(c, { maxpagesize: 5 })) {
      names.push(String(file.name))
      if (names.length === 7) break
    }
    // One token request and two pages of five.
    expect(fake.stats.requests).toBe(3)
    await pause(100)
    expect(fake.stats.requests).toBe(3)
  })
})

describe('pollers stop polling', () => {
  it('core wait(): no poll after the signal aborts', async () => {
    const { fake, server } = await served()
    const controller = new AbortController()
    const sent = countingAfter(controller.signal)
    const c = client(server, { fetch: sent.fetch })
    const poller = wait<unknown>(
      c,
      { poll: async (signal) => ({ done: false, status: (await c.request<{ status: string }>({ path: '/job', signal })).status }) },
      { interval: 10, signal: controller.signal },
    )
    const result = poller.result()
    await expect.poll(() => fake.count('GET /job')).toBeGreaterThanOrEqual(3)
    const atAbort = fake.count('GET /job')
    controller.abort()
    await expect(result).rejects.toBeInstanceOf(AbortError)
    // Ten poll intervals later: nothing sent since the abort; at most the poll already on the wire arrived.
    await pause(100)
    expect(sent.afterAbort()).toBe(0)
    expect(fake.count('GET /job')).toBeLessThanOrEqual(atAbort + 1)
  })

  it('Workiva wait() on an operation that never finishes: no poll after the signal aborts', async () => {
    const fake = workivaFake({ hangFiles: ['file-001'], retryAfter: 0 })
    const polls = () => fake.state.operations.get('op-1')?.polls ?? 0
    const server = await serve(fake.handlers)
    cleanup.push(() => server.close())
    const controller = new AbortController()
    const sent = countingAfter(controller.signal)
    const c = workiva({ clientId: 'workiva-client', clientSecret: 'workiva-secret', baseURLs: workivaFakeBaseURLs(server.url), fetch: sent.fetch })
    cleanup.push(() => c.close())
    const accepted = await copyFile(c, { fileId: 'file-001', body: {} })
    const result = workivaWait(c, accepted, { signal: controller.signal, interval: 10, minInterval: 10 }).result()
    await expect.poll(polls).toBeGreaterThanOrEqual(3)
    const atAbort = polls()
    controller.abort()
    await expect(result).rejects.toBeInstanceOf(AbortError)
    await pause(100)
    expect(sent.afterAbort()).toBe(0)
    expect(polls()).toBeLessThanOrEqual(atAbort + 1)
  })
})

describe('after close()', () => {
  it('a mixed workload leaves no timer, socket or server handle, and no call pending', async () => {
    const baseline = resourceCounts()
    const { fake, server } = await served()
    const c = client(server, { concurrency: 4 })

    // A timed-out call: the attempt timer fired, the connection was dropped.
    await expect(c.request({ path: '/slow', timeout: 50, retry: false })).rejects.toBeInstanceOf(TimeoutError)
    await expect.poll(() => fake.abandoned.get('/slow') ?? 0).toBe(1)
    // A retried call: 503, then 200.
    await expect(c.request({ path: '/flaky/a' })).resolves.toEqual({ id: 'a' })
    expect(fake.count('GET /flaky/a')).toBe(2)
    // A paginator left by break, and one aborted mid-page.
    for await (const item of pages(c, 'ok')) if (item >= 2) break
    const controller = new AbortController()
    const aborted = (async () => {
      for await (const _item of pages(c, 'hang', controller.signal)) void _item
    })()
    await expect.poll(() => fake.count('GET /pages/hang')).toBe(2)
    controller.abort()
    await expect(aborted).rejects.toBeInstanceOf(AbortError)
    // A poller aborted while it sleeps between polls.
    const stop = new AbortController()
    const polling = wait(c, { poll: async (signal) => ({ done: false, status: (await c.request<{ status: string }>({ path: '/job', signal })).status }) }, { interval: 5_000, signal: stop.signal }).result()
    await expect.poll(() => fake.count('GET /job')).toBe(1)
    stop.abort()
    await expect(polling).rejects.toBeInstanceOf(AbortError)
    // mapConcurrent failing fast: one 404 aborts the others (some hang until aborted).
    const mapped = mapConcurrent([0, 1, 2, 3, 4, 5, 6, 7], (n, _i, signal) => c.request({ path: n === 2 ? `/missing/${n}` : n % 2 ? '/slow' : `/ok/${n}`, signal, retry: false }), { concurrency: 4 })
    await expect(mapped).rejects.toBeInstanceOf(NotFoundError)
    await expect.poll(() => fake.abandoned.get('/slow') ?? 0).toBeGreaterThanOrEqual(2)

    // A rate-limited client: one request per minute, four more queued behind it (a limiter timer runs).
    const limited = client(server, { rateLimit: { requests: 1, interval: 60_000 } })
    const first = limited.request({ path: '/ok/1' })
    await expect(first).resolves.toEqual({ n: 1 })
    const queued = [2, 3, 4, 5].map((n) => limited.request({ path: `/ok/${n}` }))
    // A client paused by a 429 with Retry-After: 20, with calls waiting out the pause.
    const paused = client(server, { retry: { limit: 1, baseDelay: 5 } })
    const refused = paused.request({ path: '/limited' })
    await expect.poll(() => fake.count('GET /limited')).toBe(1)
    const waiting = [1, 2].map((n) => paused.request({ path: `/ok/${n}` }))
    // A call in flight when its client closes.
    const inFlight = c.request({ path: '/slow' })
    await expect.poll(() => fake.count('GET /slow')).toBeGreaterThanOrEqual(3)

    await Promise.all([c.close(), limited.close(), paused.close()])
    const pending = [inFlight, refused, ...queued, ...waiting]
    expect(await Promise.all(pending.map((p) => settlesWithin(p, 1_000)))).toEqual(pending.map(() => 'settled'))
    for (const p of pending) await expect(p).rejects.toBeInstanceOf(ClientClosedError)
    expect(fake.count('GET /ok/2') + fake.count('GET /ok/3')).toBe(0)

    await server.close()
    const left = await settle(baseline)
    expect(left, describeHandles().join('\n')).toEqual({})
  })

  it('an OAuth token request still waiting for its answer is abandoned, and its timer cleared', async () => {
    const baseline = resourceCounts()
    const { fake, server } = await served()
    const c = client(server, { auth: oauthClientCredentials({ tokenUrl: '/token', clientId: 'hygiene', clientSecret: 'hygiene-secret' }) })
    const call = c.request({ path: '/ok/1' })
    await expect.poll(() => fake.count('POST /token')).toBe(1)
    await c.close()
    expect(await settlesWithin(call, 1_000)).toBe('settled')
    await expect(call).rejects.toBeInstanceOf(ClientClosedError)
    // The server sees the exchange go away while it is still up.
    await expect.poll(() => fake.abandoned.get('/token') ?? 0, { timeout: 2_000 }).toBe(1)
    await server.close()
    expect(await settle(baseline), describeHandles().join('\n')).toEqual({})
  })

  it('a shared login still waiting for its answer is abandoned', async () => {
    const baseline = resourceCounts()
    const { fake, server } = await served()
    const auth = sessionLogin<{ token: string }>({
      async login({ fetch, baseURL, signal }) {
        const res = await fetch(new URL('/login', baseURL), { method: 'POST', signal })
        return { token: await res.text() }
      },
      apply: (headers, session) => headers.set('x-token', session.token),
    })
    const c = client(server, { auth })
    const calls = [1, 2, 3].map((n) => c.request({ path: `/ok/${n}` }))
    await expect.poll(() => fake.count('POST /login')).toBe(1)
    await c.close()
    for (const call of calls) expect(await settlesWithin(call, 1_000)).toBe('settled')
    await expect.poll(() => fake.abandoned.get('/login') ?? 0, { timeout: 2_000 }).toBe(1)
    await server.close()
    expect(await settle(baseline), describeHandles().join('\n')).toEqual({})
  })

  // close() gives `auth.close` a signal bounded by the client's `timeout`: a logout that never
  // answers cannot keep close() pending (undici's 300 s headers timeout in Node, for ever in a browser).
  it('close() does not wait for ever on a logout that never answers', async () => {
    const { fake, server } = await served()
    const auth = sessionLogin<{ token: string }>({
      login: async () => ({ token: 'hygiene-session' }),
      apply: (headers, session) => headers.set('x-token', session.token),
      async logout(_session, { fetch, baseURL, signal }) {
        await fetch(new URL('/logout', baseURL), { method: 'POST', signal })
      },
    })
    const c = client(server, { auth, timeout: 200 })
    await c.request({ path: '/ok/1' })
    const closing = c.close()
    await expect.poll(() => fake.count('POST /logout')).toBe(1)
    expect(await settlesWithin(closing, 3_000)).toBe('settled')
  })
})
