import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AbortError, ValidationError } from '../../src/index.js'
import { folioGetAll, type FolioGetAllProgress } from '../../src/folio/index.js'
import { folioFake, type FolioFake } from '../../src/testing/folio/index.js'
import { PASSWORD, client, recordWire } from './_helpers.js'

interface User {
  id: string
  username: string
  active: boolean
}

const server = setupServer()
let fake: FolioFake
beforeAll(() => {
  fake = folioFake({ users: 10_000, password: PASSWORD })
  server.listen({ onUnhandledRequest: 'error' })
})
afterEach(() => {
  server.events.removeAllListeners()
  server.resetHandlers(...fake.handlers)
})
afterAll(() => server.close())

/** Iterates with `for await`, checking count, uniqueness and (optionally) order on the way. */
async function drain(iterable: AsyncIterable<User>, order?: (a: User, b: User) => boolean) {
  const seen = new Set<string>()
  let previous: User | undefined
  let outOfOrder = 0
  for await (const user of iterable) {
    seen.add(user.id)
    if (order && previous && !order(previous, user)) outOfOrder++
    previous = user
  }
  return { seen, outOfOrder }
}

describe('folioGetAll over 10,000 users', () => {
  it('no query: id-keyset paging, every user once, in id order', async () => {
    server.resetHandlers(...fake.handlers)
    const wire = recordWire(server)
    const c = client()
    let count = 0
    const counted = { async *[Symbol.asyncIterator]() { for await (const u of folioGetAll<User>(c, '/users', 'users')) { count++; yield u } } }
    const { seen, outOfOrder } = await drain(counted, (a, b) => a.id < b.id)
    expect(count).toBe(10_000)
    expect(seen.size).toBe(10_000)
    expect(outOfOrder).toBe(0)
    const pages = wire.sent.filter((s) => s.url.pathname === '/users')
    expect(pages).toHaveLength(101) // 100 full pages, then an empty one
    expect(pages[0]!.url.searchParams.get('query')).toBe('cql.allRecords=1 sortBy id')
    expect(pages[0]!.url.searchParams.get('limit')).toBe('100')
    expect(pages.every((p) => !p.url.searchParams.has('offset'))).toBe(true)
    expect(pages[1]!.url.searchParams.get('query')).toMatch(/^id>"[0-9a-f-]{36}" and cql\.allRecords=1 sortBy id$/)
  })

  it('another sort: offset paging, every user once, in that order', async () => {
    const wire = recordWire(server)
    const c = client()
    const { seen, outOfOrder } = await drain(
      folioGetAll<User>(c, '/users', 'users', { query: 'cql.allRecords=1 sortBy username', limit: 250 }),
      (a, b) => a.username.toLowerCase() <= b.username.toLowerCase(),
    )
    expect(seen.size).toBe(10_000)
    expect(outOfOrder).toBe(0)
    const offsets = wire.sent.filter((s) => s.url.pathname === '/users').map((s) => Number(s.url.searchParams.get('offset')))
    expect(offsets).toEqual(Array.from({ length: 41 }, (_, i) => i * 250))
  })

  it('forced offset paging without a query gets every user once', async () => {
    const { seen } = await drain(folioGetAll<User>(client(), '/users', 'users', { paging: 'offset', limit: 500 }))
    expect(seen.size).toBe(10_000)
  })

  it('a query sorted by id pages by id with the clause in parentheses; other queries page by offset unless paging: id', async () => {
    const wire = recordWire(server)
    const c = client()
    const active = await folioGetAll<User>(c, '/users', 'users', { query: 'active==true sortBy id', limit: 1000 })
    expect(active).toHaveLength(9001) // the admin plus 9 in 10 patrons
    expect(new Set(active.map((u) => u.id)).size).toBe(9001)
    const queries = wire.sent.filter((s) => s.url.pathname === '/users').map((s) => s.url.searchParams.get('query'))
    expect(queries[0]).toBe('active==true sortBy id')
    expect(queries[1]).toMatch(/^id>"[0-9a-f-]{36}" and \(active==true\) sortBy id$/)
    wire.sent.length = 0
    const query = 'active==false or username==diku_admin'
    const inactive = await folioGetAll<User>(c, '/users', 'users', { query, limit: 100 })
    expect(inactive).toHaveLength(1000)
    expect(inactive.filter((u) => u.active)).toHaveLength(1)
    const offsetPages = wire.sent.filter((s) => s.url.pathname === '/users')
    expect(offsetPages.map((s) => s.url.searchParams.get('offset'))).toEqual(Array.from({ length: 11 }, (_, i) => String(i * 100)))
    expect(offsetPages.every((s) => s.url.searchParams.get('query') === query)).toBe(true)
    wire.sent.length = 0
    const byId = await folioGetAll<User>(c, '/users', 'users', { query, limit: 100, paging: 'id' })
    expect(new Set(byId.map((u) => u.id)).size).toBe(1000)
    const idPages = wire.sent.filter((s) => s.url.pathname === '/users')
    expect(idPages[0]!.url.searchParams.get('query')).toBe(`${query} sortBy id`)
    expect(idPages[1]!.url.searchParams.get('query')).toMatch(/^id>"[0-9a-f-]{36}" and \(active==false or username==diku_admin\) sortBy id$/)
  })

  it('await collects everything; pages() streams pages; onProgress reports totals', async () => {
    const progress: FolioGetAllProgress[] = []
    const list = folioGetAll<User>(client(), '/users', 'users', { limit: 1000, onProgress: (p) => progress.push(p) })
    expect(await list).toHaveLength(10_000)
    expect(progress.at(-1)).toEqual({ pages: 11, items: 10_000, total: 10_000 })
    const sizes: number[] = []
    for await (const page of list.pages()) sizes.push(page.length)
    expect(sizes).toEqual([...Array(10).fill(1000), 0])
  })

  it('breaking out of for await stops fetching; an abort signal rejects with AbortError', async () => {
    const wire = recordWire(server)
    const c = client()
    let n = 0
    for await (const _ of folioGetAll<User>(c, '/users', 'users')) if (++n === 150) break
    expect(wire.sent.filter((s) => s.url.pathname === '/users')).toHaveLength(2)
    const controller = new AbortController()
    let seen = 0
    const run = (async () => {
      for await (const _ of folioGetAll<User>(c, '/users', 'users', { signal: controller.signal })) if (++seen === 250) controller.abort()
    })()
    await expect(run).rejects.toBeInstanceOf(AbortError)
    expect(seen).toBeLessThan(400)
  })

  it('id paging stays exact while records are deleted behind the cursor (offset paging would skip)', async () => {
    const users = fake.state.tenants.get('diku')!.collections.users
    const backup = new Map(users.records)
    const restore = () => {
      users.records.clear()
      for (const [id, r] of backup) users.records.set(id, r)
      users.version++
    }
    /** Iterates, deleting 50 already-seen users once 1,000 have been seen; returns how many distinct users were seen. */
    async function iterateWhileDeleting(paging: 'id' | 'offset') {
      const seen = new Set<string>()
      let deleted = false
      for await (const user of folioGetAll<User>(client(), '/users', 'users', { limit: 100, paging })) {
        seen.add(user.id)
        if (seen.size === 1000 && !deleted) {
          for (const id of [...seen].slice(0, 50)) users.records.delete(id)
          users.version++
          deleted = true
        }
      }
      return seen.size
    }
    try {
      expect(await iterateWhileDeleting('id')).toBe(10_000)
      restore()
      expect(await iterateWhileDeleting('offset')).toBe(9_950)
    } finally {
      restore()
    }
  })
})

