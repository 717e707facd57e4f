import * as v from 'valibot'
import { IsoSdkError, validateInput } from '../index.js'
import type { CallOptions, Client } from '../index.js'
import { CALL_OPTION_KEYS, checkOptionKeys } from '../core/options.js'
import { sendGraphQL } from './graphql.js'
import { checkPageId, checkResult } from './internal.js'
import { getPage } from './pages.js'
import { CREATE_PAGE, DELETE_PAGE, UPDATE_PAGE } from './queries.js'
import {
  CreatePageInputSchema,
  ResponseStatusSchema,
  UpdatePagePatchSchema,
  type CreatePageInput,
  type Page,
  type ResponseStatus,
  type UpdatePagePatch,
} from './schemas.js'

/**
 * A page create or update **succeeded**, but reading the page back afterwards failed (a 503 after
 * the retries, a dropped connection, a timeout or abort, the page deleted in between…). The
 * change is in the wiki: do not send the create again (Wiki.js would answer
 * `PageDuplicateCreate`); read the page with `getPage(client, error.pageId)` when you need it.
 * `pageId`, `path` and `locale` say where the page is; `cause` is the read's own error
 * (`ServerError`, `NetworkError`, `TimeoutError`, `AbortError`, …).
 *
 * @example
 * try {
 *   await createPage(wiki, { title: 'Q3', path: 'reports/q3', content: '# Q3' })
 * } catch (error) {
 *   if (error instanceof PageReadBackError) {
 *     console.log(`created page ${error.pageId} at ${error.locale}/${error.path}; read it later`, error.cause)
 *   } else throw error
 * }
 */
export class PageReadBackError extends IsoSdkError {
  override name = 'PageReadBackError'
  /** The write that succeeded. */
  declare readonly operation: 'create' | 'update'
  /** The page's id (for a create, the new page's). */
  declare readonly pageId: number
  /** The page's path as sent with the write (without the locale). */
  declare readonly path: string
  /** The page's locale as sent with the write. */
  declare readonly locale: string
  constructor(operation: 'create' | 'update', pageId: number, path: string, locale: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause)
    super(`Wiki.js page ${operation} succeeded (page ${pageId}, ${locale}/${path}) but reading the page back failed: ${why}`, { cause })
    this.operation = operation
    this.pageId = pageId
    this.path = path
    this.locale = locale
  }
}

/** Reads a page just written; any failure becomes a {@link PageReadBackError} that still names the page. */
async function readBack(client: Client<'wikijs'>, operation: 'create' | 'update', id: number, path: string, locale: string, options: CallOptions | undefined): Promise<Page> {
  try {
    return await getPage(client, id, options)
  } catch (error) {
    throw new PageReadBackError(operation, id, path, locale, error)
  }
}

const PageResponseSchema = /* @__PURE__ */ v.nullish(
  /* @__PURE__ */ v.looseObject({ responseResult: /* @__PURE__ */ v.nullish(ResponseStatusSchema), page: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ id: /* @__PURE__ */ v.number() })) }),
)
const CreateData = /* @__PURE__ */ v.looseObject({
  pages: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ create: PageResponseSchema })),
})
const UpdateData = /* @__PURE__ */ v.looseObject({
  pages: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ update: PageResponseSchema })),
})
const DeleteData = /* @__PURE__ */ v.looseObject({
  pages: /* @__PURE__ */ v.nullish(
    /* @__PURE__ */ v.looseObject({ delete: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ responseResult: /* @__PURE__ */ v.nullish(ResponseStatusSchema) })) }),
  ),
})

/**
 * Creates a page (`pages { create(...) }`) and returns it as {@link getPage} reads it (one more
 * request: Wiki.js 2.x answers a create with its raw database row, whose `locale` and `editor`
 * cannot be read). Defaults: `description ''`, `editor 'markdown'`, `isPublished true`,
 * `isPrivate false`, `locale 'en'`, `tags []`. A refusal (`responseResult.succeeded: false`, e.g.
 * `PageDuplicateCreate` for a taken path) throws `PageOperationError` with `errorCode`, `slug`
 * and message. Never retried: a create that may have been applied is not sent twice. When the
 * page was created but the read-back fails, it throws {@link PageReadBackError} with the new
 * page's `pageId`, `path` and `locale` (the read's error as `cause`): the page exists, so do not
 * create it again.
 *
 * @example
 * const page = await createPage(wiki, { title: 'New Page', path: 'new-page', content: '# New Page', tags: ['new'] })
 * console.log(`Created page ${page.id}: ${page.title}`)
 */
