import type { RequestHandler } from 'msw'

/** Counters every fake keeps, read by tests, the soak run and the demo. */
export interface FakeStats {
  /** Requests the fake answered (token/login requests included). */
  requests: number
  /** Token or login exchanges (OAuth token, SOAP/session login, refresh). */
  logins: number
  /** Writes that changed state, keyed by the caller's idempotency key or a content hash, to spot duplicates. */
  writes: number
}

/**
 * A stateful fake of one API: msw handlers plus the state they serve.
 * Handlers match the API's paths under any origin (or only under the fake's `origin` option, or
 * {@link scopeHandlers}'s) and build absolute URLs from the request's own origin, so the same
 * fake answers in process (msw `setupServer`) and over `serve()` on 127.0.0.1.
 */
export interface Fake<State> {
  readonly name: string
  readonly handlers: RequestHandler[]
  readonly state: State
  readonly stats: FakeStats
  /** Makes every issued token/session invalid, as an expiry would; the next call must re-authenticate. */
  expireCredentials(): void
}

/**
 * Fresh zeroed counters for a fake of your own, so it reports like the built-in ones.
 *
 * @example
 * const stats = createStats()
 * const handlers = [http.get('*\/items', () => (stats.requests++, HttpResponse.json([])))]
 * const fake: Fake<{}> = { name: 'items', handlers, state: {}, stats, expireCredentials() {} }
 */
export function createStats(): FakeStats {
  return { requests: 0, logins: 0, writes: 0 }
}

/**
 * Checks a fake's `origin` option: an absolute http(s) origin (a trailing slash is tolerated).
 * Returns it normalised (`https://bloom.test`), or throws a `TypeError` naming `option`.
 */
export function _checkOrigin(value: unknown, option: string): string {
  const base = parseBase(value)
  if (!base || base.prefix !== '') {
    throw new TypeError(`${option} must be an origin like https://api.example.test (scheme, host and port only), got ${JSON.stringify(value)}`)
  }
  return base.origin
}

/** `https://host[:port][/prefix]` → its origin and path prefix (no trailing slash), or undefined. */
function parseBase(value: unknown): { origin: string; prefix: string } | undefined {
  if (typeof value !== 'string') return undefined
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return undefined
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password) return undefined
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') }
}

/**
 * The regex of an msw path pattern's tail: `/files/:fileId` → `^/files/[^/]+/?$`
 * (`:name` one segment, `*` anything; case-insensitive, an optional trailing slash, as msw matches).
 */
function tailPattern(tail: string): RegExp {
  const source = tail
    .split(/(:[A-Za-z_][\w]*|\*)/)
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('')
  return new RegExp(`^${source}/?$`, 'i')
}

/**
 * Wraps msw handlers so they only see requests `inScope` accepts; any other request passes them
 * by, as if they were not mounted. The wrappers keep each handler's `info`, logging and `once`.
 * `inScope` gets the handler's path tail when its path is `*` + a path (`'*\/files/:fileId'`).
 */
export function _scopeHandlers(handlers: readonly RequestHandler[], inScope: (url: URL, tail: RegExp | undefined) => boolean): RequestHandler[] {
  return handlers.map((handler) => {
    const path = (handler.info as { path?: unknown }).path
    const tail = typeof path === 'string' && path.startsWith('*/') ? tailPattern(path.slice(1)) : undefined
    // A handler object whose `run` first asks `inScope`; everything else is the original's.
    const scoped = Object.create(handler) as RequestHandler
    scoped.run = (args) => (inScope(new URL(args.request.url), tail) ? handler.run(args) : Promise.resolve(null))
    return scoped
  })
}

/**
 * Anchors handlers at a base: a `'*\/path'` handler then answers `origin + prefix + /path` only
 * (not the same path under another prefix or origin); any other handler answers URLs under the
 * base. `origin` undefined: any origin.
 */
export function _atBase(handlers: readonly RequestHandler[], origin: string | undefined, prefix: string): RequestHandler[] {
  return _scopeHandlers(handlers, (url, tail) => {
    if (origin !== undefined && url.origin !== origin) return false
    const path = url.pathname
    if (prefix && path !== prefix && !path.startsWith(`${prefix}/`)) return false
    return tail ? tail.test(path.slice(prefix.length)) : true
  })
}

/**
 * Scopes msw handlers to one base URL, so several fakes (or your own handlers) share one msw
 * server without one catching another's routes. `baseURL` is an origin (`https://wiki.test`) or an
 * origin and a path prefix (`https://folio.test/okapi`); a fake's `'*\/path'` handler then answers
 * exactly `baseURL + /path` (no other origin, no other prefix), any other handler any URL under
 * `baseURL`. Every other request passes the returned handlers by. The built-in fakes that take an
 * `origin` option do this themselves.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { scopeHandlers, wikijsFake } from 'isosdk/testing'
 *
 * const wiki = wikijsFake()
 * const server = setupServer(...scopeHandlers(wiki.handlers, 'https://wiki.test'))
 * server.listen({ onUnhandledRequest: 'error' }) // https://other.test/graphql is now unhandled
 * ```
 */
export function scopeHandlers(handlers: readonly RequestHandler[], baseURL: string): RequestHandler[] {
  if (!Array.isArray(handlers)) throw new TypeError('scopeHandlers: handlers must be an array of msw request handlers')
  const base = parseBase(baseURL)
  if (!base) throw new TypeError(`scopeHandlers: baseURL must be an http(s) URL like https://api.example.test (no query), got ${JSON.stringify(baseURL)}`)
  return _atBase(handlers, base.origin, base.prefix)
}
