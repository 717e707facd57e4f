// Stock jsforce 3.10.16 (a client nobody here wrote) against the served Salesforce fake over a
// real loopback socket: if jsforce cannot do its everyday work against the fake, the fake is not
// Salesforce enough. Nothing under src/ imports jsforce; it is a dev dependency only.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Connection } from 'jsforce'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { salesforceFake, serve, type SalesforceFake, type ServedFake } from '../../src/testing/index.js'

const VERSION = '63.0'
const POLL = { pollInterval: 20, pollTimeout: 10_000 }

let fake: SalesforceFake
let server: ServedFake

beforeAll(async () => {
  fake = salesforceFake({ bulkJobPolls: 1, objects: { Account: { fields: { Ext__c: { type: 'string', externalId: true } } } } })
  server = await serve(fake.handlers)
})
afterAll(() => server.close())

async function soapLogin(): Promise<Connection> {
  const conn = new Connection({ loginUrl: server.url, version: VERSION })
  await conn.login(fake.username, fake.password + fake.securityToken)
  return conn
}

async function oauthLogin(): Promise<Connection> {
  const conn = new Connection({ oauth2: { loginUrl: server.url, clientId: fake.clientId, clientSecret: fake.clientSecret }, version: VERSION })
  await conn.login(fake.username, fake.password + fake.securityToken)
  return conn
}

/** The Salesforce error code jsforce puts on a rejected call. */
async function codeOf(call: PromiseLike<unknown>): Promise<string | undefined> {
  try {
    await call
    return undefined
  } catch (e) {
    const error = e as { errorCode?: string; name?: string }
    return error.errorCode ?? error.name
  }
}

