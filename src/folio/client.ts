import { sessionLogin } from '../auth/index.js'
import { createClient } from '../core/client.js'
import { configFromEnv } from '../core/env.js'
import { AbortError, ClientClosedError, PermissionDeniedError } from '../core/errors.js'
import { configError } from '../core/options.js'
import { resolveRetryPolicy } from '../core/retry.js'
import { linkSignals, sleep, type LinkedSignal } from '../core/signals.js'
import type { Client, ClientOptions, RequestOp, RetryOptions } from '../core/types.js'
import { folioConfigFromEnv, type FolioAuthRetryOptions } from './env.js'
import { folioMapError } from './errors.js'
import { applyFolioSession, folioLogin, folioLogout, folioRefresh, type FolioAuthConfig, type FolioSession } from './_session.js'

/** A client made by `folio()`; FOLIO functions accept it (and any plain `createClient` client). */
export type FolioClient = Client<'folio'>

/** Options of `folio()`: the gateway, tenant and credentials, plus every core client option except `baseURL`/`auth`. */
export interface FolioOptions extends Omit<ClientOptions, 'baseURL' | 'auth'> {
  /** The Okapi / Eureka gateway URL, e.g. `https://folio-snapshot-okapi.dev.folio.org`. */
  url: string
  /** Sent as `x-okapi-tenant` on every request, login included. */
  tenant: string
  username: string
  password: string
  /** Older Okapi: log in with `POST /authn/login` (token in the `x-okapi-token` header, no expiry, no refresh). */
  legacyLogin?: boolean
  /** Renew the session this many ms before `accessTokenExpiration`. Default 60_000 (half the token's life for short ones). */
  refreshSkew?: number
  /** Re-authenticate and replay after a 403 (FolioClient's auth-error retries). Off by default. */
  authRetry?: FolioAuthRetryOptions
  /**
   * An environment object (`process.env`, `Deno.env.toObject()`, a Worker's `env`), read now:
   * the core's `configFromEnv` names and FolioClient's `FOLIOCLIENT_*` retry names (see
   * `folioConfigFromEnv`). Explicit options win.
   */
  env?: Record<string, string | undefined>
}

const FOLIO_KEYS = ['url', 'tenant', 'username', 'password', 'legacyLogin', 'refreshSkew', 'authRetry', 'env'] as const

function required(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw configError('folio', [{ path: name, message: 'is required (a non-empty string)' }])
  }
  return value
}

function nonNegative(name: string, value: unknown, integer = false): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw configError('folio', [{ path: name, message: `must be ${integer ? 'an integer' : 'a number'} ≥ 0` }])
  }
}

function checkOptions(options: FolioOptions): void {
  if (typeof options !== 'object' || options === null) throw configError('folio', [{ path: '', message: 'options object is required' }])
  const url = required('url', options.url)
  let parsed: URL | undefined
  try {
    parsed = new URL(url)
  } catch {
    parsed = undefined
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw configError('folio', [{ path: 'url', message: 'must be an absolute http(s) URL' }])
  }
  if (/\s/.test(required('tenant', options.tenant))) throw configError('folio', [{ path: 'tenant', message: 'must not contain spaces' }])
  required('username', options.username)
  required('password', options.password)
  if (options.legacyLogin !== undefined && typeof options.legacyLogin !== 'boolean') {
    throw configError('folio', [{ path: 'legacyLogin', message: 'must be a boolean' }])
  }
  nonNegative('refreshSkew', options.refreshSkew)
  if (options.authRetry !== undefined) {
    if (typeof options.authRetry !== 'object' || options.authRetry === null) {
      throw configError('folio', [{ path: 'authRetry', message: 'must be an object' }])
    }
    nonNegative('authRetry.limit', options.authRetry.limit, true)
    nonNegative('authRetry.delay', options.authRetry.delay)
    nonNegative('authRetry.maxDelay', options.authRetry.maxDelay)
    if (options.authRetry.factor !== undefined && !(typeof options.authRetry.factor === 'number' && options.authRetry.factor >= 1)) {
      throw configError('folio', [{ path: 'authRetry.factor', message: 'must be a number ≥ 1' }])
    }
  }
  if (options.env !== undefined && (typeof options.env !== 'object' || options.env === null)) {
    throw configError('folio', [{ path: 'env', message: 'must be an object of strings (e.g. process.env)' }])
  }
}

/** Later `retry` settings override earlier ones field by field; `false` turns retries off. */
function mergeRetry(...layers: (false | RetryOptions | undefined)[]): false | RetryOptions | undefined {
  let out: false | RetryOptions | undefined
  for (const layer of layers) {
    if (layer === undefined) continue
    out = layer === false ? false : { ...(out || {}), ...layer }
  }
  return out
}

