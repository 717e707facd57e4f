// Findings 1 and 12 (instance redirect): the credential door. Credentials go only to trusted
// origins, decided on the final URL; a server-given link elsewhere is refused, a caller's own
// absolute URL elsewhere goes without credentials, a redirect inside the instance keeps the session.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { IsoSdkError, createClient, wait } from '../../src/index.js'
import { apiKey } from '../../src/auth/index.js'
import { bulkIngest, bulkQuery, query, salesforce, type SalesforceClient } from '../../src/salesforce/index.js'
import { wait as workivaWait, workiva } from '../../src/workiva/index.js'
import { json, redirect, startServer, within, type TestServer } from './_servers.js'
import { expectUntrusted, findSecrets } from './_scan.js'
import { sfRecord, soapLoginAnswer, tokenAnswer } from './_wire.js'

const SESSION = 'SESSION-door-00Dx!AQ4AQ.s3cr3t'
const PASSWORD = 'door-Passw0rd-42'
const API_KEY = 'door-api-KEY-5566'
const CLIENT_SECRET = 'door-client-SECRET-77'
const ROW = 'Secret Row Zeta 9917'

let login: TestServer
let instance: TestServer
let other: TestServer
const clients: { close(): Promise<void> }[] = []

beforeAll(async () => {
  ;[login, instance, other] = await Promise.all([startServer(), startServer(), startServer()])
  other.handle((req, res) => json(res, 200, { id: 'x', operation: 'query', state: 'JobComplete', totalSize: 0, done: true, records: [] }))
})
afterAll(async () => {
  for (const c of clients.splice(0)) await c.close().catch(() => undefined)
  await Promise.all([login?.close(), instance?.close(), other?.close()])
})
beforeEach(() => {
  for (const s of [login, instance, other]) s.reset()
  login.handle((req, res) => (req.path.includes('/Soap/u/') ? soapLoginAnswer(res, SESSION, instance.origin) : json(res, 404, [{ errorCode: 'NOT_FOUND', message: 'no' }])))
})

function sf(): SalesforceClient {
  const client = salesforce({ loginUrl: login.origin, username: 'me@acme.test', password: PASSWORD, apiVersion: '63.0', retry: false, timeout: 3_000 })
  clients.push(client)
  return client
}

const settle = (run: () => unknown) => within(Promise.resolve().then(run), 8_000).then(() => undefined, (error: unknown) => error)
const otherGotSecrets = () => findSecrets([SESSION, PASSWORD, API_KEY, CLIENT_SECRET, ROW], [{ where: other.origin, text: other.received() }])
const otherHost = () => other.origin.replace(/^http:/, '')

describe('finding 1: a Salesforce session never leaves the instance', () => {
  it.each([
    ['//', () => `${otherHost()}/x`],
    ['/\\', () => `/\\${otherHost().slice(2)}/x`],
  ])('sf.request({ path: %j… }) sends the session nowhere else', async (_label, path) => {
    const client = sf()
    await settle(() => client.request({ path: path() }))
    expect(otherGotSecrets()).toEqual([])
  })

  it.each([
    ['//host/…', () => `${otherHost()}/services/data/v63.0/query/01g-2000`],
    ['/\\host/…', () => `/\\${otherHost().slice(2)}/services/data/v63.0/query/01g-2000`],
  ])('a nextRecordsUrl of %s is refused: UntrustedOriginError, nothing sent there', async (_label, next) => {
    instance.handle((req, res) => json(res, 200, { totalSize: 2, done: false, nextRecordsUrl: next(), records: [sfRecord('001000000000001AAA')] }))
    const error = await settle(() => query(sf(), 'SELECT Id FROM Account'))
    expect(other.requests).toEqual([])
    expectUntrusted(error, [instance.origin, login.origin], other.origin)
  })

  it('a Bulk ingest contentUrl with backslashes is refused: neither the session nor the CSV rows go there', async () => {
    instance.handle((req, res) => {
      if (req.method === 'POST' && req.path.endsWith('/jobs/ingest')) {
        return json(res, 200, { id: '7500000000000001', object: 'Account', operation: 'insert', state: 'Open', contentUrl: `\\\\${otherHost().slice(2)}\\upload` })
      }
      json(res, 200, { id: '7500000000000001', object: 'Account', operation: 'insert', state: 'Aborted' })
    })
    const error = await settle(() => bulkIngest(sf(), { object: 'Account', operation: 'insert', records: [{ Name: ROW }] }, { timeout: 3_000 }))
    expect(other.requests).toEqual([])
    expect(instance.received()).not.toContain(`PUT ${other.origin}`)
    expectUntrusted(error, [instance.origin, login.origin], other.origin)
  })

  it('a Bulk query job id climbing out of the path (../..//host/x) is refused, nothing sent there', async () => {
    const id = `../../../../../..//${otherHost().slice(2)}/x`
    instance.handle((req, res) => json(res, 200, { id, operation: 'query', state: 'UploadComplete' }))
    const error = await settle(() => bulkQuery(sf(), 'SELECT Id FROM Account', { timeout: 3_000 }))
    expect(other.requests).toEqual([])
    // Not a URL but an id: refused before any path is built from it.
    expect(error).toBeInstanceOf(IsoSdkError)
    expect(String((error as Error).message)).toMatch(/not a Salesforce id/)
  })

  it('a 302 from the instance to <login origin>//host/x does not carry the session to host', async () => {
    instance.handle((req, res) => (req.path.endsWith('/limits') ? redirect(res, 302, `${login.origin}//${otherHost().slice(2)}/x`) : json(res, 404, [{ errorCode: 'NOT_FOUND', message: 'no' }])))
    const error = await settle(() => sf().request({ path: '/services/data/v63.0/limits' }))
    expect(otherGotSecrets()).toEqual([])
    expect(error).toBeInstanceOf(IsoSdkError)
  })
})

