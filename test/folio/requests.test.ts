import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { IsoSdkError, NotFoundError, PermissionDeniedError, UnprocessableEntityError, ValidationError, createClient, errorForStatus } from '../../src/index.js'
import { cql, folioDelete, folioGet, folioMapError, folioPost, folioPut, type FolioClient } from '../../src/folio/index.js'
import { URL_BASE, client, mountFake, recordWire } from './_helpers.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.events.removeAllListeners()
  server.resetHandlers()
})
afterAll(() => server.close())

interface User {
  id: string
  username: string
  active: boolean
  personal: { lastName: string; firstName?: string }
}

describe('folioGet', () => {
  it('returns body[key], or the whole body without a key', async () => {
    mountFake(server)
    const c = client()
    const groups = await folioGet<{ group: string }[]>(c, '/groups', 'usergroups')
    expect(groups.map((g) => g.group)).toEqual(['staff', 'faculty', 'undergrad', 'graduate'])
    const body = await folioGet<{ usergroups: unknown[]; totalRecords: number }>(c, 'groups')
    expect(body.totalRecords).toBe(4)
    expect(body.usergroups).toHaveLength(4)
  })

  it('sends query and params; FOLIO\'s default limit is 10', async () => {
    mountFake(server)
    const wire = recordWire(server)
    const c = client()
    expect(await folioGet<User[]>(c, '/users', 'users')).toHaveLength(10)
    const active = await folioGet<User[]>(c, '/users', 'users', { query: 'active==false', params: { limit: 1000 } })
    expect(active.length).toBe(19) // every 10th of 199 patrons
    expect(active.every((u) => u.active === false)).toBe(true)
    const call = wire.sent.at(-1)!
    expect(call.url.searchParams.get('query')).toBe('active==false')
    expect(call.url.searchParams.get('limit')).toBe('1000')
    expect(await folioGet<number>(c, '/users', 'totalRecords', { params: { limit: 0 } })).toBe(200)
  })

  it('drops a leading "?" or "query=" like FolioClient', async () => {
    mountFake(server)
    const c = client()
    const [admin] = await folioGet<User[]>(c, '/users', 'users', { query: '?query=username=="diku_admin"' })
    expect(admin!.username).toBe('diku_admin')
  })

  it('a key the response lacks is an error naming the keys found', async () => {
    mountFake(server)
    await expect(folioGet(client(), '/groups', 'groups')).rejects.toThrow(/no "groups" key \(found: usergroups, totalRecords, resultInfo\)/)
  })

  it('a text/plain answer is returned as text', async () => {
    mountFake(server)
    server.use(http.get('*/admin/health', () => new HttpResponse('OK', { headers: { 'content-type': 'text/plain' } })))
    expect(await folioGet(client(), '/admin/health')).toBe('OK')
  })

  it('bad input is a ValidationError naming the field, before any request', async () => {
    const fake = mountFake(server)
    const c = client()
    await expect(folioGet(c, '')).rejects.toMatchObject({ name: 'ValidationError', issues: [{ path: 'path' }] })
    await expect(folioGet(c, '/users', '')).rejects.toMatchObject({ issues: [{ path: 'key' }] })
    await expect(folioGet(c, '/users', 'users', { query: 42 as unknown as string })).rejects.toMatchObject({ issues: [{ path: 'query' }] })
    await expect(folioGet(c, '/users', 'users', { params: { limit: {} as unknown as string } })).rejects.toBeInstanceOf(ValidationError)
    expect(fake.stats.requests).toBe(0)
  })
})

describe('folioPost / folioPut / folioDelete', () => {
  async function create(c: FolioClient, username: string) {
    return folioPost<User>(c, '/users', { username, active: true, personal: { lastName: 'Doe', firstName: 'Jo' } })
  }

  it('creates, replaces and deletes a user on the fake', async () => {
    const fake = mountFake(server)
    const c = client()
    const created = await create(c, 'jdoe')
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(created.username).toBe('jdoe')
    expect(await folioPut(c, `/users/${created.id}`, { ...created, active: false })).toBeUndefined()
    expect(await folioGet<User>(c, `/users/${created.id}`)).toMatchObject({ username: 'jdoe', active: false })
    expect(await folioDelete(c, `/users/${created.id}`)).toBe(true)
    expect(fake.state.tenants.get('diku')!.collections.users.records.has(created.id)).toBe(false)
    expect(fake.stats.writes).toBe(3)
  })

  it('a 422 becomes UnprocessableEntityError with FOLIO\'s field errors', async () => {
    mountFake(server)
    const c = client()
    await create(c, 'taken')
    const duplicate = await create(c, 'taken').catch((e: unknown) => e)
    expect(duplicate).toBeInstanceOf(UnprocessableEntityError)
    expect((duplicate as UnprocessableEntityError).errors).toEqual([
      { message: 'User with this username already exists', field: 'username', code: '-1', value: 'taken' },
    ])
    expect((duplicate as Error).message).toContain('User with this username already exists')
    const invalid = await folioPost(c, '/users', { username: 'x1', active: 'yes' }).catch((e: unknown) => e)
    expect((invalid as UnprocessableEntityError).errors[0]).toMatchObject({ field: 'active', message: 'must be a boolean' })
  })

  it('a POST is not retried after a 5xx (it may have been applied)', async () => {
    const fake = mountFake(server)
    const c = client({ retry: { limit: 3, baseDelay: 1 } })
    await folioGet(c, '/groups')
    fake.failNext(1, 503)
    await expect(create(c, 'once')).rejects.toMatchObject({ name: 'ServerError', status: 503 })
    expect(fake.state.counters.failed).toBe(1)
  })

  it('a 404 on delete is a NotFoundError by default and false with missingOk', async () => {
    mountFake(server)
    const c = client()
    const missing = '/users/00000000-0000-4000-8000-000000000000'
    const error = await folioDelete(c, missing).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as NotFoundError).body).toBe('User not found')
    expect(await folioDelete(c, missing, { missingOk: true })).toBe(false)
  })

  it('missingOk does not hide other errors', async () => {
    const fake = mountFake(server)
    const c = client()
    await folioGet(c, '/groups')
    fake.forbidNext(1)
    await expect(folioDelete(c, '/users/x', { missingOk: true })).rejects.toBeInstanceOf(PermissionDeniedError)
  })
})

