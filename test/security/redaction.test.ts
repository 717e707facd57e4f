// Finding 5: no secret, in any form, in anything a caller sees of a failed call: the error (every
// field, every cause), hook payloads and console output.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { IsoSdkError, createClient, type Client } from '../../src/index.js'
import { apiKey, oauthClientCredentials } from '../../src/auth/index.js'
import { folio } from '../../src/folio/index.js'
import { graphql, wikijs } from '../../src/wikijs/index.js'
import { json, startServer, within, type TestServer } from './_servers.js'
import { expectNoSecrets, failingCall, recordingHooks } from './_scan.js'
import { folioLoginAnswer, tokenAnswer } from './_wire.js'

let api: TestServer
const clients: Client<unknown>[] = []
beforeAll(async () => {
  api = await startServer()
})
afterAll(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => undefined)
  await api?.close()
})
beforeEach(() => api.reset())

function keep<C extends Client<unknown>>(client: C): C {
  clients.push(client)
  return client
}

/** Runs a failing call with hooks recorded and console captured, and scans all of it. */
async function scanned(secrets: string[], make: (hooks: ReturnType<typeof recordingHooks>['hooks']) => () => Promise<unknown>): Promise<unknown> {
  const recorder = recordingHooks()
  const run = make(recorder.hooks)
  const { error, console } = await failingCall(() => within(run(), 8_000))
  expect(error).toBeInstanceOf(IsoSdkError)
  expectNoSecrets(secrets, { error, hooks: recorder.places, console })
  return error
}

