import { describe, expect, it } from 'vitest'
import { NotFoundError, ValidationError } from '../../src/index.js'
import { createFaults } from '../../src/testing/faults.js'
import {
  createPage,
  deletePage,
  ForbiddenError,
  getPage,
  PageOperationError,
  updatePage,
  type CreatePageInput,
  type UpdatePagePatch,
} from '../../src/wikijs/index.js'
import { useWikiFake } from './setup.js'

const t = useWikiFake({ pages: 20 })

const NEW_PAGE: CreatePageInput = {
  title: 'New Page',
  path: 'new-page',
  content: '# New Page\n\nContent here.',
  description: 'A new page',
  tags: ['New', 'example'],
}

describe('createPage', () => {
  it('creates the page and returns it as getPage reads it', async () => {
    const page = await createPage(t.wiki, NEW_PAGE)
    const stored = t.fake.state.pages.get(page.id)!
    expect(stored).toMatchObject({ title: 'New Page', path: 'new-page', locale: 'en', content: NEW_PAGE.content, isPublished: true, isPrivate: false, editor: 'markdown' })
    expect(page).toMatchObject({ id: 21, title: 'New Page', path: 'new-page', locale: 'en', editor: 'markdown', description: 'A new page', authorName: 'Administrator' })
    expect(page.tags.map((tag) => tag.tag)).toEqual(['new', 'example'])
    expect(t.fake.stats.writes).toBe(1)
    expect(t.fake.stats.requests).toBe(2) // create, then read back
  })

  it('sends the given locale, editor and publication flags', async () => {
    const page = await createPage(t.wiki, { ...NEW_PAGE, locale: 'de', editor: 'ckeditor', isPublished: false, isPrivate: true, tags: [] })
    expect(page).toMatchObject({ locale: 'de', editor: 'ckeditor', contentType: 'html', isPublished: false, isPrivate: true, tags: [] })
  })

  it('reports responseResult.succeeded: false as PageOperationError with errorCode, slug and message', async () => {
    const error = await createPage(t.wiki, { ...NEW_PAGE, path: 'home' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PageOperationError)
    expect(error).toMatchObject({
      operation: 'create',
      errorCode: 6002,
      slug: 'PageDuplicateCreate',
      responseResult: { succeeded: false, message: 'Cannot create this page because an entry already exists at the same path.' },
    })
    expect((error as Error).message).toContain('Cannot create this page')
    expect(t.fake.stats.writes).toBe(0)
  })

  it.each<[Partial<CreatePageInput>, string]>([
    [{ title: '' }, 'title'],
    [{ title: '   ' }, 'title'],
    [{ path: '' }, 'path'],
    [{ path: 'has space' }, 'path'],
    [{ path: 'dotted.path' }, 'path'],
    [{ content: '' }, 'content'],
    [{ tags: 'one' as unknown as string[] }, 'tags'],
    [{ isPublished: 'yes' as unknown as boolean }, 'isPublished'],
  ])('refuses %j with ValidationError naming %s, sending nothing', async (change, field) => {
    const error = await createPage(t.wiki, { ...NEW_PAGE, ...change }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(field)
    expect(t.fake.stats.requests).toBe(0)
  })

  it('is not retried after a 503 (a create that may have happened is not sent twice)', async () => {
    const faults = createFaults({ serverErrorRate: 1 })
    t.server.resetHandlers(...faults.handlers, ...t.fake.handlers)
    await expect(createPage(t.wiki, NEW_PAGE)).rejects.toMatchObject({ status: 503 })
    expect(faults.stats.serverErrors).toBe(1)
  })

  it('throws ForbiddenError as Guest and writes nothing', async () => {
    await expect(createPage(t.client({ apiKey: 'wrong-key-123' }), NEW_PAGE)).rejects.toBeInstanceOf(ForbiddenError)
    expect(t.fake.stats.writes).toBe(0)
  })
})

describe('updatePage', () => {
  it('changes only the patched fields: content, tags and publication stay as they were', async () => {
    const before = t.fake.state.pages.get(3)!
    const { content, isPublished, description } = before
    const tags = [...before.tagIds]
    const page = await updatePage(t.wiki, 3, { title: 'Updated Title' })
    expect(page).toMatchObject({ id: 3, title: 'Updated Title', content, isPublished, description })
    const after = t.fake.state.pages.get(3)!
    expect(after).toMatchObject({ title: 'Updated Title', content, isPublished, description })
    expect(after.tagIds).toEqual(tags)
    expect(t.fake.stats.requests).toBe(3) // read, update, read back
  })

  it('applies content, tags and isPublished', async () => {
    const patch: UpdatePagePatch = { content: '# Updated\n\nNew content.', tags: ['updated'], isPublished: false }
    const page = await updatePage(t.wiki, 4, patch)
    expect(page).toMatchObject({ content: patch.content, isPublished: false, tags: [{ tag: 'updated' }] })
  })

  it('moves a page to a new path and locale', async () => {
    const page = await updatePage(t.wiki, 5, { path: 'moved/here', locale: 'de' })
    expect(page).toMatchObject({ path: 'moved/here', locale: 'de' })
  })

  it('reports a path collision as PageOperationError', async () => {
    const error = await updatePage(t.wiki, 6, { path: 'home' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PageOperationError)
    expect(error).toMatchObject({ operation: 'update', errorCode: 6006, slug: 'PagePathCollision', pageId: 6 })
  })

  it('throws NotFoundError for a missing page and writes nothing', async () => {
    await expect(updatePage(t.wiki, 404, { title: 'x' })).rejects.toBeInstanceOf(NotFoundError)
    expect(t.fake.stats.writes).toBe(0)
  })

  it.each<[number, UpdatePagePatch, string]>([
    [0, { title: 'x' }, 'id'],
    [1, {}, ''],
    [1, { title: '' }, 'title'],
    [1, { content: ' \n' }, 'content'],
    [1, { path: 'a//b' }, 'path'],
    [1, { tags: [42 as unknown as string] }, 'tags[0]'],
  ])('refuses id %s patch %j with ValidationError naming %j, sending nothing', async (id, patch, field) => {
    const error = await updatePage(t.wiki, id, patch).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((i) => i.path)).toContain(field)
    expect(t.fake.stats.requests).toBe(0)
  })
})

describe('deletePage', () => {
  it('deletes the page and resolves the responseResult', async () => {
    const result = await deletePage(t.wiki, 7)
    expect(result).toEqual({ succeeded: true, errorCode: 0, slug: 'ok', message: 'Page has been deleted.' })
    expect(t.fake.state.pages.has(7)).toBe(false)
    await expect(getPage(t.wiki, 7)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('throws NotFoundError for a missing page (responseResult PageNotFound)', async () => {
    const error = await deletePage(t.wiki, 999).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as NotFoundError).body).toMatchObject({ succeeded: false, errorCode: 6003, slug: 'PageNotFound' })
  })

  it('refuses a bad id with ValidationError, sending nothing', async () => {
    await expect(deletePage(t.wiki, -1)).rejects.toBeInstanceOf(ValidationError)
    expect(t.fake.stats.requests).toBe(0)
  })

  it('refuses a Guest', async () => {
    await expect(deletePage(t.client({ apiKey: 'expired-key-1' }), 1)).rejects.toBeInstanceOf(ForbiddenError)
    expect(t.fake.state.pages.has(1)).toBe(true)
  })
})
