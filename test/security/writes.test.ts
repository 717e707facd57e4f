// Finding 9: no duplicate writes. A Wiki.js mutation hidden from a regex by a comment holding `"""`
// is still a mutation (sent once under drop, hang or 503); Salesforce records whose batch was lost
// after it was sent are not reported as plain failures a caller would retry (and duplicate).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { IsoSdkError } from '../../src/index.js'
import { graphql, wikijs } from '../../src/wikijs/index.js'
import { insertRecords, salesforce } from '../../src/salesforce/index.js'
import { drop, hang, json, startServer, within, type TestServer } from './_servers.js'

let api: TestServer
beforeAll(async () => {
  api = await startServer()
})
afterAll(() => api?.close())
beforeEach(() => api.reset())

// The first `"""` opens what a regex takes for a block string, the second closes it: the mutation between them vanishes.
const MUTATION = '# """\nmutation Delete { pages { delete(id: 7) { responseResult { succeeded } } } }\n# """'

describe('finding 9: duplicate writes', () => {
  it.each([
    ['a drop', (res: Parameters<typeof drop>[0]) => drop(res)],
    ['a hang', () => hang()],
    ['a 503', (res: Parameters<typeof drop>[0]) => json(res, 503, { errors: [{ message: 'unavailable' }] })],
  ] as const)('a graphql() mutation with a trailing """ comment is sent once after %s', async (_label, fault) => {
    let posts = 0
    api.handle((req, res) => (++posts === 1 ? fault(res) : json(res, 200, { data: { pages: { delete: { responseResult: { succeeded: true } } } } })))
    await using wiki = wikijs({ url: api.origin, apiKey: 'wiki-writes-KEY-1234', retry: { limit: 2, baseDelay: 1, maxDelay: 5 }, timeout: 400 })
    const error = await within(graphql(wiki, MUTATION), 8_000).catch((e: unknown) => e)
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
    expect(error).toBeInstanceOf(IsoSdkError)
  })

  it('insertRecords: records of a batch lost after it was sent are not plain `created: false` failures', async () => {
    api.handle((req, res) => {
      const body = JSON.parse(req.body || '{}') as { records?: { Name: string }[] }
      const records = body.records ?? []
      // The request arrived whole; the answer is lost.
      if (records.some((r) => r.Name.startsWith('lost'))) return drop(res)
      json(res, 200, records.map((_, i) => ({ id: `001000000000${String(100 + i)}AAA`, success: true, errors: [] })))
    })
    await using sf = salesforce({ instanceUrl: api.origin, accessToken: 'writes-access-TOKEN-1', apiVersion: '63.0', retry: { limit: 2, baseDelay: 1 } })
    const results = await within(insertRecords(sf, 'Account', [{ Name: 'ok-0' }, { Name: 'ok-1' }, { Name: 'lost-0' }, { Name: 'lost-1' }], { batchSize: 2, concurrency: 1 }), 8_000)
    // The lost batch was not sent again (a POST that may have been applied).
    expect(api.requests.filter((r) => r.method === 'POST')).toHaveLength(2)
    expect(results.slice(0, 2).map((r) => [r.success, r.created])).toEqual([
      [true, true],
      [true, true],
    ])
    const plain = new Set(['index', 'id', 'success', 'errors', 'created', 'error'])
    for (const r of results.slice(2)) {
      expect(r.success).toBe(false)
      const isPlainFailure = r.created === false && Object.keys(r).every((k) => plain.has(k))
      expect(isPlainFailure, `record ${r.index} is reported as a plain failure: ${JSON.stringify({ ...r, error: r.error?.name })}`).toBe(false)
    }
  })
})