describe('finding 5: redaction', () => {
  it('an API key sent in the query is redacted in its URL-encoded form too', async () => {
    const key = 'QK+b64/Zz9+kEy/Aq=='
    api.handle((req, res) => json(res, 500, { error: `bad request ${req.path}` }))
    await scanned([key], (hooks) => {
      const client = keep(createClient({ baseURL: api.origin, auth: apiKey({ key, query: 'key' }), hooks, retry: { limit: 1, baseDelay: 1 } }))
      return () => client.request({ path: '/items' })
    })
    expect(api.requests[0]!.path).toContain(encodeURIComponent(key))
  })

  it('a JSON-escaped secret in an error body is redacted', async () => {
    const key = 'jk"quote\\slash-9911'
    api.handle((req, res) => json(res, 400, { message: `key ${String(req.headers['x-api-key'])} is not allowed here` }))
    await scanned([key], (hooks) => {
      const client = keep(createClient({ baseURL: api.origin, auth: apiKey({ key, header: 'x-api-key' }), hooks, retry: false }))
      return () => client.request({ path: '/items' })
    })
  })

  it('a secret straddling the 300-character truncation leaves no part behind', async () => {
    const key = 'STRADDLE-key-0123456789abcdef'
    api.handle((req, res) => res.writeHead(400, { 'content-type': 'text/plain' }).end(`${'x'.repeat(290)}${String(req.headers['x-api-key'])} end`))
    await scanned([key, key.slice(0, 10)], (hooks) => {
      const client = keep(createClient({ baseURL: api.origin, auth: apiKey({ key, header: 'x-api-key' }), hooks, retry: false }))
      return () => client.request({ path: '/items' })
    })
  })

  it('a non-JSON token response gives no parser snippet (nor the token in it)', async () => {
    // Unquoted, as a broken token server might send it: V8's parse error quotes the text around the fault.
    const token = 'tk-NJ-44559'
    const secret = 'cs-nonjson-SECRET-7788'
    api.handle((req, res) => (req.path === '/token' ? res.writeHead(200, { 'content-type': 'application/json' }).end(`{"access_token": ${token}}`) : json(res, 200, {})))
    const error = await scanned([token, secret], (hooks) => {
      const client = keep(createClient({ baseURL: api.origin, auth: oauthClientCredentials({ tokenUrl: '/token', clientId: 'c1', clientSecret: secret }), hooks, retry: false }))
      return () => client.request({ path: '/items' })
    })
    expect(String((error as Error).message)).not.toMatch(/_token"|is not valid JSON|Unexpected token/)
  })

  it("FOLIO's short password (admin) is redacted", async () => {
    api.handle((req, res) => (req.path.startsWith('/authn/login') ? res.writeHead(422, { 'content-type': 'text/plain' }).end('Password admin does not match') : json(res, 200, {})))
    await scanned(['admin'], (hooks) => {
      const client = keep(folio({ url: api.origin, tenant: 'diku', username: 'diku_user', password: 'admin', hooks, retry: false }))
      return () => client.request({ path: '/groups' })
    })
  })

  it("the first client's secret is still redacted after 300 more clients were created", async () => {
    const first = 'first-client-KEY-000111'
    const client = keep(createClient({ baseURL: api.origin, auth: apiKey({ key: first, header: 'x-api-key' }), retry: false }))
    for (let i = 0; i < 300; i++) keep(createClient({ baseURL: api.origin, auth: apiKey({ key: `filler-key-${i}-zzzzzz` }) }))
    api.handle((req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`upstream refused ${String(req.headers['x-api-key'])}`))
    await scanned([first], () => () => client.request({ path: '/items' }))
  })

  it('HttpError.requestId echoing a secret is redacted', async () => {
    const key = 'reqid-echo-KEY-2468'
    api.handle((req, res) => json(res, 500, { error: 'boom' }, { 'x-request-id': String(req.headers['x-api-key']) }))
    await scanned([key], (hooks) => {
      const client = keep(createClient({ baseURL: api.origin, auth: apiKey({ key, header: 'x-api-key' }), hooks, retry: false }))
      return () => client.request({ path: '/items' })
    })
  })

  it("FOLIO 422 errors[].value holding the password is redacted", async () => {
    const password = 'Folio-Long-Pass-13579'
    api.handle((req, res) => {
      if (req.path.startsWith('/authn/login')) return folioLoginAnswer(res, 'folio-acc-422-aaaa', 'folio-ref-422-bbbb')
      json(res, 422, { errors: [{ message: 'password is too weak', code: 'weak', parameters: [{ key: 'credentials.newPassword', value: password }] }] })
    })
    await scanned([password], (hooks) => {
      const client = keep(folio({ url: api.origin, tenant: 'diku', username: 'diku_user', password, hooks, retry: false }))
      return () => client.request({ method: 'POST', path: '/authn/credentials', body: { username: 'x', password: 'y' } })
    })
  })

  it('Wiki.js GraphQLError.errors and .data holding the key are redacted', async () => {
    const key = 'wiki-graphql-KEY-97531'
    api.handle((req, res) => json(res, 200, { errors: [{ message: 'not allowed', extensions: { presented: key } }], data: { echo: key } }))
    await scanned([key], (hooks) => {
      const wiki = keep(wikijs({ url: api.origin, apiKey: key, hooks, retry: false }))
      return () => graphql(wiki, '{ pages { list { id } } }')
    })
  })

  it('the cause of a failed auth step (a token with CR/LF) is redacted', async () => {
    const token = 'tok-CRLF\r\nX-Injected: secret-tail-8899'
    api.handle((req, res) => (req.path === '/token' ? tokenAnswer(res, token) : json(res, 200, {})))
    await scanned([token, 'secret-tail-8899'], (hooks) => {
      const client = keep(createClient({ baseURL: api.origin, auth: oauthClientCredentials({ tokenUrl: '/token', clientId: 'c1', clientSecret: 'cs-crlf-SECRET-1122' }), hooks, retry: false }))
      return () => client.request({ path: '/items' })
    })
  })

  it('a baseURL with user:password@ is a TypeError at creation, without the password', () => {
    let error: unknown
    try {
      createClient({ baseURL: `http://ada:userinfo-Pass-864@127.0.0.1:${api.port}` })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TypeError)
    expectNoSecrets(['userinfo-Pass-864'], { error })
    expect(api.requests).toEqual([])
  })
})
