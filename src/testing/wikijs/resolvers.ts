// Resolvers of the Wiki.js fake, after `server/graph/resolvers/page.js` and `server/models/pages.js`
// of Wiki.js 2.x: the same checks in the same order, the same error codes and messages, and the same
// quirks (create/update answer with the raw database row; update overwrites what it is sent).
import {
  associateTags,
  contentTypeOf,
  findByPath,
  pageHash,
  renderContent,
  tick,
  addVersion,
  type WikijsFakePage,
  type WikijsFakeTag,
  type WikijsFakeUser,
} from './state.js'
import { authenticationMutation, authenticationQuery } from './authentication.js'
import { historyQuery } from './history.js'
import { can, failure, str, success, wikiError, type Args, type Resolver, type WikijsContext } from './kit.js'
import { treeQuery } from './tree.js'

export { can, WikiError, NotImplementedByFake, type WikijsContext } from './kit.js'

function user(ctx: WikijsContext, id: number): WikijsFakeUser {
  return ctx.state.users.get(id) ?? { id, name: 'Unknown', email: 'unknown@example.com' }
}

/** The page's tag rows (`id`, `tag`, `title`, `createdAt`, `updatedAt`), as `Page.tags` loads them since 2.5.105. */
function pageTags(ctx: WikijsContext, page: WikijsFakePage): WikijsFakeTag[] {
  return page.tagIds.flatMap((id) => {
    const tag = ctx.state.tags.get(id)
    return tag ? [{ ...tag }] : []
  })
}

function tagNames(ctx: WikijsContext, page: WikijsFakePage): string[] {
  return pageTags(ctx, page).map((t) => t.tag)
}

function authorship(ctx: WikijsContext, page: WikijsFakePage) {
  const author = user(ctx, page.authorId)
  const creator = user(ctx, page.creatorId)
  return { authorName: author.name, authorEmail: author.email, creatorName: creator.name, creatorEmail: creator.email }
}

/** What `single`/`singleByPath` return: the row mapped to the GraphQL names (`Page.tags` has its own resolver). */
function pageView(ctx: WikijsContext, page: WikijsFakePage) {
  const { tagIds: _tagIds, ...fields } = page
  return { ...fields, ...authorship(ctx, page) }
}

/**
 * What create/update return as `page`: the raw database row (`localeCode`, `editorKey`, `extra`),
 * so `locale`, `editor`, `scriptCss` and `scriptJs` resolve to null there, as on a real 2.x server.
 */
function rawRow(ctx: WikijsContext, page: WikijsFakePage) {
  const { tagIds: _tagIds, locale, editor, scriptCss, scriptJs, ...fields } = page
  return {
    ...fields,
    ...authorship(ctx, page),
    localeCode: locale,
    editorKey: editor,
    extra: { js: scriptJs, css: scriptCss },
    locale: null,
    editor: null,
    scriptCss: null,
    scriptJs: null,
  }
}

function listItem(ctx: WikijsContext, page: WikijsFakePage) {
  return {
    id: page.id,
    path: page.path,
    locale: page.locale,
    title: page.title,
    description: page.description,
    contentType: page.contentType,
    isPublished: page.isPublished,
    isPrivate: page.isPrivate,
    privateNS: page.privateNS,
    createdAt: page.createdAt,
    updatedAt: page.updatedAt,
    tags: tagNames(ctx, page),
  }
}

const ORDER_FIELDS = { CREATED: 'createdAt', PATH: 'path', TITLE: 'title', UPDATED: 'updatedAt', ID: 'id' } as const

function isIllegalPath(path: string): boolean {
  return path.includes('.') || path.includes(' ') || path.includes('\\') || path.includes('//')
}

function trimSlashes(path: string): string {
  let out = path
  if (out.endsWith('/')) out = out.slice(0, -1)
  if (out.startsWith('/')) out = out.slice(1)
  return out
}


