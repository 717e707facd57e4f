import { HttpResponse, http, type RequestHandler } from 'msw'
import type { FakeStats } from '../fake.js'
import { readObject, requestCookies, text } from './http.js'
import type { FolioFakeState, FolioTenant, FolioToken } from './state.js'

export const ACCESS_COOKIE = 'folioAccessToken'
export const REFRESH_COOKIE = 'folioRefreshToken'

/** Issues JWT-shaped tokens (unique, deterministic); the fake keeps them in `state.tokens`. */
export function tokenIssuer(state: FolioFakeState, random: () => number) {
  let serial = 0
  const b64url = (text: string) => btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  return (kind: FolioToken['kind'], tenant: string, username: string, userId: string, ttl: number): string => {
    const n = ++serial
    let sig = ''
    for (let i = 0; i < 32; i++) sig += Math.floor(random() * 16).toString(16)
    const token = `eyJhbGciOiJIUzI1NiJ9.${b64url(JSON.stringify({ sub: username, tenant, type: kind, n }))}.${sig}`
    state.tokens.set(token, { kind, tenant, username, userId, expiresAt: state.now() + ttl, revoked: false })
    return token
  }
}

/** The tenant named by `x-okapi-tenant`, or the 400 FOLIO answers without a known one. */
export function tenantOf(request: Request, state: FolioFakeState): FolioTenant | Response {
  const id = request.headers.get('x-okapi-tenant')
  if (!id) {
    state.counters.rejected++
    return text(400, 'Missing Tenant')
  }
  const tenant = state.tenants.get(id)
  if (!tenant) {
    state.counters.rejected++
    return text(400, `No such Tenant ${id}`)
  }
  return tenant
}

/** Checks tenant and access token (`x-okapi-token` header or `folioAccessToken` cookie) like Okapi: 400 for tenant problems, 401 for token problems. */
export function authenticate(request: Request, state: FolioFakeState): { tenant: FolioTenant; token: FolioToken } | Response {
  const tenant = tenantOf(request, state)
  if (tenant instanceof Response) return tenant
  const raw = request.headers.get('x-okapi-token') ?? requestCookies(request).get(ACCESS_COOKIE)
  const refuse = (message: string) => {
    state.counters.rejected++
    return text(401, message)
  }
  if (!raw) return refuse('Token missing, access requires permission')
  const token = state.tokens.get(raw)
  if (!token || token.kind === 'refresh' || token.revoked) return refuse('Invalid token')
  if (token.tenant !== tenant.id) return refuse(`Invalid token: issued for another tenant than ${tenant.id}`)
  if (state.now() >= token.expiresAt) return refuse('Access token has expired')
  return { tenant, token }
}

/** `Secure` only over https: cookie jars (browsers, msw's) refuse a Secure cookie from a plain-http origin. */
function secure(request: Request): string {
  return new URL(request.url).protocol === 'https:' ? '; Secure' : ''
}

function cookie(request: Request, name: string, value: string, maxAgeMs: number, path: string, now: number): string {
  const seconds = Math.max(0, Math.floor(maxAgeMs / 1000))
  return `${name}=${value}; Max-Age=${seconds}; Expires=${new Date(now + seconds * 1000).toUTCString()}; Path=${path}${secure(request)}; HttpOnly; SameSite=Lax`
}

/** The 201 of login-with-expiry and refresh: both cookies and both expirations. */
function sessionResponse(request: Request, state: FolioFakeState, issue: ReturnType<typeof tokenIssuer>, tenant: string, username: string, userId: string): Response {
  const now = state.now()
  const access = issue('access', tenant, username, userId, state.accessTokenTtl)
  const refresh = issue('refresh', tenant, username, userId, state.refreshTokenTtl)
  const headers = new Headers()
  headers.append('set-cookie', cookie(request, ACCESS_COOKIE, access, state.accessTokenTtl, '/', now))
  headers.append('set-cookie', cookie(request, REFRESH_COOKIE, refresh, state.refreshTokenTtl, '/authn', now))
  return HttpResponse.json(
    {
      accessTokenExpiration: new Date(now + state.accessTokenTtl).toISOString(),
      refreshTokenExpiration: new Date(now + state.refreshTokenTtl).toISOString(),
    },
    { status: 201, headers },
  )
}

