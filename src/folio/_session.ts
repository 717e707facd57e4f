import { AuthenticationError, IsoSdkError, NetworkError, errorForStatus, type HttpError } from '../core/errors.js'
import { readErrorBody } from '../core/response.js'
import { backoffDelay, retryAfterMs, shouldRetryStatus, type RetryPolicy } from '../core/retry.js'
import { sleep } from '../core/signals.js'
import type { AuthContext } from '../core/types.js'
import { buildURL } from '../core/url.js'
import { cookieExpiry, responseCookies } from './_cookies.js'
import { folioMapError } from './errors.js'

/** Reads a failed response (login, refresh) and returns its typed error; never throws. */
export async function folioResponseError(response: Response, request: { method: string; url: string }): Promise<HttpError> {
  const body = await readErrorBody(response)
  return (folioMapError(response, body, request) ??
    errorForStatus({ status: response.status, method: request.method, url: request.url, body, headers: response.headers })) as HttpError
}

/** A FOLIO session as the preset keeps it. */
export interface FolioSession {
  /** The access token; undefined when the browser's cookie jar holds it (`jar`). */
  accessToken?: string
  refreshToken?: string
  /** The token's expiry (epoch ms); `sessionLogin` renews `skew` before it, or at half-life for short-lived tokens. */
  expiresAt?: number
  /** FOLIO's `accessTokenExpiration` (epoch ms). */
  accessTokenExpiration?: number
  /** FOLIO's `refreshTokenExpiration` (epoch ms). */
  refreshTokenExpiration?: number
  /** The runtime's cookie jar carries the tokens (a browser); nothing is added to requests. */
  jar: boolean
}

export interface FolioAuthConfig {
  tenant: string
  username: string
  password: string
  /** `POST /authn/login` (token in the `x-okapi-token` header) instead of `/authn/login-with-expiry`. */
  legacy: boolean
  /** ms before expiry to renew (the same value given to `sessionLogin`). */
  skew: number
  /** Server-error retries of login/refresh (the client's retry policy). */
  retry: RetryPolicy
}

const ACCESS_COOKIE = 'folioAccessToken'
const REFRESH_COOKIE = 'folioRefreshToken'

/** A browser answers with a filtered response (`basic`/`cors`) and keeps `Set-Cookie` in its jar. */
function cookieJarHolds(response: Response): boolean {
  return response.type === 'basic' || response.type === 'cors'
}

function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : at
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

