/**
 * CORS for the loopback fake server (`serve()`), so a browser page on another loopback origin
 * (a Vite dev server, Playwright's page) can call the fakes with credentials — and a page on
 * any other site cannot: a running fake accepts well-known default credentials, so a web page
 * that could drive it could read and change everything it serves.
 * Pure functions over WHATWG `Headers`: no Node built-ins here.
 */

/** Methods a preflight allows. */
const ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS'

/** How long (seconds) a browser may cache a preflight answer. */
const MAX_AGE = '600'

/**
 * Response headers the SDK reads and a browser hides unless exposed. `Set-Cookie` is never
 * exposable (browsers drop it whatever the server says), so it is left out on purpose.
 */
const EXPOSE_HEADERS: readonly string[] = [
  'Location',
  'Retry-After',
  'Sforce-Limit-Info',
  'Sforce-Locator',
  'x-okapi-token',
  'X-Request-Id',
  'Link',
  'Content-Disposition',
  'Content-Length',
  'ETag',
]

/** Header names a browser exposes anyway (CORS-safelisted) or can never expose. */
const NOT_EXPOSED = /* @__PURE__ */ new Set([
  'cache-control',
  'content-language',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
  'set-cookie',
  'set-cookie2',
])

/**
 * Whether a browser page on `origin` may call the fake server: loopback origins
 * (`http(s)://127.x.y.z:*`, `http(s)://localhost:*`, `http(s)://[::1]:*`) and the ones listed in
 * `allowed` (exact origins). `null` (a sandboxed page, `file:`) and everything else are foreign.
 */
export function _isAllowedOrigin(origin: string, allowed: readonly string[]): boolean {
  if (allowed.includes(origin)) return true
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) return false
  const host = url.hostname
  return host === 'localhost' || host === '[::1]' || /^127(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host)
}

/**
 * Whether a request is a CORS preflight: `OPTIONS` with `Origin` and
 * `Access-Control-Request-Method`. A plain `OPTIONS` goes to the handlers.
 */
export function _isPreflight(method: string, headers: Headers): boolean {
  return (
    method.toUpperCase() === 'OPTIONS' &&
    headers.has('origin') &&
    headers.has('access-control-request-method')
  )
}

/** The preflight answer's headers for an allowed origin (status 204, no body). */
export function _preflightHeaders(requestHeaders: Headers): Headers {
  const headers = new Headers()
  const origin = requestHeaders.get('origin')
  headers.set('Access-Control-Allow-Origin', origin ?? '*')
  if (origin) headers.set('Access-Control-Allow-Credentials', 'true')
  headers.set('Access-Control-Allow-Methods', ALLOW_METHODS)
  const requested = requestHeaders.get('access-control-request-headers')
  if (requested) headers.set('Access-Control-Allow-Headers', requested)
  headers.set('Access-Control-Max-Age', MAX_AGE)
  // Chromium's Private Network Access asks before a public page may reach loopback.
  if (requestHeaders.get('access-control-request-private-network') === 'true') {
    headers.set('Access-Control-Allow-Private-Network', 'true')
  }
  headers.set('Vary', 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers')
  headers.set('Content-Length', '0')
  return headers
}

/**
 * Adds CORS headers to a handler's response headers (in place), keeping any
 * `Access-Control-*` header the handler set itself. Exposes the SDK's headers plus
 * every non-safelisted header this response carries (except `Set-Cookie`).
 * Call it only for a request without `Origin` (no credentials then: `*`) or from an allowed origin.
 */
export function _addCorsHeaders(responseHeaders: Headers, requestHeaders: Headers): void {
  const origin = requestHeaders.get('origin')
  if (!responseHeaders.has('access-control-allow-origin')) {
    responseHeaders.set('Access-Control-Allow-Origin', origin ?? '*')
    if (origin) responseHeaders.append('Vary', 'Origin')
  }
  if (origin && !responseHeaders.has('access-control-allow-credentials')) {
    responseHeaders.set('Access-Control-Allow-Credentials', 'true')
  }
  if (!responseHeaders.has('access-control-expose-headers')) {
    const names = new Map(EXPOSE_HEADERS.map((name) => [name.toLowerCase(), name]))
    for (const [name] of responseHeaders) {
      if (!NOT_EXPOSED.has(name) && !name.startsWith('access-control-') && !names.has(name)) {
        names.set(name, name)
      }
    }
    responseHeaders.set('Access-Control-Expose-Headers', [...names.values()].join(', '))
  }
}