const pageQuery: Record<string, Resolver> = {
  list(_source, args, ctx) {
    let pages = [...ctx.state.pages.values()]
    const locale = str(args['locale'])
    if (locale) pages = pages.filter((p) => p.locale === locale)
    const creatorId = typeof args['creatorId'] === 'number' ? args['creatorId'] : 0
    const authorId = typeof args['authorId'] === 'number' ? args['authorId'] : 0
    if (creatorId > 0 && authorId > 0) pages = pages.filter((p) => p.creatorId === creatorId || p.authorId === authorId)
    else {
      if (creatorId > 0) pages = pages.filter((p) => p.creatorId === creatorId)
      if (authorId > 0) pages = pages.filter((p) => p.authorId === authorId)
    }
    const tags = Array.isArray(args['tags']) ? (args['tags'] as string[]) : []
    if (tags.length > 0) {
      // SQL: whereIn('tags.tag', tags lower-cased and trimmed) — any of them.
      const wanted = tags.map((t) => t.trim().toLowerCase())
      pages = pages.filter((p) => tagNames(ctx, p).some((name) => wanted.includes(name)))
    }
    const field = ORDER_FIELDS[(str(args['orderBy']) ?? 'ID') as keyof typeof ORDER_FIELDS] ?? 'id'
    const direction = args['orderByDirection'] === 'DESC' ? -1 : 1
    pages.sort((a, b) => {
      const x = a[field]
      const y = b[field]
      return (x < y ? -1 : x > y ? 1 : a.id - b.id) * direction
    })
    const limit = typeof args['limit'] === 'number' ? args['limit'] : 0
    if (limit < 0) throw new Error('LIMIT must not be negative')
    if (limit > 0) pages = pages.slice(0, limit)
    let items = pages.map((p) => listItem(ctx, p))
    // Then, in JS, with the arguments as given (not lower-cased): every tag must be present.
    if (tags.length > 0) items = items.filter((item) => tags.every((t) => item.tags.includes(t)))
    return items
  },

  single(_source, args, ctx) {
    const page = ctx.state.pages.get(args['id'] as number)
    if (!page) throw wikiError.PageNotFound()
    if (!can(ctx, ['manage:pages', 'delete:pages'])) throw wikiError.PageViewForbidden()
    return pageView(ctx, page)
  },

  singleByPath(_source, args, ctx) {
    const page = findByPath(ctx.state, args['path'] as string, args['locale'] as string)
    if (!page) throw wikiError.PageNotFound()
    if (!can(ctx, ['manage:pages', 'delete:pages'])) throw wikiError.PageViewForbidden()
    return pageView(ctx, page)
  },

  // Whether the page changed since the editor checked it out.
  checkConflicts(_source, args, ctx) {
    const page = ctx.state.pages.get(args['id'] as number)
    if (!page) throw wikiError.PageNotFound()
    if (!can(ctx, ['write:pages', 'manage:pages'])) throw wikiError.PageUpdateForbidden()
    return Date.parse(page.updatedAt) > Date.parse(String(args['checkoutDate']))
  },

  conflictLatest(_source, args, ctx) {
    const page = ctx.state.pages.get(args['id'] as number)
    if (!page) throw wikiError.PageNotFound()
    if (!can(ctx, ['write:pages', 'manage:pages'])) throw wikiError.PageViewForbidden()
    const { tagIds: _tagIds, authorId, ...fields } = page
    return { ...fields, authorId: String(authorId), authorName: user(ctx, authorId).name, tags: tagNames(ctx, page) }
  },

  tags(_source, _args, ctx) {
    return [...ctx.state.tags.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
  },

  searchTags(_source, args, ctx) {
    const query = (args['query'] as string).trim().toLowerCase()
    const used = new Set<string>()
    for (const page of ctx.state.pages.values()) for (const name of tagNames(ctx, page)) if (name.includes(query)) used.add(name)
    return [...used].slice(0, 5)
  },

  // Wiki.js's built-in "db" search engine: published pages whose title, description or path
  // contains the query (case-insensitive), at most 100 hits, no suggestions.
  search(_source, args, ctx) {
    const query = (args['query'] as string).toLowerCase()
    const path = str(args['path'])
    const locale = str(args['locale'])
    const results = [...ctx.state.pages.values()]
      .filter((p) => p.isPublished && (!locale || p.locale === locale) && (!path || p.path.startsWith(path)))
      .filter((p) => p.title.toLowerCase().includes(query) || p.description.toLowerCase().includes(query) || p.path.includes(query))
      .slice(0, 100)
      .map((p) => ({ id: p.id, title: p.title, description: p.description, path: p.path, locale: p.locale }))
    return { results, suggestions: [], totalHits: results.length }
  },
}

function createPage(ctx: WikijsContext, args: Args): WikijsFakePage {
  let path = args['path'] as string
  const locale = args['locale'] as string
  if (isIllegalPath(path)) throw wikiError.PageIllegalPath()
  path = trimSlashes(path)
  // Wiki.js 2.x throws PageDeleteForbidden here (sic).
  if (!can(ctx, ['write:pages'])) throw wikiError.PageDeleteForbidden()
  if (findByPath(ctx.state, path, locale)) throw wikiError.PageDuplicateCreate()
  const content = args['content'] as string
  if (!content || content.trim().length < 1) throw wikiError.PageEmptyContent()
  const editor = args['editor'] as string
  const now = tick(ctx.state)
  const userId = ctx.user?.id ?? 0
  const page: WikijsFakePage = {
    id: ctx.state.nextPageId++,
    path,
    locale,
    hash: pageHash(locale, path),
    title: args['title'] as string,
    description: args['description'] as string,
    isPrivate: args['isPrivate'] as boolean,
    isPublished: args['isPublished'] as boolean,
    privateNS: null,
    publishStartDate: str(args['publishStartDate']) || '',
    publishEndDate: str(args['publishEndDate']) || '',
    content,
    render: renderContent(content),
    toc: '[]',
    contentType: contentTypeOf(editor),
    editor,
    scriptCss: str(args['scriptCss']) || '',
    scriptJs: str(args['scriptJs']) || '',
    createdAt: now,
    updatedAt: now,
    authorId: userId,
    creatorId: userId,
    tagIds: [],
  }
  ctx.state.pages.set(page.id, page)
  ctx.onWrite()
  const tags = args['tags'] as (string | null)[]
  if (tags.length > 0) associateTags(ctx.state, page, tags)
  return page
}

/** `pages.movePage`: checks, a `moved` version, then the new path (the title follows a title equal to the path). */
function movePage(ctx: WikijsContext, page: WikijsFakePage, destinationPath: string, destinationLocale: string): void {
  if (isIllegalPath(destinationPath)) throw wikiError.PageIllegalPath()
  const path = trimSlashes(destinationPath)
  if (!can(ctx, ['manage:pages']) || !can(ctx, ['write:pages'])) throw wikiError.PageMoveForbidden()
  if (findByPath(ctx.state, path, destinationLocale)) throw wikiError.PagePathCollision()
  addVersion(ctx.state, page, 'moved')
  if (page.title === page.path) page.title = path
  page.path = path
  page.locale = destinationLocale
  page.hash = pageHash(destinationLocale, path)
}

function updatePage(ctx: WikijsContext, args: Args, action = 'updated'): WikijsFakePage {
  const page = ctx.state.pages.get(args['id'] as number)
  if (!page) throw new Error('Invalid Page Id')
  if (!can(ctx, ['write:pages'])) throw wikiError.PageUpdateForbidden()
  const content = str(args['content'])
  if (!content || content.trim().length < 1) throw wikiError.PageEmptyContent()
  addVersion(ctx.state, page, action)
  // The patch: an argument left out keeps its column (knex skips undefined) — except isPublished,
  // the publish dates and the scripts, which 2.x computes from what was sent.
  page.authorId = ctx.user?.id ?? 0
  page.content = content
  page.render = renderContent(content)
  if (typeof args['description'] === 'string') page.description = args['description']
  if (typeof args['title'] === 'string') page.title = args['title']
  page.isPublished = args['isPublished'] === true
  page.publishStartDate = str(args['publishStartDate']) || ''
  page.publishEndDate = str(args['publishEndDate']) || ''
  page.scriptCss = str(args['scriptCss']) || ''
  page.scriptJs = str(args['scriptJs']) || ''
  page.updatedAt = tick(ctx.state)
  ctx.onWrite()
  // Tags are saved after the patch: a missing `tags` fails here with the page already changed.
  associateTags(ctx.state, page, args['tags'] as (string | null)[] | undefined)
  const locale = str(args['locale'])
  const path = str(args['path'])
  if ((locale && locale !== page.locale) || (path && path !== page.path)) movePage(ctx, page, path ?? page.path, locale ?? page.locale)
  return page
}

const pageMutation: Record<string, Resolver> = {
  create(_source, args, ctx) {
    try {
      return { responseResult: success('Page created successfully.'), page: rawRow(ctx, createPage(ctx, args)) }
    } catch (error) {
      return failure(error)
    }
  },

  update(_source, args, ctx) {
    try {
      return { responseResult: success('Page has been updated.'), page: rawRow(ctx, updatePage(ctx, args)) }
    } catch (error) {
      return failure(error)
    }
  },

  delete(_source, args, ctx) {
    try {
      const page = ctx.state.pages.get(args['id'] as number)
      if (!page) throw wikiError.PageNotFound()
      if (!can(ctx, ['delete:pages'])) throw wikiError.PageDeleteForbidden()
      addVersion(ctx.state, page, 'deleted')
      ctx.state.pages.delete(page.id)
      ctx.onWrite()
      return { responseResult: success('Page has been deleted.') }
    } catch (error) {
      return failure(error)
    }
  },

  move(_source, args, ctx) {
    try {
      const page = ctx.state.pages.get(args['id'] as number)
      if (!page) throw wikiError.PageNotFound()
      movePage(ctx, page, args['destinationPath'] as string, args['destinationLocale'] as string)
      ctx.onWrite()
      return { responseResult: success('Page has been moved.') }
    } catch (error) {
      return failure(error)
    }
  },

  // `updatePage` with the version's fields: its tags come back empty (getVersion keeps none), as in 2.5.
  restore(_source, args, ctx) {
    try {
      const page = ctx.state.pages.get(args['pageId'] as number)
      if (!page) throw wikiError.PageNotFound()
      if (!can(ctx, ['write:pages'])) throw wikiError.PageRestoreForbidden()
      const version = ctx.state.versions.get(args['versionId'] as number)
      if (!version || version.pageId !== page.id) throw wikiError.PageNotFound()
      const { id: _versionId, pageId, ...fields } = version
      updatePage(ctx, { ...fields, id: pageId, tags: [] }, 'restore')
      return { responseResult: success('Page version restored successfully.') }
    } catch (error) {
      return failure(error)
    }
  },

  // Re-runs the render pipeline on the stored content (and so the page's links).
  render(_source, args, ctx) {
    try {
      const page = ctx.state.pages.get(args['id'] as number)
      if (!page) throw wikiError.PageNotFound()
      page.render = renderContent(page.content)
      ctx.onWrite()
      return { responseResult: success('Page rendered successfully.') }
    } catch (error) {
      return failure(error)
    }
  },

  deleteTag(_source, args, ctx) {
    try {
      const id = args['id'] as number
      if (!ctx.state.tags.has(id)) throw new Error('This tag does not exist.')
      for (const page of ctx.state.pages.values()) page.tagIds = page.tagIds.filter((t) => t !== id)
      ctx.state.tags.delete(id)
      ctx.onWrite()
      return { responseResult: success('Tag has been deleted.') }
    } catch (error) {
      return failure(error)
    }
  },

  updateTag(_source, args, ctx) {
    try {
      const tag = ctx.state.tags.get(args['id'] as number)
      if (!tag) throw new Error('This tag does not exist.')
      tag.tag = (args['tag'] as string).trim().toLowerCase()
      tag.title = (args['title'] as string).trim()
      tag.updatedAt = tick(ctx.state)
      ctx.onWrite()
      return { responseResult: success('Tag has been updated successfully.') }
    } catch (error) {
      return failure(error)
    }
  },
}

/**
 * Resolvers by type and field. A field of an operation type (`Query`, `Mutation`, `Subscription`
 * and the `…Query`/`…Mutation` namespaces) that is not listed answers `NOT_IMPLEMENTED_BY_FAKE`;
 * a field of a data type not listed reads the property of its parent object. (The namespaces
 * themselves, `Query.pages` and the like, resolve to `{}` in the executor.)
 */
export const resolvers: Record<string, Record<string, Resolver>> = {
  PageQuery: { ...pageQuery, ...historyQuery, ...treeQuery },
  PageMutation: pageMutation,
  Page: {
    tags(source, _args, ctx) {
      const page = ctx.state.pages.get((source as { id: number }).id)
      return page ? pageTags(ctx, page) : []
    },
  },
  SiteQuery: { config: (_source, _args, ctx) => ({ ...ctx.state.site }) },
  AuthenticationQuery: authenticationQuery,
  AuthenticationMutation: authenticationMutation,
}
