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
 * Handlers match any origin (`'*\/path'`) and build absolute URLs from the request's own origin,
 * so the same fake answers in process (msw `setupServer`) and over `serve()` on 127.0.0.1.
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
  let url: URL | undefined
  try {
    url = typeof value === 'string' ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  const origin = url?.origin
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || (value !== origin && value !== `${origin}/`)) {
    throw new TypeError(`${option} must be an origin like https://api.example.test (scheme, host and port only), got ${JSON.stringify(value)}`)
  }
  return origin as string
}

/**
 * Wraps msw handlers so they only see requests `inScope` accepts; any other request passes them
 * by, as if they were not mounted. The wrappers keep each handler's `info`, logging and `once`.
 */
export function _scopeHandlers(handlers: readonly RequestHandler[], inScope: (url: URL) => boolean): RequestHandler[] {
  return handlers.map((handler) => {
    // A handler object whose `run` first asks `inScope`; everything else is the original's.
    const scoped = Object.create(handler) as RequestHandler
    scoped.run = (args) => (inScope(new URL(args.request.url)) ? handler.run(args) : Promise.resolve(null))
    return scoped
  })
}

/**
 * Scopes msw handlers to one origin: the returned handlers answer requests to `origin` only and
 * let every other request pass by. Use it to mount several fakes (or your own handlers) on one msw
 * server without one catching another's routes; the built-in fakes take the same `origin` option.
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
export function scopeHandlers(handlers: readonly RequestHandler[], origin: string): RequestHandler[] {
  if (!Array.isArray(handlers)) throw new TypeError('scopeHandlers: handlers must be an array of msw request handlers')
  const only = _checkOrigin(origin, 'scopeHandlers: origin')
  return _scopeHandlers(handlers, (url) => url.origin === only)
}
