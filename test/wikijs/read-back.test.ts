// createPage / updatePage read the page back after the write. When only that read fails, the
// write has happened: the caller gets a PageReadBackError naming the page, never a bare error.
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { AbortError, NetworkError, NotFoundError, ServerError } from '../../src/index.js'
import { createFaults, type FaultOptions, type Faults } from '../../src/testing/faults.js'
import { createPage, getPage, PageOperationError, PageReadBackError, updatePage, type CreatePageInput } from '../../src/wikijs/index.js'
import { useWikiFake } from './setup.js'

const t = useWikiFake({ pages: 20 })

const NEW_PAGE: CreatePageInput = { title: 'Quarterly', path: 'reports/q3', content: '# Q3', tags: ['report'] }

/** What reached the wire, by kind of GraphQL document. */
interface Wire {
  mutations: number
  /** `pages { single }` reads sent before the first mutation (updatePage's own first read). */
  readsBefore: number
  /** `pages { single }` reads sent after a mutation: the read-backs, retries included. */
  readBacks: number
}

/**
 * Installs `fault` on the read-back queries only — a `pages { single }` query sent after a
 * mutation — and counts the GraphQL requests on the wire. A first handler reads each body and
 * tags the request, then falls through to the fault handler (whose `match` checks the tag) and
 * the fake, which validates every document.
 */
