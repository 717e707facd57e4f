// Finding 2: every login, token, refresh, revoke and logout exchange answered with a redirect to
// another origin (or from https to plain http) sends that origin nothing secret, and the call that
// needed the exchange rejects with UntrustedOriginError naming both origins.
import { Agent } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../src/index.js'
import { oauthClientCredentials, sessionLogin } from '../../src/auth/index.js'
import { salesforce } from '../../src/salesforce/index.js'
import { folio } from '../../src/folio/index.js'
import { bloomyToken } from '../../src/bloomy/index.js'
import { undiciTransport } from '../../src/node/index.js'
import { fetchTrusting, ipv6Loopback, json, redirect, selfSignedCert, startServer, within, type Handler, type TestServer } from './_servers.js'
import { expectUntrusted, findSecrets } from './_scan.js'
import { folioLoginAnswer, salesforceTokenAnswer, soapLoginAnswer, tokenAnswer } from './_wire.js'

const CLIENT_SECRET = 'cs-Redir+ect/Secret=42'
const PASSWORD = 'pw-Exch4nge Pass"word'
const SECURITY_TOKEN = 'stTOKEN9876'
const SESSION = 'SESSION-A-00Dx!AQ4AQ.good'
const ACCESS = 'folio-access-A-7781'
const REFRESH = 'folio-refresh-A-7782'
const EVIL = 'EVIL-ISSUED-TOKEN-666'
const STATUSES = [301, 302, 303, 307, 308] as const

let cert: { key: string; cert: string } | undefined
let plainA: TestServer
let tlsA: TestServer | undefined
let other: TestServer
let trusting: ReturnType<typeof fetchTrusting> | undefined

beforeAll(async () => {
  cert = await selfSignedCert()
  plainA = await startServer()
  other = await startServer()
  if (cert) {
    tlsA = await startServer({ tls: cert })
    trusting = fetchTrusting(cert.cert)
  }
  // The other origin answers every exchange as a real server would, with a token of its own.
  other.handle((req, res) => {
    const path = req.path.split('?')[0]!
    if (path.includes('/Soap/u/')) return soapLoginAnswer(res, EVIL, other.origin)
    if (path === '/services/oauth2/token') return salesforceTokenAnswer(res, EVIL, other.origin)
    if (path.startsWith('/authn/login') || path === '/authn/refresh') return folioLoginAnswer(res, EVIL, EVIL)
    if (path === '/login') return json(res, 200, { token: EVIL })
    if (/token$/i.test(path)) return tokenAnswer(res, EVIL)
    json(res, 200, {})
  })
}, 30_000)

afterAll(async () => {
  await trusting?.close()
  await Promise.all([plainA?.close(), tlsA?.close(), other?.close()])
})

interface Exchange {
  name: string
  /** The exchange's own endpoint (answered with the redirect). */
  path: string
  secrets: string[]
  /** What the rest of origin A answers (logins that must succeed first, data); a new handler per test. */
  rest: () => Handler
  /** Runs what triggers the exchange; its error (if any) is returned. */
  run(base: string, transport: typeof fetch | undefined): Promise<unknown>
  /** Whether the exchange's failure reaches the caller (logout/revoke run inside `close()`, which never rejects). */
  rejects: boolean
  /** A refused refresh may fall back to a fresh login: then the call may succeed, on A's own session. */
  mayRecover?: boolean
}

const bearer = (token: string) => (req: { headers: Record<string, string | string[] | undefined> }) => req.headers.authorization === `Bearer ${token}`
const okData: Handler = (req, res) => json(res, req.headers['x-okapi-token'] === ACCESS || bearer(SESSION)(req) || bearer('A-TOKEN-1')(req) ? 200 : 401, { ok: true })

const settle = (promise: Promise<unknown>) => within(promise, 8_000).then(() => undefined, (error: unknown) => error)

const folioOptions = (base: string, transport: typeof fetch | undefined) => ({ url: base, tenant: 'diku', username: 'diku_user', password: PASSWORD, retry: false as const, timeout: 3_000, fetch: transport })

