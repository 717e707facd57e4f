// The Wiki.js fake on the wire, as any HTTP client sees it.
import { describe, expect, it } from 'vitest'
import { wikijsFake } from '../../src/testing/wikijs/index.js'
import { post, useWikiFake } from './setup.js'

const t = useWikiFake({ pages: 40 })
const key = () => t.fake.state.apiKey
const RESULT = 'responseResult { succeeded errorCode slug message }'

describe('validation (every query is parsed and validated against the SDL)', () => {
  // What the Python SDK's async client sends (WIRE.md §5.2); the real 2.x schema rejects each.
  it.each([
    ['pageByPath', 'query { pageByPath(path: "home", locale: "en") { id } }', 'Cannot query field "pageByPath" on type "Query".'],
    ['updatePage', 'mutation { updatePage(id: 1, title: "x") { id } }', 'Cannot query field "updatePage" on type "Mutation".'],
    ['deletePage', 'mutation { deletePage(id: 1) { success message } }', 'Cannot query field "deletePage" on type "Mutation".'],
    ['list(offset)', '{ pages { list(limit: 5, offset: 0) { id } } }', 'Unknown argument "offset" on field "PageQuery.list".'],
    ['list(search)', '{ pages { list(search: "x") { id } } }', 'Unknown argument "search" on field "PageQuery.list".'],
    ['list(orderDirection)', '{ pages { list(orderDirection: "ASC") { id } } }', 'Unknown argument "orderDirection" on field "PageQuery.list". Did you mean "orderByDirection"?'],
    ['list(orderBy: String)', '{ pages { list(orderBy: "title") { id } } }', 'Enum "PageOrderBy" cannot represent non-enum value: "title". Did you mean the enum value "TITLE"?'],
    ['list { content }', '{ pages { list { id content authorName editor } } }', 'Cannot query field "content" on type "PageListItem".'],
    ['site { title }', '{ site { title } }', 'Cannot query field "title" on type "SiteQuery".'],
    ['single without id', '{ pages { single { id } } }', 'Field "single" argument "id" of type "Int!" is required, but it was not provided.'],
  ])('%s → HTTP 400 GRAPHQL_VALIDATION_FAILED', async (_name, query, message) => {
    const { status, json } = await post({ query }, key())
    expect(status).toBe(400)
    expect(json.data).toBeUndefined()
    expect(json.errors[0]).toMatchObject({ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })
    expect(t.fake.stats.writes).toBe(0)
  })

  it('answers a syntax error with HTTP 400 GRAPHQL_PARSE_FAILED and its location', async () => {
    const { status, json } = await post({ query: '{ pages { list { id } }' }, key())
    expect(status).toBe(400)
    expect(json.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' }, locations: [{ line: 1, column: 24 }] })
    expect(json.errors[0].message).toMatch(/^Syntax Error/)
  })

  it('answers bad variables with HTTP 400 and no data', async () => {
    const { status, json } = await post({ query: 'query($id: Int!) { pages { single(id: $id) { id } } }', variables: { id: 'seven' } }, key())
    expect(status).toBe(400)
    expect(json.errors[0].message).toContain('Variable "$id" got invalid value "seven"')
  })

  it.each([
    ['no query', {}],
    ['query not a string', { query: 5 }],
    ['variables not an object', { query: '{ site { config { title } } }', variables: [1] }],
    ['a batch', [{ query: '{ site { config { title } } }' }]],
  ])('answers %s with HTTP 400', async (_name, body) => {
    expect((await post(body, key())).status).toBe(400)
  })

  it('answers a body that is not JSON with HTTP 400', async () => {
    expect((await post('{"query": ', key())).status).toBe(400)
  })
})

describe('Guest (bad, missing or expired key)', () => {
  it.each([['a bad key', 'not-the-key'], ['no key', undefined]])('with %s, protected fields fail with "Forbidden" in a 200', async (_name, guestKey) => {
    const { status, json } = await post({ query: '{ pages { list { id } } site { config { title } } }' }, guestKey)
    expect(status).toBe(200)
    expect(json.data).toEqual({ pages: null, site: { config: null } })
    expect(json.errors.map((e: { message: string; path: string[] }) => [e.message, e.path.join('.')])).toEqual([
      ['Forbidden', 'pages.list'],
      ['Forbidden', 'site.config'],
    ])
  })

  it('after expireCredentials() the key runs as Guest', async () => {
    expect((await post({ query: '{ pages { list(limit: 1) { id } } }' }, key())).json.data.pages.list).toEqual([{ id: 1 }])
    t.fake.expireCredentials()
    expect((await post({ query: '{ pages { list(limit: 1) { id } } }' }, key())).json.errors[0].message).toBe('Forbidden')
  })

  it('with guestPermissions, Guest reads what those allow and field-level @auth still applies', async () => {
    t.fake.state.guestPermissions = ['read:pages']
    const list = await post({ query: '{ pages { list(limit: 2) { id title } } }' }, 'bad')
    expect(list.json).toEqual({ data: { pages: { list: [{ id: 1, title: 'Home' }, { id: 2, title: t.fake.state.pages.get(2)!.title }] } } })
    // single also needs manage:pages or delete:pages on the page (PageViewForbidden, 6013).
    const single = await post({ query: '{ pages { single(id: 1) { title } } }' }, 'bad')
    expect(single.json.errors[0]).toMatchObject({ message: 'You are not authorized to view this page.', extensions: { exception: { code: 6013 } } })
    t.fake.state.guestPermissions = ['read:pages', 'manage:pages']
    const content = await post({ query: '{ pages { single(id: 1) { title content } } }' }, 'bad')
    expect(content.json.data).toEqual({ pages: { single: null } })
    expect(content.json.errors[0]).toMatchObject({ message: 'Forbidden', path: ['pages', 'single', 'content'] })
  })
})

describe('Wiki.js 2.x semantics', () => {
  it('single of a missing page: "This page does not exist." (6003) with single null', async () => {
    const { status, json } = await post({ query: '{ pages { single(id: 999) { id } } }' }, key())
    expect(status).toBe(200)
    expect(json).toEqual({
      data: { pages: { single: null } },
      errors: [{ message: 'This page does not exist.', locations: [{ line: 1, column: 11 }], path: ['pages', 'single'], extensions: { code: 'INTERNAL_SERVER_ERROR', exception: { code: 6003 } } }],
    })
  })

  it('create answers the raw database row: page.locale and page.editor cannot be read there', async () => {
    const query = `mutation { pages { create(content: "# A", description: "", editor: "markdown", isPublished: true, isPrivate: false, locale: "en", path: "raw-row", tags: ["x"], title: "A") { ${RESULT} page { id title locale editor } } } }`
    const { status, json } = await post({ query }, key())
    expect(status).toBe(200)
    expect(json.data.pages.create).toEqual({ responseResult: { succeeded: true, errorCode: 0, slug: 'ok', message: 'Page created successfully.' }, page: null })
    expect(json.errors.map((e: { message: string }) => e.message)).toEqual(['Cannot return null for non-nullable field Page.locale.'])
    expect(t.fake.state.pages.get(41)).toMatchObject({ path: 'raw-row', title: 'A', locale: 'en', editor: 'markdown' })
  })

  it('create refuses an illegal path, an empty content and a taken path with responseResult', async () => {
    const create = (path: string, content: string) =>
      post({ query: `mutation($p: String!, $c: String!) { pages { create(content: $c, description: "", editor: "markdown", isPublished: true, isPrivate: false, locale: "en", path: $p, tags: [], title: "T") { ${RESULT} page { id } } } }`, variables: { p: path, c: content } }, key())
    expect((await create('a.b', 'x')).json.data.pages.create).toEqual({ responseResult: { succeeded: false, errorCode: 6005, slug: 'PageIllegalPath', message: 'Page path cannot contain illegal characters.' }, page: null })
    expect((await create('fresh', '  ')).json.data.pages.create.responseResult).toMatchObject({ errorCode: 6004, slug: 'PageEmptyContent' })
    expect((await create('/home/', 'x')).json.data.pages.create.responseResult).toMatchObject({ errorCode: 6002, slug: 'PageDuplicateCreate' })
    expect(t.fake.stats.writes).toBe(0)
  })

  it('update without content fails with PageEmptyContent and changes nothing', async () => {
    const before = { ...t.fake.state.pages.get(3)! }
    const { json } = await post({ query: `mutation { pages { update(id: 3, title: "Only a title") { ${RESULT} } } }` }, key())
    expect(json.data.pages.update.responseResult).toEqual({ succeeded: false, errorCode: 6004, slug: 'PageEmptyContent', message: 'Page content cannot be empty.' })
    expect(t.fake.state.pages.get(3)).toEqual(before)
  })

  it('update without tags and isPublished: patched and unpublished, then fails on the tags', async () => {
    const { json } = await post({ query: `mutation { pages { update(id: 4, content: "new body", title: "New") { ${RESULT} } } }` }, key())
    expect(json.data.pages.update.responseResult).toMatchObject({ succeeded: false, errorCode: 1, slug: 'TypeError' })
    expect(t.fake.state.pages.get(4)).toMatchObject({ content: 'new body', title: 'New', isPublished: false })
    expect(t.fake.stats.writes).toBe(1)
  })

  it('update of a missing id: "Invalid Page Id" with errorCode 1', async () => {
    const { json } = await post({ query: `mutation { pages { update(id: 999, content: "x", tags: []) { ${RESULT} } } }` }, key())
    expect(json.data.pages.update.responseResult).toEqual({ succeeded: false, errorCode: 1, slug: 'Error', message: 'Invalid Page Id' })
  })

  it('delete answers responseResult, PageNotFound for a missing page', async () => {
    const first = await post({ query: `mutation { pages { delete(id: 5) { ${RESULT} } } }` }, key())
    expect(first.json.data.pages.delete.responseResult).toEqual({ succeeded: true, errorCode: 0, slug: 'ok', message: 'Page has been deleted.' })
    const again = await post({ query: `mutation { pages { delete(id: 5) { ${RESULT} } } }` }, key())
    expect(again.json.data.pages.delete.responseResult).toEqual({ succeeded: false, errorCode: 6003, slug: 'PageNotFound', message: 'This page does not exist.' })
  })

  it('list(tags): Wiki.js lower-cases for SQL but compares the given tags as they are after', async () => {
    const upper = await post({ query: '{ pages { list(tags: ["API"]) { id } } }' }, key())
    expect(upper.json.data.pages.list).toEqual([])
    const lower = await post({ query: '{ pages { list(tags: ["api"]) { id tags } } }' }, key())
    expect(lower.json.data.pages.list.length).toBeGreaterThan(0)
    for (const page of lower.json.data.pages.list) expect(page.tags).toContain('api')
  })

  it('serves tags, searchTags, updateTag and deleteTag', async () => {
    const tags = (await post({ query: '{ pages { tags { id tag title createdAt updatedAt } } }' }, key())).json.data.pages.tags
    expect(tags.map((tag: { tag: string }) => tag.tag)).toEqual([...tags.map((tag: { tag: string }) => tag.tag)].sort())
    const api = tags.find((tag: { tag: string }) => tag.tag === 'api')
    expect((await post({ query: '{ pages { searchTags(query: "AP") } }' }, key())).json.data.pages.searchTags).toEqual(['api'])
    const renamed = await post({ query: `mutation { pages { updateTag(id: ${api.id}, tag: " REST ", title: "REST API") { ${RESULT} } } }` }, key())
    expect(renamed.json.data.pages.updateTag.responseResult.succeeded).toBe(true)
    const page = [...t.fake.state.pages.values()].find((p) => p.tagIds.includes(api.id))!
    const single = await post({ query: `{ pages { single(id: ${page.id}) { tags { tag title } } } }` }, key())
    expect(single.json.data.pages.single.tags).toContainEqual({ tag: 'rest', title: 'REST API' })
    await post({ query: `mutation { pages { deleteTag(id: ${api.id}) { ${RESULT} } } }` }, key())
    expect(t.fake.state.pages.get(page.id)!.tagIds).not.toContain(api.id)
    const missing = await post({ query: `mutation { pages { deleteTag(id: ${api.id}) { ${RESULT} } } }` }, key())
    expect(missing.json.data.pages.deleteTag.responseResult).toMatchObject({ succeeded: false, message: 'This tag does not exist.' })
  })

  it('serves site.config', async () => {
    const { json } = await post({ query: '{ site { config { title company host } } }' }, key())
    expect(json.data.site.config).toEqual({ title: 'Example Wiki', company: 'Example Corp', host: 'https://wiki.example.com' })
  })
})

describe('seed and counters', () => {
  it('seeds the same pages on every run, in en/de/fr, with tags', () => {
    const a = wikijsFake({ pages: 300 })
    const b = wikijsFake({ pages: 300 })
    expect([...a.state.pages.values()]).toEqual([...b.state.pages.values()])
    expect(a.state.pages.size).toBe(300)
    const locales = new Set([...a.state.pages.values()].map((p) => p.locale))
    expect([...locales].sort()).toEqual(['de', 'en', 'fr'])
    expect([...a.state.pages.values()].every((p) => p.tagIds.length > 0)).toBe(true)
    expect(wikijsFake().state.pages.size).toBe(300)
  })

  it('counts requests and writes (no logins: API keys)', async () => {
    await post({ query: '{ site { config { title } } }' }, key())
    await post({ query: `mutation { pages { delete(id: 1) { ${RESULT} } } }` }, key())
    await post({ query: '{ nope }' }, key())
    expect(t.fake.stats).toEqual({ requests: 3, logins: 0, writes: 1 })
  })

  it('refuses a bad seed count', () => {
    expect(() => wikijsFake({ pages: -1 })).toThrow(TypeError)
  })
})
