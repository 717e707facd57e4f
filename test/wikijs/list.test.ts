import { describe, expect, it } from 'vitest'
import { ValidationError, type PageProgress } from '../../src/index.js'
import type { WikijsFakePage } from '../../src/testing/wikijs/index.js'
import { listPages, listPagesByTags, type PageOrderBy } from '../../src/wikijs/index.js'
import { useWikiFake } from './setup.js'

const t = useWikiFake()

function stored(): WikijsFakePage[] {
  return [...t.fake.state.pages.values()]
}
function tagsOf(page: WikijsFakePage): string[] {
  return page.tagIds.map((id) => t.fake.state.tags.get(id)!.tag)
}

describe('listPages', () => {
  it('awaits every page, in id order, from one request', async () => {
    const pages = await listPages(t.wiki)
    expect(pages).toHaveLength(300)
    expect(pages.map((p) => p.id)).toEqual(stored().map((p) => p.id))
    expect(pages[0]).toMatchObject({ id: 1, path: 'home', locale: 'en', title: 'Home', contentType: 'markdown' })
    expect(pages[0]?.tags).toEqual(tagsOf(t.fake.state.pages.get(1)!))
    expect(t.fake.stats.requests).toBe(1)
  })

  it('passes limit, locale, creatorId and authorId to Wiki.js', async () => {
    expect(await listPages(t.wiki, { limit: 7 })).toHaveLength(7)
    const german = await listPages(t.wiki, { locale: 'de' })
    expect(german.map((p) => p.id)).toEqual(stored().filter((p) => p.locale === 'de').map((p) => p.id))
    const byAuthor = await listPages(t.wiki, { authorId: 2 })
    expect(byAuthor.map((p) => p.id)).toEqual(stored().filter((p) => p.authorId === 2).map((p) => p.id))
    const byCreator = await listPages(t.wiki, { creatorId: 3 })
    expect(byCreator.map((p) => p.id)).toEqual(stored().filter((p) => p.creatorId === 3).map((p) => p.id))
    expect(byCreator.length).toBeGreaterThan(0)
  })

  it.each<[PageOrderBy, keyof WikijsFakePage]>([
    ['TITLE', 'title'],
    ['PATH', 'path'],
    ['UPDATED', 'updatedAt'],
  ])('orders by %s in both directions', async (orderBy, field) => {
    const asc = await listPages(t.wiki, { orderBy, limit: 20 })
    const desc = await listPages(t.wiki, { orderBy, orderByDirection: 'DESC', limit: 20 })
    const sorted = stored().map((p) => String(p[field])).sort()
    expect(asc.map((p) => (field === 'updatedAt' ? p.updatedAt : String(p[field as 'title' | 'path'])))).toEqual(sorted.slice(0, 20))
    expect(desc.map((p) => (field === 'updatedAt' ? p.updatedAt : String(p[field as 'title' | 'path'])))).toEqual(sorted.reverse().slice(0, 20))
  })

  it('filters by tags (all of them, case-insensitively) and applies limit after the filter', async () => {
    const expected = stored().filter((p) => tagsOf(p).includes('api') && tagsOf(p).includes('guide')).map((p) => p.id)
    expect(expected.length).toBeGreaterThan(3)
    const pages = await listPages(t.wiki, { tags: [' API', 'Guide'] })
    expect(pages.map((p) => p.id)).toEqual(expected)
    const limited = await listPages(t.wiki, { tags: ['api', 'guide'], limit: 3 })
    expect(limited.map((p) => p.id)).toEqual(expected.slice(0, 3))
  })

  it('streams with for-await and hands out client-side chunks of pageSize from a single request', async () => {
    const progress: PageProgress[] = []
    const list = listPages(t.wiki, { pageSize: 64, onProgress: (p) => progress.push(p) })
    const sizes: number[] = []
    for await (const chunk of list.pages()) sizes.push(chunk.length)
    expect(sizes).toEqual([64, 64, 64, 64, 44])
    expect(progress.at(-1)).toEqual({ pages: 5, items: 300 })
    expect(t.fake.stats.requests).toBe(1)
    let streamed = 0
    for await (const page of listPages(t.wiki, { limit: 10 })) {
      expect(page.id).toBe(++streamed)
    }
    expect(streamed).toBe(10)
  })

  it('returns an empty list from an empty wiki', async () => {
    t.fake.state.pages.clear()
    expect(await listPages(t.wiki)).toEqual([])
  })

  it.each([
    [{ limit: 0 }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ orderBy: 'title' as PageOrderBy }, 'orderBy'],
    [{ orderByDirection: 'down' as 'ASC' }, 'orderByDirection'],
    [{ tags: ['ok', ''] }, 'tags[1]'],
    [{ creatorId: -1 }, 'creatorId'],
    [{ pageSize: 0 }, 'pageSize'],
  ])('refuses %j with ValidationError naming %s, sending nothing', async (options, field) => {
    let error: unknown
    try {
      await listPages(t.wiki, options)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(field)
    expect(t.fake.stats.requests).toBe(0)
  })
})

describe('listPagesByTags', () => {
  it('matches all tags by default', async () => {
    const expected = stored().filter((p) => ['api', 'reference'].every((tag) => tagsOf(p).includes(tag))).map((p) => p.id)
    const pages = await listPagesByTags(t.wiki, ['api', 'reference'])
    expect(pages.map((p) => p.id)).toEqual(expected)
    expect(expected.length).toBeGreaterThan(0)
  })

  it('matches any tag with matchAll: false, with locale and limit', async () => {
    const expected = stored()
      .filter((p) => p.locale === 'en' && tagsOf(p).some((tag) => tag === 'faq' || tag === 'security'))
      .map((p) => p.id)
    const pages = await listPagesByTags(t.wiki, ['FAQ', 'security'], { matchAll: false, locale: 'en' })
    expect(pages.map((p) => p.id)).toEqual(expected)
    const five = await listPagesByTags(t.wiki, ['faq', 'security'], { matchAll: false, locale: 'en', limit: 5 })
    expect(five.map((p) => p.id)).toEqual(expected.slice(0, 5))
    expect(t.fake.stats.requests).toBe(2)
  })

  it('finds nothing for a tag no page has', async () => {
    expect(await listPagesByTags(t.wiki, ['no-such-tag'])).toEqual([])
  })

  it.each([
    [[], 'tags'],
    [[''], 'tags[0]'],
    ['api' as unknown as string[], 'tags'],
  ])('refuses tags %j with ValidationError naming %s (a rejection, not a throw), sending nothing', async (tags, field) => {
    let pending: PromiseLike<unknown> | undefined
    expect(() => (pending = listPagesByTags(t.wiki, tags))).not.toThrow()
    const error = await Promise.resolve(pending).then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toBe(field)
    expect(t.fake.stats.requests).toBe(0)
  })
})
