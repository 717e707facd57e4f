import * as v from 'valibot'
import { paginate, validateInput } from '../index.js'
import { paginateLater } from '../core/paginate.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import type { CallOptions, Client, PageProgress, Paginated } from '../index.js'
import { sendGraphQL } from './graphql.js'
import { LIST_PAGES } from './queries.js'
import { ListPagesInputSchema, PageListItemSchema, type PageListItem, type PageOrderBy, type PageOrderByDirection } from './schemas.js'

/** Options of {@link listPages}. */
export interface ListPagesOptions extends CallOptions {
  /** Most pages to return. Sent to Wiki.js, except with `tags` (see {@link listPages}). */
  limit?: number
  /** Default `ID` (Wiki.js's default). */
  orderBy?: PageOrderBy
  /** Default `ASC`. */
  orderByDirection?: PageOrderByDirection
  /** Only pages carrying every one of these tags (compared lower-cased, as Wiki.js stores them). */
  tags?: string[]
  locale?: string
  creatorId?: number
  authorId?: number
  /** Items per page of `.pages()` and `onProgress` (client-side chunks). Default 100. */
  pageSize?: number
  /** Called after each chunk; may be async. A throw or rejection rejects the listing. */
  onProgress?: (progress: PageProgress) => void
}

/** Options of {@link listPagesByTags}. */
export interface ListPagesByTagsOptions extends Omit<ListPagesOptions, 'tags'> {
  /** `true` (default): pages with every tag; `false`: pages with at least one. */
  matchAll?: boolean
}

const LIST_KEYS: OptionKeys<ListPagesOptions> = {
  signal: 1,
  timeout: 1,
  deadline: 1,
  limit: 1,
  orderBy: 1,
  orderByDirection: 1,
  tags: 1,
  locale: 1,
  creatorId: 1,
  authorId: 1,
  pageSize: 1,
  onProgress: 1,
}
const LIST_BY_TAGS_KEYS: OptionKeys<ListPagesByTagsOptions> = {
  signal: 1,
  timeout: 1,
  deadline: 1,
  limit: 1,
  orderBy: 1,
  orderByDirection: 1,
  matchAll: 1,
  locale: 1,
  creatorId: 1,
  authorId: 1,
  pageSize: 1,
  onProgress: 1,
}

/** Options people reach for that Wiki.js 2.x does not have, and what to do instead. */
const LIST_HINTS = {
  offset: 'Wiki.js 2.x cannot skip; slice the result or use searchPages',
  skip: 'Wiki.js 2.x cannot skip; slice the result or use searchPages',
  search: 'use searchPages(client, query) for a text search',
  query: 'use searchPages(client, query) for a text search',
}

const ListData = /* @__PURE__ */ v.looseObject({
  pages: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ list: /* @__PURE__ */ v.array(PageListItemSchema) })),
})

const TagsInput = /* @__PURE__ */ v.object({
  tags: /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.array(
      /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('each tag must be a string'), /* @__PURE__ */ v.check((tag: string) => tag.trim() !== '', 'each tag must not be empty')),
      'tags must be an array of strings',
    ),
    /* @__PURE__ */ v.minLength(1, 'tags must name at least one tag'),
  ),
  matchAll: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean('matchAll must be a boolean')),
})

type ListInput = v.InferOutput<typeof ListPagesInputSchema>

/** Wiki.js lower-cases and trims tags when it saves them. */
function normaliseTag(tag: string): string {
  return tag.trim().toLowerCase()
}

function pickListInput(options: ListPagesOptions): ListInput {
  const { limit, orderBy, orderByDirection, tags, locale, creatorId, authorId, pageSize } = options
  return validateInput(ListPagesInputSchema, { limit, orderBy, orderByDirection, tags, locale, creatorId, authorId, pageSize }, 'listPages')
}

async function fetchList(client: Client<'wikijs'>, input: ListInput, options: CallOptions, signal?: AbortSignal): Promise<PageListItem[]> {
  const { pageSize: _pageSize, ...variables } = input
  const data = await sendGraphQL(client, LIST_PAGES, variables, ListData, true, { ...options, signal: signal ?? options.signal })
  return data.pages?.list ?? []
}