describe('folioGetAll input and odd servers', () => {
  it('bad options are ValidationErrors naming the field, rejected on await (never thrown at the call), before any request', async () => {
    const c = client()
    const bad = () => folioGetAll(c, '/users', '')
    expect(bad).not.toThrow()
    await expect(bad()).rejects.toThrow(ValidationError)
    await expect(folioGetAll(c, '/users', 'users', { limit: 0 })).rejects.toThrow(/limit/)
    await expect(folioGetAll(c, '/users', 'users', { limit: 1.5 })).rejects.toThrow(/limit/)
    await expect(folioGetAll(c, '/users', 'users', { paging: 'id', query: 'active==true sortBy username' })).rejects.toThrow(/query/)
    await expect(folioGetAll(c, '/users', 'users', { paging: 'sideways' as 'id' }).pages()[Symbol.asyncIterator]().next()).rejects.toThrow(/paging/)
  })

  it('records without ids cannot be paged by id: a clear error pointing at offset paging', async () => {
    server.use(http.get('*/things', () => HttpResponse.json({ things: Array.from({ length: 100 }, (_, i) => ({ n: i })), totalRecords: 300 })))
    await expect(folioGetAll(client(), '/things', 'things')).rejects.toThrow(/paging: 'offset'/)
  })

  it('a server that ignores id> is caught instead of looping forever', async () => {
    server.use(http.get('*/loops', () => HttpResponse.json({ loops: Array.from({ length: 10 }, (_, i) => ({ id: `id-${i}` })) })))
    await expect(folioGetAll(client(), '/loops', 'loops', { limit: 10 })).rejects.toThrow(/same cursor twice/)
  })
})
