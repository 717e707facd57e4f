// Finding 6: bounded bodies. `maxResponseBytes` (client and call; default 64 MiB) ends an endless
// body with a typed error while memory stays flat; error bodies are read to at most 64 KiB.
import type { ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { IsoSdkError, ResponseTooLargeError, createClient, type ClientOptions, type RequestOp } from '../../src/index.js'
import { undiciTransport } from '../../src/node/index.js'
import { startServer, within, type TestServer } from './_servers.js'

const MiB = 1024 * 1024
const BOMB = gzipSync(Buffer.alloc(8 * MiB))
let api: TestServer
/** Bytes each streaming answer wrote before the client stopped reading (or it ended). */
const written = new Map<string, number>()

/** Streams `max` bytes (respecting backpressure) unless the client goes away first. */
async function stream(res: ServerResponse, status: number, max: number, key: string): Promise<void> {
  res.writeHead(status, { 'content-type': status >= 400 ? 'text/plain' : 'application/octet-stream' })
  const chunk = Buffer.alloc(64 * 1024, 'a')
  let closed = false
  let wake: (() => void) | undefined
  res.on('close', () => {
    closed = true
    wake?.()
  })
  res.on('drain', () => wake?.())
  let sent = 0
  while (sent < max && !closed) {
    const more = res.write(chunk)
    sent += chunk.length
    written.set(key, sent)
    if (!more) await new Promise<void>((resolve) => (wake = resolve))
    wake = undefined
  }
  if (!closed) res.end()
}

beforeAll(async () => {
  api = await startServer({
    handler: (req, res) => {
      const [path, search = ''] = req.path.split('?')
      const key = new URLSearchParams(search).get('k') ?? path!
      const max = Number(new URLSearchParams(search).get('mb') ?? '200') * MiB
      if (path === '/endless-200') return stream(res, 200, max, key)
      if (path === '/endless-500') return stream(res, 500, max, key)
      // 8 MiB of zeros in ~8 KB of gzip: a small declared length that decodes far past it.
      if (path === '/gzip-bomb') return void res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip', 'content-length': String(BOMB.length) }).end(BOMB)
      if (path === '/declared') {
        const body = Buffer.alloc(Number(new URLSearchParams(search).get('bytes')), 'b')
        return void res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(body.length) }).end(body)
      }
      res.writeHead(404).end()
    },
  })
})
afterAll(() => api?.close())
beforeEach(() => api.reset())

/** Options the lead adds (`maxResponseBytes`), passed untyped so this file compiles before they exist. */
function withLimit<T extends object>(options: T, maxResponseBytes: number): T {
  return { ...options, maxResponseBytes } as T
}

function expectTooLarge(error: unknown, limit: number): void {
  expect(error).toBeInstanceOf(IsoSdkError)
  expect((error as Error).name).toBe('ResponseTooLargeError')
  expect(error).toBeInstanceOf(ResponseTooLargeError)
  expect((error as { limit?: unknown }).limit).toBe(limit)
}

const settle = (p: Promise<unknown>) => within(p, 15_000).then(() => undefined, (error: unknown) => error)

describe('finding 6: bounded bodies', () => {
  it('an endless 200 body ends with ResponseTooLargeError (client maxResponseBytes 1 MiB), rss grows < 100 MB', async () => {
    globalThis.gc?.()
    const before = process.memoryUsage().rss
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20)
    try {
      const client = createClient(withLimit<ClientOptions>({ baseURL: api.origin, retry: false, timeout: 10_000 }, MiB))
      const started = Date.now()
      const error = await settle(client.request({ path: '/endless-200', query: { k: 'rss' } }))
      expect(Date.now() - started).toBeLessThan(10_000)
      expectTooLarge(error, MiB)
    } finally {
      clearInterval(sampler)
    }
    peak = Math.max(peak, process.memoryUsage().rss)
    expect((peak - before) / MiB).toBeLessThan(100)
    expect(written.get('rss') ?? 0).toBeLessThan(64 * MiB)
  })

  it('a per-call maxResponseBytes ends an endless 200 body with ResponseTooLargeError', async () => {
    const client = createClient({ baseURL: api.origin, retry: false, timeout: 10_000 })
    const op = withLimit<RequestOp>({ path: '/endless-200', query: { k: 'call', mb: 32 } }, 256 * 1024)
    expectTooLarge(await settle(client.request(op)), 256 * 1024)
    expect(written.get('call') ?? 0).toBeLessThan(32 * MiB)
  })

  it('an endless 500 body ends with a typed error, bounded in time and bytes', async () => {
    const client = createClient(withLimit<ClientOptions>({ baseURL: api.origin, retry: false, timeout: 10_000 }, MiB))
    const started = Date.now()
    const error = await settle(client.request({ path: '/endless-500', query: { k: 'e500' } }))
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(error).toBeInstanceOf(IsoSdkError)
    expect(written.get('e500') ?? 0).toBeLessThan(64 * MiB)
  })

  it('an error body is read to at most 64 KiB: the server writes far less than the 48 MB it offers', async () => {
    const client = createClient({ baseURL: api.origin, retry: false, timeout: 10_000 })
    const error = await settle(client.request({ path: '/endless-500', query: { k: 'errbody', mb: 48 } }))
    expect(error).toBeInstanceOf(IsoSdkError)
    await new Promise((resolve) => setTimeout(resolve, 300))
    const bytes = written.get('errbody') ?? 0
    // Loopback socket buffers hold a few MB; reading the whole body would be 48 MB.
    expect(bytes / MiB).toBeLessThan(16)
    const body = (error as { body?: unknown }).body
    expect(typeof body === 'string' ? body.length : 0).toBeLessThanOrEqual(64 * 1024)
  })

  // A declared length is read whole (framing bounds it) only without a content coding and within the limit.
  for (const [transport, fetch] of [['global fetch', undefined], ['undiciTransport', undiciTransport()]] as const) {
    it(`${transport}: a gzip body of 8 KB declared that decodes to 8 MiB ends with ResponseTooLargeError at 1 MiB`, async () => {
      const client = createClient(withLimit<ClientOptions>({ baseURL: api.origin, retry: false, timeout: 10_000, ...(fetch && { fetch }) }, MiB))
      expectTooLarge(await settle(client.request({ path: '/gzip-bomb', responseType: 'blob' })), MiB)
    })

    it(`${transport}: a declared length past the limit is refused; one within it is read whole`, async () => {
      const client = createClient(withLimit<ClientOptions>({ baseURL: api.origin, retry: false, timeout: 10_000, ...(fetch && { fetch }) }, 1000))
      expectTooLarge(await settle(client.request({ path: '/declared', query: { bytes: 1001 }, responseType: 'text' })), 1000)
      expect(await client.request({ path: '/declared', query: { bytes: 1000 }, responseType: 'text' })).toBe('b'.repeat(1000))
    })
  }
})