async function checkCredentials(request: Request, tenant: FolioTenant): Promise<{ username: string; userId: string } | Response> {
  const body = await readObject(request)
  if (body instanceof Response) return body
  const { username, password } = body
  if (typeof username !== 'string' || typeof password !== 'string') {
    return HttpResponse.json(
      { errors: [{ message: 'username and password are required', type: 'error', code: 'username.or.password.missing', parameters: [] }] },
      { status: 422 },
    )
  }
  const account = tenant.credentials.get(username)
  if (!account) {
    return HttpResponse.json(
      { errors: [{ message: 'Error verifying user existence', type: 'error', code: 'username.incorrect', parameters: [{ key: 'username', value: username }] }] },
      { status: 422 },
    )
  }
  if (account.password !== password) {
    return HttpResponse.json(
      { errors: [{ message: 'Password does not match', type: 'error', code: 'password.incorrect', parameters: [{ key: 'username', value: username }] }] },
      { status: 422 },
    )
  }
  return { username, userId: account.userId }
}

/** `/authn/login-with-expiry`, `/authn/login` (legacy), `/authn/refresh`, `/authn/logout`. */
export function authHandlers(state: FolioFakeState, stats: FakeStats, issue: ReturnType<typeof tokenIssuer>): RequestHandler[] {
  return [
    http.post('*/authn/login-with-expiry', async ({ request }) => {
      stats.requests++
      const tenant = tenantOf(request, state)
      if (tenant instanceof Response) return tenant
      const user = await checkCredentials(request, tenant)
      if (user instanceof Response) return user
      stats.logins++
      state.counters.logins++
      return sessionResponse(request, state, issue, tenant.id, user.username, user.userId)
    }),

    http.post('*/authn/login', async ({ request }) => {
      stats.requests++
      const tenant = tenantOf(request, state)
      if (tenant instanceof Response) return tenant
      const user = await checkCredentials(request, tenant)
      if (user instanceof Response) return user
      stats.logins++
      state.counters.legacyLogins++
      // Legacy Okapi tokens do not expire on their own; `expireCredentials()` still ends them.
      const token = issue('legacy', tenant.id, user.username, user.userId, Number.MAX_SAFE_INTEGER / 2)
      return HttpResponse.json({ username: user.username, userId: user.userId }, { status: 201, headers: { 'x-okapi-token': token } })
    }),

    http.post('*/authn/refresh', ({ request }) => {
      stats.requests++
      const tenant = tenantOf(request, state)
      if (tenant instanceof Response) return tenant
      const raw = requestCookies(request).get(REFRESH_COOKIE)
      const token = raw === undefined ? undefined : state.tokens.get(raw)
      if (!raw || !token || token.kind !== 'refresh' || token.revoked || token.tenant !== tenant.id || state.now() >= token.expiresAt) {
        state.counters.refusedRefreshes++
        return text(401, 'Invalid or expired refresh token')
      }
      if (state.rotateRefreshTokens) token.revoked = true
      stats.logins++
      state.counters.refreshes++
      return sessionResponse(request, state, issue, tenant.id, token.username, token.userId)
    }),

    http.post('*/authn/logout', ({ request }) => {
      stats.requests++
      const auth = authenticate(request, state)
      if (auth instanceof Response) return auth
      const cookies = requestCookies(request)
      for (const raw of [request.headers.get('x-okapi-token'), cookies.get(ACCESS_COOKIE), cookies.get(REFRESH_COOKIE)]) {
        const token = raw ? state.tokens.get(raw) : undefined
        if (token) token.revoked = true
      }
      state.counters.logouts++
      const headers = new Headers()
      headers.append('set-cookie', `${ACCESS_COOKIE}=; Max-Age=0; Path=/${secure(request)}; HttpOnly; SameSite=Lax`)
      headers.append('set-cookie', `${REFRESH_COOKIE}=; Max-Age=0; Path=/authn${secure(request)}; HttpOnly; SameSite=Lax`)
      return new HttpResponse(null, { status: 204, headers })
    }),
  ]
}