describe('jsforce 3.10.16 against the served Salesforce fake', () => {
  test('SOAP login (SOAPAction ""), identity, logout ends the session', async () => {
    const conn = await soapLogin()
    expect(conn.instanceUrl).toBe(server.url)
    expect(conn.userInfo).toMatchObject({ id: '0055g0000000001AAA', organizationId: '00D000000000001AAA' })
    const me = await conn.identity()
    expect(me).toMatchObject({ user_id: '0055g0000000001AAA', organization_id: '00D000000000001AAA', username: fake.username })
    const token = conn.accessToken!
    await conn.logout()
    const stale = new Connection({ instanceUrl: server.url, accessToken: token, version: VERSION })
    expect(await codeOf(stale.query('SELECT Id FROM Account'))).toBe('INVALID_SESSION_ID')
  })

  test('OAuth password login, identity from the token answer, logout revokes', async () => {
    const conn = await oauthLogin()
    expect(conn.instanceUrl).toBe(server.url)
    expect((await conn.identity()).username).toBe(fake.username)
    const token = conn.accessToken!
    await conn.logout()
    const stale = new Connection({ instanceUrl: server.url, accessToken: token, version: VERSION })
    expect(await codeOf(stale.query('SELECT Id FROM Account'))).toBe('INVALID_SESSION_ID')
  })

  test('create, retrieve (with and without fields), update, destroy', async () => {
    const conn = await soapLogin()
    const accounts = conn.sobject('Account')
    const created = await accounts.create({ Name: 'jsforce Co', Industry: 'Energy' })
    expect(created).toMatchObject({ success: true, id: expect.stringMatching(/^001/) })
    const id = created.id!
    const narrow = await accounts.retrieve(id, { fields: ['Name'] })
    expect([Object.keys(narrow), narrow.Name]).toEqual([['attributes', 'Name'], 'jsforce Co'])
    const full = await accounts.retrieve(id)
    expect(full).toMatchObject({ Id: id, Name: 'jsforce Co', Industry: 'Energy', IsDeleted: false })
    // Several ids without fields: jsforce describes the object for the field list first.
    const other = (await accounts.create({ Name: 'Second' })).id!
    const many = await accounts.retrieve([id, other])
    expect(many.map((r) => r?.Name)).toEqual(['jsforce Co', 'Second'])
    expect(await accounts.update({ Id: id, Name: 'Renamed' })).toMatchObject({ success: true, id })
    expect(fake.record(id)!.Name).toBe('Renamed')
    expect(await accounts.destroy(id)).toMatchObject({ success: true, id })
    expect(fake.record(id)).toBeUndefined()
    expect(await codeOf(accounts.create({ Name: 'x', NoSuchField__c: 1 }))).toBe('INVALID_FIELD')
    expect(await codeOf(conn.sobject('Invoice__c').create({ Name: 'x' }))).toBe('NOT_FOUND')
  })

  test('multi-record create reports per-record errors in order', async () => {
    const conn = await soapLogin()
    const results = await conn.sobject('Account').create([{ Name: 'ok 1' }, { Rating: 'Hot' }, { Name: 'ok 2' }], { allOrNone: false })
    expect(results.map((r) => r.success)).toEqual([true, false, true])
    const failed = results[1]!
    expect(failed.success).toBe(false)
    if (!failed.success) expect(failed.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] })
  })

  test('query + queryMore, find with "*" (describe inside), autoFetch', async () => {
    const conn = await soapLogin()
    for (let i = 0; i < 2100; i++) fake.insert('Account', { Name: `Paged ${String(i).padStart(4, '0')}` })
    const first = await conn.query<{ Name: string }>("SELECT Id, Name FROM Account WHERE Name LIKE 'Paged%' ORDER BY Name")
    expect([first.totalSize, first.done, first.records.length]).toEqual([2100, false, 2000])
    const more = await conn.queryMore<{ Name: string }>(first.nextRecordsUrl!)
    expect([more.done, more.records.length, more.records.at(-1)!.Name]).toEqual([true, 100, 'Paged 2099'])
    const all = await conn.query("SELECT Id FROM Account WHERE Name LIKE 'Paged%'").run({ autoFetch: true, maxFetch: 5000 })
    expect(all.records).toHaveLength(2100)
    const found = await conn.sobject('Account').find({ Name: 'Paged 0007' }, '*')
    expect(found).toEqual([expect.objectContaining({ Name: 'Paged 0007', IsDeleted: false, BillingAddress: null })])
    expect(await codeOf(conn.query('SELECT Nope__c FROM Account'))).toBe('INVALID_FIELD')
    expect(await codeOf(conn.query('SELECT Id FROM Account GROUP BY ROLLUP(Name)'))).toBe('NOT_IMPLEMENTED_BY_FAKE')
  })

  test('upsert by external id, count(), include() child subqueries, search (SOSL)', async () => {
    const conn = await oauthLogin()
    const accounts = conn.sobject('Account')
    const first = await accounts.upsert({ Ext__c: 'J-1', Name: 'Upserted' }, 'Ext__c')
    const again = await accounts.upsert({ Ext__c: 'J-1', Name: 'Upserted twice' }, 'Ext__c')
    expect([first.success, again.success, fake.record(first.id!)?.Name]).toEqual([true, true, 'Upserted twice'])
    await conn.sobject('Contact').create([{ LastName: 'Child 1', AccountId: first.id }, { LastName: 'Child 2', AccountId: first.id }], { allOrNone: true })
    expect(await accounts.count({ Ext__c: 'J-1' })).toBe(1)
    const withChildren = await accounts.find({ Id: first.id }, ['Name']).include('Contacts').select('LastName').sort({ LastName: 'ASC' }).end()
    expect(withChildren).toEqual([expect.objectContaining({ Name: 'Upserted twice', Contacts: expect.objectContaining({ totalSize: 2, records: [expect.objectContaining({ LastName: 'Child 1' }), expect.objectContaining({ LastName: 'Child 2' })] }) })])
    const found = await conn.search('FIND {Upserted} IN NAME FIELDS RETURNING Account(Id, Name)')
    expect(found.searchRecords).toEqual([expect.objectContaining({ Id: first.id, Name: 'Upserted twice' })])
  })

  test('describe, describeGlobal, limits', async () => {
    const conn = await oauthLogin()
    const described = await conn.sobject('Contact').describe()
    expect(described.name).toBe('Contact')
    expect(described.fields.find((f) => f.name === 'LastName')).toMatchObject({ type: 'string', nillable: false, createable: true })
    const global = await conn.describeGlobal()
    expect(global.sobjects.map((o) => o.name)).toEqual(expect.arrayContaining(['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'User', 'Task']))
    const limits = await conn.limits()
    expect(limits.DailyApiRequests?.Max).toBe(15_000)
    expect(limits.DailyApiRequests?.Remaining).toBeLessThan(15_000)
  })

  test('Bulk 2.0: ingest with per-row failures, then query', async () => {
    const conn = await oauthLogin()
    const loaded = await conn.bulk2.loadAndWaitForResults({
      object: 'Account',
      operation: 'insert',
      input: [{ Name: 'Bulk A', NumberOfEmployees: 5 }, { Name: 'Bulk B', NumberOfEmployees: 'lots' }, { Industry: 'Media' }],
      ...POLL,
    })
    expect(loaded.successfulResults.map((r) => (r as Record<string, unknown>).Name)).toEqual(['Bulk A'])
    expect(loaded.failedResults.map((r) => String(r.sf__Error).split(':')[0])).toEqual(['INVALID_TYPE_ON_FIELD_IN_RECORD', 'REQUIRED_FIELD_MISSING'])
    const upserted = await conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'upsert', externalIdFieldName: 'Ext__c', input: 'Ext__c,Name\nE1,Bulk Upserted\n', ...POLL })
    expect(upserted.successfulResults).toEqual([expect.objectContaining({ sf__Created: 'true', Ext__c: 'E1' })])
    const rows: Record<string, unknown>[] = []
    for await (const row of await conn.bulk2.query("SELECT Id, Name, NumberOfEmployees FROM Account WHERE Name LIKE 'Bulk%' ORDER BY Name", POLL)) rows.push(row as Record<string, unknown>)
    expect(rows.map((r) => [r.Name, r.NumberOfEmployees])).toEqual([
      ['Bulk A', '5'],
      ['Bulk Upserted', ''],
    ])
    await expect(conn.bulk2.loadAndWaitForResults({ object: 'Account', operation: 'insert', input: 'Name,Bogus__c\nx,1\n', ...POLL })).rejects.toThrow(/Field name not found : Bogus__c/)
  })
})

test('jsforce stays a dev dependency: nothing under src/ imports it', () => {
  const src = join(import.meta.dirname, '..', '..', 'src')
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|js|mjs)$/.test(f))
  expect(files.length).toBeGreaterThan(50)
  expect(files.filter((f) => /from\s+['"]jsforce|require\(['"]jsforce/.test(readFileSync(join(src, f), 'utf8')))).toEqual([])
})
