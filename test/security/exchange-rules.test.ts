// Findings 3 and 4, and "a refusal is final": every exchange is bounded by the client's timeout, a
// hung shared login does not wedge the client, exchanges refuse plain http to a non-loopback host,
// and a refused login is never retried.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AuthenticationError, IsoSdkError, createClient } from '../../src/index.js'
import { oauthClientCredentials } from '../../src/auth/index.js'
import { folio } from '../../src/folio/index.js'
import { salesforce } from '../../src/salesforce/index.js'
import { workiva } from '../../src/workiva/index.js'
import { bloomyToken } from '../../src/bloomy/index.js'
import { ValidationError } from '../../src/index.js'
import { failure, hang, json, startServer, within, type TestServer } from './_servers.js'
import { folioLoginAnswer, tokenAnswer } from './_wire.js'

let api: TestServer
beforeAll(async () => {
  api = await startServer()
})
afterAll(() => api?.close())
beforeEach(() => api.reset())

const count = (pred: (path: string) => boolean) => api.requests.filter((r) => pred(r.path.split('?')[0]!)).length
const NOWHERE = 'http://example.invalid'

describe('finding 3: a hung exchange is bounded and does not wedge the client', () => {
  it('a hung OAuth token request fails after the client timeout (1 s, not 30 s), and the next call gets a fresh token', async () => {
    let healthy = false
    api.handle((req, res) => {
      if (req.path === '/token') return healthy ? tokenAnswer(res, 'recovered-token-1234') : hang()
      json(res, req.headers.authorization === 'Bearer recovered-token-1234' ? 200 : 401, { ok: true })
    })
    await using client = createClient({ baseURL: api.origin, timeout: 1_000, retry: false, auth: oauthClientCredentials({ tokenUrl: '/token', clientId: 'c1', clientSecret: 'hung-SECRET-4321' }) })
    const started = Date.now()
    const error = await failure(() => within(client.request({ path: '/data' }), 5_000))
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(error).toBeInstanceOf(IsoSdkError)
    // The server recovers a moment later (past the exchange's own 1 s): the next call is not stuck behind the hung one.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    healthy = true
    await expect(within(client.request({ path: '/data' }), 3_000)).resolves.toEqual({ ok: true })
    expect(count((p) => p === '/token')).toBe(2)
  })

  it('a hung FOLIO login fails after the client timeout, and once the server recovers the next call logs in afresh', async () => {
    let healthy = false
    api.handle((req, res) => {
      if (req.path.startsWith('/authn/login')) return healthy ? folioLoginAnswer(res, 'recovered-access-1', 'recovered-refresh-1') : hang()
      json(res, req.headers['x-okapi-token'] === 'recovered-access-1' ? 200 : 401, { usergroups: [] })
    })
    await using client = folio({ url: api.origin, tenant: 'diku', username: 'diku_user', password: 'hung-Passw0rd-1', timeout: 1_000, retry: false })
    const started = Date.now()
    const error = await failure(() => within(client.request({ path: '/groups' }), 5_000))
    expect(Date.now() - started).toBeLessThan(2_500)
    expect(error).toBeInstanceOf(IsoSdkError)
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    healthy = true
    await expect(within(client.request({ path: '/groups' }), 3_000)).resolves.toEqual({ usergroups: [] })
    expect(count((p) => p.startsWith('/authn/login'))).toBe(2)
  })
})

describe('finding 4: no plain http to a non-loopback host for an exchange', () => {
  it('oauthClientCredentials({ tokenUrl: http://example.invalid/… }) is a TypeError at creation', () => {
    expect(() => createClient({ baseURL: api.origin, auth: oauthClientCredentials({ tokenUrl: `${NOWHERE}/oauth/token`, clientId: 'c1', clientSecret: 'insecure-SECRET-1' }) })).toThrow(TypeError)
  })

  it('workiva({ tokenUrl: http://example.invalid/… }) is refused at creation, naming tokenUrl', () => {
    let error: unknown
    try {
      workiva({ clientId: 'wk-1', clientSecret: 'insecure-SECRET-2', tokenUrl: `${NOWHERE}/oauth2/token`, baseURLs: { platform: 'https://api.example.test', chains: 'https://h.example.test/c', wdata: 'https://h.example.test/w' } })
    } catch (e) {
      error = e
    }
    // The Workiva preset reports bad options as ValidationError (its convention); the core as TypeError.
    expect(error instanceof TypeError || error instanceof ValidationError, `got ${String(error)}`).toBe(true)
    expect(String((error as Error).message)).toContain('tokenUrl')
  })

  it('bloomyToken with an http base on a non-loopback host rejects with a TypeError before any request', async () => {
    const error = await failure(() => within(bloomyToken({ username: 'ada@acme.test', password: 'insecure-Passw0rd-3', baseURL: `${NOWHERE}/api/v1`, timeout: 2_000 }), 5_000))
    expect(error).toBeInstanceOf(TypeError)
  })
})

describe('a refused login is final', () => {
  it('FOLIO: a 422 for the password is one login request, an AuthenticationError, even with retries on', async () => {
    api.handle((req, res) => (req.path.startsWith('/authn/login') ? json(res, 422, { errors: [{ message: 'Password does not match', code: 'password.incorrect' }] }) : json(res, 200, {})))
    await using client = folio({ url: api.origin, tenant: 'diku', username: 'diku_user', password: 'refused-Passw0rd-1', retry: { limit: 3, baseDelay: 1, maxDelay: 5 } })
    const error = await failure(() => within(client.request({ path: '/groups' }), 5_000))
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(count((p) => p.startsWith('/authn/login'))).toBe(1)
  })

  it('Salesforce SOAP: an INVALID_LOGIN fault is one login request, even with retries on', async () => {
    api.handle((req, res) =>
      res
        .writeHead(500, { 'content-type': 'text/xml' })
        .end('<?xml version="1.0"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_LOGIN</faultcode><faultstring>INVALID_LOGIN: Invalid username, password, security token; or user locked out.</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>'),
    )
    await using sf = salesforce({ loginUrl: api.origin, username: 'me@acme.test', password: 'refused-Passw0rd-2', apiVersion: '63.0', retry: { limit: 3, baseDelay: 1, maxDelay: 5 } })
    const error = await failure(() => within(sf.request({ path: '/services/data/v63.0/limits' }), 5_000))
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(count((p) => p.includes('/Soap/u/'))).toBe(1)
  })
})
