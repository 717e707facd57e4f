/**
 * valibot schemas of what the Wiki.js 2.x GraphQL API returns (`server/graph/schemas/page.graphql`,
 * `common.graphql`) and of the inputs the module accepts. Output schemas are loose objects:
 * a field Wiki.js adds passes through and breaks nobody. Exported so callers can reuse them with
 * `graphql(client, query, variables, schema)`.
 */
import * as v from 'valibot'

// ── Output: the real 2.x types ────────────────────────────────────────────────────────────────

/** `ResponseStatus` — the outcome of every Wiki.js mutation (`succeeded`, `errorCode`, `slug`, `message`). */
export const ResponseStatusSchema = /* @__PURE__ */ v.looseObject({
  succeeded: /* @__PURE__ */ v.boolean(),
  errorCode: /* @__PURE__ */ v.number(),
  slug: /* @__PURE__ */ v.string(),
  message: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
})
export type ResponseStatus = v.InferOutput<typeof ResponseStatusSchema>

/**
 * A tag as `pages.single` / `pages.singleByPath` return it: Wiki.js 2.x loads page tags with
 * only `tag` and `title`, so those are the fields asked for.
 */
export const PageTagSchema = /* @__PURE__ */ v.looseObject({
  tag: /* @__PURE__ */ v.string(),
  title: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
})
export type PageTag = v.InferOutput<typeof PageTagSchema>

/**
 * `Page` as `getPage` / `getPageByPath` select it: every field of the 2.x type except the heavy
 * `render` (HTML) and `toc`; ask for those with `graphql()`. Several fields need the key's group to
 * hold `write:pages` or `manage:system` (`content` also `read:source`).
 */
export const PageSchema = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.number(),
  path: /* @__PURE__ */ v.string(),
  hash: /* @__PURE__ */ v.string(),
  title: /* @__PURE__ */ v.string(),
  description: /* @__PURE__ */ v.string(),
  isPrivate: /* @__PURE__ */ v.boolean(),
  isPublished: /* @__PURE__ */ v.boolean(),
  privateNS: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  publishStartDate: /* @__PURE__ */ v.string(),
  publishEndDate: /* @__PURE__ */ v.string(),
  tags: /* @__PURE__ */ v.array(PageTagSchema),
  content: /* @__PURE__ */ v.string(),
  contentType: /* @__PURE__ */ v.string(),
  createdAt: /* @__PURE__ */ v.string(),
  updatedAt: /* @__PURE__ */ v.string(),
  editor: /* @__PURE__ */ v.string(),
  locale: /* @__PURE__ */ v.string(),
  scriptCss: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  scriptJs: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  authorId: /* @__PURE__ */ v.number(),
  authorName: /* @__PURE__ */ v.string(),
  authorEmail: /* @__PURE__ */ v.string(),
  creatorId: /* @__PURE__ */ v.number(),
  creatorName: /* @__PURE__ */ v.string(),
  creatorEmail: /* @__PURE__ */ v.string(),
})
export type Page = v.InferOutput<typeof PageSchema>

/** `PageListItem` — what `pages.list` returns (no content, no author; `tags` are plain strings). */
export const PageListItemSchema = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.number(),
  path: /* @__PURE__ */ v.string(),
  locale: /* @__PURE__ */ v.string(),
  title: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  description: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  contentType: /* @__PURE__ */ v.string(),
  isPublished: /* @__PURE__ */ v.boolean(),
  isPrivate: /* @__PURE__ */ v.boolean(),
  privateNS: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  createdAt: /* @__PURE__ */ v.string(),
  updatedAt: /* @__PURE__ */ v.string(),
  tags: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.array(/* @__PURE__ */ v.string())),
})
export type PageListItem = v.InferOutput<typeof PageListItemSchema>

/** `PageSearchResult` — note `id` is a `String` in the 2.x schema. */
export const PageSearchResultSchema = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.string(),
  title: /* @__PURE__ */ v.string(),
  description: /* @__PURE__ */ v.string(),
  path: /* @__PURE__ */ v.string(),
  locale: /* @__PURE__ */ v.string(),
})
export type PageSearchResult = v.InferOutput<typeof PageSearchResultSchema>

/** `PageSearchResponse` — `{ results, suggestions, totalHits }`. */
export const PageSearchResponseSchema = /* @__PURE__ */ v.looseObject({
  results: /* @__PURE__ */ v.array(PageSearchResultSchema),
  suggestions: /* @__PURE__ */ v.array(/* @__PURE__ */ v.string()),
  totalHits: /* @__PURE__ */ v.number(),
})
export type PageSearchResponse = v.InferOutput<typeof PageSearchResponseSchema>

/** One entry of a GraphQL `errors` array. */
export const GraphQLErrorEntrySchema = /* @__PURE__ */ v.looseObject({
  message: /* @__PURE__ */ v.string(),
  path: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.array(/* @__PURE__ */ v.union([/* @__PURE__ */ v.string(), /* @__PURE__ */ v.number()]))),
  locations: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.array(/* @__PURE__ */ v.looseObject({ line: /* @__PURE__ */ v.number(), column: /* @__PURE__ */ v.number() }))),
  extensions: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.record(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.unknown())),
})
export type GraphQLErrorEntry = v.InferOutput<typeof GraphQLErrorEntrySchema>

/** The GraphQL response envelope: `{ data?, errors? }`. */
export const GraphQLResponseSchema = /* @__PURE__ */ v.looseObject({
  data: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.unknown()),
  errors: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.array(GraphQLErrorEntrySchema)),
})
export type GraphQLResponse = v.InferOutput<typeof GraphQLResponseSchema>

// ── Input ─────────────────────────────────────────────────────────────────────────────────────

