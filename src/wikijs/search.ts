import * as v from 'valibot'
import { validateInput } from '../index.js'
import type { CallOptions, Client } from '../index.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { sendGraphQL } from './graphql.js'
import { SEARCH_PAGES } from './queries.js'
import { PageSearchResponseSchema, type PageSearchResponse } from './schemas.js'

/** Options of {@link searchPages}. */
export interface SearchPagesOptions extends CallOptions {
  /** Only pages under this path prefix. */
  path?: string
  locale?: string
  /**
   * Most results to return (≥ 1). Wiki.js's search has no limit argument: the results are cut
   * here; `totalHits` and `suggestions` stay as Wiki.js gave them.
   */
  limit?: number
}

const SEARCH_KEYS: OptionKeys<SearchPagesOptions> = { signal: 1, timeout: 1, deadline: 1, path: 1, locale: 1, limit: 1 }

const SearchInput = /* @__PURE__ */ v.object({
  query: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('query must be a string'), /* @__PURE__ */ v.check((q: string) => q.trim() !== '', 'query must not be empty')),
  path: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('path must be a string')),
  locale: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('locale must be a string'), /* @__PURE__ */ v.check((l: string) => l.trim() !== '', 'locale must not be empty'))),
  limit: /* @__PURE__ */ v.optional(
    /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.number('limit must be a number'), /* @__PURE__ */ v.integer('limit must be an integer'), /* @__PURE__ */ v.minValue(1, 'limit must be ≥ 1')),
  ),
})

const SearchData = /* @__PURE__ */ v.looseObject({
  pages: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ search: PageSearchResponseSchema })),
})

/**
 * Searches pages with the wiki's search engine (`pages { search(query, path, locale) }`) →
 * `{ results, suggestions, totalHits }`; a result's `id` is a string in Wiki.js 2.x. Wiki.js has
 * no `limit` argument for search: `limit` keeps the first results here (`totalHits` stays the
 * engine's count).
 *
 * @example
 * const { results, totalHits } = await searchPages(wiki, 'api documentation', { locale: 'en' })
 * for (const hit of results) console.log(`- ${hit.title} (/${hit.locale}/${hit.path})`)
 * const top3 = await searchPages(wiki, 'onboarding', { limit: 3 })
 */
export async function searchPages(client: Client<'wikijs'>, query: string, options: SearchPagesOptions = {}): Promise<PageSearchResponse> {
  checkOptionKeys('searchPages', options, SEARCH_KEYS)
  const { limit, ...variables } = validateInput(SearchInput, { query, path: options.path, locale: options.locale, limit: options.limit }, 'searchPages')
  const data = await sendGraphQL(client, SEARCH_PAGES, variables, SearchData, true, options)
  const found = data.pages?.search ?? { results: [], suggestions: [], totalHits: 0 }
  return limit === undefined ? found : { ...found, results: found.results.slice(0, limit) }
}