export async function createPage(client: Client<'wikijs'>, input: CreatePageInput, options?: CallOptions): Promise<Page> {
  checkOptionKeys('createPage', options, CALL_OPTION_KEYS)
  const fields = validateInput(CreatePageInputSchema, input, 'createPage')
  const data = await sendGraphQL(client, CREATE_PAGE, fields, CreateData, false, options)
  const response = data.pages?.create
  checkResult(client, 'create', response?.responseResult)
  const id = response?.page?.id
  if (typeof id !== 'number') throw new IsoSdkError('Wiki.js reported the page created but returned no page id')
  return readBack(client, 'create', id, fields.path, fields.locale, options)
}

/**
 * Changes a page (`pages { update(...) }`) and returns it as it is now. Wiki.js 2.x's update
 * overwrites what it is sent — `content` must not be empty, a missing `isPublished` unpublishes,
 * missing `tags` fail — so the page is read first and `patch` is laid over it (3 requests:
 * read, update, read back). A missing page throws `NotFoundError`; a refusal `PageOperationError`.
 * When the update was applied but the read-back fails, it throws {@link PageReadBackError}
 * (`operation: 'update'`, the page's id, new path and locale; the read's error as `cause`).
 *
 * @example
 * const page = await updatePage(wiki, 123, { title: 'Updated Title', tags: ['updated'] })
 */
export async function updatePage(client: Client<'wikijs'>, id: number, patch: UpdatePagePatch, options?: CallOptions): Promise<Page> {
  checkOptionKeys('updatePage', options, CALL_OPTION_KEYS)
  const pageId = checkPageId(id, 'updatePage')
  const changes = validateInput(UpdatePagePatchSchema, patch, 'updatePage')
  const current = await getPage(client, pageId, options)
  const publishStartDate = changes.publishStartDate ?? current.publishStartDate
  const publishEndDate = changes.publishEndDate ?? current.publishEndDate
  const variables = {
    id: pageId,
    content: changes.content ?? current.content,
    description: changes.description ?? current.description,
    editor: changes.editor ?? current.editor,
    isPrivate: changes.isPrivate ?? current.isPrivate,
    isPublished: changes.isPublished ?? current.isPublished,
    locale: changes.locale ?? current.locale,
    path: changes.path ?? current.path,
    // An empty date is how Wiki.js stores "none": leave the argument out rather than send "".
    ...(publishStartDate ? { publishStartDate } : {}),
    ...(publishEndDate ? { publishEndDate } : {}),
    scriptCss: changes.scriptCss ?? current.scriptCss ?? '',
    scriptJs: changes.scriptJs ?? current.scriptJs ?? '',
    tags: changes.tags ?? current.tags.map((tag) => tag.tag),
    title: changes.title ?? current.title,
  }
  // The full field set makes a replay harmless, so the update may be retried.
  const data = await sendGraphQL(client, UPDATE_PAGE, variables, UpdateData, true, options)
  const response = data.pages?.update
  checkResult(client, 'update', response?.responseResult, pageId)
  return readBack(client, 'update', pageId, variables.path, variables.locale, options)
}

/**
 * Deletes a page (`pages { delete(id) }`) and resolves Wiki.js's `responseResult`. A missing page
 * throws `NotFoundError`; another refusal `PageOperationError`. Not retried after a failure where
 * Wiki.js may have acted (a replay would report the page missing).
 *
 * @example
 * await deletePage(wiki, page.id)
 */
export async function deletePage(client: Client<'wikijs'>, id: number, options?: CallOptions): Promise<ResponseStatus> {
  checkOptionKeys('deletePage', options, CALL_OPTION_KEYS)
  const pageId = checkPageId(id, 'deletePage')
  const data = await sendGraphQL(client, DELETE_PAGE, { id: pageId }, DeleteData, false, options)
  return checkResult(client, 'delete', data.pages?.delete?.responseResult, pageId)
}
