/**
 * All five fakes on one msw server: each answers its own origin only, so no fake catches another's
 * routes (Bloom Growth's `/Token` used to answer Workiva's `/oauth2/token`). Each auth exchange is
 * driven on the wire and must reach — and count on — exactly its own fake.
 */
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { scopeHandlers } from '../../src/testing/fake.js'
import {
  bloomyFake,
  FAKE_BLOOMY_PASSWORD,
  FAKE_BLOOMY_USERNAME,
  folioFake,
  salesforceFake,
  wikijsFake,
  workivaFake,
} from '../../src/testing/index.js'

const ORIGINS = {
  workiva: 'https://workiva.test',
  salesforce: 'https://login.sf.test',
  folio: 'https://folio.test',
  bloomy: 'https://bloom.test',
  wikijs: 'https://wiki.test',
} as const

const server = setupServer()
// A request no handler takes is answered 500 naming it (msw turns the throw into that answer).
beforeAll(() =>
  server.listen({
    onUnhandledRequest: (request) => {
      throw new Error(`no fake answers ${request.method} ${request.url}`)
    },
  }),
)
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** Sends `init` to `url` and checks that no fake took it. */
async function unhandled(url: string, init: RequestInit): Promise<void> {
  const response = await fetch(url, init)
  expect(response.status, url).toBe(500)
  expect(JSON.stringify(await response.json()), url).toContain('no fake answers')
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

function mountAll() {
  const fakes = {
    workiva: workivaFake({ origin: ORIGINS.workiva, files: 2, tables: 1, chainRuns: 1 }),
    salesforce: salesforceFake(),
    folio: folioFake({ users: 3 }),
    bloomy: bloomyFake({ origin: ORIGINS.bloomy }),
    wikijs: wikijsFake({ pages: 3 }),
  }
  // The greediest patterns first: had any fake matched another's origin, it would answer first.
  server.resetHandlers(
    ...fakes.bloomy.handlers,
    ...scopeHandlers(fakes.folio.handlers, ORIGINS.folio),
    ...scopeHandlers(fakes.salesforce.handlers, ORIGINS.salesforce),
    ...scopeHandlers(fakes.wikijs.handlers, ORIGINS.wikijs),
    ...fakes.workiva.handlers,
  )
  return fakes
}

describe('five fakes on one msw server', () => {
  it('drives each auth exchange to its own fake, and only there', async () => {
    const fakes = mountAll()

    const workiva = await fetch(`${ORIGINS.workiva}/oauth2/token`, form({ grant_type: 'client_credentials', client_id: 'workiva-client', client_secret: 'workiva-secret' }))
    expect(workiva.status).toBe(200)
    expect(await workiva.json()).toMatchObject({ token_type: 'Bearer', access_token: expect.stringMatching(/^wk-token-/) })

    const sf = fakes.salesforce
    const salesforce = await fetch(
      `${ORIGINS.salesforce}/services/oauth2/token`,
      form({ grant_type: 'password', client_id: sf.clientId, client_secret: sf.clientSecret, username: sf.username, password: sf.password + sf.securityToken }),
    )
    expect(salesforce.status).toBe(200)
    expect(await salesforce.json()).toMatchObject({ access_token: expect.any(String), instance_url: expect.any(String) })

    const folio = await fetch(`${ORIGINS.folio}/authn/login-with-expiry`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-okapi-tenant': 'diku' },
      body: JSON.stringify({ username: 'diku_admin', password: 'admin' }),
    })
    expect(folio.status).toBe(201)
    expect(folio.headers.getSetCookie().join('; ')).toMatch(/folioAccessToken=/)

    const bloomy = await fetch(`${ORIGINS.bloomy}/Token`, form({ grant_type: 'password', userName: FAKE_BLOOMY_USERNAME, password: FAKE_BLOOMY_PASSWORD }))
    expect(bloomy.status).toBe(200)
    expect(await bloomy.json()).toMatchObject({ access_token: expect.stringMatching(/^bloomy-fake-token-/) })

    const wiki = await fetch(`${ORIGINS.wikijs}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${fakes.wikijs.state.apiKey}` },
      body: JSON.stringify({ query: '{ pages { list(limit: 1) { id } } }' }),
    })
    expect(wiki.status).toBe(200)
    expect(await wiki.json()).toMatchObject({ data: { pages: { list: [{ id: expect.any(Number) }] } } })

    expect({
      workiva: fakes.workiva.stats.logins,
      salesforce: fakes.salesforce.stats.logins,
      folio: fakes.folio.stats.logins,
      bloomy: fakes.bloomy.stats.logins,
    }).toEqual({ workiva: 1, salesforce: 1, folio: 1, bloomy: 1 })
    expect({
      workiva: fakes.workiva.stats.requests,
      salesforce: fakes.salesforce.stats.requests,
      folio: fakes.folio.stats.requests,
      bloomy: fakes.bloomy.stats.requests,
      wikijs: fakes.wikijs.stats.requests,
    }).toEqual({ workiva: 1, salesforce: 1, folio: 1, bloomy: 1, wikijs: 1 })
  })

  it("leaves a service's path on another fake's origin unhandled", async () => {
    const fakes = mountAll()
    for (const url of [
      `${ORIGINS.workiva}/Token`,
      `${ORIGINS.bloomy}/oauth2/token`,
      `${ORIGINS.bloomy}/authn/login-with-expiry`,
      `${ORIGINS.folio}/graphql`,
      `${ORIGINS.wikijs}/services/oauth2/token`,
      'https://nobody.test/oauth2/token',
    ]) {
      await unhandled(url, form({ grant_type: 'password' }))
    }
    const total = Object.values(fakes).reduce((sum, fake) => sum + fake.stats.requests, 0)
    expect(total).toBe(0)
  })

  it("Bloom Growth's fake without an origin no longer answers Workiva's /oauth2/token", async () => {
    const bloomy = bloomyFake()
    const workiva = workivaFake({ files: 1 })
    server.resetHandlers(...bloomy.handlers, ...workiva.handlers)
    const token = await fetch('https://workiva.test/oauth2/token', form({ grant_type: 'client_credentials', client_id: 'workiva-client', client_secret: 'workiva-secret' }))
    expect(token.status).toBe(200)
    expect(workiva.stats.logins).toBe(1)
    expect(bloomy.stats.requests).toBe(0)
    // …nor a /Token or /api/v1 below another path.
    await unhandled('https://workiva.test/some/prefix/Token', form({ grant_type: 'password' }))
    await unhandled('https://other.test/x/api/v1/users/mine', { headers: { Authorization: `Bearer ${bloomy.apiKey}` } })
    expect(bloomy.stats.requests).toBe(0)
  })

  it('refuses an origin option that is not an origin', () => {
    expect(() => bloomyFake({ origin: 'https://bloom.test/api/v1' })).toThrow(/bloomyFake: options\.origin/)
    expect(() => workivaFake({ origin: 'workiva.test' })).toThrow(/workivaFake: options\.origin/)
    expect(() => scopeHandlers([], 'ftp://x.test')).toThrow(/scopeHandlers: baseURL/)
    expect(() => scopeHandlers([], 'https://x.test/?q=1')).toThrow(/scopeHandlers: baseURL/)
    expect(() => scopeHandlers([], 'https://x.test/')).not.toThrow()
  })

  it('scopeHandlers with a path prefix: a fake answers exactly base + its paths', async () => {
    const folio = folioFake({ users: 2 })
    server.resetHandlers(...scopeHandlers(folio.handlers, 'https://folio.test/okapi/'))
    const login = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-okapi-tenant': 'diku' },
        body: JSON.stringify({ username: 'diku_admin', password: 'admin' }),
      })
    expect((await login('https://folio.test/okapi/authn/login-with-expiry')).status).toBe(201)
    await unhandled('https://folio.test/authn/login-with-expiry', { method: 'POST' })
    await unhandled('https://folio.test/okapi/extra/authn/login-with-expiry', { method: 'POST' })
    await unhandled('https://folio.test/okapiX/authn/login-with-expiry', { method: 'POST' })
    expect(folio.stats.logins).toBe(1)
  })

  it("Workiva's fake without an origin answers at its own layout only, not Salesforce's /services/oauth2/token", async () => {
    const workiva = workivaFake({ files: 1 })
    const salesforce = salesforceFake()
    server.resetHandlers(...workiva.handlers, ...salesforce.handlers)
    const sf = await fetch(
      'https://login.sf.test/services/oauth2/token',
      form({ grant_type: 'password', client_id: salesforce.clientId, client_secret: salesforce.clientSecret, username: salesforce.username, password: salesforce.password + salesforce.securityToken }),
    )
    expect(sf.status).toBe(200)
    expect(salesforce.stats.logins).toBe(1)
    expect(workiva.stats.requests).toBe(0)
    // Wdata answers under /s/wdata/prep only; the same path at the root is no Workiva route.
    await unhandled('https://workiva.test/api/v1/table', {})
    expect(workiva.stats.requests).toBe(0)
    const token = await fetch('https://workiva.test/oauth2/token', form({ grant_type: 'client_credentials', client_id: 'workiva-client', client_secret: 'workiva-secret' }))
    const { access_token } = (await token.json()) as { access_token: string }
    const tables = await fetch('https://workiva.test/s/wdata/prep/api/v1/table', { headers: { Authorization: `Bearer ${access_token}`, 'X-Version': '2026-01-01' } })
    expect(tables.status).toBe(200)
  })
})

