import { describe, expect, test } from 'vitest'
import { BadRequestError, OperationFailedError, TimeoutError, ValidationError } from '../../src/index.js'
import { bulkIngest, bulkQuery, formatCsv, parseCsv, parseCsvRecords, type IngestJobInfo } from '../../src/salesforce/index.js'
import { ORG, useSalesforce } from './setup.js'

const env = useSalesforce()
const fast = { interval: 1 }

describe('bulkIngest', () => {
  test('10,000 records with one failed row: create, one upload, close, poll, parsed results', async () => {
    const { fake, sf } = env.fresh({ objects: ORG })
    const records = Array.from({ length: 10_000 }, (_, i) => ({ Name: i === 4321 ? null : `Bulk, "${i}"`, Rank__c: i, Note__c: i % 1000 === 0 ? 'line\nbreak' : undefined }))
    const states: string[] = []
    const result = await bulkIngest(sf, { object: 'Account', operation: 'insert', records }, { ...fast, onProgress: (job) => states.push(job.state) })
    expect(result.job).toMatchObject({ state: 'JobComplete', object: 'Account', operation: 'insert', numberRecordsProcessed: 10_000, numberRecordsFailed: 1 })
    expect(result.jobs).toHaveLength(1)
    expect(states).toEqual(['InProgress', 'InProgress', 'JobComplete'])
    expect(result.successful).toHaveLength(9_999)
    expect(result.failed).toEqual([{ id: null, error: expect.stringContaining('REQUIRED_FIELD_MISSING'), record: { Name: '#N/A', Rank__c: '4321', Note__c: '' } }])
    expect(result.unprocessed).toEqual([])
    const sample = result.successful.find((s) => s.record.Rank__c === '1000')!
    expect(sample).toMatchObject({ created: true, record: { Name: 'Bulk, "1000"', Note__c: 'line\nbreak' } })
    expect(fake.record(sample.id)).toMatchObject({ Name: 'Bulk, "1000"', Note__c: 'line\nbreak' })
    expect(fake.state.records.get('Account')!.size).toBe(9_999)
    const calls = fake.state.traffic.filter((t) => t.path.includes('/jobs/ingest')).map((t) => `${t.method} ${t.path.replace(/750\w+/, 'J')}`)
    expect(calls).toEqual([
      'POST /services/data/v63.0/jobs/ingest',
      'PUT /services/data/v63.0/jobs/ingest/J/batches',
      'PATCH /services/data/v63.0/jobs/ingest/J',
      'GET /services/data/v63.0/jobs/ingest/J',
      'GET /services/data/v63.0/jobs/ingest/J',
      'GET /services/data/v63.0/jobs/ingest/J',
      'GET /services/data/v63.0/jobs/ingest/J/successfulResults/',
      'GET /services/data/v63.0/jobs/ingest/J/failedResults/',
      'GET /services/data/v63.0/jobs/ingest/J/unprocessedrecords/',
    ])
  })

  test('data over the size limit is split over several jobs, one upload each', async () => {
    const { fake, sf } = env.fresh()
    const records = Array.from({ length: 300 }, (_, i) => ({ Name: `Account number ${i}` }))
    const result = await bulkIngest(sf, { object: 'Account', operation: 'insert', records }, { ...fast, maxBytesPerJob: 4_000 })
    expect(result.jobs.length).toBeGreaterThan(1)
    expect(result.successful).toHaveLength(300)
    const puts = fake.state.traffic.filter((t) => t.method === 'PUT')
    expect(puts).toHaveLength(result.jobs.length)
    expect(puts.reduce((n, t) => n + t.size!, 0)).toBe(300)
    expect(new Set(result.jobs.map((j) => j.id)).size).toBe(result.jobs.length)
  })

  test('upsert, update and delete jobs; CSV input as is', async () => {
    const { fake, sf } = env.fresh({ objects: ORG })
    const existing = fake.insert('Account', { Name: 'Old', Ext__c: 'K1' })
    const upserted = await bulkIngest(sf, { object: 'Account', operation: 'upsert', externalIdFieldName: 'Ext__c', csv: 'Ext__c,Name\nK1,Renamed\nK2,Brand new\n' }, fast)
    expect(upserted.successful.map((s) => [s.record.Ext__c, s.created])).toEqual([['K1', false], ['K2', true]])
    expect(fake.record(existing)!.Name).toBe('Renamed')
    const created = upserted.successful[1]!.id
    await bulkIngest(sf, { object: 'Account', operation: 'update', records: [{ Id: created, Rating: 'Hot' }] }, fast)
    expect(fake.record(created)!.Rating).toBe('Hot')
    const removed = await bulkIngest(sf, { object: 'Account', operation: 'delete', records: [{ Id: existing }, { Id: created }] }, fast)
    expect(removed.successful).toHaveLength(2)
    expect(fake.state.records.get('Account')!.size).toBe(0)
  })

  test('a Failed job throws OperationFailedError carrying the job', async () => {
    const { sf } = env.fresh()
    const error = await bulkIngest(sf, { object: 'Account', operation: 'insert', csv: 'Name,Rating\nA,Hot\nB\n' }, fast).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OperationFailedError)
    const job = (error as OperationFailedError).operation as IngestJobInfo
    expect(job.state).toBe('Failed')
    expect(job.errorMessage).toContain('InvalidBatch')
    expect((error as Error).message).toContain(job.id)
    expect((error as OperationFailedError).details).toMatchObject({ unprocessed: [{ Name: 'A', Rating: 'Hot' }, { Name: 'B' }] })
  })

  test('an Aborted job throws OperationFailedError too', async () => {
    const { fake, sf } = env.fresh({ bulkJobPolls: 10 })
    const error = await bulkIngest(
      sf,
      { object: 'Account', operation: 'insert', records: [{ Name: 'x' }] },
      { ...fast, onProgress: (job) => void (fake.state.ingestJobs.get(job.id)!.state = 'Aborted') },
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OperationFailedError)
    expect(((error as OperationFailedError).operation as IngestJobInfo).state).toBe('Aborted')
  })

  test('a job that outlives the timeout is a TimeoutError naming it; a cancelled one is aborted on Salesforce', async () => {
    const { fake, sf } = env.fresh({ bulkJobPolls: 1_000_000 })
    const error = await bulkIngest(sf, { object: 'Account', operation: 'insert', records: [{ Name: 'x' }] }, { interval: 5, timeout: 60 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as Error).message).toMatch(/job 750\w+ did not finish/)

    const controller = new AbortController()
    const cancelled = bulkIngest(sf, { object: 'Account', operation: 'insert', records: [{ Name: 'y' }] }, { interval: 5, signal: controller.signal, onProgress: () => controller.abort() })
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' })
    expect([...fake.state.ingestJobs.values()].at(-1)!.state).toBe('Aborted')
  })

  test('bad input is refused before any request', async () => {
    const { fake, sf } = env.fresh()
    await expect(bulkIngest(sf, { object: 'Account', operation: 'upsert', records: [] })).rejects.toMatchObject({ issues: [{ path: 'params.externalIdFieldName' }] })
    await expect(bulkIngest(sf, { object: 'Account', operation: 'merge' as never, records: [] })).rejects.toMatchObject({ issues: [{ path: 'params.operation' }] })
    await expect(bulkIngest(sf, { object: 'Account', operation: 'insert' })).rejects.toMatchObject({ issues: [{ path: 'params.records' }] })
    await expect(bulkIngest(sf, { object: 'Account', operation: 'update', records: [{ Name: 'no id' }] })).rejects.toMatchObject({ issues: [{ path: 'records[0].Id' }] })
    await expect(bulkIngest(sf, { object: 'Account', operation: 'insert', records: [{ Name: { nested: true } }] })).rejects.toBeInstanceOf(ValidationError)
    expect(fake.state.traffic).toHaveLength(0)
  })
})

