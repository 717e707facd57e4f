import { http, HttpResponse, delay } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  AbortError, OperationFailedError, TimeoutError, ValidationError, configFromEnv, createClient, mapConcurrent, paginate, wait,
  type PollSource,
} from '../../src/index.js'

const BASE = 'https://api.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

describe('paginate', () => {
  function numbers(total: number, size: number) {
    let requests = 0
    server.use(http.get(`${BASE}/numbers`, ({ request }) => {
      requests++
      const offset = Number(new URL(request.url).searchParams.get('offset'))
      const items = Array.from({ length: Math.max(0, Math.min(size, total - offset)) }, (_, i) => offset + i)
      return HttpResponse.json({ items, next: offset + size < total ? offset + size : null })
    }))
    const client = createClient({ baseURL: BASE })
    const list = paginate<number, number>(async (cursor = 0, signal) => {
      const body = await client.request<{ items: number[]; next: number | null }>({ path: '/numbers', query: { offset: cursor }, signal })
      return { items: body.items, next: body.next ?? undefined }
    })
    return { list, requests: () => requests }
  }

  it('await collects every page; nothing is fetched before', async () => {
    const { list, requests } = numbers(25, 10)
    expect(requests()).toBe(0)
    const all = await list
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => i))
    expect(requests()).toBe(3)
  })

  it('for await streams items and stops fetching when the loop breaks', async () => {
    const { list, requests } = numbers(1000, 10)
    const seen: number[] = []
    for await (const n of list) {
      seen.push(n)
      if (n === 14) break
    }
    expect(seen).toHaveLength(15)
    expect(requests()).toBe(2)
  })

  it('pages() yields whole pages and onProgress counts them', async () => {
    const progress: unknown[] = []
    const list = paginate<number, number>(async (c = 0) => ({ items: [c, c + 1], next: c < 4 ? c + 2 : undefined }), { onProgress: (p) => progress.push(p) })
    const pages: number[][] = []
    for await (const page of list.pages()) pages.push(page)
    expect(pages).toEqual([[0, 1], [2, 3], [4, 5]])
    expect(progress.at(-1)).toEqual({ pages: 3, items: 6 })
  })

  it('a server that repeats its cursor is stopped', async () => {
    await expect(paginate<number, string>(async () => ({ items: [1], next: 'same' }))).rejects.toThrow(/same cursor/)
  })
})

describe('wait', () => {
  function source(states: string[]): PollSource<string> & { polls: number } {
    const s = {
      polls: 0,
      async poll() {
        const status = states[Math.min(s.polls++, states.length - 1)]!
        if (status === 'failed') return { done: true, status, error: new OperationFailedError('failed', { operation: { status } }) }
        return status === 'done' ? { done: true, status, value: 'result' } : { done: false, status, retryAfter: 10 }
      },
    }
    return s
  }

  it('polls until done, with onProgress', async () => {
    const client = createClient({ baseURL: BASE })
    const seen: string[] = []
    const src = source(['queued', 'started', 'done'])
    const poller = wait(client, src, { onProgress: (s) => seen.push(s.status) })
    expect(poller.done()).toBe(false)
    await expect(poller.result({ timeout: 2_000 })).resolves.toBe('result')
    expect(seen).toEqual(['queued', 'started', 'done'])
    expect(poller.done()).toBe(true)
  })

  it('a failed operation rejects with OperationFailedError', async () => {
    await expect(wait(createClient({ baseURL: BASE }), source(['queued', 'failed'])).result()).rejects.toBeInstanceOf(OperationFailedError)
  })

  it('times out with the last status, and aborts', async () => {
    const client = createClient({ baseURL: BASE })
    const error = await wait(client, source(['started'])).result({ timeout: 60 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).lastStatus).toBe('started')
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 30)
    await expect(wait(client, source(['started'])).result({ signal: controller.signal })).rejects.toBeInstanceOf(AbortError)
  })

  it('follows a 202 Location with Retry-After until it answers', async () => {
    let polls = 0
    server.use(
      http.post(`${BASE}/jobs`, () => new HttpResponse(null, { status: 202, headers: { location: `${BASE}/jobs/1`, 'retry-after': '0' } })),
      http.get(`${BASE}/jobs/1`, () => (++polls < 3 ? new HttpResponse(null, { status: 202, headers: { 'retry-after': '0' } }) : HttpResponse.json({ id: 1, ok: true }))),
    )
    const client = createClient({ baseURL: BASE })
    const res = await client.request<Response>({ method: 'POST', path: '/jobs', responseType: 'response' })
    await expect(wait(client, res).result({ timeout: 5_000 })).resolves.toEqual({ id: 1, ok: true })
    expect(polls).toBe(3)
  })
})

