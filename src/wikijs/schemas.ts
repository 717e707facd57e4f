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
  succeeded: v.boolean(),
  errorCode: v.number(),
  slug: v.string(),
  message: v.nullish(v.string()),
})
export type ResponseStatus = v.InferOutput<typeof ResponseStatusSchema>

/**
 * A tag as `pages.single` / `pages.singleByPath` return it: Wiki.js 2.x loads page tags with
 * only `tag` and `title`, so those are the fields asked for.
 */
export const PageTagSchema = /* @__PURE__ */ v.looseObject({
  tag: v.string(),
  title: v.nullish(v.string()),
})
export type PageTag = v.InferOutput<typeof PageTagSchema>

/**
 * `Page` as `getPage` / `getPageByPath` select it: every field of the 2.x type except the heavy
 * `render` (HTML) and `toc`; ask for those with `graphql()`. Several fields need the key's group to
 * hold `write:pages` or `manage:system` (`content` also `read:source`).
 */
export const PageSchema = /* @__PURE__ */ v.looseObject({
  id: v.number(),
  path: v.string(),
  hash: v.string(),
  title: v.string(),
  description: v.string(),
  isPrivate: v.boolean(),
  isPublished: v.boolean(),
  privateNS: v.nullish(v.string()),
  publishStartDate: v.string(),
  publishEndDate: v.string(),
  tags: v.array(PageTagSchema),
  content: v.string(),
  contentType: v.string(),
  createdAt: v.string(),
  updatedAt: v.string(),
  editor: v.string(),
  locale: v.string(),
  scriptCss: v.nullish(v.string()),
  scriptJs: v.nullish(v.string()),
  authorId: v.number(),
  authorName: v.string(),
  authorEmail: v.string(),
  creatorId: v.number(),
  creatorName: v.string(),
  creatorEmail: v.string(),
})
export type Page = v.InferOutput<typeof PageSchema>

