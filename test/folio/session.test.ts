import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { AuthenticationError, BadRequestError, ClientClosedError, NotFoundError } from '../../src/index.js'
import { folioGet } from '../../src/folio/index.js'
import { parseSetCookie, readSetCookies } from '../../src/folio/_cookies.js'
import { PASSWORD, URL_BASE, client, mountFake, recordWire } from './_helpers.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  vi.useRealTimers()
  server.events.removeAllListeners()
  server.resetHandlers()
})
afterAll(() => server.close())

describe('login', () => {
  it('logs in once with x-okapi-tenant and sends the token as x-okapi-token and cookie, with the tenant on every request', async () => {
    const fake = mountFake(server)
    const wire = recordWire(server)
    const c = client()
    await folioGet(c, '/groups', 'usergroups')
    await folioGet(c, '/locations', 'locations')
    const [login, ...calls] = wire.sent
    expect(login!.url.pathname).toBe('/authn/login-with-expiry')
    expect(login!.headers.get('x-okapi-tenant')).toBe('diku')
    expect(calls).toHaveLength(2)
    const token = [...fake.state.tokens].find(([, t]) => t.kind === 'access')![0]
    for (const call of calls) {
      expect(call.headers.get('x-okapi-tenant')).toBe('diku')
      expect(call.headers.get('x-okapi-token')).toBe(token)
      expect(call.headers.get('cookie')).toBe(`folioAccessToken=${token}`)
    }
    expect(fake.state.counters.logins).toBe(1)
  })

  it('a wrong password is an AuthenticationError with FOLIO\'s message and no password in it', async () => {
    mountFake(server)
    const c = client({ password: 'Wr0ng-Passw0rd-Long' })
    const error = await folioGet(c, '/groups', 'usergroups').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as AuthenticationError).status).toBe(422)
    expect((error as Error).message).toContain('Password does not match')
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain('Wr0ng-Passw0rd-Long')
  })

  it('an unknown tenant is a BadRequestError (FOLIO answers 400)', async () => {
    mountFake(server)
    const error = await folioGet(client({ tenant: 'nowhere' }), '/groups').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as Error).message).toContain('No such Tenant nowhere')
  })

  it('a token issued for another tenant is refused 401 by the fake', async () => {
    const fake = mountFake(server, { tenants: ['diku', 'other'] })
    await folioGet(client(), '/groups')
    const token = [...fake.state.tokens].find(([, t]) => t.kind === 'access')![0]
    const own = await fetch(`${URL_BASE}/groups`, { headers: { 'x-okapi-tenant': 'diku', 'x-okapi-token': token } })
    expect(own.status).toBe(200)
    const other = await fetch(`${URL_BASE}/groups`, { headers: { 'x-okapi-tenant': 'other', 'x-okapi-token': token } })
    expect(other.status).toBe(401)
    const cookieOnly = await fetch(`${URL_BASE}/groups`, { headers: { 'x-okapi-tenant': 'diku', cookie: `folioAccessToken=${token}` } })
    expect(cookieOnly.status).toBe(200)
    const noTenant = await fetch(`${URL_BASE}/groups`, { headers: { 'x-okapi-token': token } })
    expect(noTenant.status).toBe(400)
  })

  it('a login response without the folioAccessToken cookie is an AuthenticationError outside a browser', async () => {
    mountFake(server)
    server.use(http.post('*/authn/login-with-expiry', () => HttpResponse.json({ accessTokenExpiration: new Date(Date.now() + 600_000).toISOString() }, { status: 201 })))
    const error = await folioGet(client(), '/groups').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as Error).message).toContain('no folioAccessToken cookie')
  })

  it('secrets stay out of errors: a 404 after login carries neither the token nor the password', async () => {
    const fake = mountFake(server)
    const c = client()
    const error = await folioGet(c, '/users/00000000-0000-4000-8000-000000000000').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    const token = [...fake.state.tokens].find(([, t]) => t.kind === 'access')![0]
    const dump = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).stack)}`
    expect(dump).not.toContain(token)
    expect(dump).not.toContain(PASSWORD)
  })
})

describe('renewal', () => {
  it('100 concurrent calls while the token is expiring make exactly one refresh', async () => {
    const fake = mountFake(server)
    vi.useFakeTimers({ toFake: ['Date'] })
    const c = client()
    await folioGet(c, '/groups') // logs in; token valid 10 minutes
    vi.setSystemTime(Date.now() + 545_000) // inside the 60 s renewal window, still valid on the server
    const results = await Promise.all(Array.from({ length: 100 }, () => folioGet<unknown[]>(c, '/groups', 'usergroups')))
    expect(results.every((r) => r.length === 4)).toBe(true)
    expect(fake.state.counters.refreshes).toBe(1)
    expect(fake.state.counters.logins).toBe(1)
    expect(fake.state.counters.refusedRefreshes).toBe(0)
    expect(fake.state.counters.rejected).toBe(0)
  })

  it('100 concurrent calls refused 401 (token expired on the server) share one refresh and are replayed', async () => {
    const fake = mountFake(server)
    const c = client()
    await folioGet(c, '/groups')
    fake.expireCredentials()
    const results = await Promise.all(Array.from({ length: 100 }, () => folioGet<unknown[]>(c, '/locations', 'locations')))
    expect(results.every((r) => r.length === 6)).toBe(true)
    expect(fake.state.counters.refreshes).toBe(1)
    expect(fake.state.counters.logins).toBe(1)
    expect(fake.state.counters.rejected).toBe(100)
  })

  it('a refused refresh falls back to a new login with the password', async () => {
    const fake = mountFake(server)
    const c = client()
    await folioGet(c, '/groups')
    fake.revokeSessions()
    await expect(folioGet<unknown[]>(c, '/groups', 'usergroups')).resolves.toHaveLength(4)
    expect(fake.state.counters.refusedRefreshes).toBe(1)
    expect(fake.state.counters.logins).toBe(2)
  })

  it('a short-lived token is renewed at half-life, not before every request', async () => {
    const fake = mountFake(server, { accessTokenTtl: 30_000 })
    vi.useFakeTimers({ toFake: ['Date'] })
    const c = client()
    for (let i = 0; i < 5; i++) await folioGet(c, '/groups')
    expect(fake.state.counters.refreshes + fake.state.counters.logins).toBe(1)
    vi.setSystemTime(Date.now() + 16_000)
    await folioGet(c, '/groups')
    expect(fake.state.counters.refreshes).toBe(1)
    expect(fake.state.counters.rejected).toBe(0)
  })

  it('the refresh sends the refresh-token cookie and the tenant', async () => {
    const fake = mountFake(server)
    const c = client()
    await folioGet(c, '/groups')
    const refreshToken = [...fake.state.tokens].find(([, t]) => t.kind === 'refresh')![0]
    fake.expireCredentials()
    const wire = recordWire(server)
    await folioGet(c, '/groups')
    const refresh = wire.sent.find((s) => s.url.pathname === '/authn/refresh')!
    expect(refresh.headers.get('cookie')).toBe(`folioRefreshToken=${refreshToken}`)
    expect(refresh.headers.get('x-okapi-tenant')).toBe('diku')
  })
})

describe('close and legacy login', () => {
  it('close() logs out (tokens revoked) and later calls reject with ClientClosedError', async () => {
    const fake = mountFake(server)
    const c = client()
    await folioGet(c, '/groups')
    await c.close()
    expect(fake.state.counters.logouts).toBe(1)
    expect([...fake.state.tokens.values()].every((t) => t.revoked)).toBe(true)
    await expect(folioGet(c, '/groups')).rejects.toBeInstanceOf(ClientClosedError)
  })

  it('legacyLogin uses POST /authn/login and the x-okapi-token header; a 401 logs in again', async () => {
    const fake = mountFake(server)
    const wire = recordWire(server)
    const c = client({ legacyLogin: true })
    await folioGet(c, '/groups')
    expect(wire.sent[0]!.url.pathname).toBe('/authn/login')
    const token = [...fake.state.tokens].find(([, t]) => t.kind === 'legacy')![0]
    expect(wire.sent[1]!.headers.get('x-okapi-token')).toBe(token)
    fake.expireCredentials()
    await expect(folioGet<unknown[]>(c, '/groups', 'usergroups')).resolves.toHaveLength(4)
    expect(fake.state.counters.legacyLogins).toBe(2)
    expect(fake.state.counters.refreshes).toBe(0)
  })
})

describe('browser-style cookie jar', () => {
  /** A fetch that behaves like a browser: Set-Cookie hidden from scripts, script-set Cookie dropped, the jar sends cookies. */
  function browserLikeFetch() {
    const jar = new Map<string, string>()
    const browserFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init)
      const headers = new Headers(request.headers)
      headers.delete('cookie')
      if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '))
      const response = await fetch(new Request(request, { headers }))
      for (const line of response.headers.getSetCookie()) {
        const cookie = parseSetCookie(line)!
        if (cookie.maxAge === 0) jar.delete(cookie.name)
        else jar.set(cookie.name, cookie.value)
      }
      const visible = new Headers(response.headers)
      visible.delete('set-cookie')
      const out = new Response(response.body, { status: response.status, headers: visible })
      Object.defineProperty(out, 'type', { value: 'cors' })
      return out
    }
    return { fetch: browserFetch as typeof fetch, jar }
  }

  it('the SDK adds no token; the jar carries the session, refresh and logout', async () => {
    const fake = mountFake(server)
    const browser = browserLikeFetch()
    const wire = recordWire(server)
    const c = client({ fetch: browser.fetch })
    await expect(folioGet<unknown[]>(c, '/groups', 'usergroups')).resolves.toHaveLength(4)
    const call = wire.sent.find((s) => s.url.pathname === '/groups')!
    expect(call.headers.get('x-okapi-token')).toBeNull()
    expect(call.headers.get('cookie')).toContain('folioAccessToken=')
    fake.expireCredentials()
    await expect(folioGet<unknown[]>(c, '/groups', 'usergroups')).resolves.toHaveLength(4)
    expect(fake.state.counters.refreshes).toBe(1)
    await c.close()
    expect(fake.state.counters.logouts).toBe(1)
    expect(browser.jar.size).toBe(0)
  })
})

describe('Set-Cookie parsing', () => {
  it('splits a combined set-cookie header when getSetCookie is missing (Expires commas kept)', () => {
    const combined = 'folioAccessToken=abc.def; Max-Age=600; Expires=Tue, 23 Jan 2024 15:15:49 GMT; Path=/, folioRefreshToken=xyz; Path=/authn'
    const headers = { get: (name: string) => (name === 'set-cookie' ? combined : null) } as unknown as Headers
    const lines = readSetCookies(headers)
    expect(lines).toHaveLength(2)
    expect(parseSetCookie(lines[0]!)).toMatchObject({ name: 'folioAccessToken', value: 'abc.def', maxAge: 600, expires: Date.parse('Tue, 23 Jan 2024 15:15:49 GMT') })
    expect(parseSetCookie(lines[1]!)).toMatchObject({ name: 'folioRefreshToken', value: 'xyz' })
  })
})
