import { describe, expect, it } from 'vitest'
import { NotFoundError, ValidationError } from '../../src/index.js'
import { getCurrentUser, getUser, listMeetings, listTodos, listUsers, searchUsers } from '../../src/bloomy/index.js'
import { calls, useBloomy } from './_setup.js'

const ctx = useBloomy()

describe('users', () => {
  it('getCurrentUser reads users/mine as a camelCase user', async () => {
    const me = await getCurrentUser(ctx.client)
    expect(me).toMatchObject({ id: 1, name: 'Ada Lovelace' })
    expect(me.imageUrl).toBe('https://bloom.test/i/userplaceholder/1.png')
    expect(calls(ctx)).toEqual(['GET /users/mine'])
    expect(ctx.sent[0]?.headers.get('authorization')).toBe(`Bearer ${ctx.fake.apiKey}`)
  })

  it('getUser alone is one request', async () => {
    const grace = await getUser(ctx.client, 2)
    expect(grace).toEqual({ id: 2, name: 'Grace Hopper', imageUrl: 'https://bloom.test/i/userplaceholder/2.png' })
    expect(calls(ctx)).toEqual(['GET /users/2'])
  })

  it('getUser with direct reports and positions runs the three calls concurrently', async () => {
    ctx.fake.latency = 40
    const ada = await getUser(ctx.client, 1, { directReports: true, positions: true })
    expect(ada.directReports?.map((u) => u.name)).toEqual(['Grace Hopper', 'Katherine Johnson'])
    expect(ada.positions).toEqual([{ id: 71, name: 'CEO' }])
    expect(calls(ctx).sort()).toEqual(['GET /users/1', 'GET /users/1/directreports', 'GET /users/1/seats'])
    expect(ctx.fake.traffic.maxInFlight).toBe(3)
  })

  it('getUser with positions flattens Group.Position of every seat', async () => {
    const kj = await getUser(ctx.client, 4, { positions: true })
    expect(kj.positions).toEqual([
      { id: 74, name: 'COO' },
      { id: 75, name: 'Head of Finance' },
    ])
    expect(kj.directReports).toBeUndefined()
  })

  it('getUser of an unknown user rejects with NotFoundError', async () => {
    await expect(getUser(ctx.client, 99, { directReports: true })).rejects.toBeInstanceOf(NotFoundError)
  })

  it('searchUsers sends the term and maps search results', async () => {
    const hits = await searchUsers(ctx.client, 'grace')
    expect(calls(ctx)).toEqual(['GET /search/user?term=grace'])
    expect(hits).toEqual([
      {
        id: 2,
        name: 'Grace Hopper',
        email: 'grace@example.com',
        description: 'CTO',
        organizationId: 1001,
        imageUrl: 'https://bloom.test/i/userplaceholder/2.png',
        resultType: 'User',
      },
    ])
  })

  it('listUsers keeps people with an email; includePlaceholders adds seats without one', async () => {
    const people = await listUsers(ctx.client)
    expect(calls(ctx)).toEqual(['GET /search/all?term=%25'])
    expect(people.map((u) => u.id)).toEqual([1, 2, 3, 4])
    const all = await listUsers(ctx.client, { includePlaceholders: true })
    expect(all.map((u) => u.name)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Open Seat'])
    expect(all.every((u) => u.resultType === 'User')).toBe(true)
  })

  it('bad input is refused before any request', async () => {
    await expect(getUser(ctx.client, 0)).rejects.toThrow(ValidationError)
    await expect(getUser(ctx.client, 1.5)).rejects.toThrow(/getUser: id/)
    await expect(searchUsers(ctx.client, '   ')).rejects.toThrow(/searchUsers: term/)
    await expect(getUser(ctx.client, 1, { directReports: 'yes' as unknown as boolean })).rejects.toThrow(/directReports/)
    expect(ctx.sent).toEqual([])
  })
})

describe('the current user id', () => {
  it('is looked up once per client and shared by concurrent calls', async () => {
    ctx.fake.latency = 20
    await Promise.all([getCurrentUser(ctx.client), listMeetings(ctx.client), listTodos(ctx.client)])
    expect(calls(ctx).filter((c) => c === 'GET /users/mine')).toHaveLength(1)
    expect(calls(ctx)).toHaveLength(3)
  })

  it('a failed lookup is not cached', async () => {
    ctx.fake.failures.push({ path: '/users/mine', status: 403, times: 1 })
    await expect(listTodos(ctx.client)).rejects.toThrow(/403/)
    expect((await listTodos(ctx.client)).length).toBe(2)
    expect(calls(ctx).filter((c) => c === 'GET /users/mine')).toHaveLength(2)
  })

  it("one caller's abort does not fail another caller waiting on the same lookup", async () => {
    ctx.fake.latency = 50
    const controller = new AbortController()
    const aborted = listMeetings(ctx.client, { signal: controller.signal })
    const other = listTodos(ctx.client)
    controller.abort()
    await expect(aborted).rejects.toThrow(/aborted/i)
    expect((await other).map((t) => t.id)).toEqual([100, 102])
  })
})
