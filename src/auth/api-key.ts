import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { secretSet } from '../core/redact.js'
import type { AuthStrategy } from '../core/types.js'

export interface ApiKeyOptions {
  key: string
  /** Header to carry the key. Default `Authorization`. */
  header?: string
  /** Prefix before the key; default `Bearer` for `Authorization`, none for other headers. `''` sends the bare key. */
  scheme?: string
  /** Send the key as this query parameter instead of a header. */
  query?: string
}

const API_KEY_OPTIONS: OptionKeys<ApiKeyOptions> = { key: 1, header: 1, scheme: 1, query: 1 }

/**
 * An API key on every request to the client's own origin.
 *
 * @example
 * const wiki = createClient({ baseURL: 'https://wiki.example.com', auth: apiKey({ key: process.env.WIKI_KEY! }) })
 * const github = apiKey({ key: token, scheme: 'token' })
 * const maps = apiKey({ key, query: 'key' })
 */
export function apiKey(options: ApiKeyOptions): AuthStrategy {
  if (typeof options?.key !== 'string' || options.key === '') throw new TypeError('apiKey: option `key` is required (a non-empty string)')
  checkOptionKeys('apiKey', options, API_KEY_OPTIONS)
  const { key, query } = options
  const header = options.header ?? 'Authorization'
  const scheme = options.scheme ?? (header.toLowerCase() === 'authorization' ? 'Bearer' : '')
  // Checked here, not at the first request: a header the runtime refuses would look like a network failure.
  if (!/^[!#$%&'*+.^`|~\w-]+$/.test(header)) throw new TypeError('apiKey: option `header` must be a header name (letters, digits and !#$%&\'*+.^`|~-)')
  if (/[^\t\x20-\x7e\x80-\xff]/.test(key) || /[^\t\x20-\x7e\x80-\xff]/.test(scheme)) {
    throw new TypeError('apiKey: options `key` and `scheme` must be printable Latin-1 text (no line breaks or control characters)')
  }
  const secrets = secretSet()
  secrets.add(key)
  const value = scheme ? `${scheme} ${key}` : key
  return {
    secrets,
    authorize(request) {
      if (query) request.url.searchParams.set(query, key)
      else request.headers.set(header, value)
    },
  }
}
