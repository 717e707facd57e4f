// Guards for the request-path refactor (issue 16): Salesforce list calls retried after a 503 or a
// drop, and batch results in input order when later batches finish first. Real loopback server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fetchRecords, insertRecords, salesforce } from '../../src/salesforce/index.js'
import { drop, json, startServer, within, type TestServer } from '../security/_servers.js'
import { sfRecord } from '../security/_wire.js'

let api: TestServer
beforeAll(async () => {
  api = await startServer()
})
afterAll(() => api?.close())
beforeEach(() => api.reset())

const IDS = ['001000000000001AAA', '001000000000002AAA', '001000000000003AAA']
const client = () => salesforce({ instanceUrl: api.origin, accessToken: 'guards-access-TOKEN-1', apiVersion: '63.0', retry: { limit: 2, baseDelay: 1, maxDelay: 5 } })

describe('Salesforce list calls', () => {
  it.each([
    ['a 503', (res: Parameters<typeof drop>[0]) => json(res, 503, [{ errorCode: 'SERVER_UNAVAILABLE', message: 'try later' }])],
    ['a drop', (res: Parameters<typeof drop>[0]) => drop(res)],
  ] as const)('fetchRecords is retried after %s', async (_label, fault) => {
    let posts = 0
    api.handle((req, res) => {
      if (++posts === 1) return fault(res)
      const { ids } = JSON.parse(req.body) as { ids: string[] }
      json(res, 200, ids.map((id) => sfRecord(id)))
    })
    await using sf = client()
    const records = await within(fetchRecords(sf, 'Account', IDS, { fields: ['Id', 'Name'] }), 5_000)
    expect(records.map((r) => r?.Id)).toEqual(IDS)
    expect(api.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/composite/sobjects/Account'))).toHaveLength(2)
  })

  it('insertRecords keeps input order when later batches finish first', async () => {
    const finished: string[] = []
    api.handle((req, res) => {
      const { records } = JSON.parse(req.body) as { records: { Name: string }[] }
      const batch = Number(records[0]!.Name.split('-')[1]) / 2
      setTimeout(() => {
        finished.push(records[0]!.Name)
        json(res, 200, records.map((r) => ({ id: `001${r.Name.padStart(12, '0')}AAA`, success: true, errors: [] })))
      }, (5 - batch) * 40)
    })
    await using sf = client()
    const records = Array.from({ length: 10 }, (_, i) => ({ Name: `n-${i}` }))
    const results = await within(insertRecords(sf, 'Account', records, { batchSize: 2, concurrency: 5 }), 5_000)
    expect(finished[0]).not.toBe('n-0')
    expect(results.map((r) => r.index)).toEqual(records.map((_, i) => i))
    expect(results.map((r) => r.id)).toEqual(records.map((r) => `001${r.Name.padStart(12, '0')}AAA`))
    expect(results.every((r) => r.success && r.created)).toBe(true)
  })
})
