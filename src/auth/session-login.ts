import { exchangeFetch } from '../core/exchange.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { secretSet } from '../core/redact.js'
import { renewAt } from './renewal.js'
import type { AuthContext, AuthRequest, AuthStrategy } from '../core/types.js'
import { singleFlight } from './single-flight.js'

/** What a login resolves to: anything the `apply` function needs; an `expiresAt` field, when present, drives renewal. */
export interface Session {
  /** Epoch ms; renewed `skew` ms before. Without it the session lives until a request is refused. */
  expiresAt?: number
}

export interface SessionLoginOptions<S extends object> {
  /**
   * Logs in (username/password, SOAP, …) with `context.fetch`, the client's exchange fetch
   * (redirects only within the login's origin, https only, the client's timeout). Put the
   * tokens it obtains in `context.secrets` (`add(token, true)`) so they are redacted.
   */
  login(context: AuthContext): Promise<S>
  /**
   * Puts the session on a request (headers, cookie). It may move the request to the session's
   * instance only by swapping the origin (`rebaseOrigin`) for the one `origin(session)` declares.
   */
  apply(headers: Headers, session: S, request: AuthRequest): void
  /** The origin the session's requests go to besides the client's (Salesforce's instance): trusted while the session lives. */
  origin?(session: S): string | undefined
  /** Long-lived secrets of the login (password, client secret): redacted from every error while the strategy lives. */
  secrets?: (string | undefined)[]
  /** Renews a session without the password (e.g. a refresh token); a failure falls back to `login`. */
  refresh?(session: S, context: AuthContext): Promise<S>
  /** Ends the session on `client.close()`. */
  logout?(session: S, context: AuthContext): Promise<void>
  /** Which responses mean "session expired". Default: status 401. */
  shouldRefresh?(response: Response): boolean
  /** Renew this many ms before `expiresAt`. Default 60_000. */
  skew?: number
}

export interface SessionStrategy<S extends object> extends AuthStrategy {
  /** The current session, if logged in and not invalidated. */
  session(): S | undefined
  /** Marks the session stale: the next request renews it (once, shared by concurrent calls). */
  invalidate(): void
}

const SESSION_OPTIONS: OptionKeys<SessionLoginOptions<object>> = { login: 1, apply: 1, origin: 1, secrets: 1, refresh: 1, logout: 1, shouldRefresh: 1, skew: 1 }

/**
 * Username/password style sessions: one login shared by concurrent calls, renewed before it
 * expires and once after a refused request (a refresh that started after the request was sent
 * is reused, not repeated), logged out on close.
 *
 * @example
 * const auth = sessionLogin({
 *   async login({ fetch, baseURL }) {
 *     const res = await fetch(new URL('/login', baseURL), { method: 'POST', body: JSON.stringify({ username, password }) })
 *     return { token: res.headers.get('x-token')!, expiresAt: Date.now() + 600_000 }
 *   },
 *   apply: (headers, session) => headers.set('x-token', session.token),
 * })
 */
export function sessionLogin<S extends object>(options: SessionLoginOptions<S>): SessionStrategy<S> {
  if (typeof options?.login !== 'function') throw new TypeError('sessionLogin: option `login` is required (a function)')
  if (typeof options.apply !== 'function') throw new TypeError('sessionLogin: option `apply` is required (a function)')
  checkOptionKeys('sessionLogin', options, SESSION_OPTIONS)
  const skew = options.skew ?? 60_000
  const secrets = secretSet()
  for (const secret of options.secrets ?? []) secrets.add(secret)
  let current: S | undefined
  let obtainedAt = 0
  let stale = false
  let version = 0
  let context: AuthContext | undefined

  // An expiry already past when the session was issued (a skewed clock) is ignored: the session lives until refused.
  const valid = (s: S | undefined) => {
    const expiresAt = (s as Session | undefined)?.expiresAt
    return s !== undefined && !stale && (expiresAt === undefined || expiresAt <= obtainedAt || Date.now() < renewAt(expiresAt, obtainedAt, skew))
  }

  // Logins and refreshes waiting for their answer: `close()` abandons them.
  const exchanges = new Set<AbortController>()

  const renew = singleFlight(async () => {
    // The shared login must not die with the caller that happened to start it, only with close().
    const controller = new AbortController()
    exchanges.add(controller)
    const ctx = (kind: string): AuthContext => ({ fetch: exchangeFetch(context!, kind), baseURL: context!.baseURL, signal: controller.signal, secrets })
    try {
      let next: S | undefined
      if (current && options.refresh) next = await options.refresh(current, ctx('refresh')).catch(() => undefined)
      next ??= await options.login(ctx('login'))
      current = next
      obtainedAt = Date.now()
      stale = false
      version++
      return next
    } finally {
      exchanges.delete(controller)
    }
  })

  return {
    secrets,
    origin: () => (current ? options.origin?.(current) : undefined),
    session: () => (stale ? undefined : current),
    invalidate() {
      stale = true
    },
    async authorize(request, ctx) {
      let session = current
      if (!valid(session)) {
        context = ctx
        session = await renew.run(ctx.signal)
      }
      options.apply(request.headers, session!, request)
      request.credentialVersion = version
    },
    async refresh({ request, ...ctx }) {
      if (renew.running) return void (await renew.run(ctx.signal))
      if (request.credentialVersion !== version) return
      context = ctx
      await renew.run(ctx.signal)
    },
    ...(options.shouldRefresh && { shouldRefresh: options.shouldRefresh }),
    async close(ctx) {
      for (const controller of exchanges) controller.abort()
      const session = current
      current = undefined
      if (session && options.logout) await options.logout(session, { fetch: exchangeFetch(ctx, 'logout'), baseURL: ctx.baseURL, signal: ctx.signal, secrets }).catch(() => undefined)
    },
  }
}
