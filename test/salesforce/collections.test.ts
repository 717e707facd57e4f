import { http, HttpResponse } from 'msw'
import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { BadRequestError, ServerError, ValidationError, type Progress } from '../../src/index.js'
import { deleteRecords, fetchRecord, fetchRecords, insertRecords, sobject, updateRecords, upsertRecords } from '../../src/salesforce/index.js'
import { ORG, useSalesforce } from './setup.js'

const env = useSalesforce()
const Account = sobject('Account', { Name: v.string(), Rating: v.nullish(v.string()) })

const collectionCalls = (fake: { state: { traffic: { method: string; path: string; size?: number }[] } }, method: string) =>
  fake.state.traffic.filter((t) => t.method === method && /\/composite\/sobjects\/?$/.test(t.path))

const accounts = (n: number) => Array.from({ length: n }, (_, i) => ({ Name: `Account ${i}` }))

describe('insertRecords', () => {
  test('450 records with concurrency 3: 3 requests of ≤ 200, at most 3 in flight, 450 results in input order', async () => {
    const { fake, sf } = env.fresh({ latency: 30 })
    const records = accounts(450)
    const progress: Progress[] = []
    const results = await insertRecords(sf, Account, records, { concurrency: 3, onProgress: (p) => progress.push(p) })
    const calls = collectionCalls(fake, 'POST')
    expect(calls.map((c) => c.size).sort((a, b) => a! - b!)).toEqual([50, 200, 200])
    expect(fake.state.maxInFlight).toBeLessThanOrEqual(3)
    expect(fake.state.maxInFlight).toBeGreaterThan(1)
    expect(results).toHaveLength(450)
    results.forEach((result, i) => {
      expect(result).toMatchObject({ index: i, success: true, created: true, errors: [] })
      expect(fake.record(result.id!)!.Name).toBe(`Account ${i}`)
    })
    // One report per request, counting records.
    expect(progress).toHaveLength(3)
    expect(progress.at(-1)).toEqual({ done: 450, total: 450, failed: 0 })
    expect(progress[0]!.done).toBeLessThan(progress[1]!.done)
  })

  test('5 invalid records among 450: 445 successes and 5 failures reported with their index', async () => {
    const { fake, sf } = env.fresh()
    const bad = [3, 199, 200, 333, 449]
    const records = accounts(450).map((r, i) => (bad.includes(i) ? { Rating: 'Hot' } : r))
    const results = await insertRecords(sf, 'Account', records, { concurrency: 2 })
    const failures = results.filter((r) => !r.success)
    expect(results.filter((r) => r.success)).toHaveLength(445)
    expect(failures.map((f) => f.index)).toEqual(bad)
    for (const failure of failures) {
      expect(failure.id).toBeNull()
      expect(failure.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] })
    }
    expect(fake.state.records.get('Account')!.size).toBe(445)
  })

  test('session expiry mid-run: exactly one re-login, nothing lost', async () => {
    const { fake, sf } = env.fresh({ latency: 10 })
    let expired = false
    const results = await insertRecords(sf, 'Account', accounts(450), {
      concurrency: 3,
      batchSize: 50,
      onProgress: (p) => {
        if (!expired && p.done >= 100) {
          expired = true
          fake.expireCredentials()
        }
      },
    })
    expect(expired).toBe(true)
    expect(results.every((r) => r.success)).toBe(true)
    expect(fake.stats.logins).toBe(2)
    expect(fake.state.traffic.some((t) => t.status === 401)).toBe(true)
    expect(fake.state.records.get('Account')!.size).toBe(450)
  })

  test('a request that fails fails only its records; the others still succeed', async () => {
    const { fake, sf } = env.fresh()
    let calls = 0
    env.server.use(
      http.post('*/services/data/:v/composite/sobjects', () => {
        calls++
        return calls === 2 ? HttpResponse.json([{ errorCode: 'SERVER_UNAVAILABLE', message: 'try later' }], { status: 503 }) : undefined
      }),
    )
    const results = await insertRecords(sf, 'Account', accounts(600), { concurrency: 1 })
    expect(results.slice(0, 200).every((r) => r.success)).toBe(true)
    expect(results.slice(200, 400).every((r) => !r.success && r.error instanceof ServerError && r.errors[0]!.statusCode === 'SERVER_UNAVAILABLE')).toBe(true)
    expect(results.slice(400).every((r) => r.success)).toBe(true)
    // A POST is not idempotent: the failed batch was not retried.
    expect(calls).toBe(3)
    expect(fake.state.records.get('Account')!.size).toBe(400)
  })

  test('aborting mid-run keeps every success and reports the unsent records as aborted', async () => {
    const { fake, sf } = env.fresh({ latency: 5 })
    const controller = new AbortController()
    const results = await insertRecords(sf, 'Account', accounts(50), {
      batchSize: 10,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 20) controller.abort()
      },
    })
    expect(results).toHaveLength(50)
    expect(results.slice(0, 20).every((r) => r.success)).toBe(true)
    expect(results.slice(20).every((r) => !r.success && r.error?.name === 'AbortError' && r.errors[0]!.statusCode === 'AbortError')).toBe(true)
    expect(fake.state.records.get('Account')!.size).toBe(20)
  })

  test('allOrNone rolls back a batch with one invalid record, batch by batch', async () => {
    const { fake, sf } = env.fresh()
    const records = accounts(6).map((r, i) => (i === 4 ? {} : r))
    const results = await insertRecords(sf, 'Account', records, { batchSize: 3, allOrNone: true })
    expect(results.map((r) => r.success)).toEqual([true, true, true, false, false, false])
    expect(results[3]!.errors[0]!.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK')
    expect(results[4]!.errors[0]!.statusCode).toBe('REQUIRED_FIELD_MISSING')
    expect(fake.state.records.get('Account')!.size).toBe(3)
  })

  test('mixed object types are batched so no request has more than 10 type-chunks', async () => {
    const { fake, sf } = env.fresh()
    // 30 records alternating Account / Contact: 30 chunks → requests of ≤ 10 chunks.
    const records = Array.from({ length: 30 }, (_, i) => (i % 2 ? { attributes: { type: 'Contact' }, LastName: `C${i}` } : { Name: `A${i}` }))
    const results = await insertRecords(sf, 'Account', records)
    expect(results.every((r) => r.success)).toBe(true)
    expect(collectionCalls(fake, 'POST').map((c) => c.size)).toEqual([10, 10, 10])
    expect(fake.state.records.get('Contact')!.size).toBe(15)
  })

  test('bad input is refused before any request', async () => {
    const { fake, sf } = env.fresh()
    await expect(insertRecords(sf, 'Account', accounts(3), { batchSize: 201 })).rejects.toMatchObject({ issues: [{ path: 'options.batchSize' }] })
    await expect(insertRecords(sf, 'Account', [{ Name: 'a' }, { Id: '001000000000001AAA', Name: 'b' }])).rejects.toMatchObject({ issues: [{ path: 'records[1].Id' }] })
    await expect(insertRecords(sf, Account, [{ Name: 'a' }, { Name: 7 as unknown as string }])).rejects.toMatchObject({ issues: [{ path: 'records[1].Name' }] })
    await expect(insertRecords(sf, 'Account', 'nope' as never)).rejects.toBeInstanceOf(ValidationError)
    expect(fake.state.traffic).toHaveLength(0)
  })
})

