// Shared test wiring: a fresh Bloom Growth fake per test, served in process by msw, and a
// record of every request body the client sent (to check field names on the wire).
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { bloomy, type BloomyClient, type BloomyOptions } from '../../src/bloomy/index.js'
import { bloomyFake, type BloomyFake, type BloomyFakeOptions } from '../../src/testing/bloomy/index.js'

export const BASE = 'https://bloom.test/api/v1'

export interface Sent {
  method: string
  /** The full URL. */
  url: string
  /** Path after `/api/v1` (or `/Token`) with the query string. */
  path: string
  headers: Headers
  body: string
}

export interface BloomyContext {
  fake: BloomyFake
  client: BloomyClient
  server: ReturnType<typeof setupServer>
  sent: Sent[]
  /** A second client on the same fake, with other options. */
  clientWith(options: Partial<BloomyOptions>): BloomyClient
}

/** Registers the hooks; the returned object is refilled before each test. */
export function useBloomy(fakeOptions: BloomyFakeOptions = {}): BloomyContext {
  const server = setupServer()
  const clients: BloomyClient[] = []
  const ctx = { server, sent: [] as Sent[] } as unknown as BloomyContext
  const make = (options: Partial<BloomyOptions>) => {
    const c = bloomy({ apiKey: ctx.fake.apiKey, baseURL: BASE, retry: { baseDelay: 1, maxDelay: 100 }, ...options })
    clients.push(c)
    return c
  }
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url)
    const entry: Sent = {
      method: request.method,
      url: request.url,
      path: url.pathname.replace(/^\/api\/v1/, '') + url.search,
      headers: request.headers,
      body: '',
    }
    ctx.sent.push(entry)
    void request
      .clone()
      .text()
      .then((text) => {
        entry.body = text
      })
  })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(() => {
    ctx.fake = bloomyFake(fakeOptions)
    ctx.sent.length = 0
    server.resetHandlers(...ctx.fake.handlers)
    ctx.client = make({})
    ctx.clientWith = make
  })
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()))
  })
  afterAll(() => server.close())
  return ctx
}

/** JSON of the last request sent with this method and path prefix. */
export function lastBody(ctx: BloomyContext, method: string, pathPrefix: string): unknown {
  const hit = [...ctx.sent].reverse().find((s) => s.method === method && s.path.startsWith(pathPrefix))
  if (!hit) throw new Error(`no ${method} ${pathPrefix} was sent; sent: ${ctx.sent.map((s) => `${s.method} ${s.path}`).join(', ')}`)
  return hit.body ? JSON.parse(hit.body) : undefined
}

/** `METHOD /path?query` of every request sent, in order. */
export function calls(ctx: BloomyContext): string[] {
  return ctx.sent.map((s) => `${s.method} ${s.path}`)
}
