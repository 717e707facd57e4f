import { describe, expect, test } from 'vitest'
import { useSalesforce } from './setup.js'
import { wire, type Wire } from './wire.js'

const env = useSalesforce()

type Page = { totalSize: number; done: boolean; records: Record<string, unknown>[] }
type Errors = { errorCode: string; message: string }[]

const DAY = 86_400_000
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)

async function seeded(): Promise<Wire & { acme: string; globex: string }> {
  const w = await wire(env)
  const acme = w.fake.insert('Account', { Name: 'Acme', Industry: 'Energy', NumberOfEmployees: 10, AnnualRevenue: 100 })
  const globex = w.fake.insert('Account', { Name: 'Globex', Industry: 'Energy', NumberOfEmployees: 30, AnnualRevenue: null })
  w.fake.insert('Account', { Name: 'Initech', Industry: 'Media', NumberOfEmployees: 20, AnnualRevenue: 50 })
  w.fake.insert('Account', { Name: 'Umbrella', Industry: null })
  for (const [last, first] of [['Lee', 'Ann'], ['Kim', 'Bo'], ['Ng', null]] as const) w.fake.insert('Contact', { LastName: last, FirstName: first, AccountId: acme })
  return { ...w, acme, globex }
}

async function rows(w: Wire, soql: string): Promise<Record<string, unknown>[]> {
  const answer = await w.query<Page>(soql)
  expect(answer.status, JSON.stringify(answer.body)).toBe(200)
  return answer.body.records.map(({ attributes: _, ...rest }) => rest)
}