describe('every fake takes an `origin` option', () => {
  it('FOLIO, Salesforce and Wiki.js pinned to their origins leave Bloom Growth’s /api/v1/users/mine and each other alone', async () => {
    const folio = folioFake({ origin: ORIGINS.folio, users: 20 })
    const sf = salesforceFake({ origin: ORIGINS.salesforce })
    const wiki = wikijsFake({ origin: ORIGINS.wikijs, pages: 5 })
    const bloom = bloomyFake({ origin: ORIGINS.bloomy })
    // The greedy fakes first: unpinned, FOLIO's `*/users/:id` would take Bloom Growth's `/api/v1/users/mine`.
    server.use(...folio.handlers, ...sf.handlers, ...wiki.handlers, ...bloom.handlers)
    const mine = await fetch(`${ORIGINS.bloomy}/api/v1/users/mine`, { headers: { authorization: `Bearer ${bloom.apiKey}` } })
    expect(mine.status).toBe(200)
    expect(await mine.json()).toHaveProperty('Id')
    expect(folio.stats.requests).toBe(0)
    await unhandled(`${ORIGINS.bloomy}/graphql`, { method: 'POST', body: '{"query":"{ pages { list { id } } }"}', headers: { 'content-type': 'application/json' } })
    expect(wiki.stats.requests).toBe(0)
    expect(sf.stats.requests).toBe(0)
  })

  it('a bad origin is a TypeError naming the option', () => {
    expect(() => folioFake({ origin: 'not a url' })).toThrow(/folioFake: options.origin/)
    expect(() => salesforceFake({ origin: 'ftp://x' })).toThrow(/salesforceFake: options.origin/)
    expect(() => wikijsFake({ origin: '' })).toThrow(/wikijsFake: options.origin/)
  })
})
