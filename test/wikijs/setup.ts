// Shared setup of the Wiki.js tests: one msw server for the file, a fresh seeded fake per test.
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import type { Client } from '../../src/index.js'
import { wikijsFake, type WikijsFake, type WikijsFakeOptions } from '../../src/testing/wikijs/index.js'
import { wikijs, type WikijsOptions } from '../../src/wikijs/index.js'

export const WIKI_URL = 'https://wiki.test'

export interface WikiContext {
  fake: WikijsFake
  wiki: Client<'wikijs'>
  server: ReturnType<typeof setupServer>
  /** A client of the same fake with other options (a bad key, no retries, …). */
  client(options?: Partial<WikijsOptions>): Client<'wikijs'>
}

/** Registers the hooks; the returned object is filled before each test. */
export function useWikiFake(options: WikijsFakeOptions = {}): WikiContext {
  const server = setupServer()
  const ctx = { server } as WikiContext
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  beforeEach(() => {
    ctx.fake = wikijsFake(options)
    server.resetHandlers(...ctx.fake.handlers)
    ctx.client = (extra = {}) => wikijs({ url: WIKI_URL, apiKey: ctx.fake.state.apiKey, retry: { baseDelay: 1 }, ...extra })
    ctx.wiki = ctx.client()
  })
  afterEach(async () => {
    await ctx.wiki.close()
  })
  afterAll(() => server.close())
  return ctx
}

/** POSTs a raw GraphQL body to the fake, the way any HTTP client would. */
export async function post(body: unknown, key?: string): Promise<{ status: number; json: any }> {
  const response = await fetch(`${WIKI_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key !== undefined && { authorization: `Bearer ${key}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: response.status, json: await response.json() }
}