/** POSTs to an `/authn/...` endpoint with the tenant header, retrying server errors and refused connections. */
async function post(ctx: AuthContext, config: FolioAuthConfig, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  const url = buildURL(ctx.baseURL, path)
  const fetcher = ctx.fetch // called unbound: a stored native fetch throws "Illegal invocation" with the wrong `this`
  for (let attempt = 0; ; attempt++) {
    let response: Response
    try {
      response = await fetcher(url.href, {
        method: 'POST',
        headers: { 'x-okapi-tenant': config.tenant, accept: 'application/json, text/plain', ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        ...(ctx.signal && { signal: ctx.signal }),
      })
    } catch (error) {
      // The exchange fetch names drops as NetworkError; anything else (a refused redirect, a timeout, close) is final.
      if (ctx.signal?.aborted || !(error instanceof NetworkError)) throw error
      if (attempt >= config.retry.limit) throw error
      await sleep(backoffDelay(config.retry, attempt), ctx.signal)
      continue
    }
    if (response.ok || attempt >= config.retry.limit || !shouldRetryStatus(config.retry, response.status, response.headers, true)) return response
    const wait = retryAfterMs(response.headers) ?? backoffDelay(config.retry, attempt)
    if (wait > config.retry.maxDelay) return response
    response.body?.cancel().catch(() => undefined)
    await sleep(wait, ctx.signal)
  }
}

/** A failed login becomes an `AuthenticationError` (mod-login answers bad credentials with 422) carrying FOLIO's message. */
async function loginError(response: Response, url: string, tenant: string): Promise<HttpError> {
  const error = await folioResponseError(response, { method: 'POST', url })
  if (response.status !== 401 && response.status !== 422) return error
  return new AuthenticationError({
    status: response.status,
    method: 'POST',
    url,
    body: error.body,
    headers: response.headers,
    message: `FOLIO login failed for tenant ${tenant}: ${error.message.replace(/^POST \S+ → \d+:?\s*/, '')}`,
  })
}

/** Builds the session from a login or refresh response. */
async function sessionFrom(response: Response, config: FolioAuthConfig, what: string, ctx: AuthContext): Promise<FolioSession> {
  const now = Date.now()
  const cookies = responseCookies(response.headers)
  const body = record(await readErrorBody(response))
  const access = cookies.get(ACCESS_COOKIE)
  const accessToken =
    access?.value || (config.legacy ? response.headers.get('x-okapi-token') ?? undefined : undefined) ||
    (typeof body.accessToken === 'string' ? body.accessToken : typeof body.okapiToken === 'string' ? body.okapiToken : undefined)
  const refreshCookie = cookies.get(REFRESH_COOKIE)
  const refreshToken = refreshCookie?.value || (typeof body.refreshToken === 'string' ? body.refreshToken : undefined)
  const jar = accessToken === undefined && cookieJarHolds(response)
  if (accessToken === undefined && !jar) {
    throw new AuthenticationError({
      status: response.status,
      method: 'POST',
      url: response.url || what,
      headers: response.headers,
      message: `FOLIO ${what} returned no ${config.legacy ? 'x-okapi-token header' : `${ACCESS_COOKIE} cookie`}`,
    })
  }
  ctx.secrets?.add(accessToken, true)
  ctx.secrets?.add(refreshToken, true)
  const accessTokenExpiration = parseTime(body.accessTokenExpiration) ?? cookieExpiry(access, now)
  const refreshTokenExpiration = parseTime(body.refreshTokenExpiration) ?? cookieExpiry(refreshCookie, now)
  const session: FolioSession = { jar }
  if (accessToken !== undefined) session.accessToken = accessToken
  if (refreshToken !== undefined) session.refreshToken = refreshToken
  if (accessTokenExpiration !== undefined) session.accessTokenExpiration = accessTokenExpiration
  if (refreshTokenExpiration !== undefined) session.refreshTokenExpiration = refreshTokenExpiration
  const expiresAt = accessTokenExpiration
  if (expiresAt !== undefined) session.expiresAt = expiresAt
  return session
}

/**
 * Logs in: `POST /authn/login-with-expiry` (or legacy `/authn/login`) with `x-okapi-tenant`;
 * the token comes from the `folioAccessToken` cookie (legacy: the `x-okapi-token` header).
 */
export async function folioLogin(ctx: AuthContext, config: FolioAuthConfig): Promise<FolioSession> {
  const path = config.legacy ? '/authn/login' : '/authn/login-with-expiry'
  const response = await post(ctx, config, path, {}, { username: config.username, password: config.password })
  if (!response.ok) throw await loginError(response, buildURL(ctx.baseURL, path).href, config.tenant)
  return sessionFrom(response, config, 'login', ctx)
}

/** Renews with `POST /authn/refresh` and the refresh-token cookie; throws (so `sessionLogin` logs in again) when it cannot. */
export async function folioRefresh(session: FolioSession, ctx: AuthContext, config: FolioAuthConfig): Promise<FolioSession> {
  if (!session.jar && session.refreshToken === undefined) throw new IsoSdkError('FOLIO session has no refresh token')
  if (session.refreshTokenExpiration !== undefined && Date.now() >= session.refreshTokenExpiration - 5_000) {
    throw new IsoSdkError('FOLIO refresh token expired')
  }
  const headers: Record<string, string> = session.refreshToken ? { cookie: `${REFRESH_COOKIE}=${session.refreshToken}` } : {}
  const response = await post(ctx, config, '/authn/refresh', headers)
  if (!response.ok) throw await folioResponseError(response, { method: 'POST', url: buildURL(ctx.baseURL, '/authn/refresh').href })
  const next = await sessionFrom(response, config, 'refresh', ctx)
  // A refresh that does not rotate the refresh token keeps the old one.
  if (next.refreshToken === undefined && session.refreshToken !== undefined) {
    next.refreshToken = session.refreshToken
    if (session.refreshTokenExpiration !== undefined) next.refreshTokenExpiration = session.refreshTokenExpiration
  }
  return next
}

/** Ends the session with `POST /authn/logout`; a 404 (older Okapi) or 401 (already expired) is fine. */
export async function folioLogout(session: FolioSession, ctx: AuthContext, config: FolioAuthConfig): Promise<void> {
  const headers: Record<string, string> = {}
  if (session.accessToken) headers['x-okapi-token'] = session.accessToken
  const cookies = [
    session.accessToken && `${ACCESS_COOKIE}=${session.accessToken}`,
    session.refreshToken && `${REFRESH_COOKIE}=${session.refreshToken}`,
  ].filter(Boolean)
  if (cookies.length) headers.cookie = cookies.join('; ')
  const response = await post(ctx, { ...config, retry: { ...config.retry, limit: 0 } }, '/authn/logout', headers)
  if (!response.ok && response.status !== 404 && response.status !== 401) {
    throw await folioResponseError(response, { method: 'POST', url: buildURL(ctx.baseURL, '/authn/logout').href })
  }
  response.body?.cancel().catch(() => undefined)
}

/** Puts the session on a request: `x-okapi-token` plus the `folioAccessToken` cookie (a browser drops the cookie header; its jar sends it). */
export function applyFolioSession(headers: Headers, session: FolioSession): void {
  if (session.accessToken === undefined) return
  headers.set('x-okapi-token', session.accessToken)
  const cookie = headers.get('cookie')
  const own = `${ACCESS_COOKIE}=${session.accessToken}`
  headers.set('cookie', cookie ? `${cookie.replace(/(?:^|;\s*)folioAccessToken=[^;]*/, '')}; ${own}`.replace(/^;\s*/, '') : own)
}