const exchanges: Exchange[] = [
  {
    name: 'oauthClientCredentials token',
    path: '/oauth/token',
    secrets: [CLIENT_SECRET],
    rest: () => okData,
    rejects: true,
    run(base, fetch) {
      const client = createClient({ baseURL: base, fetch, retry: false, timeout: 3_000, auth: oauthClientCredentials({ tokenUrl: '/oauth/token', clientId: 'client-1', clientSecret: CLIENT_SECRET }) })
      return settle(client.request({ path: '/data' }).finally(() => client.close()))
    },
  },
  {
    name: 'Salesforce SOAP login',
    path: '/services/Soap/u/63.0',
    secrets: [PASSWORD, SECURITY_TOKEN, PASSWORD + SECURITY_TOKEN],
    rest: () => okData,
    rejects: true,
    run(base, fetch) {
      const sf = salesforce({ loginUrl: base, username: 'me@acme.test', password: PASSWORD, securityToken: SECURITY_TOKEN, apiVersion: '63.0', retry: false, timeout: 3_000, fetch })
      return settle(sf.request({ path: '/services/data/v63.0/limits' }).finally(() => sf.close()))
    },
  },
  {
    name: 'Salesforce OAuth password login',
    path: '/services/oauth2/token',
    secrets: [PASSWORD, SECURITY_TOKEN, PASSWORD + SECURITY_TOKEN, CLIENT_SECRET],
    rest: () => okData,
    rejects: true,
    run(base, fetch) {
      const sf = salesforce({ loginUrl: base, clientId: 'app-1', clientSecret: CLIENT_SECRET, username: 'me@acme.test', password: PASSWORD, securityToken: SECURITY_TOKEN, apiVersion: '63.0', retry: false, timeout: 3_000, fetch })
      return settle(sf.request({ path: '/services/data/v63.0/limits' }).finally(() => sf.close()))
    },
  },
  {
    name: 'Salesforce revoke (revokeOnClose)',
    path: '/services/oauth2/revoke',
    secrets: [SESSION, PASSWORD],
    rest: () => (req, res) => (req.path.includes('/Soap/u/') ? soapLoginAnswer(res, SESSION, `${req.origin}`) : okData(req, res)),
    rejects: false,
    async run(base, fetch) {
      const sf = salesforce({ loginUrl: base, username: 'me@acme.test', password: PASSWORD, apiVersion: '63.0', retry: false, timeout: 3_000, revokeOnClose: true, fetch })
      await sf.request({ path: '/services/data/v63.0/limits' })
      return settle(sf.close())
    },
  },
  {
    name: 'FOLIO login',
    path: '/authn/login-with-expiry',
    secrets: [PASSWORD],
    rest: () => okData,
    rejects: true,
    run(base, fetch) {
      const client = folio(folioOptions(base, fetch))
      return settle(client.request({ path: '/groups' }).finally(() => client.close()))
    },
  },
  {
    name: 'FOLIO refresh',
    path: '/authn/refresh',
    secrets: [PASSWORD, ACCESS, REFRESH],
    // The first token is refused once, so the client refreshes; a fresh login would give a second one.
    rest: () => {
      let logins = 0
      return (req, res) => {
        if (req.path.startsWith('/authn/login')) return folioLoginAnswer(res, `${ACCESS}-${++logins}`, REFRESH)
        json(res, req.headers['x-okapi-token'] === `${ACCESS}-2` ? 200 : 401, { ok: true })
      }
    },
    rejects: true,
    mayRecover: true,
    run(base, fetch) {
      const client = folio(folioOptions(base, fetch))
      return settle(client.request({ path: '/groups' }).finally(() => client.close()))
    },
  },
  {
    name: 'FOLIO logout',
    path: '/authn/logout',
    secrets: [PASSWORD, ACCESS, REFRESH],
    rest: () => (req, res) => (req.path.startsWith('/authn/login') ? folioLoginAnswer(res, ACCESS, REFRESH) : okData(req, res)),
    rejects: false,
    async run(base, fetch) {
      const client = folio(folioOptions(base, fetch))
      await client.request({ path: '/groups' })
      return settle(client.close())
    },
  },
  {
    name: 'FOLIO logout through isosdk/node',
    path: '/authn/logout',
    secrets: [PASSWORD, ACCESS, REFRESH],
    rest: () => (req, res) => (req.path.startsWith('/authn/login') ? folioLoginAnswer(res, ACCESS, REFRESH) : okData(req, res)),
    rejects: false,
    async run(base) {
      const transport = undiciTransport(cert && base.startsWith('https:') ? { dispatcher: new Agent({ connect: { ca: cert.cert } }) } : {})
      try {
        const client = folio(folioOptions(base, transport))
        await client.request({ path: '/groups' })
        return await settle(client.close())
      } finally {
        await transport.close()
        await transport.dispatcher.close().catch(() => undefined)
      }
    },
  },
  {
    name: 'Bloom Growth bloomyToken',
    path: '/Token',
    secrets: [PASSWORD],
    rest: () => okData,
    rejects: true,
    run(base, fetch) {
      return settle(bloomyToken({ username: 'ada@acme.test', password: PASSWORD, baseURL: `${base}/api/v1`, fetch, timeout: 3_000 }))
    },
  },
  {
    name: 'sessionLogin whose login uses ctx.fetch',
    path: '/login',
    secrets: [PASSWORD],
    rest: () => (req, res) => json(res, req.headers['x-session'] === 'A-SESSION-1' ? 200 : 401, { ok: true }),
    rejects: true,
    run(base, fetch) {
      const auth = sessionLogin<{ token: string }>({
        async login(ctx) {
          const res = await ctx.fetch(new URL('/login', ctx.baseURL), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'ada', password: PASSWORD }), signal: ctx.signal })
          if (!res.ok) throw new Error(`login answered ${res.status}`)
          return (await res.json()) as { token: string }
        },
        apply: (headers, session) => headers.set('x-session', session.token),
      })
      const client = createClient({ baseURL: base, fetch, auth, retry: false, timeout: 3_000 })
      return settle(client.request({ path: '/data' }).finally(() => client.close()))
    },
  },
]