describe('SOQL the fake implements', () => {
  test('COUNT() answers totalSize only; COUNT(field), COUNT_DISTINCT, SUM/AVG/MIN/MAX as AggregateResult rows', async () => {
    const w = await seeded()
    expect((await w.query<Page>("SELECT COUNT() FROM Account WHERE Industry = 'Energy'")).body).toEqual({ totalSize: 2, done: true, records: [] })
    const [row] = (await w.query<Page>('SELECT COUNT(Id), COUNT(AnnualRevenue) revenues, COUNT_DISTINCT(Industry), SUM(NumberOfEmployees), AVG(NumberOfEmployees), MIN(Name), MAX(NumberOfEmployees) FROM Account')).body.records
    expect(row).toEqual({ attributes: { type: 'AggregateResult' }, expr0: 4, revenues: 2, expr1: 2, expr2: 60, expr3: 20, expr4: 'Acme', expr5: 30 })
  })

  test('GROUP BY with aliases, ORDER BY an aggregate, LIMIT', async () => {
    const w = await seeded()
    expect(await rows(w, 'SELECT Industry, COUNT(Id) n FROM Account GROUP BY Industry ORDER BY COUNT(Id) DESC, Industry NULLS FIRST')).toEqual([
      { Industry: 'Energy', n: 2 },
      { Industry: null, n: 1 },
      { Industry: 'Media', n: 1 },
    ])
    expect(await rows(w, 'SELECT Industry, SUM(NumberOfEmployees) FROM Account GROUP BY Industry ORDER BY Industry LIMIT 1')).toEqual([{ Industry: null, expr0: null }])
    const ungrouped = await w.query<Errors>('SELECT Name, COUNT(Id) FROM Account GROUP BY Industry')
    expect(ungrouped.body[0]).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining('Field must be grouped or aggregated: Name') })
  })

  test('date literals: TODAY, YESTERDAY, LAST_N_DAYS:n on date and datetime fields', async () => {
    const w = await wire(env)
    for (const offset of [0, -1, -5, -40, 3]) {
      w.fake.insert('Opportunity', { Name: `d${offset}`, StageName: 'Prospecting', CloseDate: day(offset), CreatedDate: new Date(Date.now() + offset * DAY).toISOString() })
    }
    const names = async (where: string) => (await rows(w, `SELECT Name FROM Opportunity WHERE ${where} ORDER BY CloseDate`)).map((r) => r.Name)
    expect(await names('CloseDate = TODAY')).toEqual(['d0'])
    expect(await names('CloseDate = YESTERDAY')).toEqual(['d-1'])
    expect(await names('CloseDate = LAST_N_DAYS:7')).toEqual(['d-5', 'd-1', 'd0'])
    expect(await names('CreatedDate = LAST_N_DAYS:7')).toEqual(['d-5', 'd-1', 'd0'])
    expect(await names('CloseDate < LAST_N_DAYS:30')).toEqual(['d-40'])
    expect(await names('CloseDate > TODAY')).toEqual(['d3'])
    expect(await names(`CloseDate >= ${day(-5)} AND CloseDate <= ${day(0)}`)).toEqual(['d-5', 'd-1', 'd0'])
    // A quoted date, or a date for a datetime field, is refused as Salesforce refuses it.
    expect((await w.query<Errors>(`SELECT Id FROM Opportunity WHERE CloseDate = '${day(0)}'`)).body[0]).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("value of filter criterion for field 'CloseDate' must be of type date and should not be enclosed in quotes"),
    })
    expect((await w.query<Errors>(`SELECT Id FROM Opportunity WHERE CreatedDate > ${day(0)}`)).body[0]!.errorCode).toBe('INVALID_FIELD')
  })

  test('parent-to-child subqueries, with their own WHERE, ORDER BY and LIMIT; null when no child matches', async () => {
    const w = await seeded()
    const result = await rows(w, "SELECT Name, (SELECT LastName FROM Contacts WHERE LastName != 'Ng' ORDER BY LastName LIMIT 5) FROM Account WHERE Name IN ('Acme', 'Globex') ORDER BY Name")
    expect(result).toEqual([
      { Name: 'Acme', Contacts: { totalSize: 2, done: true, records: [expect.objectContaining({ LastName: 'Kim' }), expect.objectContaining({ LastName: 'Lee' })] } },
      { Name: 'Globex', Contacts: null },
    ])
    const wrong = await w.query<Errors>('SELECT Name, (SELECT Id FROM Contact) FROM Account')
    expect(wrong.body[0]).toMatchObject({ errorCode: 'INVALID_TYPE', message: expect.stringContaining("Didn't understand relationship 'Contact' in FROM part of query call") })
  })

  test('FIELDS(ALL) needs LIMIT ≤ 200; FIELDS(STANDARD) does not', async () => {
    const w = await seeded()
    const all = await rows(w, 'SELECT FIELDS(ALL) FROM Account ORDER BY Name LIMIT 200')
    expect(all[0]).toMatchObject({ Id: w.acme, Name: 'Acme', Industry: 'Energy', IsDeleted: false, BillingAddress: null, OwnerId: expect.stringMatching(/^005/) })
    expect((await w.query<Errors>('SELECT FIELDS(ALL) FROM Account LIMIT 201')).body[0]).toMatchObject({ errorCode: 'MALFORMED_QUERY', message: expect.stringContaining('LIMIT of at most 200') })
    expect((await w.query<Errors>('SELECT FIELDS(ALL) FROM Account')).status).toBe(400)
    expect((await rows(w, 'SELECT FIELDS(STANDARD) FROM Account')).length).toBe(4)
  })

  test('ORDER BY … NULLS FIRST/LAST, IN, NOT IN, LIKE, NOT … LIKE, relationship fields', async () => {
    const w = await seeded()
    const names = async (soql: string) => (await rows(w, soql)).map((r) => r.Name)
    expect(await names('SELECT Name FROM Account ORDER BY AnnualRevenue NULLS LAST, Name')).toEqual(['Initech', 'Acme', 'Globex', 'Umbrella'])
    expect(await names('SELECT Name FROM Account ORDER BY AnnualRevenue DESC NULLS FIRST, Name')).toEqual(['Globex', 'Umbrella', 'Acme', 'Initech'])
    expect(await names("SELECT Name FROM Account WHERE Industry IN ('energy', 'Media') ORDER BY Name")).toEqual(['Acme', 'Globex', 'Initech'])
    expect(await names("SELECT Name FROM Account WHERE Industry NOT IN ('Energy') ORDER BY Name")).toEqual(['Initech', 'Umbrella'])
    expect(await names("SELECT Name FROM Account WHERE Name LIKE '%o%' ORDER BY Name")).toEqual(['Globex'])
    expect(await names("SELECT Name FROM Account WHERE NOT Name LIKE '_n%' ORDER BY Name")).toEqual(['Acme', 'Globex', 'Umbrella'])
    expect(await names("SELECT a.Name FROM Account a WHERE a.Industry = 'Media'")).toEqual(['Initech'])
    expect(await names("SELECT Account.Name FROM Account WHERE Account.Name = 'Acme'")).toEqual(['Acme'])
    expect(await rows(w, "SELECT LastName, Account.Name, Account.Owner.Username FROM Contact WHERE Account.Industry = 'Energy' ORDER BY LastName LIMIT 1")).toEqual([
      { LastName: 'Kim', Account: { attributes: expect.objectContaining({ type: 'Account' }), Name: 'Acme', Owner: { attributes: expect.objectContaining({ type: 'User' }), Username: w.fake.username } } },
    ])
  })

  test('unknown fields and relationships: INVALID_FIELD with the caret message', async () => {
    const w = await seeded()
    const field = await w.query<Errors>('SELECT Id, Nope__c FROM Account')
    expect(field.body).toEqual([
      {
        errorCode: 'INVALID_FIELD',
        message:
          "SELECT Id, Nope__c FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Nope__c' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
      },
    ])
    expect((await w.query<Errors>('SELECT Id FROM Contact WHERE Acct.Name = null')).body[0]!.message).toContain("Didn't understand relationship 'Acct' in field path")
    expect((await w.query<Errors>('SELECT Id FROM Account ORDER BY Nope__c')).body[0]!.errorCode).toBe('INVALID_FIELD')
    expect((await w.query<Errors>('SELECT Id FROM Account WHERE Name = 5')).body[0]!.message).toContain('must be of type string and should be enclosed in quotes')
    expect((await w.query<Errors>("SELECT Id FROM Account WHERE Id = 'abc'")).body[0]).toMatchObject({ errorCode: 'INVALID_QUERY_FILTER_OPERATOR', message: expect.stringContaining('invalid ID field: abc') })
  })

  test('valid SOQL outside the grammar is 501 NOT_IMPLEMENTED_BY_FAKE; wrong SOQL stays MALFORMED_QUERY', async () => {
    const w = await seeded()
    for (const soql of [
      'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 1',
      'SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)',
      'SELECT toLabel(Industry) FROM Account',
      'SELECT Id FROM Account WHERE CreatedDate = THIS_QUARTER',
      'SELECT Id FROM Account WITH SECURITY_ENFORCED',
      'SELECT Id FROM Account FOR UPDATE',
      'SELECT Industry FROM Account GROUP BY ROLLUP(Industry)',
    ]) {
      const answer = await w.query<Errors>(soql)
      expect([answer.status, answer.body[0]!.errorCode], soql).toEqual([501, 'NOT_IMPLEMENTED_BY_FAKE'])
      expect(answer.body[0]!.message).toContain("isosdk's Salesforce fake does not implement")
    }
    for (const soql of ['SELECT FROM Account', 'SELECT Id Account', "SELECT Id FROM Account WHERE Name NOT LIKE 'a%'", 'SELECT Id FROM Account LIMIT -1']) {
      const answer = await w.query<Errors>(soql)
      expect([answer.status, answer.body[0]!.errorCode], soql).toEqual([400, 'MALFORMED_QUERY'])
    }
  })
})
