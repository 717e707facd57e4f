import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { BadRequestError, ValidationError } from '../../src/index.js'
import { deleteRecords, escapeSoql, query, queryAll, salesforceErrorCode, soql, soqlField, soqlLike, soqlLiteral, type SObjectRecord } from '../../src/salesforce/index.js'
import { ORG, useSalesforce } from './setup.js'

const env = useSalesforce()

describe('query', () => {
  test('follows nextRecordsUrl: await gives every record, for await streams, pages() and onProgress', async () => {
    const { fake, sf } = env.fresh({ objects: ORG })
    for (let i = 0; i < 4500; i++) fake.insert('Account', { Name: `A${String(i).padStart(4, '0')}`, Rank__c: i })
    const progress: { pages: number; items: number }[] = []
    const all = await query(sf, 'SELECT Id, Name FROM Account ORDER BY Name', { onProgress: (p) => progress.push(p) })
    expect(all).toHaveLength(4500)
    expect(all[4499]).toMatchObject({ Name: 'A4499', attributes: { type: 'Account' } })
    expect(progress).toEqual([{ pages: 1, items: 2000 }, { pages: 2, items: 4000 }, { pages: 3, items: 4500 }])
    const pages = fake.state.traffic.filter((t) => t.path.includes('/query'))
    expect(pages.map((t) => t.path.replace(/01g\w+/, 'L'))).toEqual(['/services/data/v63.0/query', '/services/data/v63.0/query/L-2000', '/services/data/v63.0/query/L-4000'])

    let streamed = 0
    for await (const row of query(sf, 'SELECT Id FROM Account WHERE Rank__c < 2500')) {
      expect(row.Id).toMatch(/^001/)
      streamed++
    }
    expect(streamed).toBe(2500)
    const sizes: number[] = []
    for await (const page of query(sf, 'SELECT Id FROM Account', { batchSize: 1000 }).pages()) sizes.push(page.length)
    expect(sizes).toEqual([1000, 1000, 1000, 1000, 500])
  })

  test('the fake serves any offset of a locator (sf_toolkit computes them)', async () => {
    const { fake, sf } = env.fresh({ queryBatchSize: 200, objects: ORG })
    for (let i = 0; i < 450; i++) fake.insert('Account', { Name: `A${i}`, Rank__c: i })
    const first = await sf.request<{ nextRecordsUrl: string; totalSize: number }>({ path: '/services/data/v63.0/query', query: { q: 'SELECT Rank__c FROM Account' } })
    expect(first.totalSize).toBe(450)
    const root = first.nextRecordsUrl.slice(0, first.nextRecordsUrl.lastIndexOf('-'))
    const page = await sf.request<{ records: { Rank__c: number }[]; done: boolean }>({ path: `${root}-400` })
    expect(page.records.map((r) => r.Rank__c)).toEqual(Array.from({ length: 50 }, (_, i) => 400 + i))
    expect(page.done).toBe(true)
  })

  test('queryAll also returns deleted records', async () => {
    const { fake, sf } = env.fresh()
    const ids = ['x', 'y', 'z'].map((Name) => fake.insert('Account', { Name }))
    await deleteRecords(sf, [ids[1]!])
    expect((await query(sf, 'SELECT Id, Name FROM Account')).map((r) => r.Name)).toEqual(['x', 'z'])
    expect((await queryAll(sf, 'SELECT Name, IsDeleted FROM Account')).map((r) => [r.Name, r.IsDeleted])).toEqual([['x', false], ['z', false], ['y', true]])
  })

  test('a schema validates and types each record', async () => {
    const { fake, sf } = env.fresh()
    fake.insert('Account', { Name: 'Acme', NumberOfEmployees: 10 })
    const rows = await query(sf, 'SELECT Name, NumberOfEmployees FROM Account', { schema: v.looseObject({ Name: v.string(), NumberOfEmployees: v.number() }) })
    const employees: number = rows[0]!.NumberOfEmployees
    expect(employees).toBe(10)
    await expect(query(sf, 'SELECT Name FROM Account', { schema: v.object({ Missing: v.string() }) })).rejects.toBeInstanceOf(ValidationError)
  })

  test('a malformed query is a BadRequestError MALFORMED_QUERY; bad options never reach the wire', async () => {
    const { fake, sf } = env.fresh()
    const error = await query(sf, 'SELECT FROM Account').then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect(salesforceErrorCode(error)).toBe('MALFORMED_QUERY')
    const before = fake.state.traffic.length
    expect(() => query(sf, '')).not.toThrow()
    await expect(query(sf, '')).rejects.toThrow(ValidationError)
    await expect(query(sf, 'SELECT Id FROM Account', { batchSize: 50 })[Symbol.asyncIterator]().next()).rejects.toThrow(/options.batchSize/)
    expect(fake.state.traffic.length).toBe(before)
  })
})

