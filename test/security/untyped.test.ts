// Finding 11: hostile input gives typed errors: IsoSdkError subclasses for what a server sent,
// TypeError / ValidationError for what the caller passed, before anything is sent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { IsoSdkError, ValidationError, createClient, wait } from '../../src/index.js'
import { apiKey, oauthClientCredentials } from '../../src/auth/index.js'
import { salesforce } from '../../src/salesforce/index.js'
import { wait as workivaWait, workiva } from '../../src/workiva/index.js'
import { failure, json, startServer, within, type TestServer } from './_servers.js'
import { soapLoginAnswer, tokenAnswer } from './_wire.js'

let api: TestServer
beforeAll(async () => {
  api = await startServer()
})
afterAll(() => api?.close())
beforeEach(() => api.reset())

const count = (path: string) => api.requests.filter((r) => r.path.split('?')[0] === path).length

function workivaClient() {
  return workiva({ clientId: 'wk-1', clientSecret: 'untyped-SECRET-31', baseURLs: { platform: api.origin, chains: `${api.origin}/chains`, wdata: `${api.origin}/wdata` }, retry: false, timeout: 3_000 })
}

/** A server that issues tokens, answers a POST with a 202 + `location`, and the operation with `final`. */
function operations(location: string, final: (res: Parameters<typeof json>[0]) => void) {
  api.handle((req, res) => {
    if (req.path === '/oauth2/token') return tokenAnswer(res, 'untyped-token-1234')
    if (req.method === 'POST') return res.writeHead(202, { location, 'content-type': 'application/json' }).end('{}')
    final(res)
  })
}

describe('finding 11: typed errors from hostile input', () => {
  it('a Workiva 202 Location with bad percent-encoding (%E0%A4%A) is an IsoSdkError, not a URIError', async () => {
    operations(`${api.origin}/operations/%E0%A4%A`, (res) => json(res, 200, { id: 'x', status: 'completed' }))
    await using client = workivaClient()
    const accepted = await client.request<Response>({ method: 'POST', path: '/files/f-1/copy', body: {}, responseType: 'response' })
    const error = await failure(() => within(workivaWait(client, accepted, { interval: 10 }).result({ timeout: 3_000 }), 5_000))
    expect(error).not.toBeInstanceOf(URIError)
    expect(error).toBeInstanceOf(IsoSdkError)
  })

  it('a non-JSON final body in wait() is an IsoSdkError, not a SyntaxError', async () => {
    operations('/ops/1', (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"done": tru'))
    await using client = createClient({ baseURL: api.origin, retry: false, timeout: 3_000 })
    const accepted = await client.request<Response>({ method: 'POST', path: '/exports', responseType: 'response' })
    const error = await failure(() => within(wait(client, accepted, { interval: 10 }).result({ timeout: 3_000 }), 5_000))
    expect(error).not.toBeInstanceOf(SyntaxError)
    expect(error).toBeInstanceOf(IsoSdkError)
  })

  it('a non-JSON final body in the Workiva poller is an IsoSdkError, not a SyntaxError', async () => {
    operations(`${api.origin}/operations/op-1`, (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status": "completed"'))
    await using client = workivaClient()
    const accepted = await client.request<Response>({ method: 'POST', path: '/files/f-1/copy', body: {}, responseType: 'response' })
    const error = await failure(() => within(workivaWait(client, accepted, { interval: 10 }).result({ timeout: 3_000 }), 5_000))
    expect(error).not.toBeInstanceOf(SyntaxError)
    expect(error).toBeInstanceOf(IsoSdkError)
  })

  const circular: Record<string, unknown> = { name: 'loop' }
  circular.self = circular
  it.each([
    ['a BigInt', { n: 1n }],
    ['a circular', circular],
  ])('%s body is a ValidationError/TypeError before any request (no token fetched)', async (_label, body) => {
    api.handle((req, res) => (req.path === '/token' ? tokenAnswer(res, 'never-needed-token-1') : json(res, 200, {})))
    await using client = createClient({ baseURL: api.origin, retry: false, auth: oauthClientCredentials({ tokenUrl: '/token', clientId: 'c1', clientSecret: 'bigint-SECRET-77' }) })
    const error = await failure(() => within(client.request({ method: 'POST', path: '/things', body }), 5_000))
    expect(error instanceof ValidationError || error instanceof TypeError, `got ${String(error)}`).toBe(true)
    expect(api.requests).toEqual([])
    expect(count('/token')).toBe(0)
  })

  it.each([
    ['a header name with CR/LF', { key: 'good-key-123456', header: 'x-key\r\nX-Injected' }],
    ['a header name with LF', { key: 'good-key-123456', header: 'x-key\nX-Injected' }],
    ['a non-Latin-1 key', { key: 'ключ-123456' }],
    ['a non-Latin-1 key in a custom header', { key: 'schlüssel-€-123456', header: 'x-api-key' }],
  ])('apiKey with %s is a TypeError at creation', (_label, options) => {
    expect(() => apiKey(options)).toThrow(TypeError)
  })

  it('a Salesforce SOAP serverUrl that is not a URL: one login request and an IsoSdkError (not 3 logins)', async () => {
    api.handle((req, res) => (req.path.includes('/Soap/u/') ? soapLoginAnswer(res, 'SESSION-notaurl-12345', api.origin, 'not a url at all') : json(res, 200, {})))
    await using sf = salesforce({ loginUrl: api.origin, username: 'me@acme.test', password: 'notaurl-Passw0rd', apiVersion: '63.0', retry: { limit: 2, baseDelay: 1, maxDelay: 5 }, timeout: 3_000 })
    const error = await failure(() => within(sf.request({ path: '/services/data/v63.0/limits' }), 5_000))
    expect(api.requests.filter((r) => r.path.includes('/Soap/u/'))).toHaveLength(1)
    expect(error).toBeInstanceOf(IsoSdkError)
  })

  it('a redirect whose Location is not a URL is an IsoSdkError sent nowhere, not a TypeError', async () => {
    api.handle((req, res) => res.writeHead(302, { location: 'http://exa mple.com/next' }).end())
    await using client = createClient({ baseURL: api.origin, auth: apiKey({ key: 'untyped-KEY-4711' }), timeout: 3_000 })
    const error = await failure(() => within(client.request({ path: '/start' }), 5_000))
    expect(error).not.toBeInstanceOf(TypeError)
    expect(error).toBeInstanceOf(IsoSdkError)
    expect((error as Error).message).toContain('not a URL')
    // Not retried: the same Location would come back.
    expect(count('/start')).toBe(1)
  })
})
