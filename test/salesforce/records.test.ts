import * as v from 'valibot'
import { describe, expect, test } from 'vitest'
import { BadRequestError, NotFoundError, ValidationError } from '../../src/index.js'
import {
  deleteRecord,
  fetchRecord,
  insertRecord,
  reloadRecord,
  saveRecord,
  salesforceErrorCode,
  sobject,
  updateRecord,
  upsertRecord,
} from '../../src/salesforce/index.js'
import { ORG, useSalesforce } from './setup.js'

const env = useSalesforce()

const Account = sobject('Account', {
  Name: v.string(),
  Industry: v.nullish(v.string()),
  NumberOfEmployees: v.nullish(v.number()),
})

function dataCalls(fake: { state: { traffic: { method: string; path: string }[] } }) {
  return fake.state.traffic.filter((t) => t.path.startsWith('/services/data/v')).map((t) => `${t.method} ${t.path.replace(/^\/services\/data\/v63\.0/, '')}`)
}

describe('fetchRecord', () => {
  test('asks for the declared fields and returns a typed, validated record with attributes', async () => {
    const { fake, sf } = env.fresh({ objects: ORG })
    const id = fake.insert('Account', { Name: 'Acme', Industry: 'Energy', NumberOfEmployees: 12, Secret__c: 'not asked' })
    const acct = await fetchRecord(sf, Account, id)
    expect(acct).toEqual({
      attributes: { type: 'Account', url: `/services/data/v63.0/sobjects/Account/${id}` },
      Id: id,
      Name: 'Acme',
      Industry: 'Energy',
      NumberOfEmployees: 12,
    })
    const name: string = acct.Name
    expect(name).toBe('Acme')
  })

  test('a plain name returns every field; `fields` narrows it', async () => {
    const { fake, sf } = env.fresh()
    const id = fake.insert('Account', { Name: 'Acme', Rating: 'Hot' })
    expect(await fetchRecord(sf, 'Account', id)).toMatchObject({ Name: 'Acme', Rating: 'Hot', IsDeleted: false })
    expect(Object.keys(await fetchRecord(sf, 'Account', id, { fields: ['Rating'] }))).toEqual(['attributes', 'Rating'])
  })

  test('a record that does not match the schema is a ValidationError naming the field', async () => {
    // The org's Headcount__c is text; the code's schema says number (schema drift).
    const { fake, sf } = env.fresh({ objects: { Account: { fields: { Headcount__c: 'string' } } } })
    const id = fake.insert('Account', { Name: 'Acme', Headcount__c: 'many' })
    const Drifted = sobject('Account', { Name: v.string(), Headcount__c: v.nullish(v.number()) })
    const error = await fetchRecord(sf, Drifted, id).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]!.path).toBe('Headcount__c')
  })

  test('a missing record is a NotFoundError with the Salesforce error code', async () => {
    const { sf } = env.fresh()
    const error = await fetchRecord(sf, 'Account', '001000000000009AAA').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect(salesforceErrorCode(error)).toBe('NOT_FOUND')
    expect((error as Error).message).toContain('NOT_FOUND')
  })

  test('bad input is refused before any request', async () => {
    const { fake, sf } = env.fresh()
    await expect(fetchRecord(sf, 'Account', "001' OR 1=1")).rejects.toMatchObject({ name: 'ValidationError', issues: [{ path: 'id' }] })
    await expect(fetchRecord(sf, 'Acc ount', '001000000000001AAA')).rejects.toMatchObject({ issues: [{ path: 'type' }] })
    await expect(fetchRecord(sf, 'Account', '001000000000001AAA', { fields: ['Name,Secret'] })).rejects.toMatchObject({ issues: [{ path: 'options.fields[0]' }] })
    expect(fake.state.traffic).toHaveLength(0)
  })
})