describe('folioMapError', () => {
  const request = { method: 'POST', url: `${URL_BASE}/users` }

  it('maps errors[] with parameters, message and errorMessage bodies; leaves plain text to the core', () => {
    const body = { errors: [{ message: 'must not be null', code: 'javax.validation', parameters: [{ key: 'personal.lastName', value: 'null' }, { key: 'username', value: 'a' }] }] }
    const e = folioMapError(new Response(null, { status: 422 }), body, request) as UnprocessableEntityError
    expect(e).toBeInstanceOf(UnprocessableEntityError)
    expect(e.errors.map((f) => f.field)).toEqual(['personal.lastName', 'username'])
    expect(folioMapError(new Response(null, { status: 400 }), { message: 'bad thing' }, request)).toMatchObject({ name: 'BadRequestError', status: 400 })
    expect((folioMapError(new Response(null, { status: 500 }), { errorMessage: 'db down' }, request) as Error).message).toContain('db down')
    expect(folioMapError(new Response(null, { status: 404 }), 'User not found', request)).toBeUndefined()
    const limited = folioMapError(new Response(null, { status: 429, headers: { 'retry-after': '2' } }), { message: 'slow down' }, request)
    expect(limited).toMatchObject({ name: 'RateLimitError', retryAfter: 2000 })
  })

  it('works on a plain createClient client too (functions accept any client)', async () => {
    const fake = mountFake(server)
    await folioGet(client(), '/groups')
    const token = [...fake.state.tokens].find(([, t]) => t.kind === 'access')![0]
    const plain = createClient({ baseURL: URL_BASE, headers: { 'x-okapi-tenant': 'diku', 'x-okapi-token': token }, mapError: folioMapError, retry: false })
    await expect(folioGet<unknown[]>(plain, '/groups', 'usergroups')).resolves.toHaveLength(4)
    const error = await folioPost(plain, '/users', { username: 'diku_admin' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnprocessableEntityError)
    expect(errorForStatus({ status: 418, method: 'GET', url: 'x' })).toBeInstanceOf(IsoSdkError)
  })
})

describe('cql against the fake', () => {
  it('hostile input matches only itself: quotes, wildcards and boolean words stay data', async () => {
    mountFake(server)
    const c = client()
    await folioPost(c, '/users', { username: 'a*"b\\c?^ or x', active: true, personal: { lastName: 'Odd' } })
    await folioPost(c, '/users', { username: 'aXYZ"b\\c?^ or x', active: true, personal: { lastName: 'Odd' } })
    const exact = await folioGet<User[]>(c, '/users', 'users', { query: cql`username==${'a*"b\\c?^ or x'}` })
    expect(exact.map((u) => u.username)).toEqual(['a*"b\\c?^ or x'])
    const injected = await folioGet<User[]>(c, '/users', 'users', { query: cql`username==${'x" or username=="diku_admin'}` })
    expect(injected).toEqual([])
    const star = await folioGet<User[]>(c, '/users', 'users', { query: cql`username==${'*'}`, params: { limit: 1000 } })
    expect(star).toEqual([])
  })

  it('lists become "a" or "b"', async () => {
    mountFake(server)
    const c = client()
    const groups = await folioGet<{ id: string; group: string }[]>(c, '/groups', 'usergroups')
    const ids = groups.slice(0, 2).map((g) => g.id)
    const users = await folioGet<{ patronGroup: string }[]>(c, '/users', 'users', { query: cql`patronGroup==(${ids})`, params: { limit: 1000 } })
    expect(users.length).toBeGreaterThan(0)
    expect(users.every((u) => ids.includes(u.patronGroup))).toBe(true)
  })
})
