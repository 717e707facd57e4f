import type { QueryValue } from './types.js'

/**
 * Resolves an operation's path against the base URL. A relative path is appended to the base
 * path (`https://h/api/v1` + `users/1` → `https://h/api/v1/users/1`); an absolute `http(s)://` URL is
 * used as given. Query values are encoded; `undefined`/`null` are skipped; arrays repeat the key.
 */
export function buildURL(baseURL: string, path: string, query?: Record<string, QueryValue>): URL {
  let url: URL
  if (/^https?:\/\//i.test(path)) url = new URL(path)
  else {
    const base = baseURL.endsWith('/') ? baseURL.slice(0, -1) : baseURL
    url = new URL(path === '' ? base : `${base}${path.startsWith('/') ? '' : '/'}${path}`)
  }
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value != null) for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item))
    }
  }
  return url
}

/**
 * The same request on another origin: the origin is swapped, the path and query are kept as they
 * are (never re-parsed, so a path like `//host/x` or `/\host/x` cannot become another host).
 *
 * @example
 * rebaseOrigin(new URL('https://login.example.com//evil.example/x?q=1'), 'https://acme.my.salesforce.com').href
 * // 'https://acme.my.salesforce.com//evil.example/x?q=1'
 */
export function rebaseOrigin(url: URL, origin: string): URL {
  const target = new URL(origin)
  const out = new URL(url.href)
  out.protocol = target.protocol
  out.host = target.host
  return out
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i

/** Whether credentials may go to this URL in clear: https, loopback, or the caller's explicit opt-in. */
export function secureTransport(url: URL, allowInsecureHTTP?: boolean): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && (LOOPBACK.test(url.hostname) || allowInsecureHTTP === true))
}
