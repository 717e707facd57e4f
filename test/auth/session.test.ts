import { http, HttpResponse, delay } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../src/index.js'
import { apiKey, sessionLogin } from '../../src/auth/index.js'

const BASE = 'https://app.test'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

function fakeSessions() {
  const state = { logins: 0, refreshes: 0, logouts: 0, valid: new Set<string>() }
  server.use(
    http.post(`${BASE}/login`, async () => {
      state.logins++
      await delay(20)
      const token = `session-${state.logins}-xyz`
      state.valid.add(token)
      return HttpResponse.json({ token })
    }),
    http.post(`${BASE}/logout`, () => (state.logouts++, new HttpResponse(null, { status: 204 }))),
    http.get(`${BASE}/data`, async ({ request }) => {
      const token = request.headers.get('x-session') ?? ''
      await delay(5)
      return state.valid.has(token) ? HttpResponse.json({ token }) : new HttpResponse('expired', { status: 401 })
    }),
  )
  return state
}

function strategy(state: { refreshes: number }, lifetime?: number) {
  return sessionLogin<{ token: string; expiresAt?: number }>({
    async login({ fetch, baseURL }) {
      const res = await fetch(new URL('/login', baseURL), { method: 'POST' })
      const { token } = (await res.json()) as { token: string }
      return { token, ...(lifetime !== undefined && { expiresAt: Date.now() + lifetime }) }
    },
    apply: (headers, session) => headers.set('x-session', session.token),
    async logout(_session, { fetch, baseURL }) {
      await fetch(new URL('/logout', baseURL), { method: 'POST' })
    },
  })
}

describe('sessionLogin', () => {
  it('logs in once for 200 concurrent calls', async () => {
    const state = fakeSessions()
    const client = createClient({ baseURL: BASE, auth: strategy(state) })
    await Promise.all(Array.from({ length: 200 }, () => client.request({ path: '/data' })))
    expect(state.logins).toBe(1)
  })

  it('100 calls refused together re-log in once and all succeed', async () => {
    const state = fakeSessions()
    const client = createClient({ baseURL: BASE, auth: strategy(state) })
    await client.request({ path: '/data' })
    state.valid.clear()
    const out = await Promise.all(Array.from({ length: 100 }, () => client.request<{ token: string }>({ path: '/data' })))
    expect(state.logins).toBe(2)
    expect(out.every((r) => r.token === 'session-2-xyz')).toBe(true)
  })

  it('renews an expiring session before sending', async () => {
    const state = fakeSessions()
    const client = createClient({ baseURL: BASE, auth: sessionLogin<{ token: string; expiresAt: number }>({
      login: async ({ fetch, baseURL }) => {
        const { token } = (await (await fetch(new URL('/login', baseURL), { method: 'POST' })).json()) as { token: string }
        return { token, expiresAt: Date.now() + 100 }
      },
      apply: (h, s) => h.set('x-session', s.token),
      skew: 50,
    }) })
    await client.request({ path: '/data' })
    await delay(80)
    await client.request({ path: '/data' })
    expect(state.logins).toBe(2)
  })

  it('close() logs out', async () => {
    const state = fakeSessions()
    const client = createClient({ baseURL: BASE, auth: strategy(state) })
    await client.request({ path: '/data' })
    await client.close()
    expect(state.logouts).toBe(1)
  })

  it('refuses a strategy without login', () => {
    expect(() => sessionLogin({} as never)).toThrow(/login/)
  })
})

describe('apiKey', () => {
  it('puts the key in a header or the query, only for the own origin', async () => {
    const seen: Record<string, string | null> = {}
    server.use(
      http.get(`${BASE}/h`, ({ request }) => ((seen.h = request.headers.get('x-api-key')), HttpResponse.json({}))),
      http.get(`${BASE}/q`, ({ request }) => ((seen.q = new URL(request.url).searchParams.get('key')), HttpResponse.json({}))),
      http.get('https://other.test/q', ({ request }) => ((seen.other = new URL(request.url).searchParams.get('key')), HttpResponse.json({}))),
    )
    await createClient({ baseURL: BASE, auth: apiKey({ key: 'key-123456', header: 'X-Api-Key' }) }).request({ path: '/h' })
    const q = createClient({ baseURL: BASE, auth: apiKey({ key: 'key-123456', query: 'key' }) })
    await q.request({ path: '/q' })
    await q.request({ path: 'https://other.test/q' })
    expect(seen).toEqual({ h: 'key-123456', q: 'key-123456', other: null })
  })
})

it('a login that refuses the password is tried once, not retried', async () => {
  let logins = 0
  const auth = sessionLogin<{ token: string }>({
    login: async () => {
      logins++
      throw new Error('login failed: 401')
    },
    apply: (h, s) => h.set('x-session', s.token),
  })
  const { IsoSdkError, NetworkError } = await import('../../src/index.js')
  const error = await createClient({ baseURL: BASE, auth, retry: { limit: 3, baseDelay: 1 } }).request({ path: '/data' }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(IsoSdkError)
  expect(error).not.toBeInstanceOf(NetworkError)
  expect(logins).toBe(1)
})
