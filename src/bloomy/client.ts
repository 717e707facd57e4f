import * as v from 'valibot'
import type { ClientOptions } from '../core/types.js'
import { apiKey } from '../auth/index.js'
import { createClient } from '../index.js'
import { checkConfig } from '../core/options.js'
import type { BloomyClient } from './_internal.js'
import { bloomyMapError } from './errors.js'

/** The Bloom Growth API v1 base. */
export const BLOOMY_BASE_URL = 'https://app.bloomgrowth.com/api/v1'

export interface BloomyOptions extends Omit<ClientOptions, 'baseURL' | 'auth'> {
  /** The API key (a bearer token from the Bloom Growth UI or `bloomyToken()`). */
  apiKey: string
  /** Default `https://app.bloomgrowth.com/api/v1`. */
  baseURL?: string
}

const Options = /* @__PURE__ */ v.object({
  apiKey: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('must be a string'), /* @__PURE__ */ v.trim(), /* @__PURE__ */ v.nonEmpty('must not be empty')),
  baseURL: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('must be a string'), /* @__PURE__ */ v.url('must be an absolute URL')),
})

/**
 * A client for the Bloom Growth API: base URL, `Authorization: Bearer <apiKey>`, and every core
 * option (retries with 429 `Retry-After`, timeouts, concurrency, hooks, an injected `fetch`).
 *
 * @example
 * import { bloomy, getCurrentUser } from 'isosdk/bloomy'
 *
 * await using bloom = bloomy({ apiKey: env.BG_API_KEY })
 * const me = await getCurrentUser(bloom)
 */
export function bloomy(options: BloomyOptions): BloomyClient {
  const { apiKey: key, baseURL = BLOOMY_BASE_URL, mapError, ...clientOptions } = options
  const checked = checkConfig(Options, { apiKey: key, baseURL }, 'bloomy')
  return createClient({
    service: 'bloomy',
    ...clientOptions,
    baseURL: checked.baseURL,
    auth: apiKey({ key: checked.apiKey }),
    mapError: (response, body, request) => mapError?.(response, body, request) ?? bloomyMapError(response, body, request),
  })
}