describe('the fake enforces the collection limits', () => {
  test('201 records or 11 chunks are a 400', async () => {
    const { sf } = env.fresh()
    const path = '/services/data/v63.0/composite/sobjects'
    const tooMany = { allOrNone: false, records: accounts(201).map((r) => ({ attributes: { type: 'Account' }, ...r })) }
    await expect(sf.request({ method: 'POST', path, body: tooMany })).rejects.toMatchObject({ status: 400, body: [{ errorCode: 'EXCEEDED_ID_LIMIT' }] })
    const chunks = Array.from({ length: 11 }, (_, i) => (i % 2 ? { attributes: { type: 'Contact' }, LastName: 'x' } : { attributes: { type: 'Account' }, Name: 'y' }))
    await expect(sf.request({ method: 'POST', path, body: { records: chunks } })).rejects.toBeInstanceOf(BadRequestError)
  })
})

describe('updateRecords', () => {
  test('sends PATCH (not POST), always with the Id; onlyChanges skips unchanged records', async () => {
    const { fake, sf } = env.fresh()
    const ids = accounts(5).map((r) => fake.insert('Account', { ...r, Rating: 'Cold' }))
    const fetched = (await fetchRecords(sf, Account, ids)).map((r) => r!)
    fetched[1]!.Rating = 'Hot'
    fetched[3]!.Rating = 'Warm'
    const results = await updateRecords(sf, Account, fetched, { onlyChanges: true })
    expect(results.map((r) => [r.index, r.id, r.success])).toEqual(ids.map((id, i) => [i, id, true]))
    const patches = collectionCalls(fake, 'PATCH')
    expect(patches.map((c) => c.size)).toEqual([2])
    expect(collectionCalls(fake, 'POST')).toHaveLength(0)
    expect(ids.map((id) => fake.record(id)!.Rating)).toEqual(['Cold', 'Hot', 'Cold', 'Warm', 'Cold'])
  })

  test('a record without Id is refused before the wire; a deleted one fails alone', async () => {
    const { fake, sf } = env.fresh()
    await expect(updateRecords(sf, 'Account', [{ Name: 'x' } as never])).rejects.toMatchObject({ issues: [{ path: 'records[0].Id' }] })
    const [a, b] = [fake.insert('Account', { Name: 'a' }), fake.insert('Account', { Name: 'b' })]
    await deleteRecords(sf, [b])
    const results = await updateRecords(sf, 'Account', [{ Id: a, Name: 'a2' }, { Id: b, Name: 'b2' }])
    expect(results.map((r) => r.success)).toEqual([true, false])
    expect(results[1]).toMatchObject({ id: b, errors: [{ statusCode: 'ENTITY_IS_DELETED' }] })
  })
})

