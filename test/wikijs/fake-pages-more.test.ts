// The Wiki.js fake's page history, versions, tree, links, move, render and tag rows, on the wire.
import { describe, expect, it } from 'vitest'
import { post, useWikiFake } from './setup.js'

const t = useWikiFake({ pages: 20 })
const key = () => t.fake.state.apiKey
const RESULT = 'responseResult { succeeded errorCode slug message }'
const gql = async (query: string, variables?: Record<string, unknown>, bearer: string | undefined = key()) => {
  const { status, json } = await post({ query, variables }, bearer)
  expect(status).toBe(200)
  return json
}

describe('history and version', () => {
  it('records the page as it was before each update and move; the trail is newest first', async () => {
    const { path: oldPath, content: oldContent } = t.fake.state.pages.get(2)!
    await gql(`mutation { pages { update(id: 2, content: "second body", tags: ["api"], isPublished: true) { ${RESULT} } } }`)
    const moved = await gql(`mutation { pages { move(id: 2, destinationPath: "archive/two", destinationLocale: "en") { ${RESULT} } } }`)
    expect(moved.data.pages.move.responseResult).toEqual({ succeeded: true, errorCode: 0, slug: 'ok', message: 'Page has been moved.' })
    const { data } = await gql('{ pages { history(id: 2) { total trail { versionId authorId authorName actionType valueBefore valueAfter versionDate } } } }')
    expect(data.pages.history.total).toBe(2)
    expect(data.pages.history.trail).toEqual([
      expect.objectContaining({ actionType: 'edit', valueBefore: null, valueAfter: null }),
      expect.objectContaining({ actionType: 'initial', authorName: expect.any(String) }),
    ])
    const [newest, oldest] = data.pages.history.trail
    // The newest snapshot is the page just before the move: after the update, still at the old path.
    const version = await gql(`{ pages { version(pageId: 2, versionId: ${newest.versionId}) { action content path tags versionId pageId authorId } } }`)
    expect(version.data.pages.version).toEqual({ action: 'moved', content: 'second body', path: oldPath, tags: [], versionId: newest.versionId, pageId: 2, authorId: '1' })
    const first = await gql(`{ pages { version(pageId: 2, versionId: ${oldest.versionId}) { action content path } } }`)
    expect(first.data.pages.version).toEqual({ action: 'updated', content: oldContent, path: oldPath })
    expect(t.fake.state.pages.get(2)).toMatchObject({ path: 'archive/two', content: 'second body' })
  })

  it('calls a version whose path differs from the one before it a move, and pages the trail with offsetPage/offsetSize', async () => {
    const original = t.fake.state.pages.get(3)!.path
    await gql(`mutation { pages { move(id: 3, destinationPath: "a/three", destinationLocale: "en") { ${RESULT} } } }`)
    await gql(`mutation { pages { move(id: 3, destinationPath: "b/three", destinationLocale: "en") { ${RESULT} } } }`)
    const { data } = await gql('{ pages { history(id: 3) { total trail { actionType valueBefore valueAfter } } } }')
    expect(data.pages.history).toEqual({
      total: 2,
      trail: [
        { actionType: 'move', valueBefore: original, valueAfter: 'a/three' },
        { actionType: 'initial', valueBefore: null, valueAfter: null },
      ],
    })
    const page = await gql('{ pages { history(id: 3, offsetPage: 0, offsetSize: 1) { total trail { actionType } } } }')
    expect(page.data.pages.history).toEqual({ total: 2, trail: [{ actionType: 'move' }] })
  })

  it('seeds one earlier version on every fourth page', async () => {
    const { data } = await gql('{ pages { history(id: 4) { total trail { actionType authorName } } } }')
    expect(data.pages.history.total).toBe(1)
    expect(data.pages.history.trail[0].actionType).toBe('initial')
  })

  it('a missing page or version is a GraphQL error, as 2.5 fails reading its path', async () => {
    const json = await gql('{ pages { history(id: 999) { total } } }')
    expect(json.data.pages.history).toBeNull()
    expect(json.errors[0].message).toContain("reading 'path'")
    const version = await gql('{ pages { version(pageId: 1, versionId: 999) { content } } }')
    expect(version.errors[0].message).toContain("reading 'path'")
  })

  it('is protected: Guest gets Forbidden', async () => {
    const json = await gql('{ pages { history(id: 2) { total } } }', undefined, 'not-the-key')
    expect(json.errors[0]).toMatchObject({ message: 'Forbidden', path: ['pages', 'history'] })
  })
})