describe('mapConcurrent', () => {
  it('keeps order and the concurrency bound', async () => {
    let active = 0
    let peak = 0
    const out = await mapConcurrent([5, 1, 4, 2, 3, 0, 6], async (n) => {
      peak = Math.max(peak, ++active)
      await delay(n * 3)
      active--
      return n * 10
    }, { concurrency: 3 })
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60])
    expect(peak).toBe(3)
  })

  it('settle: every success and every failure, nothing lost', async () => {
    const progress: number[] = []
    const out = await mapConcurrent([1, 2, 3, 4], async (n) => {
      if (n % 2 === 0) throw new Error(`bad ${n}`)
      return n
    }, { concurrency: 2, settle: true, onProgress: (p) => progress.push(p.done) })
    expect(out.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected'])
    expect((out[1] as { reason: Error }).reason.message).toBe('bad 2')
    expect(progress).toEqual([1, 2, 3, 4])
  })

  it('without settle the first failure aborts the siblings', async () => {
    const aborted: number[] = []
    const error = (await mapConcurrent([1, 2, 3], async (n, _i, signal) => {
      if (n === 1) throw new Error('first')
      await new Promise((resolve) => { signal.addEventListener('abort', resolve); setTimeout(resolve, 500) })
      if (signal.aborted) aborted.push(n)
      return n
    }, { concurrency: 3 }).catch((e: unknown) => e)) as Error
    expect(error.message).toBe('first')
    expect(aborted.sort()).toEqual([2, 3])
  })

  it('refuses concurrency < 1 by rejecting, never by throwing', async () => {
    let pending: Promise<unknown> | undefined
    expect(() => (pending = mapConcurrent([1], async (n) => n, { concurrency: 0 }))).not.toThrow()
    await expect(pending).rejects.toThrow(TypeError)
    await expect(pending).rejects.toThrow(/concurrency/)
  })
})

describe('configFromEnv', () => {
  it('reads the explicit object and names a bad variable', () => {
    expect(configFromEnv({ ISOSDK_TIMEOUT: '500', ISOSDK_RETRY_LIMIT: '4', ISOSDK_CONCURRENCY: '8', OTHER: 'x' })).toEqual({ timeout: 500, retry: { limit: 4 }, concurrency: 8 })
    expect(configFromEnv({ ISOSDK_RETRY_LIMIT: '0' })).toEqual({ retry: false })
    expect(() => configFromEnv({ ISOSDK_TIMEOUT: 'soon' })).toThrow(/ISOSDK_TIMEOUT/)
  })
})

it('ValidationError lists every issue path', async () => {
  const { validateInput } = await import('../../src/index.js')
  const v = await import('valibot')
  const error = (() => { try { validateInput(v.object({ id: v.number(), tags: v.array(v.string()) }), { id: 'x', tags: [1] }, 'getPage') } catch (e) { return e } })()
  expect(error).toBeInstanceOf(ValidationError)
  expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['id', 'tags[0]'])
})

it('wait resolves a relative Location against the response URL, not under baseURL', async () => {
  let polled = ''
  server.use(
    http.post(`${BASE}/v1/exports`, () => new HttpResponse(null, { status: 202, headers: { location: '/v1/exports/7', 'retry-after': '0' } })),
    http.get(`${BASE}/v1/exports/7`, ({ request }) => ((polled = request.url), HttpResponse.json({ done: true }))),
  )
  const client = createClient({ baseURL: `${BASE}/v1` })
  const res = await client.request<Response>({ method: 'POST', path: '/exports', responseType: 'response' })
  await expect(wait(client, res).result({ timeout: 2_000 })).resolves.toEqual({ done: true })
  expect(polled).toBe(`${BASE}/v1/exports/7`)
})
