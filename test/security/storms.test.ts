// Finding 7: no token or login storms. A short-lived token (expires_in ≤ the 60 s skew) or a FOLIO
// session whose expiry is already past is not renewed before every call.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createClient } from '../../src/index.js'
import { oauthClientCredentials } from '../../src/auth/index.js'
import { folio } from '../../src/folio/index.js'
import { json, startServer, type TestServer } from './_servers.js'
import { folioLoginAnswer, tokenAnswer } from './_wire.js'

let api: TestServer
beforeAll(async () => {
  api = await startServer()
})
afterAll(() => api?.close())
beforeEach(() => api.reset())

const count = (pred: (path: string) => boolean) => api.requests.filter((r) => pred(r.path.split('?')[0]!)).length

describe('finding 7: token and login storms', () => {
  it.each([30, 60])('OAuth with expires_in %i s: 20 sequential calls make one token request', async (expiresIn) => {
    let issued = 0
    api.handle((req, res) => (req.path === '/token' ? tokenAnswer(res, `short-token-${++issued}-abcdef`, { expires_in: expiresIn }) : json(res, 200, { ok: true })))
    await using client = createClient({ baseURL: api.origin, retry: false, auth: oauthClientCredentials({ tokenUrl: '/token', clientId: 'c1', clientSecret: 'storm-SECRET-1234' }) })
    // The 20 calls take well under the token's lifetime (they run in ~1 s): one token serves them all.
    for (let i = 0; i < 20; i++) await client.request({ path: '/data' })
    expect(count((p) => p === '/token')).toBe(1)
  })

  it('FOLIO with accessTokenExpiration already past: 20 sequential calls log in (or refresh) at most twice', async () => {
    let issued = 0
    api.handle((req, res) => {
      if (req.path.startsWith('/authn/')) return folioLoginAnswer(res, `stale-access-${++issued}-xyz`, `stale-refresh-${issued}-xyz`, Date.now() - 60_000)
      json(res, 200, { usergroups: [], totalRecords: 0 })
    })
    await using client = folio({ url: api.origin, tenant: 'diku', username: 'diku_user', password: 'storm-Passw0rd-99', retry: false })
    for (let i = 0; i < 20; i++) await client.request({ path: '/groups' })
    expect(count((p) => p.startsWith('/authn/login') || p === '/authn/refresh')).toBeLessThanOrEqual(2)
  })
})
