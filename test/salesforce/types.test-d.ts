import * as v from 'valibot'
import { expectTypeOf, test } from 'vitest'
import type { Client, Paginated } from '../../src/index.js'
import {
  bulkQuery,
  fetchRecord,
  fetchRecords,
  insertRecords,
  query,
  salesforce,
  sobject,
  type ApiUsage,
  type SaveResult,
  type SObjectRecord,
} from '../../src/salesforce/index.js'

const Account = sobject('Account', { Name: v.string(), NumberOfEmployees: v.nullish(v.number()) })
declare const sf: ReturnType<typeof salesforce>

test('records are typed from the sobject; plain names are untyped records', async () => {
  const acct = await fetchRecord(sf, Account, 'x')
  expectTypeOf(acct.Name).toEqualTypeOf<string>()
  expectTypeOf(acct.NumberOfEmployees).toEqualTypeOf<number | null | undefined>()
  expectTypeOf(acct.Id).toEqualTypeOf<string>()
  expectTypeOf(acct.attributes.type).toEqualTypeOf<string>()
  expectTypeOf(await fetchRecord(sf, 'Contact', 'x')).toEqualTypeOf<SObjectRecord>()
  expectTypeOf(await fetchRecords(sf, Account, [])).toEqualTypeOf<(typeof acct | null)[]>()
})

test('lists, queries and the client', () => {
  expectTypeOf(insertRecords(sf, Account, [{ Name: 'a' }])).toEqualTypeOf<Promise<SaveResult[]>>()
  // @ts-expect-error Name is a string
  void insertRecords(sf, Account, [{ Name: 1 }])
  expectTypeOf(query(sf, 'SELECT Id FROM Account')).toEqualTypeOf<Paginated<SObjectRecord>>()
  expectTypeOf(query<{ Id: string }>(sf, 'SELECT Id FROM Account')).toEqualTypeOf<Paginated<{ Id: string }>>()
  expectTypeOf(bulkQuery(sf, 'SELECT Id FROM Account')).toEqualTypeOf<Paginated<Record<string, string>>>()
  expectTypeOf(sf.apiUsage).toEqualTypeOf<ApiUsage | undefined>()
  expectTypeOf(sf).toMatchTypeOf<Client<'salesforce'>>()
})

test('a client of another service is refused; a plain client fits', () => {
  const other = {} as Client<'wikijs'>
  // @ts-expect-error a Wiki.js client is not a Salesforce client
  void fetchRecord(other, 'Account', 'x')
  const plain = {} as Client
  void fetchRecord(plain, 'Account', 'x')
})
