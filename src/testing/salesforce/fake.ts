import { http, type RequestHandler } from 'msw'
import { _atBase, _checkOrigin, type Fake, type FakeStats } from '../fake.js'
import { authRoutes } from './auth.js'
import { bulkRoutes } from './bulk.js'
import { compositeRoutes } from './composite.js'
import { describeRoutes } from './describe.js'
import { sfError, type Kit, type ResolvedOptions, type Route, type RouteContext } from './http.js'
import { identity, isIdentityPath } from './identity.js'
import { queryRoutes } from './query.js'
import { blobKey, restRoutes } from './rest.js'
import { searchRoutes } from './search.js'
import { unimplementedRoutes } from './unimplemented.js'
import {
  createState,
  FAKE_SF_CLIENT_ID,
  FAKE_SF_CLIENT_SECRET,
  FAKE_SF_PASSWORD,
  FAKE_SF_SECURITY_TOKEN,
  FAKE_SF_USERNAME,
  type SalesforceFakeObject,
  type SalesforceFakeState,
  type StoredRecord,
} from './state.js'
import { findById, insert } from './store.js'

export interface SalesforceFakeOptions {
  /**
   * The only origin the fake answers (e.g. `https://salesforce.test`), so it can share one msw server with
   * other fakes without catching their routes. Default: any origin.
   */
  origin?: string
  /** Accepted by the SOAP login and the OAuth password flow. Default `FAKE_SF_USERNAME`. */
  username?: string
  password?: string
  securityToken?: string
  /** The connected app's key and secret (OAuth flows). */
  clientId?: string
  clientSecret?: string
  /** Whether a login must append the security token to the password (as outside trusted IP ranges). Default true. */
  requireSecurityToken?: boolean
  /** API versions `/services/data` lists (others answer 404). Default 60.0–63.0. */
  versions?: string[]
  /** The org's 24 h API request allocation (`Sforce-Limit-Info`); past it, `REQUEST_LIMIT_EXCEEDED`. Default 15,000. */
  apiLimit?: number
  /** ms every answer is held, to observe concurrency. Default 0. */
  latency?: number
  /** Records per query page when the request does not ask (`Sforce-Query-Options: batchSize=`). Default 2000. */
  queryBatchSize?: number
  /** Status polls a Bulk job takes to finish after it is closed. Default 3. */
  bulkJobPolls?: number
  /** Or: ms a Bulk job takes after it is closed (overrides `bulkJobPolls`). */
  bulkJobDuration?: number
  /** Rows per Bulk query results page without `maxRecords`. Default 10,000. */
  bulkQueryPageSize?: number
  /** Origin the logins hand out as the org's instance (`serverUrl`, `instance_url`). Default: the login request's own origin. */
  instanceUrl?: string
  /**
   * Objects beyond the standard ones (`SALESFORCE_FAKE_OBJECTS`: Account, Contact, Lead,
   * Opportunity, Case, User, Task, Attachment, Document, ContentVersion). A custom object exists
   * only when declared here; a declared standard object gains the declared fields (your org's
   * custom fields). Unknown objects and fields are refused as Salesforce refuses them.
   *
   * @example
   * salesforceFake({ objects: {
   *   Invoice__c: { fields: { Amount__c: { type: 'currency', required: true }, Account__c: { type: 'reference', referenceTo: ['Account'] } } },
   *   Account: { fields: { Ext__c: { type: 'string', externalId: true } } },
   * } })
   */
  objects?: Record<string, SalesforceFakeObject>
}

/** The Salesforce fake: the `Fake` contract, the credentials it accepts, and direct seeding helpers. */
export interface SalesforceFake extends Fake<SalesforceFakeState> {
  readonly username: string
  readonly password: string
  readonly securityToken: string
  readonly clientId: string
  readonly clientSecret: string
  /** ms every answer is held (mutable). */
  latency: number
  /**
   * Stores a record without a request (for seeding); returns its id. Unknown objects and fields,
   * wrong value types and missing required fields throw; read-only fields (`CreatedDate`, …) may
   * be set, so a test can seed old records.
   */
  insert(type: string, fields: Record<string, unknown>): string
  /** The stored record with this id, if live. */
  record(id: string): StoredRecord | undefined
  /** Stores a file: a `ContentVersion` whose `VersionData` is `size` deterministic bytes. */
  addFile(size: number, options?: { title?: string }): { id: string; bytes: Uint8Array }
}

/**
 * `size` deterministic pseudo-random bytes (xorshift32), so a test can compare what it streamed.
 *
 * @example
 * const { id } = fake.addFile(5 * 1024 * 1024) // its VersionData is fakeFileBytes(5 * 1024 * 1024)
 * expect(fakeFileBytes(4)).toEqual(fakeFileBytes(4))
 */