describe('restore and conflicts', () => {
  it('restore brings a version back (tags emptied, as 2.5 restores them) and snapshots the page first', async () => {
    const { content: original, path } = t.fake.state.pages.get(8)!
    await gql(`mutation { pages { update(id: 8, content: "rewritten", tags: ["api"], isPublished: true) { ${RESULT} } } }`)
    const versionId = [...t.fake.state.versions.values()].filter((v) => v.pageId === 8 && v.content === original).at(-1)!.id
    const json = await gql(`mutation { pages { restore(pageId: 8, versionId: ${versionId}) { ${RESULT} } } }`)
    expect(json.data.pages.restore.responseResult).toEqual({ succeeded: true, errorCode: 0, slug: 'ok', message: 'Page version restored successfully.' })
    expect(t.fake.state.pages.get(8)).toMatchObject({ content: original, path, tagIds: [] })
    expect([...t.fake.state.versions.values()].at(-1)).toMatchObject({ pageId: 8, action: 'restore', content: 'rewritten' })
    const missing = await gql(`mutation { pages { restore(pageId: 8, versionId: 999) { ${RESULT} } } }`)
    expect(missing.data.pages.restore.responseResult).toMatchObject({ succeeded: false, errorCode: 6003 })
  })

  it('checkConflicts says whether the page changed since the checkout; conflictLatest answers the page as it is now', async () => {
    const page = t.fake.state.pages.get(9)!
    const check = (date: string) => gql('query($d: Date!) { pages { checkConflicts(id: 9, checkoutDate: $d) } }', { d: date })
    expect((await check(page.updatedAt)).data.pages.checkConflicts).toBe(false)
    await gql(`mutation { pages { update(id: 9, content: "changed", tags: [], isPublished: true) { ${RESULT} } } }`)
    expect((await check(page.createdAt)).data.pages.checkConflicts).toBe(true)
    const latest = await gql('{ pages { conflictLatest(id: 9) { id authorId authorName content path locale tags title isPublished } } }')
    expect(latest.data.pages.conflictLatest).toEqual({ id: 9, authorId: '1', authorName: 'Administrator', content: 'changed', path: page.path, locale: page.locale, tags: [], title: page.title, isPublished: true })
    const missing = await gql('{ pages { conflictLatest(id: 999) { id } } }')
    expect(missing.errors[0]).toMatchObject({ message: 'This page does not exist.', extensions: { exception: { code: 6003 } } })
  })
})

describe('move and render', () => {
  it.each([
    ['a missing page', 999, 'x/y', 6003, 'PageNotFound'],
    ['an illegal path', 1, 'has space', 6005, 'PageIllegalPath'],
    ['a taken path', 1, 'TAKEN', 6006, 'PagePathCollision'],
  ])('refuses %s with its Wiki.js error', async (_name, id, path, errorCode, slug) => {
    const destination = path === 'TAKEN' ? t.fake.state.pages.get(2)!.path : path
    const json = await gql(`mutation($p: String!) { pages { move(id: ${id}, destinationPath: $p, destinationLocale: "en") { ${RESULT} } } }`, { p: destination })
    expect(json.data.pages.move.responseResult).toMatchObject({ succeeded: false, errorCode, slug })
    expect(t.fake.stats.writes).toBe(0)
  })

  it('moves to another locale, trims slashes, and the page is found at its new path', async () => {
    await gql(`mutation { pages { move(id: 6, destinationPath: "/de-docs/six/", destinationLocale: "de") { ${RESULT} } } }`)
    const json = await gql('{ pages { singleByPath(path: "de-docs/six", locale: "de") { id locale path } } }')
    expect(json.data.pages.singleByPath).toEqual({ id: 6, locale: 'de', path: 'de-docs/six' })
  })

  it('render re-renders the stored content: its links follow', async () => {
    const page = t.fake.state.pages.get(7)!
    page.content = 'Now see [the API](/en/api/reference) and [guide](/fr/guide).'
    const before = await gql('{ pages { links(locale: "en") { id links } } }')
    expect(before.data.pages.links.find((l: { id: number }) => l.id === 7).links).toEqual(['en/home'])
    const json = await gql(`mutation { pages { render(id: 7) { ${RESULT} } } }`)
    expect(json.data.pages.render.responseResult.succeeded).toBe(true)
    const single = await gql('{ pages { single(id: 7) { render } } }')
    expect(single.data.pages.single.render).toBe('<p>Now see <a href="/en/api/reference">the API</a> and <a href="/fr/guide">guide</a>.</p>')
    const after = await gql('{ pages { links(locale: "en") { id title path links } } }')
    expect(after.data.pages.links.find((l: { id: number }) => l.id === 7)).toEqual({ id: 7, title: page.title, path: `en/${page.path}`, links: ['en/api/reference', 'fr/guide'] })
    const missing = await gql(`mutation { pages { render(id: 999) { ${RESULT} } } }`)
    expect(missing.data.pages.render.responseResult).toMatchObject({ succeeded: false, errorCode: 6003 })
  })
})