describe('writes', () => {
  test('insert, update, upsert by external id, delete', async () => {
    const { fake, sf } = env.fresh({ objects: ORG })
    const created = await insertRecord(sf, Account, { Name: 'Acme' })
    expect(created).toMatchObject({ success: true, created: true, errors: [] })
    expect(fake.record(created.id)).toMatchObject({ Name: 'Acme' })

    await updateRecord(sf, Account, { Id: created.id, Industry: 'Energy' })
    expect(fake.record(created.id)).toMatchObject({ Name: 'Acme', Industry: 'Energy' })

    const first = await upsertRecord(sf, 'Account', 'Ext__c', { Ext__c: 'A/1', Name: 'Upserted' })
    expect(first.created).toBe(true)
    const second = await upsertRecord(sf, 'Account', 'Ext__c', { Ext__c: 'A/1', Name: 'Upserted again' })
    expect(second).toMatchObject({ id: first.id, created: false })
    expect(fake.record(first.id)).toMatchObject({ Name: 'Upserted again', Ext__c: 'A/1' })

    await deleteRecord(sf, Account, created.id)
    expect(fake.record(created.id)).toBeUndefined()
    expect(dataCalls(fake)).toEqual([
      'POST /sobjects/Account',
      `PATCH /sobjects/Account/${created.id}`,
      'PATCH /sobjects/Account/Ext__c/A%2F1',
      'PATCH /sobjects/Account/Ext__c/A%2F1',
      `DELETE /sobjects/Account/${created.id}`,
    ])
  })

  test('a refused insert is a BadRequestError with REQUIRED_FIELD_MISSING', async () => {
    const { sf } = env.fresh()
    const error = await insertRecord(sf, 'Account', { Industry: 'Energy' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect(salesforceErrorCode(error)).toBe('REQUIRED_FIELD_MISSING')
  })

  test('an insert with an Id or a mistyped field never reaches the wire', async () => {
    const { fake, sf } = env.fresh()
    await expect(insertRecord(sf, Account, { Id: '001000000000001AAA', Name: 'x' })).rejects.toMatchObject({ issues: [{ path: 'record.Id' }] })
    await expect(insertRecord(sf, Account, { Name: 42 as unknown as string })).rejects.toMatchObject({ issues: [{ path: 'record.Name' }] })
    await expect(upsertRecord(sf, 'Account', 'Ext__c', { Name: 'no key' })).rejects.toMatchObject({ issues: [{ path: 'record.Ext__c' }] })
    expect(fake.state.traffic).toHaveLength(0)
  })

  test('onlyChanges sends just the edited fields, so a concurrent edit of another field survives', async () => {
    const { fake, sf } = env.fresh()
    const id = fake.insert('Account', { Name: 'Acme', Industry: 'Energy' })
    const acct = await fetchRecord(sf, Account, id)
    // Someone else edits Industry after we fetched.
    fake.record(id)!.Industry = 'Retail'
    acct.Name = 'Acme Corp'
    await updateRecord(sf, Account, acct, { onlyChanges: true })
    expect(fake.record(id)).toMatchObject({ Name: 'Acme Corp', Industry: 'Retail' })

    // Without onlyChanges the stale Industry is written back.
    acct.Name = 'Acme Ltd'
    await updateRecord(sf, Account, acct)
    expect(fake.record(id)).toMatchObject({ Name: 'Acme Ltd', Industry: 'Energy' })

    // Nothing changed since the last save: no request at all.
    const before = fake.state.traffic.length
    await updateRecord(sf, Account, acct, { onlyChanges: true })
    expect(fake.state.traffic.length).toBe(before)
  })

  test('saveRecord inserts without Id (and sets it), updates with it, upserts with externalIdField', async () => {
    const { fake, sf } = env.fresh({ objects: ORG })
    const record: Record<string, unknown> & { attributes: { type: string } } = { attributes: { type: 'Account' }, Name: 'New Co' }
    const inserted = await saveRecord(sf, record)
    expect(inserted.created).toBe(true)
    expect(record.Id).toBe(inserted.id)
    record.Industry = 'Media'
    const updated = await saveRecord(sf, record, { onlyChanges: true })
    expect(updated).toMatchObject({ id: inserted.id, created: false })
    expect(fake.record(inserted.id)).toMatchObject({ Name: 'New Co', Industry: 'Media' })
    const upserted = await saveRecord(sf, Account, { Name: 'Ext Co', Ext__c: 'E-9' } as never, { externalIdField: 'Ext__c' })
    expect(upserted.created).toBe(true)
    expect(dataCalls(fake).map((c) => c.split(' ')[0])).toEqual(['POST', 'PATCH', 'PATCH'])
    await expect(saveRecord(sf, { Name: 'untyped' } as never)).rejects.toMatchObject({ issues: [{ path: 'record.attributes.type' }] })
  })

  test('reloadRecord refreshes the same object; deleteRecord takes a fetched record', async () => {
    const { fake, sf } = env.fresh()
    const id = fake.insert('Account', { Name: 'Acme' })
    const acct = await fetchRecord(sf, 'Account', id)
    fake.record(id)!.Name = 'Renamed elsewhere'
    const same = await reloadRecord(sf, acct)
    expect(same).toBe(acct)
    expect(acct.Name).toBe('Renamed elsewhere')
    await deleteRecord(sf, acct)
    expect(fake.record(id)).toBeUndefined()
    await expect(deleteRecord(sf, acct)).rejects.toBeInstanceOf(NotFoundError)
  })
})
