// Guards for the request-path refactor (issue 16): the shared (single-flight) login and the
// "renewed already" rule, on a real loopback server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AbortError, createClient } from '../../src/index.js'
import { oauthClientCredentials, sessionLogin } from '../../src/auth/index.js'
import { json, startServer, within, type TestServer } from '../security/_servers.js'
import { tokenAnswer } from '../security/_wire.js'

let api: TestServer
beforeAll(async () => {
  api = await startServer()
})
afterAll(() => api?.close())
beforeEach(() => api.reset())

const count = (path: string) => api.requests.filter((r) => r.path === path).length

describe('shared exchanges', () => {
  it('a shared login survives the first waiting caller aborting: the others get the session, one login', async () => {
    api.handle((req, res) => {
      if (req.path === '/login') return void setTimeout(() => json(res, 200, { token: 'shared-session-777' }), 300)
      json(res, req.headers['x-session'] === 'shared-session-777' ? 200 : 401, { ok: true })
    })
    const auth = sessionLogin<{ token: string }>({
      async login(ctx) {
        const res = await ctx.fetch(new URL('/login', ctx.baseURL), { method: 'POST', signal: ctx.signal })
        return (await res.json()) as { token: string }
      },
      apply: (headers, session) => headers.set('x-session', session.token),
    })
    await using client = createClient({ baseURL: api.origin, auth, retry: false })
    const first = new AbortController()
    const calls = [client.request({ path: '/data', signal: first.signal }), client.request({ path: '/data' }), client.request({ path: '/data' })]
    setTimeout(() => first.abort(), 50)
    const [a, b, c] = await within(Promise.allSettled(calls), 5_000)
    expect(a).toMatchObject({ status: 'rejected' })
    expect((a as PromiseRejectedResult).reason).toBeInstanceOf(AbortError)
    expect([b, c]).toEqual([
      { status: 'fulfilled', value: { ok: true } },
      { status: 'fulfilled', value: { ok: true } },
    ])
    expect(count('/login')).toBe(1)
  })

  it('a 401 arriving after another call already renewed the token does not fetch another', async () => {
    let issued = 0
    api.handle((req, res) => {
      if (req.path === '/token') return tokenAnswer(res, `renew-token-${++issued}-abc`)
      const current = req.headers.authorization === 'Bearer renew-token-2-abc'
      // The slow call's 401 (for token 1) arrives after the fast call has renewed to token 2.
      const delay = req.path === '/slow' && !current ? 300 : 0
      setTimeout(() => json(res, current ? 200 : 401, { path: req.path }), delay)
    })
    await using client = createClient({ baseURL: api.origin, retry: false, auth: oauthClientCredentials({ tokenUrl: '/token', clientId: 'c1', clientSecret: 'renew-SECRET-246' }) })
    const out = await within(Promise.all([client.request({ path: '/fast' }), client.request({ path: '/slow' })]), 5_000)
    expect(out).toEqual([{ path: '/fast' }, { path: '/slow' }])
    expect(count('/token')).toBe(2)
    // The slow call was replayed with the renewed token.
    expect(api.requests.filter((r) => r.path === '/slow').map((r) => r.headers.authorization)).toEqual(['Bearer renew-token-1-abc', 'Bearer renew-token-2-abc'])
  })
})
