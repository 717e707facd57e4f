import { describe, expect, it } from 'vitest'
import { compileCql, parseCql, CqlError } from '../../src/testing/folio/cql.js'
import { folioFake } from '../../src/testing/folio/index.js'

describe('folioFake data', () => {
  it('is seeded deterministically and sized as asked', () => {
    const a = folioFake({ users: 300 })
    const b = folioFake({ users: 300 })
    const users = (f: typeof a) => [...f.state.tenants.get('diku')!.collections.users.records.keys()]
    expect(users(a)).toEqual(users(b))
    expect(users(a)).toHaveLength(300)
    expect(users(folioFake({ users: 300, seed: 8 }))).not.toEqual(users(a))
    const c = a.state.tenants.get('diku')!.collections
    expect(c.groups.records.size).toBe(4)
    expect(c.locations.records.size).toBe(6)
    expect(c.loans.records.size).toBe(c.items.records.size)
    for (const loan of c.loans.records.values()) {
      expect(c.users.records.has(loan.userId as string)).toBe(true)
      expect(c.items.records.has(loan.itemId as string)).toBe(true)
    }
    expect(() => folioFake({ users: 0 })).toThrow(TypeError)
  })

  it('each tenant has its own data', () => {
    const fake = folioFake({ users: 50, tenants: ['diku', 'other'] })
    const ids = (t: string) => [...fake.state.tenants.get(t)!.collections.users.records.keys()]
    expect(ids('diku')).not.toEqual(ids('other'))
  })
})

describe('fake CQL subset', () => {
  const records = [
    { id: '1', username: 'ada', active: true, personal: { lastName: 'Lovelace', email: 'ada@x.org' }, tags: ['a', 'b'], n: 9 },
    { id: '2', username: 'alan', active: false, personal: { lastName: 'Turing' }, tags: [], n: 10 },
    { id: '3', username: 'grace', active: true, personal: { lastName: 'Hopper Smith' }, n: 100 },
  ]
  const run = (query: string) => {
    const parsed = parseCql(query)
    return records.filter(compileCql(parsed.where)).map((r) => r.id)
  }

  it('==, =, <>, ranges, and/or/not, parentheses, masking, term lists, nested fields, arrays', () => {
    expect(run('username==ada')).toEqual(['1'])
    expect(run('username=="AD*"')).toEqual(['1'])
    expect(run('username==a?a')).toEqual(['1'])
    expect(run('username=="a\\*"')).toEqual([])
    expect(run('personal.lastName=smith')).toEqual(['3'])
    expect(run('personal.lastName all "smith hopper"')).toEqual(['3'])
    expect(run('active==true and username<>ada')).toEqual(['3'])
    expect(run('active==false or username==grace')).toEqual(['2', '3'])
    expect(run('cql.allRecords=1 not active==false')).toEqual(['1', '3'])
    expect(run('(username==ada or username==alan) and active==true')).toEqual(['1'])
    expect(run('n>9')).toEqual(['2', '3'])
    expect(run('id>"1"')).toEqual(['2', '3'])
    expect(run('id==("1" or "3")')).toEqual(['1', '3'])
    expect(run('tags==b')).toEqual(['1'])
    expect(run('cql.allRecords=1')).toEqual(['1', '2', '3'])
  })

  it('sortBy keys and modifiers; malformed queries are CqlErrors', () => {
    expect(parseCql('cql.allRecords=1 sortBy personal.lastName/sort.descending id').sort).toEqual([
      { index: 'personal.lastName', descending: true },
      { index: 'id', descending: false },
    ])
    for (const bad of ['username==', 'username ada', '(a==1', 'a==1 xor b==2', 'a=="open', 'a==1 sortBy', '"term"']) {
      expect(() => parseCql(bad), bad).toThrow(CqlError)
    }
  })
})

describe('fake HTTP behaviour', () => {
  async function login(fake: ReturnType<typeof folioFake>) {
    const { getResponse } = await import('msw')
    const call = async (path: string, init: RequestInit = {}) =>
      (await getResponse(fake.handlers, new Request(`http://folio.test${path}`, init)))!
    const res = await call('/authn/login-with-expiry', {
      method: 'POST',
      headers: { 'x-okapi-tenant': 'diku', 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'diku_admin', password: 'admin' }),
    })
    const token = res.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!
    return { call, res, token }
  }

  it('login sets both cookies (Max-Age from the configured lifetime) and both expirations', async () => {
    const fake = folioFake({ users: 10, accessTokenTtl: 90_000 })
    const { res } = await login(fake)
    expect(res.status).toBe(201)
    const cookies = res.headers.getSetCookie()
    expect(cookies[0]).toMatch(/^folioAccessToken=eyJ[^;]+; Max-Age=90; Expires=[^;]+; Path=\//)
    expect(cookies[1]).toMatch(/^folioRefreshToken=eyJ[^;]+; Max-Age=604800; .*Path=\/authn/)
    const body = (await res.json()) as { accessTokenExpiration: string; refreshTokenExpiration: string }
    expect(Date.parse(body.accessTokenExpiration) - Date.now()).toBeGreaterThan(85_000)
    expect(Date.parse(body.refreshTokenExpiration)).toBeGreaterThan(Date.parse(body.accessTokenExpiration))
  })

  it('lists honour limit, offset and totalRecords; bad limit and bad CQL are 400 text', async () => {
    const fake = folioFake({ users: 25 })
    const { call, token } = await login(fake)
    const headers = { 'x-okapi-tenant': 'diku', 'x-okapi-token': token }
    const page = (await (await call('/users?limit=10&offset=20', { headers })).json()) as { users: unknown[]; totalRecords: number }
    expect(page.users).toHaveLength(5)
    expect(page.totalRecords).toBe(25)
    const badLimit = await call('/users?limit=-1', { headers })
    expect(badLimit.status).toBe(400)
    expect(await badLimit.text()).toContain("'limit' parameter is incorrect")
    const badCql = await call(`/users?query=${encodeURIComponent('username==')}`, { headers })
    expect(badCql.status).toBe(400)
    expect(badCql.headers.get('content-type')).toContain('text/plain')
  })

  it('refresh tokens are single-use; an expired access token is 401', async () => {
    let now = 1_700_000_000_000
    const fake = folioFake({ users: 5, now: () => now })
    const { call, res, token } = await login(fake)
    const refresh = res.headers.getSetCookie()[1]!.split(';')[0]!
    const post = () => call('/authn/refresh', { method: 'POST', headers: { 'x-okapi-tenant': 'diku', cookie: refresh } })
    expect((await post()).status).toBe(201)
    expect((await post()).status).toBe(401)
    expect(fake.state.counters).toMatchObject({ refreshes: 1, refusedRefreshes: 1 })
    now += 600_001
    const expired = await call('/groups', { headers: { 'x-okapi-tenant': 'diku', 'x-okapi-token': token } })
    expect(expired.status).toBe(401)
    expect(await expired.text()).toBe('Access token has expired')
  })
})