export function fakeFileBytes(size: number, seed = 0x9e3779b9): Uint8Array {
  const bytes = new Uint8Array(size)
  let x = seed >>> 0 || 1
  for (let i = 0; i < size; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    bytes[i] = x & 0xff
  }
  return bytes
}

function limitHeader(state: SalesforceFakeState, app: { name: string; used: number } | undefined): string {
  const total = `api-usage=${state.apiUsage.used}/${state.apiUsage.limit}`
  return app ? `${total}; per-app-api-usage=${app.used}/${Math.max(1, Math.floor(state.apiUsage.limit / 4))}(appName=${app.name})` : total
}

/**
 * A stateful fake of Salesforce's REST and Bulk API 2.0 (`*\/services/...` under any origin),
 * strict like the real org: the standard objects with their real fields, custom objects only
 * when declared (`objects`), and unknown objects, fields and values refused with Salesforce's
 * error codes on writes, reads, SOQL and Bulk. SOAP `login`/`logout`, the OAuth token endpoint and
 * the identity URL; sObject rows with `attributes`; Composite sObject Collections (≤ 200 records,
 * ≤ 10 chunks, ≤ 2,000 ids, per-record errors); SOQL with aggregates, `GROUP BY`, date literals
 * and subqueries, paged by `nextRecordsUrl`; SOSL `FIND`; describe, describeGlobal and `/limits`;
 * Bulk ingest and query jobs whose states advance as they are polled; streamed blobs; session
 * expiry and `Sforce-Limit-Info` on every answer. What it does not implement (Tooling API, Bulk
 * 1.0, `HAVING`, …) answers `501 NOT_IMPLEMENTED_BY_FAKE`.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { salesforceFake } from 'isosdk/testing'
 * import { salesforce, query } from 'isosdk/salesforce'
 *
 * const fake = salesforceFake()
 * const server = setupServer(...fake.handlers)
 * server.listen({ onUnhandledRequest: 'error' })
 * const sf = salesforce({ loginUrl: 'https://login.example.test', username: fake.username, password: fake.password, securityToken: fake.securityToken })
 * fake.insert('Account', { Name: 'Acme' })
 * const rows = await query(sf, 'SELECT Id, Name FROM Account')
 */