type Target = 'other origin' | 'https → http'

async function check(exchange: Exchange, status: number, target: Target): Promise<void> {
  const a = target === 'https → http' ? tlsA! : plainA
  const fetch = target === 'https → http' ? trusting!.fetch : undefined
  const to = `${other.origin}${exchange.path}`
  a.reset()
  other.reset()
  const rest = exchange.rest()
  a.handle((req, res, raw) => (req.path.split('?')[0] === exchange.path ? redirect(res, status, to) : rest(req, res, raw)))
  const error = await exchange.run(a.origin, fetch)
  // The exchange did run (a logout or revoke that is simply skipped would pass the rest vacuously).
  expect(a.requests.some((r) => r.path.split('?')[0] === exchange.path)).toBe(true)

  // The other origin got no secret (ideally no request at all), and nothing it issued was used.
  expect(findSecrets(exchange.secrets, [{ where: `${other.origin} (received)`, text: other.received() }])).toEqual([])
  expect(a.received()).not.toContain(EVIL)
  if (exchange.rejects && !(exchange.mayRecover && error === undefined)) expectUntrusted(error, a.origin, other.origin)
  if (!exchange.rejects) expect(error).toBeUndefined()
}

describe.each(exchanges)('$name answered with a redirect', (exchange) => {
  describe.each(STATUSES)('%i', (status) => {
    it('to another origin: nothing secret goes there, the call is refused', async () => {
      await check(exchange, status, 'other origin')
    })
    it('from https to http: nothing secret goes there, the call is refused', async (ctx) => {
      if (!tlsA) return ctx.skip('/usr/bin/openssl is missing: no self-signed certificate for the https cases')
      await check(exchange, status, 'https → http')
    })
  })
})

describe('the same server under another host name is another origin', () => {
  let multi: TestServer
  beforeAll(async () => {
    multi = await startServer({ host: 'localhost' })
  })
  afterAll(() => multi?.close())

  it.for(['localhost', '[::1]'])('a token endpoint on 127.0.0.1 redirecting (307) to %s gets no client secret', async (host, ctx) => {
    if (host === '[::1]' && !(await ipv6Loopback())) return ctx.skip('no IPv6 loopback (::1) on this machine')
    const own = `http://127.0.0.1:${multi.port}`
    const elsewhere = `http://${host}:${multi.port}`
    multi.reset()
    multi.handle((req, res) => {
      if (req.origin === own && req.path === '/oauth/token') return redirect(res, 307, `${elsewhere}/oauth/token`)
      if (req.path === '/oauth/token') return tokenAnswer(res, EVIL)
      json(res, 200, { ok: true })
    })
    const client = createClient({ baseURL: own, retry: false, timeout: 3_000, auth: oauthClientCredentials({ tokenUrl: '/oauth/token', clientId: 'client-1', clientSecret: CLIENT_SECRET }) })
    const error = await settle(client.request({ path: '/data' }).finally(() => client.close()))
    const elsewhereGot = multi.requests.filter((r) => r.origin !== own)
    expect(findSecrets([CLIENT_SECRET], elsewhereGot.map((r) => ({ where: r.origin, text: `${r.path} ${JSON.stringify(r.headers)} ${r.body}` })))).toEqual([])
    expectUntrusted(error, own, elsewhere)
  })
})

describe('a redirect within the exchange’s own origin is still followed', () => {
  it.each([307, 308])('an OAuth token endpoint answering %i to another path of its origin: the token is used', async (status) => {
    plainA.reset()
    plainA.handle((req, res) => {
      if (req.path === '/oauth/token') return redirect(res, status, `${plainA.origin}/oauth/token-v2`)
      if (req.path === '/oauth/token-v2') return tokenAnswer(res, 'A-TOKEN-1')
      okData(req, res)
    })
    await using client = createClient({ baseURL: plainA.origin, retry: false, timeout: 3_000, auth: oauthClientCredentials({ tokenUrl: '/oauth/token', clientId: 'client-1', clientSecret: CLIENT_SECRET }) })
    await expect(within(client.request({ path: '/data' }), 5_000)).resolves.toEqual({ ok: true })
    expect(plainA.requests.find((r) => r.path === '/oauth/token-v2')?.body).toContain('client_secret=')
  })

  it('a FOLIO login answering 307 to another path of its origin: the session is used', async () => {
    plainA.reset()
    plainA.handle((req, res) => {
      if (req.path === '/authn/login-with-expiry') return redirect(res, 307, `${plainA.origin}/authn/login-with-expiry-v2`)
      if (req.path === '/authn/login-with-expiry-v2') return folioLoginAnswer(res, ACCESS, REFRESH)
      okData(req, res)
    })
    await using client = folio(folioOptions(plainA.origin, undefined))
    await expect(within(client.request({ path: '/groups' }), 5_000)).resolves.toEqual({ ok: true })
  })
})