describe('upsertRecords and deleteRecords', () => {
  test('upsert reports created per record; delete reports each id', async () => {
    const { fake, sf } = env.fresh({ objects: ORG })
    fake.insert('Account', { Name: 'Existing', Ext__c: 'E1' })
    const results = await upsertRecords(sf, Account, 'Ext__c', [{ Ext__c: 'E1', Name: 'Changed' }, { Ext__c: 'E2', Name: 'New' }], { concurrency: 2 })
    expect(results.map((r) => [r.success, r.created])).toEqual([[true, false], [true, true]])
    expect(fake.state.traffic.at(-1)).toMatchObject({ method: 'PATCH', path: '/services/data/v63.0/composite/sobjects/Account/Ext__c' })
    await expect(upsertRecords(sf, 'Account', 'Ext__c', [{ Name: 'no key' }])).rejects.toMatchObject({ issues: [{ path: 'records[0].Ext__c' }] })

    const ids = results.map((r) => r.id!)
    const deleted = await deleteRecords(sf, [...ids, ids[0]!])
    expect(deleted.map((r) => [r.id, r.success])).toEqual([[ids[0], true], [ids[1], true], [ids[0], false]])
    expect(deleted[2]!.errors[0]!.statusCode).toBe('ENTITY_IS_DELETED')
    await expect(deleteRecords(sf, ['001000000000001AAA', 'bad id'])).rejects.toMatchObject({ issues: [{ path: 'ids[1]' }] })
  })
})

describe('fetchRecords', () => {
  test('chunks of ids with concurrency and onChunk; null for a missing id, in its place', async () => {
    const { fake, sf } = env.fresh({ latency: 10 })
    const ids = accounts(25).map((r) => fake.insert('Account', r))
    const missing = '001000000000000ZZZ'
    const asked = [...ids.slice(0, 12), missing, ...ids.slice(12)]
    const chunks: number[] = []
    const records = await fetchRecords(sf, Account, asked, { batchSize: 10, concurrency: 2, onChunk: (rows, chunk) => chunks.push(chunk.index, rows.length) })
    expect(records).toHaveLength(26)
    expect(records[12]).toBeNull()
    expect(records.filter((r) => r !== null).map((r) => r!.Name)).toEqual(accounts(25).map((r) => r.Name))
    expect(chunks.sort((a, b) => a - b)).toEqual([0, 1, 2, 6, 10, 10])
    const retrievals = fake.state.traffic.filter((t) => t.path === '/services/data/v63.0/composite/sobjects/Account')
    expect(retrievals.map((t) => t.size)).toEqual([10, 10, 6])
    expect(fake.state.maxInFlight).toBeLessThanOrEqual(2)
    // The client still works afterwards (sf_toolkit's fetch_list closed it).
    expect(sf.closed).toBe(false)
    expect((await fetchRecord(sf, Account, ids[0]!)).Name).toBe('Account 0')
  })

  test('a plain name needs the field list', async () => {
    const { sf } = env.fresh()
    await expect(fetchRecords(sf, 'Account', ['001000000000001AAA'])).rejects.toMatchObject({ issues: [{ path: 'options.fields' }] })
    const rows = await fetchRecords(sf, 'Account', ['001000000000001AAA'], { fields: ['Name'] })
    expect(rows).toEqual([null])
  })
})
