import { http, HttpResponse, delay } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AuthenticationError, NetworkError, createClient } from '../../src/index.js'
import { memoryTokenStore, oauthClientCredentials } from '../../src/auth/index.js'

const BASE = 'https://api.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** A token endpoint + one protected resource; tokens can be revoked to simulate expiry. */
function fakeOAuth(options: { expiresIn?: number; basic?: boolean } = {}) {
  const state = { tokenRequests: 0, valid: new Set<string>(), forms: [] as URLSearchParams[], authHeaders: [] as (string | null)[] }
  server.use(
    http.post(`${BASE}/oauth2/token`, async ({ request }) => {
      state.tokenRequests++
      const form = new URLSearchParams(await request.text())
      state.forms.push(form)
      state.authHeaders.push(request.headers.get('authorization'))
      await delay(20)
      const token = `tok-${state.tokenRequests}-abcdefgh`
      state.valid.add(token)
      return HttpResponse.json({ access_token: token, token_type: 'bearer', expires_in: options.expiresIn ?? 600 })
    }),
    http.get(`${BASE}/me`, ({ request }) => {
      const token = request.headers.get('authorization')?.replace('Bearer ', '') ?? ''
      return state.valid.has(token) ? HttpResponse.json({ token }) : HttpResponse.json({ code: '401Unauthorized' }, { status: 401 })
    }),
  )
  return state
}

const auth = (extra: Partial<Parameters<typeof oauthClientCredentials>[0]> = {}) =>
  oauthClientCredentials({ tokenUrl: '/oauth2/token', clientId: 'client-a', clientSecret: 'very-secret-value', ...extra })

describe('oauthClientCredentials', () => {
  it('1,000 concurrent calls on a cold cache make exactly one token request', async () => {
    const state = fakeOAuth()
    const client = createClient({ baseURL: BASE, auth: auth() })
    const results = await Promise.all(Array.from({ length: 1000 }, () => client.request<{ token: string }>({ path: '/me' })))
    expect(state.tokenRequests).toBe(1)
    expect(new Set(results.map((r) => r.token)).size).toBe(1)
    expect(state.forms[0]?.get('grant_type')).toBe('client_credentials')
    expect(state.forms[0]?.get('client_id')).toBe('client-a')
  })

  it('sends Basic credentials when asked', async () => {
    const state = fakeOAuth()
    await createClient({ baseURL: BASE, auth: auth({ credentials: 'basic', scope: 'file:read' }) }).request({ path: '/me' })
    expect(state.authHeaders[0]).toBe(`Basic ${btoa('client-a:very-secret-value')}`)
    expect(state.forms[0]?.get('client_secret')).toBeNull()
    expect(state.forms[0]?.get('scope')).toBe('file:read')
  })

  it('a 401 refreshes once and replays; 50 concurrent 401s share one refresh', async () => {
    const state = fakeOAuth()
    const client = createClient({ baseURL: BASE, auth: auth() })
    await client.request({ path: '/me' })
    state.valid.clear()
    const results = await Promise.all(Array.from({ length: 50 }, () => client.request<{ token: string }>({ path: '/me' })))
    expect(state.tokenRequests).toBe(2)
    expect(results.every((r) => r.token === 'tok-2-abcdefgh')).toBe(true)
  })

  it('50 calls refused at once wait for the refresh without piling listeners on the client (no MaxListenersExceededWarning)', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    try {
      const state = fakeOAuth()
      const client = createClient({ baseURL: BASE, auth: auth() })
      await client.request({ path: '/me' })
      state.valid.clear()
      await Promise.all(Array.from({ length: 50 }, () => client.request({ path: '/me' })))
      expect(state.tokenRequests).toBe(2)
      // Warnings are emitted on a later tick.
      await delay(20)
      expect(warnings.filter((name) => name === 'MaxListenersExceededWarning')).toEqual([])
    } finally {
      process.off('warning', onWarning)
    }
  })

  it('a token exchange dropped during the refresh after a 401 is a NetworkError, retried like an unsent request', async () => {
    const state = fakeOAuth()
    const retried: string[] = []
    const client = createClient({ baseURL: BASE, auth: auth(), retry: { baseDelay: 1 }, hooks: { onRetry: ({ error }) => retried.push(error.name) } })
    await client.request({ path: '/me' })
    state.valid.clear()
    // The refresh's token request never gets an answer (once); the next one works.
    server.use(http.post(`${BASE}/oauth2/token`, () => HttpResponse.error(), { once: true }))
    const me = await client.request<{ token: string }>({ path: '/me' }).catch((error: unknown) => error)
    expect(me).toEqual({ token: 'tok-2-abcdefgh' })
    expect(retried).toEqual(['NetworkError'])
    expect(state.tokenRequests).toBe(2)
  })

  it('with retries off, that dropped refresh rejects with a typed NetworkError (never a bare TypeError)', async () => {
    const state = fakeOAuth()
    const client = createClient({ baseURL: BASE, auth: auth(), retry: false })
    await client.request({ path: '/me' })
    state.valid.clear()
    server.use(http.post(`${BASE}/oauth2/token`, () => HttpResponse.error(), { once: true }))
    const error = await client.request({ path: '/me' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect((error as Error).message).not.toContain('very-secret-value')
  })

  it('refreshes before expiry (expires_in minus skew)', async () => {
    const state = fakeOAuth({ expiresIn: 1 })
    const client = createClient({ baseURL: BASE, auth: auth({ skew: 0 }) })
    await client.request({ path: '/me' })
    await client.request({ path: '/me' })
    expect(state.tokenRequests).toBe(1)
    await delay(1_050)
    await client.request({ path: '/me' })
    expect(state.tokenRequests).toBe(2)
  })

  it('two clients sharing a store use one token', async () => {
    const state = fakeOAuth()
    const store = memoryTokenStore()
    await createClient({ baseURL: BASE, auth: auth({ store }) }).request({ path: '/me' })
    await createClient({ baseURL: BASE, auth: auth({ store }) }).request({ path: '/me' })
    expect(state.tokenRequests).toBe(1)
  })

  it('a refused token request is an AuthenticationError without the secret', async () => {
    server.use(http.post(`${BASE}/oauth2/token`, () => HttpResponse.json({ error: 'invalid_client', error_description: 'bad secret very-secret-value' }, { status: 401 })))
    const error = (await createClient({ baseURL: BASE, auth: auth() }).request({ path: '/me' }).catch((e: unknown) => e)) as Error
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(error.message).toContain('invalid_client')
    expect(JSON.stringify(error) + error.message).not.toContain('very-secret-value')
  })

  it('refuses missing credentials at creation', () => {
    expect(() => oauthClientCredentials({ tokenUrl: '/t', clientId: 'a', clientSecret: '' })).toThrow(/clientSecret/)
    expect(() => oauthClientCredentials({ tokenUrl: '', clientId: 'a', clientSecret: 'b' })).toThrow(/tokenUrl/)
  })
})