/**
 * A FOLIO client: logs in with `POST /authn/login-with-expiry` (`x-okapi-tenant`, token from
 * the `folioAccessToken` cookie, sent as `x-okapi-token` plus the cookie where the runtime
 * allows; in a browser the cookie jar does it), renews with `POST /authn/refresh` before
 * `accessTokenExpiration` (one renewal shared by all concurrent calls, a new login when the
 * refresh fails), refreshes once and replays after a 401, and logs out on `close()`.
 * Every request carries `x-okapi-tenant`; FOLIO error bodies become typed errors.
 * Retry settings come from `retry`/`authRetry`, or from `env` (read now, never at import).
 *
 * @example
 * import { folio, folioGet } from 'isosdk/folio'
 *
 * await using client = folio({ url: 'https://folio.example.org', tenant: 'diku', username, password, env: process.env })
 * const groups = await folioGet(client, '/groups', 'usergroups')
 */
export function folio(options: FolioOptions): FolioClient {
  checkOptions(options)
  const envCore = options.env ? configFromEnv(options.env) : {}
  const envFolio = options.env ? folioConfigFromEnv(options.env) : {}
  const rest: Record<string, unknown> = { ...options }
  for (const key of FOLIO_KEYS) delete rest[key]
  const clientOptions = rest as Omit<ClientOptions, 'baseURL' | 'auth'>
  const { baseURL: _ignored, retry: envCoreRetry, ...envCoreRest } = envCore
  const retry = mergeRetry(envCoreRetry, envFolio.retry, options.retry)
  const timeout = options.timeout ?? envFolio.timeout ?? envCoreRest.timeout
  const authRetry = { limit: 0, delay: 10_000, factor: 3, maxDelay: 60_000, ...envFolio.authRetry, ...options.authRetry }
  const skew = options.refreshSkew ?? 60_000

  const config: FolioAuthConfig = {
    tenant: options.tenant,
    username: options.username,
    password: options.password,
    legacy: options.legacyLogin ?? false,
    skew,
    retry: resolveRetryPolicy(retry),
  }
  const auth = sessionLogin<FolioSession>({
    secrets: [options.password],
    login: (ctx) => folioLogin(ctx, config),
    apply: (headers, session) => applyFolioSession(headers, session),
    ...(!config.legacy && { refresh: (session, ctx) => folioRefresh(session, ctx, config) }),
    logout: (session, ctx) => folioLogout(session, ctx, config),
    skew,
  })

  const headers = new Headers(options.headers)
  headers.set('x-okapi-tenant', options.tenant)
  const userMapError = options.mapError
  const base = createClient<'folio'>({
    service: 'folio',
    ...envCoreRest,
    ...clientOptions,
    baseURL: options.url,
    auth,
    headers,
    ...(retry !== undefined && { retry }),
    ...(timeout !== undefined && { timeout }),
    mapError: (response, body, request) => userMapError?.(response, body, request) ?? folioMapError(response, body, request),
  })
  if (authRetry.limit === 0) return base

  /** A 403 with auth retries on: mark the session stale (the next call renews it, once for all), wait, replay. */
  async function request<T>(op: RequestOp<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      // The session this call will use: the current one, or — if none or stale — whatever renews it during the call.
      const before = auth.session()
      const renewsFirst = before === undefined || (before.expiresAt !== undefined && Date.now() >= before.expiresAt - skew)
      try {
        return await base.request(op)
      } catch (error) {
        const replayable = !(typeof ReadableStream !== 'undefined' && op.body instanceof ReadableStream)
        if (!(error instanceof PermissionDeniedError) || attempt >= authRetry.limit || !replayable || base.closed) throw error
        // Mark stale only the session this call used; if another call renewed it meanwhile, the new one is kept.
        const session = auth.session()
        if (session && (renewsFirst || session === before)) auth.invalidate()
        // Sleepers are aborted by close() from a set: a listener each on the client's one close signal
        // would pile up (Node warns past 10) when many calls wait at once.
        const linked = linkSignals(op.signal)
        sleepers.add(linked)
        if (base.closed) linked.abort(new ClientClosedError())
        try {
          await sleep(Math.min(authRetry.maxDelay, authRetry.delay * authRetry.factor ** attempt), linked.signal)
        } catch (reason) {
          if (reason instanceof ClientClosedError) throw reason
          throw new AbortError('The request was aborted', { cause: reason })
        } finally {
          sleepers.delete(linked)
          linked.dispose()
        }
      }
    }
  }

  const sleepers = new Set<LinkedSignal>()
  const close = async () => {
    for (const sleeper of sleepers) sleeper.abort(new ClientClosedError())
    await base.close()
  }

  const client: FolioClient = {
    get baseURL() {
      return base.baseURL
    },
    get options() {
      return base.options
    },
    get closed() {
      return base.closed
    },
    get signal() {
      return base.signal
    },
    request,
    close,
    [Symbol.asyncDispose]: close,
  }
  return client
}
