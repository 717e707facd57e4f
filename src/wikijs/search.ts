import * as v from 'valibot'
import { validateInput } from '../index.js'
import type { CallOptions, Client } from '../index.js'
import { sendGraphQL } from './graphql.js'
import { SEARCH_PAGES } from './queries.js'
import { PageSearchResponseSchema, type PageSearchResponse } from './schemas.js'

/** Options of {@link searchPages}. */
export interface SearchPagesOptions extends CallOptions {
  /** Only pages under this path prefix. */
  path?: string
  locale?: string
}

const SearchInput = /* @__PURE__ */ v.object({
  query: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('query must be a string'), /* @__PURE__ */ v.check((q: string) => q.trim() !== '', 'query must not be empty')),
  path: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string('path must be a string')),
  locale: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('locale must be a string'), /* @__PURE__ */ v.check((l: string) => l.trim() !== '', 'locale must not be empty'))),
})

const SearchData = /* @__PURE__ */ v.looseObject({
  pages: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.looseObject({ search: PageSearchResponseSchema })),
})

/**
 * Searches pages with the wiki's search engine (`pages { search(query, path, locale) }`) →
 * `{ results, suggestions, totalHits }`; a result's `id` is a string in Wiki.js 2.x. There is no
 * `limit` argument: slice `results` for one.
 *
 * @example
 * const { results, totalHits } = await searchPages(wiki, 'api documentation', { locale: 'en' })
 * for (const hit of results.slice(0, 10)) console.log(`- ${hit.title} (/${hit.locale}/${hit.path})`)
 */
export async function searchPages(client: Client<'wikijs'>, query: string, options: SearchPagesOptions = {}): Promise<PageSearchResponse> {
  const input = validateInput(SearchInput, { query, path: options.path, locale: options.locale }, 'searchPages')
  const data = await sendGraphQL(client, SEARCH_PAGES, input, SearchData, true, options)
  return data.pages?.search ?? { results: [], suggestions: [], totalHits: 0 }
}