export function salesforceFake(options: SalesforceFakeOptions = {}): SalesforceFake {
  const credentials = {
    username: options.username ?? FAKE_SF_USERNAME,
    password: options.password ?? FAKE_SF_PASSWORD,
    securityToken: options.securityToken ?? FAKE_SF_SECURITY_TOKEN,
    clientId: options.clientId ?? FAKE_SF_CLIENT_ID,
    clientSecret: options.clientSecret ?? FAKE_SF_CLIENT_SECRET,
  }
  const state = createState({
    ...credentials,
    versions: options.versions ?? ['60.0', '61.0', '62.0', '63.0'],
    apiLimit: options.apiLimit ?? 15_000,
    objects: options.objects ?? {},
  })
  const stats: FakeStats = { requests: 0, logins: 0, writes: 0 }
  const resolved: ResolvedOptions = {
    latency: options.latency ?? 0,
    queryBatchSize: options.queryBatchSize ?? 2000,
    bulkJobPolls: options.bulkJobPolls ?? 3,
    bulkJobDuration: options.bulkJobDuration,
    bulkQueryPageSize: options.bulkQueryPageSize ?? 10_000,
    requireSecurityToken: options.requireSecurityToken ?? true,
    ...(options.instanceUrl && { instanceUrl: new URL(options.instanceUrl).origin }),
  }
  const kit: Kit = { state, stats, options: resolved }
  const routes: Route[] = [
    ...unimplementedRoutes(),
    ...authRoutes(kit),
    ...describeRoutes(kit),
    ...restRoutes(kit),
    ...compositeRoutes(kit),
    ...queryRoutes(kit),
    ...searchRoutes(kit),
    ...bulkRoutes(kit),
  ]
  const appUsage = new Map<string, number>()

  const answer = async (request: Request, url: URL, context: RouteContext): Promise<{ response: Response; app?: { name: string; used: number } }> => {
    const data = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname)
    const path = data ? data[2] || '/' : url.pathname
    const kind = data ? 'data' : 'open'
    const candidates = routes.filter((route) => route.kind === kind && route.pattern.test(path))
    if (candidates.length === 0) return { response: sfError(404, 'NOT_FOUND', 'The requested resource does not exist') }
    const route = candidates.find((r) => r.method === request.method || r.method === '*')
    if (!route) {
      const allowed = [...new Set(candidates.map((r) => r.method))].join(',')
      return { response: sfError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${request.method}' not allowed. Allowed are ${allowed}`) }
    }
    context.params = route.pattern.exec(path)!.slice(1)
    let app: { name: string; used: number } | undefined
    if (data) {
      context.version = data[1]!
      if (!state.versions.includes(context.version)) return { response: sfError(404, 'NOT_FOUND', 'The requested resource does not exist') }
      const token = request.headers.get('authorization')?.replace(/^(Bearer|OAuth)\s+/i, '') ?? ''
      const session = state.sessions.get(token)
      if (!session) return { response: sfError(401, 'INVALID_SESSION_ID', 'Session expired or invalid') }
      context.session = session
      if (state.apiUsage.used >= state.apiUsage.limit) return { response: sfError(403, 'REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.') }
      state.apiUsage.used++
      if (session.app) {
        const used = (appUsage.get(session.app) ?? 0) + 1
        appUsage.set(session.app, used)
        app = { name: session.app, used }
      }
    }
    try {
      return { response: await route.handle(context), app }
    } catch (error) {
      if (error instanceof Response) return { response: error, app }
      return { response: sfError(500, 'UNKNOWN_EXCEPTION', `An unexpected error occurred: ${error instanceof Error ? error.message : String(error)}`), app }
    }
  }

  const respond = async (request: Request, answerWith: (context: RouteContext) => Promise<{ response: Response; app?: { name: string; used: number } }>) => {
    const url = new URL(request.url)
    stats.requests++
    state.inFlight++
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight)
    try {
      if (resolved.latency > 0) await new Promise((resolve) => setTimeout(resolve, resolved.latency))
      const context: RouteContext = { request, url, params: [], version: '' }
      const { response, app } = await answerWith(context)
      const headers = new Headers(response.headers)
      headers.set('Sforce-Limit-Info', limitHeader(state, app))
      state.traffic.push({ method: request.method, origin: url.origin, path: url.pathname, status: response.status, ...(context.size !== undefined && { size: context.size }) })
      if (state.traffic.length > 10_000) state.traffic.splice(0, state.traffic.length - 10_000)
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers })
    } finally {
      state.inFlight--
    }
  }
  const handler = http.all('*/services/*', ({ request }) => respond(request, async (context) => answer(request, context.url, context)))
  // The identity URL the logins hand out; other `/id/...` paths are left to other handlers.
  const identityHandler = http.get('*/id/:org/:user', ({ request }) => {
    if (!isIdentityPath(new URL(request.url).pathname)) return undefined
    return respond(request, async (context) => ({ response: identity(state, request, context.url) }))
  })
  // The Streaming API (CometD) lives outside /services.
  const streamingHandler = http.all('*/cometd/:version/*', ({ request }) =>
    respond(request, async () => ({ response: sfError(501, 'NOT_IMPLEMENTED_BY_FAKE', "The Streaming API (CometD) is not implemented by isosdk's fake") })),
  )
  const unscoped: RequestHandler[] = [handler, identityHandler, streamingHandler]
  const handlers = options.origin === undefined ? unscoped : _atBase(unscoped, _checkOrigin(options.origin, 'salesforceFake: options.origin'), '')

  return {
    name: 'salesforce',
    handlers,
    state,
    stats,
    ...credentials,
    get latency() {
      return resolved.latency
    },
    set latency(ms: number) {
      resolved.latency = ms
    },
    expireCredentials() {
      state.sessions.clear()
    },
    insert(type, fields) {
      const outcome = insert(state, type, fields, 'seed')
      if (!outcome.ok) throw new Error(`salesforceFake.insert(${type}): ${outcome.errors.map((e) => `${e.statusCode}: ${e.message}`).join('; ')}`)
      return outcome.id
    },
    record(id) {
      return findById(state, id)?.record
    },
    addFile(size, fileOptions = {}) {
      const bytes = fakeFileBytes(size)
      const title = fileOptions.title ?? `file-${state.sequence + 1}`
      const outcome = insert(state, 'ContentVersion', { Title: title, PathOnClient: `${title}.bin`, ContentSize: size, FileExtension: 'bin', VersionData: '' }, 'seed')
      if (!outcome.ok) throw new Error('salesforceFake.addFile: could not store the ContentVersion')
      // A marker: the bytes live in `state.blobs`, streamed by `GET …/VersionData`.
      findById(state, outcome.id)!.record.VersionData = 'stored'
      state.blobs.set(blobKey('ContentVersion', outcome.id, 'VersionData'), bytes)
      return { id: outcome.id, bytes }
    },
  }
}