describe('tree and links', () => {
  it('lists the top level of a locale, folders first then by title; a folder drills down by parent', async () => {
    const { data } = await gql('{ pages { tree(mode: ALL, locale: "en") { id path depth title isFolder isPrivate privateNS parent pageId locale } } }')
    const top = data.pages.tree as { id: number; path: string; isFolder: boolean; title: string; parent: number; pageId: number | null; depth: number }[]
    expect(top.every((n) => n.parent === 0 && n.depth === 1)).toBe(true)
    expect(top.find((n) => n.path === 'home')).toMatchObject({ isFolder: false, pageId: 1, title: 'Home', locale: 'en' })
    const folders = top.filter((n) => n.isFolder)
    expect(top.slice(0, folders.length)).toEqual(folders)
    expect(folders.map((f) => f.title)).toEqual([...folders.map((f) => f.title)].sort())
    const folder = folders[0]!
    const inside = await gql(`{ pages { tree(parent: ${folder.id}, mode: PAGES, locale: "en") { path pageId parent depth } } }`)
    const children = inside.data.pages.tree as { path: string; pageId: number; parent: number; depth: number }[]
    expect(children.length).toBeGreaterThan(0)
    for (const child of children) {
      expect(child).toMatchObject({ parent: folder.id, depth: 2 })
      expect(child.path.startsWith(`${folder.path}/`)).toBe(true)
      expect(t.fake.state.pages.get(child.pageId)!.path).toBe(child.path)
    }
    const folderOnly = await gql('{ pages { tree(mode: FOLDERS, locale: "en") { isFolder } } }')
    expect(folderOnly.data.pages.tree.every((n: { isFolder: boolean }) => n.isFolder)).toBe(true)
  })

  it('by path: the siblings of that node, with its ancestors when asked', async () => {
    const page = t.fake.state.pages.get(2)!
    const { data } = await gql('query($p: String) { pages { tree(path: $p, mode: ALL, locale: "en", includeAncestors: true) { path isFolder depth } } }', { p: page.path })
    const paths = data.pages.tree.map((n: { path: string }) => n.path)
    expect(paths).toContain(page.path)
    expect(paths).toContain(page.path.split('/')[0])
    const none = await gql('{ pages { tree(path: "no/such/path", mode: ALL, locale: "en") { path } } }')
    expect(none.data.pages.tree).toEqual([])
  })

  it('links lists each page of the locale with the internal links of its render', async () => {
    const { data } = await gql('{ pages { links(locale: "de") { id path title links } } }')
    expect(data.pages.links).toEqual(
      [...t.fake.state.pages.values()].filter((p) => p.locale === 'de').map((p) => ({ id: p.id, path: `de/${p.path}`, title: p.title, links: ['de/home'] })),
    )
  })
})

describe('tags are their real rows', () => {
  it('Page.tags and pages.tags answer id, tag, title, createdAt and updatedAt', async () => {
    const { data } = await gql('{ pages { single(id: 1) { tags { id tag title createdAt updatedAt } } tags { id tag title createdAt updatedAt } } }')
    const rows = [...t.fake.state.tags.values()]
    expect(data.pages.single.tags).toEqual(t.fake.state.pages.get(1)!.tagIds.map((id) => rows.find((r) => r.id === id)))
    expect(data.pages.tags).toHaveLength(rows.length)
    expect(data.pages.tags[0]).toEqual({ id: expect.any(Number), tag: expect.any(String), title: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String) })
  })

  it('a created page answers its tag rows too (the resolver reads them by page id)', async () => {
    const json = await gql(`mutation { pages { create(content: "x", description: "", editor: "markdown", isPublished: true, isPrivate: false, locale: "en", path: "tagged", tags: ["Fresh"], title: "T") { ${RESULT} page { id tags { id tag title } } } } }`)
    expect(json.data.pages.create.page.tags).toEqual([{ id: expect.any(Number), tag: 'fresh', title: 'fresh' }])
  })
})