describe('SOQL escaping', () => {
  const hostile = [
    "O'Brien",
    "x' OR Name != '",
    "\\' OR Name LIKE '%",
    'back\\slash',
    'quote"s',
    'new\nline\ttab',
    "'; DELETE FROM Account; --",
    'ünïcødé ✓ \u0001 control',
  ]

  test('hostile values match exactly themselves on the wire, never more', async () => {
    const { fake, sf } = env.fresh()
    for (const name of hostile) fake.insert('Account', { Name: name })
    fake.insert('Account', { Name: 'Innocent' })
    for (const name of hostile) {
      const rows = await query<SObjectRecord>(sf, soql`SELECT Id, Name FROM Account WHERE Name = ${name}`)
      expect(rows.map((r) => r.Name)).toEqual([name])
    }
    // What string concatenation would have done: the injected OR returns every account.
    const injected = await query(sf, `SELECT Id FROM Account WHERE Name = '${"x' OR Name != '"}'`)
    expect(injected.length).toBe(hostile.length + 1)
  })

  test('IN lists, numbers, booleans, null and dates become literals', async () => {
    const { fake, sf } = env.fresh({ objects: ORG })
    fake.insert('Account', { Name: "a'1", Rank__c: 1, Active__c: true, Since__c: '2024-01-02T03:04:05Z' })
    fake.insert('Account', { Name: 'b', Rank__c: 2, Active__c: false, Since__c: null })
    fake.insert('Account', { Name: 'c', Rank__c: 3, Active__c: true, Since__c: null })
    const names = async (q: ReturnType<typeof soql>) => (await query(sf, q)).map((r) => r.Name)
    expect(await names(soql`SELECT Name FROM Account WHERE Name IN ${["a'1", 'c']}`)).toEqual(["a'1", 'c'])
    expect(await names(soql`SELECT Name FROM Account WHERE Rank__c >= ${2} AND Active__c = ${true}`)).toEqual(['c'])
    expect(await names(soql`SELECT Name FROM Account WHERE Since__c = ${null}`)).toEqual(['b', 'c'])
    expect(await names(soql`SELECT Name FROM Account WHERE Since__c = ${new Date('2024-01-02T03:04:05.000Z')}`)).toEqual(["a'1"])
    expect(await names(soql`SELECT Name FROM Account ORDER BY ${soqlField('Rank__c')} DESC LIMIT ${2}`)).toEqual(['c', 'b'])
  })

  test('LIKE patterns from text: % and _ match themselves', async () => {
    const { fake, sf } = env.fresh()
    for (const Name of ['50% off', '500 off', 'a_b', 'axb']) fake.insert('Account', { Name })
    expect((await query(sf, soql`SELECT Name FROM Account WHERE Name LIKE ${soqlLike('50%')}`)).map((r) => r.Name)).toEqual(['50% off'])
    expect((await query(sf, soql`SELECT Name FROM Account WHERE Name LIKE ${soqlLike('a_b', 'exact')}`)).map((r) => r.Name)).toEqual(['a_b'])
  })

  test('escapeSoql, soqlLiteral and soqlField', () => {
    expect(escapeSoql(`it's a "\\" \n`)).toBe(`it\\'s a \\"\\\\\\" \\n`)
    expect(escapeSoql('\u0000\u007f')).toBe('\\u0000\\u007f')
    expect(soqlLiteral("O'Brien")).toBe("'O\\'Brien'")
    expect(soqlLiteral([1, 'a'])).toBe("(1,'a')")
    expect(soql`SELECT Id FROM Account WHERE ${soql`Name = ${'x'}`} LIMIT ${5}`.soql).toBe("SELECT Id FROM Account WHERE Name = 'x' LIMIT 5")
    expect(() => soqlLiteral(Number.NaN)).toThrow(ValidationError)
    expect(() => soqlLiteral([])).toThrow(/empty list/)
    expect(() => soqlLiteral({ toString: () => 'raw' } as never)).toThrow(ValidationError)
    // An object that only looks like a fragment (e.g. from JSON input) is never inlined.
    expect(() => soql`SELECT Id FROM Account WHERE Name = ${JSON.parse('{"soql":"\'x\' OR Id != null"}')}`).toThrow(ValidationError)
    expect(() => soqlField('Name FROM User --')).toThrow(ValidationError)
    expect(String(soqlField('Owner.Name'))).toBe('Owner.Name')
  })
})
