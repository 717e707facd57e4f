// The FOLIO fake checks every write against the record type's real JSON schema shape and answers
// RMB's 422 body naming the field; every record type it serves lists, pages and filters by CQL.
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { folioFake, type FolioFake } from '../../src/testing/folio/index.js'
import { RECORD_TYPES, type FolioCollectionName } from '../../src/testing/folio/record-types.js'
import { checkShape } from '../../src/testing/folio/shape.js'

const BASE = 'https://folio.shapes.test'
const server = setupServer()
let fake: FolioFake
let token: string

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())
beforeEach(async () => {
  fake = folioFake({ users: 30 })
  server.resetHandlers(...fake.handlers)
  const login = await fetch(`${BASE}/authn/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-okapi-tenant': 'diku' },
    body: JSON.stringify({ username: 'diku_admin', password: 'admin' }),
  })
  token = login.headers.get('x-okapi-token')!
})

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }> {
  const response = await fetch(`${BASE}/${path}`, {
    method,
    headers: { 'x-okapi-tenant': 'diku', 'x-okapi-token': token, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, json, text }
}

const records = (name: FolioCollectionName) => [...fake.state.tenants.get('diku')!.collections[name].records.values()]

describe('POST /users: the mod-users schema (additionalProperties: false)', () => {
  it('refuses an unknown property with 422 and RMB\'s errors body naming it; nothing is stored', async () => {
    const before = records('users').length
    const { status, json } = await call('POST', 'users', { username: 'nick', active: true, nickname: 'Nicky', personal: { lastName: 'N' } })
    expect(status).toBe(422)
    expect(json).toEqual({
      errors: [{ message: 'Unrecognized field "nickname", not marked as ignorable', type: '1', code: '-1', parameters: [{ key: 'nickname', value: 'Nicky' }] }],
      total_records: 1,
    })
    expect(records('users')).toHaveLength(before)
  })

  it('checks nested objects: an unknown field of personal, a missing lastName, an address without addressTypeId', async () => {
    const { status, json } = await call('POST', 'users', {
      username: 'nested',
      personal: { firstName: 'Ann', nickname: 'A', addresses: [{ city: 'Oslo' }] },
    })
    expect(status).toBe(422)
    expect(json.errors.map((e: { message: string; parameters: { key: string }[] }) => [e.parameters[0]!.key, e.message])).toEqual([
      ['personal.nickname', 'Unrecognized field "nickname", not marked as ignorable'],
      ['personal.addresses.addressTypeId', 'must not be null'],
      ['personal.lastName', 'must not be null'],
    ])
  })

  it.each([
    [{ username: 5 }, 'username', 'must be a string', '5'],
    [{ username: 'x', departments: 'd1' }, 'departments', 'must be an array', 'd1'],
    [{ username: 'x', preferredEmailCommunication: ['Spam'] }, 'preferredEmailCommunication', 'must be one of [Support, Programs, Services]', 'Spam'],
    [{ username: 'x', personal: 'Ann' }, 'personal', 'must be an object', 'Ann'],
  ])('refuses a wrong type: %j', async (body, key, message, value) => {
    const { status, json } = await call('POST', 'users', body)
    expect(status).toBe(422)
    expect(json.errors).toEqual([{ message, type: '1', code: '-1', parameters: [{ key, value }] }])
  })

  it('a PUT is checked the same way and leaves the record as it was', async () => {
    const admin = records('users')[0]!
    const { status, json } = await call('PUT', `users/${admin.id}`, { ...admin, nickname: 'boss' })
    expect(status).toBe(422)
    expect(json.errors[0].parameters).toEqual([{ key: 'nickname', value: 'boss' }])
    expect(records('users')[0]).not.toHaveProperty('nickname')
  })

  it('accepts what the schema allows, metadata included (the server overwrites it)', async () => {
    const { status, json } = await call('POST', 'users', {
      username: 'full', active: true, type: 'patron', barcode: '42', departments: [], proxyFor: [], customFields: { anything: 1 },
      personal: { lastName: 'Full', firstName: 'Fay', addresses: [{ addressTypeId: 'a1', city: 'Oslo', primaryAddress: true }] },
      preferredEmailCommunication: ['Support'], tags: { tagList: ['x'] }, metadata: { createdDate: '2020-01-01T00:00:00Z' },
    })
    expect(status).toBe(201)
    expect(json.metadata.createdDate).not.toBe('2020-01-01T00:00:00Z')
  })
})

/** A record every schema accepts: its required fields, filled in by type. */
function minimal(name: FolioCollectionName): Record<string, unknown> {
  const samples: Partial<Record<FolioCollectionName, Record<string, unknown>>> = {
    users: { username: 'new-user' },
    groups: { group: 'visitors' },
    locations: { name: 'Stacks', code: 'STK', institutionId: 'i', campusId: 'c', libraryId: 'l', primaryServicePoint: 's' },
    loans: { userId: 'u', itemId: 'i', loanDate: '2025-01-01T00:00:00Z', action: 'checkedout' },
    items: { materialType: { id: 'm' }, permanentLoanType: { id: 'l' }, status: { name: 'Available' } },
    statisticalCodes: { name: 'New code', code: 'newc', statisticalCodeTypeId: 't', source: 'local' },
    organizations: { name: 'New vendor', code: 'NEWV', status: 'Pending' },
    servicePoints: { name: 'Desk 9', code: 'd9', discoveryDisplayName: 'Desk 9' },
    campuses: { name: 'North', institutionId: 'i' },
    institutions: { name: 'North University', code: 'NU' },
    libraries: { name: 'North library', campusId: 'c' },
    contributorTypes: { name: 'Scribe', code: 'scr', source: 'local' },
    instanceTypes: { name: 'kit', code: 'kit', source: 'local' },
    instanceFormats: { name: 'other -- other', code: 'zu', source: 'local' },
  }
  return samples[name] ?? { name: `Local ${name}`, source: 'local' }
}

/** `minimal(name)` with its unique fields made unique again (`-2`, `-3`, …), so only the change under test can fail it. */
function variant(name: FolioCollectionName, n: number): Record<string, unknown> {
  const record = minimal(name)
  for (const field of [...(RECORD_TYPES[name].unique ?? []), 'username', 'group']) {
    if (typeof record[field] === 'string') record[field] = `${record[field] as string}-${n}`
  }
  return record
}

const NAMES = Object.keys(RECORD_TYPES) as FolioCollectionName[]

describe('every record type the fake serves', () => {
  it('serves 29 types, FolioClient\'s reference-data properties among them', () => {
    expect(NAMES).toHaveLength(29)
    const paths = NAMES.map((n) => RECORD_TYPES[n].path)
    expect(paths).toEqual(expect.arrayContaining([
      'identifier-types', 'statistical-codes', 'contributor-types', 'contributor-name-types', 'instance-types', 'instance-formats',
      'alternative-title-types', 'locations', 'service-points', 'electronic-access-relationships', 'instance-note-types',
      'classification-types', 'organizations-storage/organizations', 'holdings-note-types', 'call-number-types', 'holdings-types',
      'modes-of-issuance', 'authority-source-files', 'subject-types', 'material-types', 'loan-types', 'location-units/institutions',
      'location-units/campuses', 'location-units/libraries', 'statistical-code-types',
    ]))
  })

  it.each(NAMES)('%s: seeded records conform to the shape and list under the real key', async (name) => {
    const seeded = records(name)
    expect(seeded.length).toBeGreaterThan(0)
    for (const record of seeded) expect(checkShape(RECORD_TYPES[name].shape, record), `${name} ${record.id}`).toEqual([])
    const { status, json } = await call('GET', `${RECORD_TYPES[name].path}?query=cql.allRecords%3D1&limit=1000`)
    expect(status).toBe(200)
    expect(json[RECORD_TYPES[name].key]).toHaveLength(seeded.length)
    expect(json.totalRecords).toBe(seeded.length)
  })

  it.each(NAMES)('%s: creates a minimal valid record; refuses each missing required field, and an extra field when the schema is closed', async (name) => {
    const type = RECORD_TYPES[name]
    const valid = minimal(name)
    const created = await call('POST', type.path, valid)
    expect(created.status, created.text).toBe(201)
    expect((await call('GET', `${type.path}/${created.json.id}`)).json).toMatchObject(valid)
    const required = type.shape.type === 'object' ? (type.shape.required ?? []) : []
    let n = 1
    for (const field of required) {
      const { [field]: _dropped, ...rest } = variant(name, ++n)
      const refused = await call('POST', type.path, rest)
      expect(refused.status, `${name} without ${field}`).toBe(422)
      expect(refused.json.errors.some((e: { parameters: { key: string }[] }) => e.parameters[0]!.key === field), `${name} without ${field}`).toBe(true)
    }
    const extra = await call('POST', type.path, { ...variant(name, ++n), noSuchField: 1 })
    const isClosed = type.shape.type === 'object' && type.shape.closed === true
    expect(extra.status, `${name} with noSuchField`).toBe(isClosed ? 422 : 201)
    if (isClosed) expect(extra.json.errors[0].parameters).toEqual([{ key: 'noSuchField', value: '1' }])
  })
})

describe('reference data on the wire, as FolioClient reads it', () => {
  it('GET /identifier-types?query=cql.allRecords=1&limit=1000: FOLIO\'s identifier types', async () => {
    const { json } = await call('GET', 'identifier-types?query=cql.allRecords%3D1&limit=1000')
    expect(json.identifierTypes.map((t: { name: string }) => t.name)).toEqual(expect.arrayContaining(['ISBN', 'ISSN', 'LCCN', 'OCLC', 'DOI', 'Local identifier']))
    expect(json.identifierTypes[0]).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: expect.any(String), source: 'folio', metadata: expect.any(Object) })
  })

  it('filters and sorts by CQL and pages by limit/offset and by id', async () => {
    const isbn = await call('GET', `identifier-types?query=${encodeURIComponent('name=="ISBN"')}`)
    expect(isbn.json.identifierTypes.map((t: { name: string }) => t.name)).toEqual(['ISBN'])
    const sorted = await call('GET', `contributor-types?query=${encodeURIComponent('source==marcrelator sortBy code/sort.descending')}&limit=3`)
    expect(sorted.json.contributorTypes.map((t: { code: string }) => t.code)).toEqual(['win', 'trl', 'sng'])
    expect(sorted.json.totalRecords).toBe(23)
    const all = (await call('GET', 'material-types?limit=100')).json.mtypes as { id: string; name: string }[]
    const page2 = (await call('GET', 'material-types?limit=3&offset=3')).json.mtypes
    expect(page2).toEqual(all.slice(3, 6))
    const byId = [...all].sort((a, b) => (a.id < b.id ? -1 : 1))
    const after = await call('GET', `material-types?query=${encodeURIComponent(`id>"${byId[2]!.id}" and cql.allRecords=1 sortBy id`)}&limit=100`)
    expect(after.json.mtypes).toEqual(byId.slice(3))
  })

  it('links locations to their library, campus, institution and primary service point', async () => {
    const [location] = (await call('GET', `locations?query=${encodeURIComponent('code==MAIN')}`)).json.locations
    const library = (await call('GET', `location-units/libraries/${location.libraryId}`)).json
    const campus = (await call('GET', `location-units/campuses/${library.campusId}`)).json
    const institution = (await call('GET', `location-units/institutions/${campus.institutionId}`)).json
    const desk = (await call('GET', `service-points/${location.primaryServicePoint}`)).json
    expect([library.name, campus.name, institution.name, desk.name]).toEqual(['Datalogisk Institut', 'City Campus', 'Københavns Universitet', 'Circ Desk 1'])
    expect(location.institutionId).toBe(institution.id)
  })

  it('items point at seeded material and loan types', async () => {
    const [item] = (await call('GET', 'inventory/items?limit=1')).json.items
    const mtype = (await call('GET', `material-types/${item.materialType.id}`)).json
    const loanType = (await call('GET', `loan-types/${item.permanentLoanType.id}`)).json
    expect([mtype.name, loanType.name]).toEqual(['book', 'Can circulate'])
  })

  it('a duplicate name is a 422; a missing id is a 404 "Not found"', async () => {
    const duplicate = await call('POST', 'material-types', { name: 'BOOK' })
    expect(duplicate.status).toBe(422)
    expect(duplicate.json.errors[0]).toMatchObject({ parameters: [{ key: 'name', value: 'BOOK' }] })
    const missing = await call('GET', 'material-types/00000000-0000-4000-8000-000000000000')
    expect([missing.status, missing.text]).toEqual([404, 'Not found'])
  })

  it('ids are the same in every tenant, as FOLIO ships its reference data', () => {
    const two = folioFake({ users: 2, tenants: ['a', 'b'] })
    const ids = (t: string) => [...two.state.tenants.get(t)!.collections.identifierTypes.records.keys()]
    expect(ids('a')).toEqual(ids('b'))
  })
})

describe('what FolioClient asks beside the record types', () => {
  it('GET /consortia: 404 as Okapi answers a tenant without mod-consortia (FolioClient then takes it as non-ECS)', async () => {
    const { status, text } = await call('GET', 'consortia')
    expect([status, text]).toEqual([404, 'No suitable module found for path /consortia for tenant diku'])
  })

  it('GET /bl-users/by-username/{username}: { user } (current_user), 404 for an unknown name', async () => {
    const { status, json } = await call('GET', 'bl-users/by-username/diku_admin')
    expect(status).toBe(200)
    expect(json.user).toEqual(records('users')[0])
    expect((await call('GET', 'bl-users/by-username/nobody')).status).toBe(404)
  })
})
