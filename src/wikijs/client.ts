import * as v from 'valibot'
import { createClient } from '../index.js'
import { checkConfig } from '../core/options.js'
import { httpError } from '../core/response.js'
import type { Client, ClientOptions } from '../index.js'
import { apiKey as apiKeyAuth } from '../auth/index.js'

/** Options of {@link wikijs}: the site and its API key, plus any core client option. */
export interface WikijsOptions extends Omit<ClientOptions, 'baseURL' | 'auth'> {
  /** The wiki's root URL, e.g. `https://wiki.example.com` (GraphQL is at `{url}/graphql`). */
  url: string
  /** An API key from Administration → API Access (a JWT), sent as `Authorization: Bearer`. */
  apiKey: string
}

const PresetInput = /* @__PURE__ */ v.object({
  url: /* @__PURE__ */ v.pipe(
    /* @__PURE__ */ v.string('url must be a string'),
    /* @__PURE__ */ v.url('url must be an absolute URL such as https://wiki.example.com'),
    /* @__PURE__ */ v.check((url: string) => /^https?:/i.test(url), 'url must use http or https'),
  ),
  apiKey: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('apiKey must be a string'), /* @__PURE__ */ v.check((key: string) => key.trim() !== '', 'apiKey must not be empty')),
})

/**
 * Maps a Wiki.js (apollo-server) error body: a query its schema rejects comes back as HTTP 400
 * `{ errors: [{ message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }`; the messages go
 * into the error's message. The type stays the core's (`BadRequestError` for 400, …).
 */
export function _mapWikiError(response: Response, body: unknown, request: { method: string; url: string }): Error | undefined {
  const errors = (body as { errors?: unknown } | null)?.errors
  if (!Array.isArray(errors) || errors.length === 0) return undefined
  const messages = errors
    .slice(0, 3)
    .map((e: { message?: unknown; extensions?: { code?: unknown } }) => {
      const code = typeof e?.extensions?.code === 'string' ? `${e.extensions.code}: ` : ''
      return `${code}${typeof e?.message === 'string' ? e.message : JSON.stringify(e)}`
    })
    .join('; ')
  return httpError(response, body, request, `${request.method} ${request.url} → ${response.status}: ${messages}`)
}

/**
 * A client for one Wiki.js 2.x site: `POST {url}/graphql` with the API key as
 * `Authorization: Bearer`, Wiki.js error bodies mapped to readable messages. Any core option
 * (`timeout`, `retry`, `concurrency`, `hooks`, `fetch`, …) passes through. Bad `url`/`apiKey`
 * throw a `TypeError` naming the field.
 *
 * @example
 * import { wikijs, getPage } from 'isosdk/wikijs'
 *
 * await using wiki = wikijs({ url: 'https://wiki.example.com', apiKey: process.env.WIKI_KEY!, concurrency: 10 })
 * const page = await getPage(wiki, 123)
 */
export function wikijs(options: WikijsOptions): Client<'wikijs'> {
  const { url, apiKey, mapError, ...clientOptions } = options ?? ({} as WikijsOptions)
  const input = checkConfig(PresetInput, { url, apiKey }, 'wikijs')
  return createClient<'wikijs'>({
    service: 'wikijs',
    ...clientOptions,
    baseURL: input.url,
    auth: apiKeyAuth({ key: input.apiKey }),
    mapError: (response, body, request) => mapError?.(response, body, request) ?? _mapWikiError(response, body, request),
  })
}