describe('authentication', () => {
  it('apiKeys lists the fake key by a short suffix, never the whole key', async () => {
    const { data } = await gql('{ authentication { apiKeys { id name keyShort expiration createdAt updatedAt isRevoked } apiState } }')
    expect(data.authentication.apiState).toBe(true)
    expect(data.authentication.apiKeys).toEqual([expect.objectContaining({ id: 1, name: 'isosdk fake', isRevoked: false })])
    const short = data.authentication.apiKeys[0].keyShort as string
    expect(short.startsWith('...')).toBe(true)
    expect(key().endsWith(short.slice(3))).toBe(true)
    expect(short.length - 3).toBeLessThan(key().length / 2)
  })

  it('activeStrategies (no @auth) shows the local strategy to Guest; its config is protected', async () => {
    const json = await gql('{ authentication { activeStrategies(enabledOnly: true) { key displayName order isEnabled selfRegistration strategy { key title useForm usernameType } } } }', undefined, 'not-a-key')
    expect(json.errors).toBeUndefined()
    expect(json.data.authentication.activeStrategies).toEqual([
      { key: 'local', displayName: 'Local', order: 0, isEnabled: true, selfRegistration: false, strategy: { key: 'local', title: 'Local', useForm: true, usernameType: 'email' } },
    ])
    const config = await gql('{ authentication { activeStrategies { config { key } } } }', undefined, 'not-a-key')
    expect(config.errors[0]).toMatchObject({ message: 'Forbidden' })
  })

  it('login answers a JWT that then acts as its user; bad credentials and strategies are Wiki.js errors', async () => {
    const login = (username: string, password: string, strategy = 'local') =>
      gql(`mutation($u: String!, $p: String!, $s: String!) { authentication { login(username: $u, password: $p, strategy: $s) { ${RESULT} jwt mustChangePwd redirect } } }`, { u: username, p: password, s: strategy }, 'not-a-key')
    const alice = await login('alice@example.com', 'wikijs-fake-password')
    expect(alice.data.authentication.login).toMatchObject({ responseResult: { succeeded: true, message: 'Login success' }, mustChangePwd: false, redirect: '/' })
    expect(t.fake.stats.logins).toBe(1)
    const jwt = alice.data.authentication.login.jwt as string
    expect(jwt.split('.')).toHaveLength(3)
    // Alice is in "Users": she lists pages, but single needs manage:pages or delete:pages (2.x's check).
    const list = await gql('{ pages { list(limit: 2) { id } } }', undefined, jwt)
    expect(list.data.pages.list).toEqual([{ id: 1 }, { id: 2 }])
    const single = await gql('{ pages { single(id: 1) { id } } }', undefined, jwt)
    expect(single.errors[0]).toMatchObject({ message: 'You are not authorized to view this page.', extensions: { exception: { code: 6013 } } })
    const admin = await login('ADMIN@example.com', 'wikijs-fake-password')
    expect((await gql('{ pages { single(id: 1) { id } } }', undefined, admin.data.authentication.login.jwt)).data.pages.single).toEqual({ id: 1 })

    expect((await login('alice@example.com', 'wrong')).data.authentication.login).toEqual({
      responseResult: { succeeded: false, errorCode: 1002, slug: 'AuthLoginFailed', message: 'Invalid email / username or password.' },
      jwt: null, mustChangePwd: null, redirect: null,
    })
    expect((await login('alice@example.com', 'wikijs-fake-password', 'ldap')).data.authentication.login.responseResult).toMatchObject({ errorCode: 1003, slug: 'AuthProviderInvalid' })

    t.fake.expireCredentials()
    expect((await gql('{ pages { list(limit: 1) { id } } }', undefined, jwt)).errors[0].message).toBe('Forbidden')
  })
})
