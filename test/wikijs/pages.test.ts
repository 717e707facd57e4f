import { describe, expect, it } from 'vitest'
import { mapConcurrent, NotFoundError, ValidationError } from '../../src/index.js'
import { ForbiddenError, getPage, getPageByPath } from '../../src/wikijs/index.js'
import { useWikiFake } from './setup.js'

const t = useWikiFake()

describe('getPage', () => {
  it('returns the page with content, tags and authorship as stored', async () => {
    const stored = t.fake.state.pages.get(42)!
    const page = await getPage(t.wiki, 42)
    expect(page).toMatchObject({
      id: 42,
      path: stored.path,
      locale: stored.locale,
      title: stored.title,
      content: stored.content,
      editor: stored.editor,
      isPublished: stored.isPublished,
      authorId: stored.authorId,
      authorName: t.fake.state.users.get(stored.authorId)!.name,
      createdAt: stored.createdAt,
    })
    expect(page.tags.map((tag) => tag.tag)).toEqual(stored.tagIds.map((id) => t.fake.state.tags.get(id)!.tag))
    expect(t.fake.stats.requests).toBe(1)
  })

  it('throws NotFoundError for a missing page', async () => {
    const error = await getPage(t.wiki, 9999).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as NotFoundError).message).toContain('9999')
    expect((error as NotFoundError).status).toBe(404)
  })

  it.each([0, -3, 1.5, Number.NaN, '7' as unknown as number, undefined as unknown as number])(
    'refuses id %s with ValidationError naming `id`, sending nothing',
    async (id) => {
      const error = await getPage(t.wiki, id).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(ValidationError)
      expect((error as ValidationError).issues[0]?.path).toBe('id')
      expect(t.fake.stats.requests).toBe(0)
    },
  )

  it('throws ForbiddenError when the key is not accepted (Guest)', async () => {
    const guest = t.client({ apiKey: 'not-the-key' })
    await expect(getPage(guest, 1)).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('fetches 100 pages with mapConcurrent, in order, one request each', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => i + 1)
    const wiki = t.client({ concurrency: 10 })
    const pages = await mapConcurrent(ids, (id, _i, signal) => getPage(wiki, id, { signal }), { concurrency: 25 })
    expect(pages.map((p) => p.id)).toEqual(ids)
    expect(pages.map((p) => p.title)).toEqual(ids.map((id) => t.fake.state.pages.get(id)!.title))
    expect(t.fake.stats.requests).toBe(100)
    await wiki.close()
  })

  it('keeps every success and every failure of a batch with settle: true', async () => {
    const ids = [1, 2, 9999, 4, 5]
    const outcomes = await mapConcurrent(ids, (id) => getPage(t.wiki, id), { concurrency: 5, settle: true })
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled'])
    const failed = outcomes[2]
    expect(failed?.status === 'rejected' && failed.reason).toBeInstanceOf(NotFoundError)
  })
})

describe('getPageByPath', () => {
  it('finds a page by path in the default locale (en)', async () => {
    const page = await getPageByPath(t.wiki, 'home')
    expect(page).toMatchObject({ id: 1, path: 'home', locale: 'en', title: 'Home' })
  })

  it('finds a page in another locale and drops leading/trailing slashes', async () => {
    const german = t.fake.state.pages.get(10)!
    expect(german.locale).toBe('de')
    const page = await getPageByPath(t.wiki, `/${german.path}/`, { locale: 'de' })
    expect(page.id).toBe(10)
  })

  it('throws NotFoundError for a path missing in that locale', async () => {
    const german = t.fake.state.pages.get(10)!
    await expect(getPageByPath(t.wiki, german.path)).rejects.toBeInstanceOf(NotFoundError)
    await expect(getPageByPath(t.wiki, 'no/such/page')).rejects.toThrow(/en\/no\/such\/page/)
  })

  it.each([
    ['', {}, 'path'],
    ['/', {}, 'path'],
    ['home', { locale: '' }, 'locale'],
  ])('refuses path %j %j with ValidationError naming %s, sending nothing', async (path, options, field) => {
    const error = await getPageByPath(t.wiki, path, options).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toBe(field)
    expect(t.fake.stats.requests).toBe(0)
  })
})