/** `PageListItem` — what `pages.list` returns (no content, no author; `tags` are plain strings). */
export const PageListItemSchema = /* @__PURE__ */ v.looseObject({
  id: v.number(),
  path: v.string(),
  locale: v.string(),
  title: v.nullish(v.string()),
  description: v.nullish(v.string()),
  contentType: v.string(),
  isPublished: v.boolean(),
  isPrivate: v.boolean(),
  privateNS: v.nullish(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
  tags: v.nullish(v.array(v.string())),
})
export type PageListItem = v.InferOutput<typeof PageListItemSchema>

/** `PageSearchResult` — note `id` is a `String` in the 2.x schema. */
export const PageSearchResultSchema = /* @__PURE__ */ v.looseObject({
  id: v.string(),
  title: v.string(),
  description: v.string(),
  path: v.string(),
  locale: v.string(),
})
export type PageSearchResult = v.InferOutput<typeof PageSearchResultSchema>

/** `PageSearchResponse` — `{ results, suggestions, totalHits }`. */
export const PageSearchResponseSchema = /* @__PURE__ */ v.looseObject({
  results: v.array(PageSearchResultSchema),
  suggestions: v.array(v.string()),
  totalHits: v.number(),
})
export type PageSearchResponse = v.InferOutput<typeof PageSearchResponseSchema>

/** One entry of a GraphQL `errors` array. */
export const GraphQLErrorEntrySchema = /* @__PURE__ */ v.looseObject({
  message: v.string(),
  path: v.optional(v.array(v.union([v.string(), v.number()]))),
  locations: v.optional(v.array(v.looseObject({ line: v.number(), column: v.number() }))),
  extensions: v.optional(v.record(v.string(), v.unknown())),
})
export type GraphQLErrorEntry = v.InferOutput<typeof GraphQLErrorEntrySchema>

/** The GraphQL response envelope: `{ data?, errors? }`. */
export const GraphQLResponseSchema = /* @__PURE__ */ v.looseObject({
  data: v.nullish(v.unknown()),
  errors: v.optional(v.array(GraphQLErrorEntrySchema)),
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
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(1, 'must be a positive integer'),
)

/* @__NO_SIDE_EFFECTS__ */
function positiveInt(what: string) {
  return v.pipe(v.number(`${what} must be a number`), v.integer(`${what} must be an integer`), v.minValue(1, `${what} must be ≥ 1`))
}

/** A string with something besides whitespace (the value is kept as given, not trimmed). */
/* @__NO_SIDE_EFFECTS__ */
function nonEmpty(what: string) {
  return v.pipe(
    v.string(`${what} must be a string`),
    v.check((value: string) => value.trim() !== '', `${what} must not be empty`),
  )
}

/** Wiki.js 2.x refuses these in a page path (`PageIllegalPath`, code 6005). */
const legalPath = /* @__PURE__ */ v.check(
  (path: string) => !path.includes('.') && !path.includes(' ') && !path.includes('\\') && !path.includes('//'),
  'path must not contain ".", spaces, "\\" or "//" (Wiki.js rejects them)',
)

/* @__NO_SIDE_EFFECTS__ */
function tagList(what: string) {
  return v.array(nonEmpty('each tag'), `${what} must be an array of strings`)
}

/** Options of `listPages` that reach the server. */
export const ListPagesInputSchema = /* @__PURE__ */ v.object({
  limit: v.optional(positiveInt('limit')),
  orderBy: v.optional(PageOrderBySchema),
  orderByDirection: v.optional(PageOrderByDirectionSchema),
  tags: v.optional(tagList('tags')),
  locale: v.optional(nonEmpty('locale')),
  creatorId: v.optional(positiveInt('creatorId')),
  authorId: v.optional(positiveInt('authorId')),
  pageSize: v.optional(positiveInt('pageSize')),
})

/** Fields of a new page. Only `title`, `path` and `content` are required; the rest get Wiki.js's usual defaults. */
export const CreatePageInputSchema = /* @__PURE__ */ v.object({
  title: nonEmpty('title'),
  path: v.pipe(nonEmpty('path'), legalPath),
  content: nonEmpty('content'),
  description: v.optional(v.string('description must be a string'), ''),
  editor: v.optional(nonEmpty('editor'), 'markdown'),
  isPublished: v.optional(v.boolean('isPublished must be a boolean'), true),
  isPrivate: v.optional(v.boolean('isPrivate must be a boolean'), false),
  locale: v.optional(nonEmpty('locale'), 'en'),
  tags: v.optional(tagList('tags'), []),
  publishStartDate: v.optional(v.string('publishStartDate must be a string')),
  publishEndDate: v.optional(v.string('publishEndDate must be a string')),
  scriptCss: v.optional(v.string('scriptCss must be a string')),
  scriptJs: v.optional(v.string('scriptJs must be a string')),
})
/** What `createPage` accepts. */
export type CreatePageInput = v.InferInput<typeof CreatePageInputSchema>

/** Fields to change on a page; at least one. Unlisted fields keep their current value. */
export const UpdatePagePatchSchema = /* @__PURE__ */ v.pipe(
  v.object({
    title: v.optional(nonEmpty('title')),
    path: v.optional(v.pipe(nonEmpty('path'), legalPath)),
    content: v.optional(nonEmpty('content')),
    description: v.optional(v.string('description must be a string')),
    editor: v.optional(nonEmpty('editor')),
    isPublished: v.optional(v.boolean('isPublished must be a boolean')),
    isPrivate: v.optional(v.boolean('isPrivate must be a boolean')),
    locale: v.optional(nonEmpty('locale')),
    tags: v.optional(tagList('tags')),
    publishStartDate: v.optional(v.string('publishStartDate must be a string')),
    publishEndDate: v.optional(v.string('publishEndDate must be a string')),
    scriptCss: v.optional(v.string('scriptCss must be a string')),
    scriptJs: v.optional(v.string('scriptJs must be a string')),
  }),
  v.check((patch) => Object.values(patch).some((value) => value !== undefined), 'the patch must change at least one field'),
)
/** What `updatePage` accepts. */
export type UpdatePagePatch = v.InferInput<typeof UpdatePagePatchSchema>
