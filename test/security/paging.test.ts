// Finding 12 (loose ends): a paging cycle A, B, A, B… stops with a typed error at the first repeat
// (cursors and Salesforce nextRecordsUrl alike); serve() does not hand any web origin credentialed CORS.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { IsoSdkError, createClient, paginate } from '../../src/index.js'
import { query, salesforce } from '../../src/salesforce/index.js'
import { serve, wikijsFake } from '../../src/testing/index.js'
import { json, startServer, within, type TestServer } from './_servers.js'
import { sfRecord } from './_wire.js'

let api: TestServer
beforeAll(async () => {
  api = await startServer()
})
afterAll(() => api?.close())
beforeEach(() => api.reset())

describe('finding 12: paging cycles', () => {
  it('cursors A, B, A, B… stop with an IsoSdkError after the first repeat', async () => {
    const next: Record<string, string> = { '': 'A', A: 'B', B: 'A' }
    api.handle((req, res) => {
      const cursor = new URL(req.path, api.origin).searchParams.get('cursor') ?? ''
      json(res, 200, { items: [cursor || 'start'], next: next[cursor] })
    })
    await using client = createClient({ baseURL: api.origin, retry: false })
    const pages = paginate<string, string>(async (cursor, signal) => {
      const body = await client.request<{ items: string[]; next?: string }>({ path: '/items', query: { cursor }, signal })
      return { items: body.items, next: body.next }
    }, { maxPages: 50 })
    const error = await within(Promise.resolve(pages), 8_000).catch((e: unknown) => e)
    expect(api.requests.length).toBeLessThanOrEqual(4)
    expect(error).toBeInstanceOf(IsoSdkError)
  })

  it('a Salesforce nextRecordsUrl cycle stops with an IsoSdkError after the first repeat', async () => {
    const base = '/services/data/v63.0/query'
    const next: Record<string, string> = { [base]: `${base}/01g-A`, [`${base}/01g-A`]: `${base}/01g-B`, [`${base}/01g-B`]: `${base}/01g-A` }
    api.handle((req, res) => json(res, 200, { totalSize: 10, done: false, nextRecordsUrl: next[req.path.split('?')[0]!], records: [sfRecord('001000000000001AAA')] }))
    await using sf = salesforce({ instanceUrl: api.origin, accessToken: 'paging-access-TOKEN-1', apiVersion: '63.0', retry: false })
    let pages = 0
    let error: unknown
    try {
      // Bounded here: today the cycle would run to maxPages (100,000).
      for await (const _page of query(sf, 'SELECT Id FROM Account').pages()) if (++pages >= 20) break
    } catch (e) {
      error = e
    }
    expect(pages).toBeLessThanOrEqual(4)
    expect(error).toBeInstanceOf(IsoSdkError)
  })
})

describe('finding 12: serve() and web origins', () => {
  it('a page on another web origin gets no credentialed CORS answer', async () => {
    await using served = await serve(wikijsFake().handlers)
    const evil = 'https://evil.example'
    const preflight = await fetch(`${served.url}/graphql`, { method: 'OPTIONS', headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } })
    const simple = await fetch(`${served.url}/graphql`, { method: 'POST', headers: { origin: evil, 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ pages { list { id } } }' }) })
    await simple.body?.cancel()
    for (const response of [preflight, simple]) {
      const allowed = response.headers.get('access-control-allow-origin')
      const credentialed = response.headers.get('access-control-allow-credentials') === 'true'
      expect({ allowed, credentialed }).not.toEqual({ allowed: evil, credentialed: true })
      expect(allowed === '*' && credentialed).toBe(false)
    }
  })
})