describe('the fake follows Salesforce: one upload per job', () => {
  test('a second PUT makes closing the job fail (what a split into one job would hit)', async () => {
    const { sf } = env.fresh()
    const base = '/services/data/v63.0/jobs/ingest'
    const job = await sf.request<{ id: string }>({ method: 'POST', path: base, body: { object: 'Account', operation: 'insert' } })
    for (const csv of ['Name\na\n', 'Name\nb\n']) await sf.request({ method: 'PUT', path: `${base}/${job.id}/batches`, body: csv, headers: { 'Content-Type': 'text/csv' }, responseType: 'text' })
    const error = await sf.request({ method: 'PATCH', path: `${base}/${job.id}`, body: { state: 'UploadComplete' } }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as Error).message).toContain('BULK_API_ERROR')
  })
})

describe('bulkQuery', () => {
  test('waits for the job, then pages the CSV results following Sforce-Locator', async () => {
    const { fake, sf } = env.fresh({ objects: ORG })
    for (let i = 0; i < 2500; i++) fake.insert('Account', { Name: `Q${i}`, Rank__c: i })
    const owner = fake.insert('Account', { Name: 'Parent' })
    fake.insert('Contact', { LastName: 'Child', AccountId: owner })
    const states: string[] = []
    const pages: number[] = []
    for await (const page of bulkQuery(sf, 'SELECT Id, Name, Rank__c FROM Account WHERE Rank__c < 2500', { ...fast, maxRecords: 1000, onProgress: (job) => states.push(job.state) }).pages()) pages.push(page.length)
    expect(pages).toEqual([1000, 1000, 500])
    expect(states).toEqual(['InProgress', 'InProgress', 'JobComplete'])
    const locators = fake.state.traffic.filter((t) => t.path.endsWith('/results'))
    expect(locators).toHaveLength(3)

    const rows = await bulkQuery(sf, 'SELECT Id, Name, Rank__c FROM Account WHERE Rank__c = 7', fast)
    expect(rows).toEqual([{ Id: expect.stringMatching(/^001/), Name: 'Q7', Rank__c: '7' }])
    const contacts = await bulkQuery(sf, 'SELECT LastName, Account.Name FROM Contact', fast)
    expect(contacts).toEqual([{ LastName: 'Child', 'Account.Name': 'Parent' }])
  })

  test('a query that fails on Salesforce rejects with OperationFailedError; nothing runs before iteration', async () => {
    const { fake, sf } = env.fresh()
    const lazy = bulkQuery(sf, 'SELECT COUNT() FROM Account', fast)
    expect(fake.state.traffic).toHaveLength(0)
    await expect(lazy).rejects.toBeInstanceOf(OperationFailedError)
    const before = fake.state.traffic.length
    const bad = () => bulkQuery(sf, 'SELECT Id FROM Account', { maxRecords: 0 })
    expect(bad).not.toThrow()
    await expect(bad()).rejects.toThrow(ValidationError)
    expect(fake.state.traffic).toHaveLength(before)
  })
})

describe('CSV', () => {
  test('round-trips quotes, commas and line breaks', () => {
    const rows = [['Id', 'Name'], ['1', 'a "quoted", name'], ['2', 'two\nlines'], ['3', ' padded ']]
    const text = formatCsv(rows)
    expect(parseCsv(text)).toEqual(rows)
    expect(parseCsv(text.replace(/\n/g, '\r\n')).slice(0, 2)).toEqual(rows.slice(0, 2))
    expect(parseCsvRecords('"sf__Id","sf__Created","Name"\n"001","true","A"\n')).toEqual([{ sf__Id: '001', sf__Created: 'true', Name: 'A' }])
  })
})
