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
  type WikijsFakePage,
  type WikijsFakeState,
  type WikijsFakeUser,
} from './state.js'

/** Who a request runs as: the API key's user with every permission, or Guest. */
export interface WikijsContext {
  readonly state: WikijsFakeState
  /** `null` for Guest. */
  readonly user: WikijsFakeUser | null
  /** `'all'` for a full-access API key. */
  readonly permissions: ReadonlySet<string> | 'all'
  /** Called once per change to state (counts `stats.writes`). */
  onWrite(): void
}

/** Wiki.js's `checkAccess`: any one of `permissions` suffices. */
export function can(ctx: WikijsContext, permissions: readonly string[]): boolean {
  const held = ctx.permissions
  return held === 'all' || permissions.some((p) => held.has(p))
}

/** A `WIKI.Error.*` (custom-error-instance): `name` is the slug, `code` the Wiki.js error code. */
export class WikiError extends Error {
  readonly code: number
  constructor(name: string, message: string, code: number) {
    super(message)
    this.name = name
    this.code = code
  }
}

const wikiError = {
  PageNotFound: () => new WikiError('PageNotFound', 'This page does not exist.', 6003),
  PageDuplicateCreate: () => new WikiError('PageDuplicateCreate', 'Cannot create this page because an entry already exists at the same path.', 6002),
  PageEmptyContent: () => new WikiError('PageEmptyContent', 'Page content cannot be empty.', 6004),
  PageIllegalPath: () => new WikiError('PageIllegalPath', 'Page path cannot contain illegal characters.', 6005),
  PagePathCollision: () => new WikiError('PagePathCollision', 'Destination page path already exists.', 6006),
  PageMoveForbidden: () => new WikiError('PageMoveForbidden', 'You are not authorized to move this page.', 6007),
  PageUpdateForbidden: () => new WikiError('PageUpdateForbidden', 'You are not authorized to update this page.', 6009),
  PageDeleteForbidden: () => new WikiError('PageDeleteForbidden', 'You are not authorized to delete this page.', 6010),
  PageViewForbidden: () => new WikiError('PageViewForbidden', 'You are not authorized to view this page.', 6013),
}

interface ResponseStatus {
  succeeded: boolean
  errorCode: number
  slug: string
  message: string
}

function success(message: string): ResponseStatus {
  return { succeeded: true, errorCode: 0, slug: 'ok', message }
}

/** `graphHelper.generateError` of 2.x: `{ responseResult: { succeeded: false, errorCode, slug, message } }`. */
function failure(error: unknown): { responseResult: ResponseStatus } {
  const err = error instanceof Error ? error : new Error(String(error))
  const code = (err as { code?: unknown }).code
  return {
    responseResult: {
      succeeded: false,
      errorCode: typeof code === 'number' && Number.isFinite(code) ? code : 1,
      slug: err.name,
      message: err.message || 'An unexpected error occured.',
    },
  }
}

function user(ctx: WikijsContext, id: number): WikijsFakeUser {
  return ctx.state.users.get(id) ?? { id, name: 'Unknown', email: 'unknown@example.com' }
}

function pageTags(ctx: WikijsContext, page: WikijsFakePage): { tag: string; title: string }[] {
  return page.tagIds.flatMap((id) => {
    const tag = ctx.state.tags.get(id)
    return tag ? [{ tag: tag.tag, title: tag.title }] : []
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

/** What `single`/`singleByPath` return: the row mapped to the GraphQL names; tags carry only `tag` and `title` (2.x loads no more). */
function pageView(ctx: WikijsContext, page: WikijsFakePage) {
  const { tagIds: _tagIds, ...fields } = page
  return { ...fields, ...authorship(ctx, page), tags: pageTags(ctx, page) }
}

/**
 * What create/update return as `page`: the raw database row (`localeCode`, `editorKey`, `extra`),
 * so `locale`, `editor`, `scriptCss` and `scriptJs` resolve to null there, as on a real 2.x server.
 */
function rawRow(ctx: WikijsContext, page: WikijsFakePage) {
  const { tagIds: _tagIds, locale, editor, scriptCss, scriptJs, ...fields } = page
  return { ...fields, ...authorship(ctx, page), localeCode: locale, editorKey: editor, extra: { js: scriptJs, css: scriptCss }, tags: pageTags(ctx, page) }
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

type Args = Record<string, unknown>
type Resolver = (source: unknown, args: Args, ctx: WikijsContext) => unknown

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

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

function movePage(ctx: WikijsContext, page: WikijsFakePage, destinationPath: string, destinationLocale: string): void {
  if (isIllegalPath(destinationPath)) throw wikiError.PageIllegalPath()
  const path = trimSlashes(destinationPath)
  if (!can(ctx, ['manage:pages'])) throw wikiError.PageMoveForbidden()
  if (findByPath(ctx.state, path, destinationLocale)) throw wikiError.PagePathCollision()
  if (page.title === page.path) page.title = path
  page.path = path
  page.locale = destinationLocale
  page.hash = pageHash(destinationLocale, path)
}

function updatePage(ctx: WikijsContext, args: Args): WikijsFakePage {
  const page = ctx.state.pages.get(args['id'] as number)
  if (!page) throw new Error('Invalid Page Id')
  if (!can(ctx, ['write:pages'])) throw wikiError.PageUpdateForbidden()
  const content = str(args['content'])
  if (!content || content.trim().length < 1) throw wikiError.PageEmptyContent()
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
      ctx.state.pages.delete(page.id)
      ctx.onWrite()
      return { responseResult: success('Page has been deleted.') }
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

/** Resolvers by type and field; fields not listed read the property of the parent object. */
export const resolvers: Record<string, Record<string, Resolver>> = {
  Query: { pages: () => ({}), site: () => ({}) },
  Mutation: { pages: () => ({}) },
  PageQuery: pageQuery,
  PageMutation: pageMutation,
  SiteQuery: { config: (_source, _args, ctx) => ({ ...ctx.state.site }) },
}