describe('finding 12: a redirect within the Salesforce instance keeps the session', () => {
  it('302 instance → instance: the target gets Authorization: Bearer <session>', async () => {
    instance.handle((req, res) => {
      if (req.path === '/services/data/v63.0/limits') return redirect(res, 302, `${instance.origin}/services/data/v63.0/limits-moved`)
      if (req.headers.authorization === `Bearer ${SESSION}`) return json(res, 200, { moved: true })
      json(res, 401, [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }])
    })
    const result = await within(sf().request<unknown>({ path: '/services/data/v63.0/limits' }), 8_000)
    expect(result).toEqual({ moved: true })
    const moved = instance.requests.filter((r) => r.path.endsWith('/limits-moved'))
    expect(moved.length).toBeGreaterThan(0)
    expect(moved.every((r) => r.headers.authorization === `Bearer ${SESSION}`)).toBe(true)
  })
})

describe('the core door for any client', () => {
  let api: TestServer
  beforeAll(async () => {
    api = await startServer()
  })
  afterAll(() => api?.close())
  beforeEach(() => api.reset())

  const keyed = () => {
    const client = createClient({ baseURL: api.origin, auth: apiKey({ key: API_KEY }), retry: false, timeout: 3_000 })
    clients.push(client)
    return client
  }

  it("a caller's own absolute URL on another origin is sent, without credentials", async () => {
    other.handle((req, res) => json(res, 200, { seen: true }))
    await expect(within(keyed().request({ path: `${other.origin}/public` }), 8_000)).resolves.toEqual({ seen: true })
    expect(other.requests).toHaveLength(1)
    expect(otherGotSecrets()).toEqual([])
  })

  it.each([301, 302, 303, 307, 308])('a %i Location to another origin is refused: UntrustedOriginError, nothing sent there', async (status) => {
    api.handle((req, res) => redirect(res, status, `${other.origin}/moved`))
    const error = await settle(() => keyed().request({ method: 'POST', path: '/things', body: { row: ROW }, idempotent: true }))
    expect(other.requests).toEqual([])
    expectUntrusted(error, api.origin, other.origin)
  })

  it("a 202's Location (operation URL) on another origin is refused by wait(), nothing sent there", async () => {
    api.handle((req, res) => res.writeHead(202, { location: `${other.origin}/operations/op-1` }).end())
    const client = keyed()
    const accepted = await client.request<Response>({ method: 'POST', path: '/exports', responseType: 'response' })
    const error = await settle(() => wait(client, accepted).result({ timeout: 3_000 }))
    expect(other.requests).toEqual([])
    expectUntrusted(error, api.origin, other.origin)
  })

  it('a Workiva 202 Location on another origin is refused, nothing sent there', async () => {
    api.handle((req, res) => {
      if (req.path === '/oauth2/token') return tokenAnswer(res, 'workiva-door-token-1')
      if (req.path.startsWith('/operations/')) return json(res, 200, { id: 'op-1', status: 'completed' })
      res.writeHead(202, { location: `${other.origin}/operations/op-1`, 'content-type': 'application/json' }).end('{}')
    })
    const client = workiva({ clientId: 'wk-1', clientSecret: CLIENT_SECRET, baseURLs: { platform: api.origin, chains: `${api.origin}/chains`, wdata: `${api.origin}/wdata` }, retry: false, timeout: 3_000 })
    clients.push(client)
    const accepted = await client.request<Response>({ method: 'POST', path: '/files/f-1/copy', body: {}, responseType: 'response' })
    const error = await settle(() => workivaWait(client, accepted, { interval: 10 }).result({ timeout: 3_000 }))
    expect(other.requests).toEqual([])
    expectUntrusted(error, api.origin, other.origin)
  })
})