/** One server answer, handed out in chunks of `pageSize`: Wiki.js 2.x has no offset or cursor. */
function chunked<T>(load: (signal?: AbortSignal) => Promise<T[]>, pageSize: number, options: ListPagesOptions): Paginated<T> {
  return paginate<T, { all: T[]; offset: number }>(
    async (cursor, signal) => {
      const all = cursor?.all ?? (await load(signal))
      const offset = cursor?.offset ?? 0
      const end = offset + pageSize
      return { items: all.slice(offset, end), next: end < all.length ? { all, offset: end } : undefined }
    },
    { signal: options.signal, onProgress: options.onProgress },
  )
}

/**
 * Lists pages (`pages { list(...) }`): `await` gives every matching page, `for await` streams them,
 * `.pages()` yields chunks of `pageSize`. Wiki.js 2.x has **no offset or cursor** for pages: the
 * list comes back in one answer and is chunked here. The Python SDK's `offset` is a slice
 * (`(await listPages(wiki, { limit: offset + n })).slice(offset)`) and its `search` is
 * {@link searchPages}. With `tags`, `limit` is applied here after Wiki.js's match-all filter
 * (Wiki.js applies it before, which can return fewer pages than exist). Options are checked on
 * `await` or iteration: an unknown key (`offset`) rejects with a `TypeError` naming it, a bad value
 * with a `ValidationError`, and nothing is sent.
 *
 * @example
 * const recent = await listPages(wiki, { limit: 10, orderBy: 'UPDATED', orderByDirection: 'DESC' })
 * for await (const page of listPages(wiki, { locale: 'en' })) console.log(page.path)
 */
export function listPages(client: Client<'wikijs'>, options: ListPagesOptions = {}): Paginated<PageListItem> {
  return paginateLater(() => {
    checkOptionKeys('listPages', options, LIST_KEYS, LIST_HINTS)
    const input = pickListInput(options)
    const tags = input.tags?.map(normaliseTag)
    const limitHere = tags !== undefined && tags.length > 0
    return chunked(
      async (signal) => {
        const items = await fetchList(client, { ...input, tags, limit: limitHere ? undefined : input.limit }, options, signal)
        return limitHere && input.limit !== undefined ? items.slice(0, input.limit) : items
      },
      input.pageSize ?? 100,
      options,
    )
  })
}

/**
 * Lists pages carrying every tag of `tags` (`matchAll: true`, default — Wiki.js's own `list(tags)`
 * filter), or at least one of them (`matchAll: false` — one unfiltered `list` call, filtered here;
 * the Python SDK fetched `limit * 2` pages and could miss some). `limit` is applied after the filter.
 *
 * @example
 * const guides = await listPagesByTags(wiki, ['guide', 'api'])
 * const either = await listPagesByTags(wiki, ['guide', 'api'], { matchAll: false, locale: 'en' })
 */
export function listPagesByTags(client: Client<'wikijs'>, tags: string[], options: ListPagesByTagsOptions = {}): Paginated<PageListItem> {
  return paginateLater(() => listByTags(client, tags, options))
}

function listByTags(client: Client<'wikijs'>, tags: string[], options: ListPagesByTagsOptions): Paginated<PageListItem> {
  checkOptionKeys('listPagesByTags', options, LIST_BY_TAGS_KEYS, LIST_HINTS)
  const { matchAll = true, ...rest } = options
  const checked = validateInput(TagsInput, { tags, matchAll }, 'listPagesByTags')
  const input = pickListInput(rest)
  const wanted = checked.tags.map(normaliseTag)
  return chunked(
    async (signal) => {
      const items = matchAll
        ? await fetchList(client, { ...input, tags: wanted, limit: undefined }, options, signal)
        : (await fetchList(client, { ...input, tags: undefined, limit: undefined }, options, signal)).filter((page) =>
            (page.tags ?? []).some((tag) => wanted.includes(normaliseTag(tag))),
          )
      return input.limit !== undefined ? items.slice(0, input.limit) : items
    },
    input.pageSize ?? 100,
    options,
  )
}
