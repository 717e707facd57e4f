import * as v from 'valibot'
import { validateInput } from '../index.js'
import type { CallOptions, Client } from '../index.js'
import { CALL_OPTION_KEYS, checkOptionKeys, type OptionKeys } from '../core/options.js'
import { sendGraphQL } from './graphql.js'
import { checkPageId, isPageNotFound, pageNotFound } from './internal.js'
import { GET_PAGE, GET_PAGE_BY_PATH } from './queries.js'
import { PageSchema, type Page } from './schemas.js'

const GetPageByPathInput = /* @__PURE__ */ v.object({
  path: /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.string('path must be a string'),
    /* @__PURE__ */ v.check((path: string) => path.replace(/^\/+|\/+$/g, '').trim() !== '', 'path must not be empty'),
  ),
  locale: /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.string('locale must be a string'),
    /* @__PURE__ */ v.check((locale: string) => locale.trim() !== '', 'locale must not be empty'),
  ),
})

const SingleData = /* @__PURE__ */ v.looseObject({
  pages: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ single: /* @__PURE__ */ v.nullish(PageSchema) })),
})
const SingleByPathData = /* @__PURE__ */ v.looseObject({
  pages: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ singleByPath: /* @__PURE__ */ v.nullish(PageSchema) })),
})

/** Options of {@link getPageByPath}. */
export interface GetPageByPathOptions extends CallOptions {
  /** Default `en`. */
  locale?: string
}

/**
 * Fetches one page by id (`pages { single(id) }`) with its content, tags and authorship.
 * A missing page throws the core's `NotFoundError` (Wiki.js answers it with a GraphQL error,
 * "This page does not exist.", code 6003); a bad id throws `ValidationError` and sends nothing.
 *
 * @example
 * const page = await getPage(wiki, 123)
 * console.log(page.title, page.tags.map((t) => t.tag))
 */
export async function getPage(client: Client<'wikijs'>, id: number, options?: CallOptions): Promise<Page> {
  checkOptionKeys('getPage', options, CALL_OPTION_KEYS)
  checkPageId(id, 'getPage')
  try {
    const data = await sendGraphQL(client, GET_PAGE, { id }, SingleData, true, options)
    const page = data.pages?.single
    if (!page) throw pageNotFound(client, `${id}`, data)
    return page
  } catch (error) {
    if (isPageNotFound(error)) throw pageNotFound(client, `${id}`, error.errors)
    throw error
  }
}

const GET_PAGE_BY_PATH_KEYS: OptionKeys<GetPageByPathOptions> = { signal: 1, timeout: 1, deadline: 1, locale: 1 }

/**
 * Fetches one page by path and locale (`pages { singleByPath(path, locale) }`, Wiki.js 2.5).
 * Leading and trailing slashes of `path` are dropped (Wiki.js stores `docs/intro`, not `/docs/intro/`).
 * A missing page throws `NotFoundError`.
 *
 * @example
 * const page = await getPageByPath(wiki, 'getting-started')
 * const german = await getPageByPath(wiki, 'handbuch/start', { locale: 'de' })
 */
export async function getPageByPath(client: Client<'wikijs'>, path: string, options: GetPageByPathOptions = {}): Promise<Page> {
  checkOptionKeys('getPageByPath', options, GET_PAGE_BY_PATH_KEYS)
  const input = validateInput(GetPageByPathInput, { path, locale: options.locale ?? 'en' }, 'getPageByPath')
  const cleanPath = input.path.replace(/^\/+|\/+$/g, '')
  const what = `${input.locale}/${cleanPath}`
  try {
    const data = await sendGraphQL(client, GET_PAGE_BY_PATH, { path: cleanPath, locale: input.locale }, SingleByPathData, true, options)
    const page = data.pages?.singleByPath
    if (!page) throw pageNotFound(client, what, data)
    return page
  } catch (error) {
    if (isPageNotFound(error)) throw pageNotFound(client, what, error.errors)
    throw error
  }
}