function faultReadBacks(fault: Omit<FaultOptions, 'match'>, times = Infinity): { faults: Faults; wire: Wire } {
  let left = times
  const wire: Wire = { mutations: 0, readsBefore: 0, readBacks: 0 }
  const readBacks = new WeakSet<Request>()
  const tag = http.post('*/graphql', async ({ request }) => {
    const { query } = (await request.clone().json()) as { query: string }
    if (/^\s*mutation\b/.test(query)) wire.mutations++
    else if (/\bpages\s*\{\s*single\b/.test(query)) {
      if (wire.mutations === 0) wire.readsBefore++
      else {
        wire.readBacks++
        readBacks.add(request)
      }
    }
    // No response: msw goes on to the next handler.
  })
  const faults = createFaults({ ...fault, match: (request) => readBacks.has(request) && left-- > 0 })
  t.server.resetHandlers(tag, ...faults.handlers, ...t.fake.handlers)
  return { faults, wire }
}

describe('createPage when the read-back fails', () => {
  it('503 on every read-back: PageReadBackError with the new page id and path; the page exists', async () => {
    const { faults, wire } = faultReadBacks({ serverErrorRate: 1 })

    const error = await createPage(t.wiki, NEW_PAGE).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(PageReadBackError)
    const readBack = error as PageReadBackError
    expect(readBack).toMatchObject({ name: 'PageReadBackError', operation: 'create', pageId: 21, path: 'reports/q3', locale: 'en' })
    expect(readBack.cause).toBeInstanceOf(ServerError)
    expect((readBack.cause as ServerError).status).toBe(503)
    expect(readBack.message).toMatch(/page create succeeded \(page 21, en\/reports\/q3\) but reading the page back failed/)
    // One create, three reads (the query is retried twice by default), every read refused.
    expect(wire).toEqual({ mutations: 1, readsBefore: 0, readBacks: 3 })
    expect(faults.stats.serverErrors).toBe(3)
    // The wiki has the page, written once.
    expect(t.fake.state.pages.get(21)).toMatchObject({ title: 'Quarterly', path: 'reports/q3', locale: 'en', content: '# Q3' })
    expect(t.fake.stats.writes).toBe(1)
  })

  it('the id is enough to go on: getPage reads the page, a second createPage would be refused as a duplicate', async () => {
    faultReadBacks({ serverErrorRate: 1 })
    const error = (await createPage(t.wiki, NEW_PAGE).catch((e: unknown) => e)) as PageReadBackError
    expect(error).toBeInstanceOf(PageReadBackError)

    t.server.resetHandlers(...t.fake.handlers)
    const page = await getPage(t.wiki, error.pageId)
    expect(page).toMatchObject({ id: error.pageId, path: error.path, locale: error.locale, title: 'Quarterly' })
    const again = await createPage(t.wiki, NEW_PAGE).catch((e: unknown) => e)
    expect(again).toBeInstanceOf(PageOperationError)
    expect(again).toMatchObject({ slug: 'PageDuplicateCreate' })
    expect(t.fake.stats.writes).toBe(1)
  })

  it('a dropped connection on the read-back: PageReadBackError with a NetworkError cause', async () => {
    const { faults, wire } = faultReadBacks({ dropRate: 1 })
    const error = await createPage(t.wiki, { ...NEW_PAGE, locale: 'de' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PageReadBackError)
    expect(error).toMatchObject({ operation: 'create', pageId: 21, path: 'reports/q3', locale: 'de' })
    expect((error as PageReadBackError).cause).toBeInstanceOf(NetworkError)
    expect(wire).toEqual({ mutations: 1, readsBefore: 0, readBacks: 3 })
    expect(faults.stats.dropped).toBe(3)
    expect(t.fake.state.pages.get(21)).toMatchObject({ path: 'reports/q3', locale: 'de' })
  })

  it('the caller aborting during the read-back: PageReadBackError with an AbortError cause', async () => {
    const controller = new AbortController()
    faultReadBacks({ latency: 5_000, onFault: () => controller.abort() })
    const error = await createPage(t.wiki, NEW_PAGE, { signal: controller.signal }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PageReadBackError)
    expect((error as PageReadBackError).cause).toBeInstanceOf(AbortError)
    expect(error).toMatchObject({ pageId: 21, path: 'reports/q3' })
    expect(t.fake.state.pages.has(21)).toBe(true)
  })

  it('one 503 on the read-back is retried (a query): the full page comes back, 1 create + 2 reads', async () => {
    const { faults, wire } = faultReadBacks({ serverErrorRate: 1 }, 1)

    const page = await createPage(t.wiki, NEW_PAGE)

    expect(page).toMatchObject({ id: 21, title: 'Quarterly', path: 'reports/q3', locale: 'en', content: '# Q3', tags: [{ tag: 'report' }] })
    expect(faults.stats.serverErrors).toBe(1)
    expect(wire).toEqual({ mutations: 1, readsBefore: 0, readBacks: 2 })
    expect(t.fake.stats.writes).toBe(1)
  })

  it('no fault: the full page, 2 requests (create, read back)', async () => {
    const { faults, wire } = faultReadBacks({})
    const page = await createPage(t.wiki, NEW_PAGE)
    expect(page).toMatchObject({ id: 21, path: 'reports/q3', title: 'Quarterly', authorName: 'Administrator' })
    expect(wire).toEqual({ mutations: 1, readsBefore: 0, readBacks: 1 })
    expect(faults.stats).toEqual({ serverErrors: 0, rateLimited: 0, dropped: 0, delayed: 0 })
    expect(t.fake.stats.requests).toBe(2)
  })
})

describe('updatePage when the read-back fails', () => {
  it('503 on every read-back: PageReadBackError (operation update, id, new path); the update is applied', async () => {
    const { faults, wire } = faultReadBacks({ serverErrorRate: 1 })
    const error = await updatePage(t.wiki, 3, { title: 'Moved', path: 'archive/moved' }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(PageReadBackError)
    expect(error).toMatchObject({ operation: 'update', pageId: 3, path: 'archive/moved', locale: 'en' })
    expect((error as PageReadBackError).cause).toBeInstanceOf(ServerError)
    // The first read is not faulted; one update; three read-backs.
    expect(wire).toEqual({ mutations: 1, readsBefore: 1, readBacks: 3 })
    expect(faults.stats.serverErrors).toBe(3)
    expect(t.fake.state.pages.get(3)).toMatchObject({ title: 'Moved', path: 'archive/moved' })
    expect(t.fake.stats.writes).toBe(1)
  })

  it('a failure before the write is not a PageReadBackError: the first read 503s, nothing is written', async () => {
    const faults = createFaults({ serverErrorRate: 1 })
    t.server.resetHandlers(...faults.handlers, ...t.fake.handlers)
    const error = await updatePage(t.wiki, 3, { title: 'Never' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServerError)
    expect(error).not.toBeInstanceOf(PageReadBackError)
    expect(t.fake.stats.writes).toBe(0)
    expect(t.fake.state.pages.get(3)!.title).not.toBe('Never')
  })

  it('the page deleted between the update and the read-back: PageReadBackError with a NotFoundError cause', async () => {
    const { wire } = faultReadBacks({ onFault: () => t.fake.state.pages.delete(3), latency: 1 })
    const error = await updatePage(t.wiki, 3, { title: 'Gone soon' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PageReadBackError)
    expect(error).toMatchObject({ operation: 'update', pageId: 3 })
    expect((error as PageReadBackError).cause).toBeInstanceOf(NotFoundError)
    expect(wire).toEqual({ mutations: 1, readsBefore: 1, readBacks: 1 })
  })
})
