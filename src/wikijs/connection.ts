import * as v from 'valibot'
import type { CallOptions, Client } from '../index.js'
import { ForbiddenError } from './errors.js'
import { CALL_OPTION_KEYS, checkOptionKeys } from '../core/options.js'
import { sendGraphQL } from './graphql.js'
import { TEST_CONNECTION } from './queries.js'

const TestConnectionData = /* @__PURE__ */ v.looseObject({
  pages: /* @__PURE__ */ v.looseObject({ list: /* @__PURE__ */ v.array(/* @__PURE__ */ v.looseObject({ id: /* @__PURE__ */ v.number() })) }),
})

/**
 * Checks that Wiki.js answers and accepts the API key: runs `pages { list(limit: 1) { id } }`,
 * which needs `read:pages`. Resolves `true`, or throws why:
 * - {@link ForbiddenError}: the key is invalid, expired or revoked (Wiki.js then answers as Guest,
 *   never 401) or its group lacks `read:pages`. On a wiki whose Guests may read pages, a bad key
 *   cannot be told apart here.
 * - `NetworkError` / `TimeoutError`: unreachable; `NotFoundError` / other `HttpError`: no Wiki.js
 *   GraphQL endpoint at `{url}/graphql`.
 *
 * @example
 * const wiki = wikijs({ url: 'https://wiki.example.com', apiKey: process.env.WIKI_KEY! })
 * console.log('Connected:', await testConnection(wiki))
 */
export async function testConnection(client: Client<'wikijs'>, options?: CallOptions): Promise<true> {
  checkOptionKeys('testConnection', options, CALL_OPTION_KEYS)
  try {
    await sendGraphQL(client, TEST_CONNECTION, {}, TestConnectionData, true, options)
  } catch (error) {
    if (error instanceof ForbiddenError) {
      throw new ForbiddenError(error.errors, error.data, {
        message:
          'Wiki.js refused the API key (GraphQL "Forbidden" on pages.list): the key is invalid, expired or revoked ' +
          '— Wiki.js then answers as Guest — or its group lacks read:pages',
        cause: error,
      })
    }
    throw error
  }
  return true
}
