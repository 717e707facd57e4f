import { describe, expect, test } from 'vitest'
import { salesforceFake, type SalesforceFakeOptions } from '../../src/testing/salesforce/index.js'
import { useSalesforce } from './setup.js'
import { wire } from './wire.js'

const env = useSalesforce()

const INVOICE: SalesforceFakeOptions['objects'] = {
  Invoice__c: {
    fields: {
      Amount__c: { type: 'currency', required: true },
      Account__c: { type: 'reference', referenceTo: ['Account'] },
      Due__c: 'date',
      Number__c: { type: 'string', externalId: true, length: 20 },
    },
  },
}

type Errors = { errorCode: string; message: string; fields?: string[] }[]

describe('unknown objects and fields are refused with the real error codes', () => {
  test('a create with a made-up field is 400 INVALID_FIELD and stores nothing', async () => {
    const w = await wire(env)
    const created = await w.json<Errors>('POST', '/sobjects/Account', { Name: 'Acme', NoSuchField__c: 'x' })
    expect(created).toEqual({ status: 400, body: [{ errorCode: 'INVALID_FIELD', message: "No such column 'NoSuchField__c' on sobject of type Account" }] })
    expect((await w.query<{ totalSize: number }>('SELECT COUNT() FROM Account')).body.totalSize).toBe(0)
  })

  test('an undeclared custom object does not exist: 404 on REST, INVALID_TYPE in SOQL, refused by Bulk', async () => {
    const w = await wire(env)
    expect((await w.json<Errors>('POST', '/sobjects/Invoice__c', { Name: 'x' })).body[0]!.errorCode).toBe('NOT_FOUND')
    expect((await w.call('GET', '/sobjects/Invoice__c/describe')).status).toBe(404)
    const soql = await w.query<Errors>('SELECT Id FROM Invoice__c')
    expect(soql.status).toBe(400)
    expect(soql.body[0]).toMatchObject({ errorCode: 'INVALID_TYPE', message: expect.stringContaining("sObject type 'Invoice__c' is not supported") })
    const job = await w.json<Errors>('POST', '/jobs/ingest', { object: 'Invoice__c', operation: 'insert' })
    expect(job.status).toBe(400)
    const collection = await w.json<{ success: boolean; errors: { statusCode: string }[] }[]>('POST', '/composite/sobjects', { records: [{ attributes: { type: 'Invoice__c' }, Name: 'x' }] })
    expect(collection.body[0]).toMatchObject({ success: false, errors: [{ statusCode: 'INVALID_TYPE' }] })
    expect(() => w.fake.insert('Invoice__c', { Name: 'x' })).toThrow(/INVALID_TYPE/)
  })

  test('a declared custom object has the system fields, its own fields and their rules', async () => {
    const w = await wire(env, { objects: INVOICE })
    const account = w.fake.insert('Account', { Name: 'Acme' })
    const missing = await w.json<Errors>('POST', '/sobjects/Invoice__c', { Due__c: '2026-01-31' })
    expect(missing).toEqual({ status: 400, body: [{ errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Amount__c]', fields: ['Amount__c'] }] })
    const created = await w.json<{ id: string }>('POST', '/sobjects/invoice__c', { amount__c: 12.5, Account__c: account })
    expect(created.status).toBe(201)
    // Name defaults to the id; fields come back under their API names whatever case was sent.
    const row = await w.json<Record<string, unknown>>('GET', `/sobjects/Invoice__c/${created.body.id}`)
    expect(row.body).toMatchObject({ Id: created.body.id, Name: created.body.id, Amount__c: 12.5, Account__c: account, OwnerId: expect.stringMatching(/^005/), IsDeleted: false })
    const joined = await w.query<{ records: Record<string, unknown>[] }>('SELECT Amount__c, Account__r.Name FROM Invoice__c')
    expect(joined.body.records[0]).toMatchObject({ Amount__c: 12.5, Account__r: { attributes: { type: 'Account' }, Name: 'Acme' } })
    // A declared lookup gives the parent a child relationship (`Invoices__r`) for subqueries.
    const children = await w.query<{ records: Record<string, unknown>[] }>('SELECT Name, (SELECT Amount__c FROM Invoices__r) FROM Account')
    expect(children.body.records[0]).toMatchObject({ Name: 'Acme', Invoices__r: { totalSize: 1, done: true, records: [expect.objectContaining({ Amount__c: 12.5 })] } })
  })

  test('a declared standard object keeps its standard fields and gains the declared ones', async () => {
    const w = await wire(env, { objects: { Account: { fields: { Tier__c: 'picklist' } } } })
    expect((await w.json('POST', '/sobjects/Account', { Name: 'Acme', Industry: 'Energy', Tier__c: 'Gold' })).status).toBe(201)
    expect((await w.json('POST', '/sobjects/Contact', { LastName: 'Lee', Tier__c: 'Gold' })).status).toBe(400)
  })

  test('read-only fields and an Id on insert are refused', async () => {
    const w = await wire(env)
    const id = w.fake.insert('Account', { Name: 'Acme' })
    const stamped = await w.json<Errors>('PATCH', `/sobjects/Account/${id}`, { CreatedDate: '2020-01-01T00:00:00Z', Name: 'x' })
    expect(stamped.status).toBe(400)
    expect(stamped.body[0]).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['CreatedDate'] })
    expect((await w.json<Errors>('POST', '/sobjects/Contact', { LastName: 'Lee', Name: 'Full Name' })).body[0]!.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE')
    expect((await w.json<Errors>('POST', '/sobjects/Account', { Id: id, Name: 'x' })).body[0]!.errorCode).toBe('INVALID_FIELD')
    expect(w.fake.record(id)!.Name).toBe('Acme')
  })

  test('values of the wrong type, too long or malformed ids are refused', async () => {
    const w = await wire(env)
    const number = await w.json<Errors>('POST', '/sobjects/Account', { Name: 'Acme', NumberOfEmployees: 'many' })
    expect(number.body[0]).toMatchObject({ errorCode: 'JSON_PARSER_ERROR', message: expect.stringContaining('int') })
    const date = await w.json<Errors>('POST', '/sobjects/Opportunity', { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-02-30' })
    expect(date.body[0]!.errorCode).toBe('JSON_PARSER_ERROR')
    const long = await w.json<Errors>('POST', '/sobjects/Account', { Name: 'x'.repeat(256) })
    expect(long.body[0]).toMatchObject({ errorCode: 'STRING_TOO_LONG', fields: ['Name'] })
    const id = await w.json<Errors>('POST', '/sobjects/Contact', { LastName: 'Lee', AccountId: 'not-an-id' })
    expect(id.body[0]).toMatchObject({ errorCode: 'MALFORMED_ID', fields: ['AccountId'] })
    // Numbers as strings and datetimes in other offsets are read as Salesforce reads them.
    const ok = await w.json<{ id: string }>('POST', '/sobjects/Account', { Name: 'Acme', NumberOfEmployees: '12', AnnualRevenue: 1.5 })
    expect(w.fake.record(ok.body.id)).toMatchObject({ NumberOfEmployees: 12, AnnualRevenue: 1.5 })
  })

  test('reads: unknown fields in ?fields= and in a collection retrieve are INVALID_FIELD', async () => {
    const w = await wire(env)
    const id = w.fake.insert('Account', { Name: 'Acme' })
    expect((await w.json<Errors>('GET', `/sobjects/Account/${id}?fields=Name,Nope__c`)).body).toEqual([{ errorCode: 'INVALID_FIELD', message: "No such column 'Nope__c' on sobject of type Account" }])
    const retrieve = await w.json<Errors>('POST', '/composite/sobjects/Account', { ids: [id], fields: ['Name', 'Nope__c'] })
    expect(retrieve.status).toBe(400)
    expect(retrieve.body[0]!.errorCode).toBe('INVALID_FIELD')
  })

  test('collections: an unknown field fails the request, per-record rules fail only their record', async () => {
    const w = await wire(env)
    const unknown = await w.json<Errors>('POST', '/composite/sobjects', { records: [{ attributes: { type: 'Account' }, Name: 'a' }, { attributes: { type: 'Account' }, Name: 'b', Bogus__c: 1 }] })
    expect(unknown.status).toBe(400)
    expect(unknown.body[0]!.errorCode).toBe('INVALID_FIELD')
    const mixed = await w.json<{ success: boolean; errors: { statusCode: string; fields: string[] }[] }[]>('POST', '/composite/sobjects', {
      records: [{ attributes: { type: 'Account' }, Name: 'a' }, { attributes: { type: 'Account' }, Rating: 'Hot' }, { attributes: { type: 'Contact' }, LastName: 'x', IsDeleted: true }],
    })
    expect(mixed.body.map((r) => (r.success ? 'ok' : r.errors[0]!.statusCode))).toEqual(['ok', 'REQUIRED_FIELD_MISSING', 'INVALID_FIELD_FOR_INSERT_UPDATE'])
  })

  test('upsert needs an external id field', async () => {
    const w = await wire(env, { objects: INVOICE })
    const plain = await w.json<Errors>('PATCH', '/sobjects/Account/Name/Acme', { Rating: 'Hot' })
    expect(plain.body[0]!.errorCode).toBe('INVALID_FIELD')
    const first = await w.json<{ created: boolean }>('PATCH', '/sobjects/Invoice__c/Number__c/INV-1', { Amount__c: 5 })
    const second = await w.json<{ created: boolean }>('PATCH', '/sobjects/Invoice__c/Number__c/INV-1', { Amount__c: 6 })
    expect([first.status, first.body.created, second.status, second.body.created]).toEqual([201, true, 200, false])
  })

  test('Bulk ingest: an unknown column fails the job, a bad cell fails its row', async () => {
    const w = await wire(env)
    const poll = async (id: string) => {
      for (let i = 0; i < 10; i++) {
        const job = await w.json<{ state: string; errorMessage?: string }>('GET', `/jobs/ingest/${id}`)
        if (job.body.state === 'JobComplete' || job.body.state === 'Failed') return job.body
      }
      throw new Error('job did not finish')
    }
    const run = async (csv: string) => {
      const job = await w.json<{ id: string }>('POST', '/jobs/ingest', { object: 'Account', operation: 'insert' })
      await w.call('PUT', `/jobs/ingest/${job.body.id}/batches`, csv, { 'Content-Type': 'text/csv' })
      await w.call('PATCH', `/jobs/ingest/${job.body.id}`, { state: 'UploadComplete' })
      return { id: job.body.id, info: await poll(job.body.id) }
    }
    const unknown = await run('Name,Bogus__c\nA,1\n')
    expect(unknown.info).toMatchObject({ state: 'Failed', errorMessage: 'InvalidBatch : Field name not found : Bogus__c' })
    const typed = await run('Name,NumberOfEmployees\nA,12\nB,many\n')
    expect(typed.info.state).toBe('JobComplete')
    const failed = await (await w.call('GET', `/jobs/ingest/${typed.id}/failedResults`)).text()
    expect(failed).toContain('INVALID_TYPE_ON_FIELD_IN_RECORD')
    const stored = await w.query<{ records: { NumberOfEmployees: number }[] }>("SELECT NumberOfEmployees FROM Account WHERE Name = 'A'")
    expect(stored.body.records).toEqual([expect.objectContaining({ NumberOfEmployees: 12 })])
  })

  test('Bulk upsert: the external id field must be one', async () => {
    const w = await wire(env, { objects: INVOICE })
    expect((await w.json<Errors>('POST', '/jobs/ingest', { object: 'Account', operation: 'upsert', externalIdFieldName: 'Name' })).status).toBe(400)
    expect((await w.json<Errors>('POST', '/jobs/ingest', { object: 'Invoice__c', operation: 'upsert', externalIdFieldName: 'Number__c' })).status).toBe(200)
  })

  test('Bulk query: an unknown field is refused when the job is created; datetimes in Bulk form', async () => {
    const w = await wire(env, { bulkJobPolls: 1 })
    const job = await w.json<Errors>('POST', '/jobs/query', { operation: 'query', query: 'SELECT Id, Nope__c FROM Account' })
    expect(job.status).toBe(400)
    expect(job.body[0]!.errorCode).toBe('INVALID_FIELD')
    w.fake.insert('Account', { Name: 'Old', CreatedDate: '2020-01-02T03:04:05Z', NumberOfEmployees: 7 })
    const ok = await w.json<{ id: string }>('POST', '/jobs/query', { operation: 'query', query: 'SELECT Name, CreatedDate, NumberOfEmployees, Industry FROM Account' })
    expect((await w.json<{ state: string }>('GET', `/jobs/query/${ok.body.id}`)).body.state).toBe('JobComplete')
    expect(await (await w.call('GET', `/jobs/query/${ok.body.id}/results`)).text()).toBe('"Name","CreatedDate","NumberOfEmployees","Industry"\n"Old","2020-01-02T03:04:05.000Z","7",""\n')
  })

  test('seeding checks fields and types but may set read-only fields; options are checked', () => {
    const fake = salesforceFake({ objects: INVOICE })
    expect(() => fake.insert('Account', { Name: 'x', Bogus__c: 1 })).toThrow(/INVALID_FIELD: No such column 'Bogus__c'/)
    expect(() => fake.insert('Account', { Name: 'x', NumberOfEmployees: 'many' })).toThrow(/JSON_PARSER_ERROR/)
    const old = fake.insert('Account', { Name: 'x', CreatedDate: '2020-01-02T03:04:05Z' })
    expect(fake.record(old)!.CreatedDate).toBe('2020-01-02T03:04:05.000+0000')
    expect(fake.insert('Invoice__c', { Amount__c: 1 })).toMatch(/^a\w{17}$/)
    expect(() => salesforceFake({ objects: { 'Bad Name': {} } })).toThrow(TypeError)
    expect(() => salesforceFake({ objects: { Thing__c: { required: ['Missing__c'] } } })).toThrow(/no field 'Missing__c'/)
  })

  test('the logged-in user is a User record; users cannot be deleted', async () => {
    const w = await wire(env)
    const users = await w.query<{ records: { Id: string; Username: string }[] }>('SELECT Id, Username FROM User')
    expect(users.body.records).toEqual([expect.objectContaining({ Username: w.fake.username })])
    const removed = await w.json<Errors>('DELETE', `/sobjects/User/${users.body.records[0]!.Id}`)
    expect(removed.status).toBe(400)
    expect(removed.body[0]!.errorCode).toBe('INVALID_TYPE_FOR_OPERATION')
  })
})