/** `PageOrderBy` of the 2.x schema. */
export const PageOrderBySchema = /* @__PURE__ */ v.picklist(['CREATED', 'ID', 'PATH', 'TITLE', 'UPDATED'], 'must be one of CREATED, ID, PATH, TITLE, UPDATED')
export type PageOrderBy = v.InferOutput<typeof PageOrderBySchema>

/** `PageOrderByDirection` of the 2.x schema. */
export const PageOrderByDirectionSchema = /* @__PURE__ */ v.picklist(['ASC', 'DESC'], 'must be ASC or DESC')
export type PageOrderByDirection = v.InferOutput<typeof PageOrderByDirectionSchema>

/** A page id: a positive integer. */
export const PageIdSchema = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.number('must be a number'),
  /* @__PURE__ */ v.check((id: number) => Number.isInteger(id) && id >= 1, 'must be a positive integer'),
)

/* @__NO_SIDE_EFFECTS__ */
function positiveInt(what: string) {
  return /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.number(`${what} must be a number`),
    /* @__PURE__ */ v.check((n: number) => Number.isInteger(n) && n >= 1, `${what} must be a positive integer`),
  )
}

/** A string with something besides whitespace (the value is kept as given, not trimmed). */
/* @__NO_SIDE_EFFECTS__ */
function nonEmpty(what: string) {
  return /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.string(`${what} must be a string`),
    /* @__PURE__ */ v.check((value: string) => value.trim() !== '', `${what} must not be empty`),
  )
}

/** Wiki.js 2.x refuses these in a page path (`PageIllegalPath`, code 6005). */
const legalPath = /* @__PURE__ */ v.check(
  (path: string) => !path.includes('.') && !path.includes(' ') && !path.includes('\\') && !path.includes('//'),
  'path must not contain ".", spaces, "\\" or "//" (Wiki.js rejects them)',
)

/* @__NO_SIDE_EFFECTS__ */
function tagList(what: string) {
  return /* @__PURE__ */ v.array(/* @__PURE__ */ nonEmpty('each tag'), `${what} must be an array of strings`)
}

/** Options of `listPages` that reach the server. */
export const ListPagesInputSchema = /* @__PURE__ */ v.object({
  limit: /* @__PURE__ */ v.optional(/* @__PURE__ */ positiveInt('limit')),
  orderBy: /* @__PURE__ */ v.optional(PageOrderBySchema),
  orderByDirection: /* @__PURE__ */ v.optional(PageOrderByDirectionSchema),
  tags: /* @__PURE__ */ v.optional(/* @__PURE__ */ tagList('tags')),
  locale: /* @__PURE__ */ v.optional(/* @__PURE__ */ nonEmpty('locale')),
  creatorId: /* @__PURE__ */ v.optional(/* @__PURE__ */ positiveInt('creatorId')),
  authorId: /* @__PURE__ */ v.optional(/* @__PURE__ */ positiveInt('authorId')),
  pageSize: /* @__PURE__ */ v.optional(/* @__PURE__ */ positiveInt('pageSize')),
})

/** Fields of a new page. Only `title`, `path` and `content` are required; the rest get Wiki.js's usual defaults. */
export const CreatePageInputSchema = /* @__PURE__ */ v.object({
  title: /* @__PURE__ */ nonEmpty('title'),
  path: /* @__PURE__ */ v.pipe(/* @__PURE__ */ nonEmpty('path'), legalPath),
  content: /* @__PURE__ */ nonEmpty('content'),
  description: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('description must be a string'), ''),
  editor: /* @__PURE__ */ v.optional(/* @__PURE__ */ nonEmpty('editor'), 'markdown'),
  isPublished: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean('isPublished must be a boolean'), true),
  isPrivate: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean('isPrivate must be a boolean'), false),
  locale: /* @__PURE__ */ v.optional(/* @__PURE__ */ nonEmpty('locale'), 'en'),
  tags: /* @__PURE__ */ v.optional(/* @__PURE__ */ tagList('tags'), []),
  publishStartDate: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('publishStartDate must be a string')),
  publishEndDate: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('publishEndDate must be a string')),
  scriptCss: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('scriptCss must be a string')),
  scriptJs: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('scriptJs must be a string')),
})
/** What `createPage` accepts. */
export type CreatePageInput = v.InferInput<typeof CreatePageInputSchema>

/** Fields to change on a page; at least one. Unlisted fields keep their current value. */
export const UpdatePagePatchSchema = /* @__PURE__ */ v.pipe(
  /* @__PURE__ */ v.object({
    title: /* @__PURE__ */ v.optional(/* @__PURE__ */ nonEmpty('title')),
    path: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ nonEmpty('path'), legalPath)),
    content: /* @__PURE__ */ v.optional(/* @__PURE__ */ nonEmpty('content')),
    description: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('description must be a string')),
    editor: /* @__PURE__ */ v.optional(/* @__PURE__ */ nonEmpty('editor')),
    isPublished: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean('isPublished must be a boolean')),
    isPrivate: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean('isPrivate must be a boolean')),
    locale: /* @__PURE__ */ v.optional(/* @__PURE__ */ nonEmpty('locale')),
    tags: /* @__PURE__ */ v.optional(/* @__PURE__ */ tagList('tags')),
    publishStartDate: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('publishStartDate must be a string')),
    publishEndDate: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('publishEndDate must be a string')),
    scriptCss: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('scriptCss must be a string')),
    scriptJs: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('scriptJs must be a string')),
  }),
  /* @__PURE__ */ v.check((patch) => Object.values(patch).some((value) => value !== undefined), 'the patch must change at least one field'),
)
/** What `updatePage` accepts. */
export type UpdatePagePatch = v.InferInput<typeof UpdatePagePatchSchema>
