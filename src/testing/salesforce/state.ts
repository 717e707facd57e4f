// The Salesforce fake's state: users and connected apps that may log in, live sessions, stored
// records per object (and a recycle bin), blobs, query cursors and Bulk API 2.0 jobs.
import { resolveObjects, type ObjectMeta, type SalesforceFakeObject } from './meta.js'
import { STANDARD_OBJECTS } from './standard-objects.js'

export type { SalesforceFakeObject } from './meta.js'

export const FAKE_SF_USERNAME = 'user@example.com'
export const FAKE_SF_PASSWORD = 'fake-password-1'
export const FAKE_SF_SECURITY_TOKEN = 'FAKETOKEN123'
export const FAKE_SF_CLIENT_ID = 'fake-connected-app-id'
export const FAKE_SF_CLIENT_SECRET = 'fake-connected-app-secret'
export const FAKE_SF_ORG_ID = '00D000000000001AAA'
/** The user every login signs in as (a `User` record the fake serves). */
export const FAKE_USER_ID = '0055g0000000001AAA'

/** A stored record: field values by API name (as first written), `Id` included. */
export type StoredRecord = Record<string, unknown> & { Id: string }

export interface SalesforceFakeSession {
  token: string
  /** `soap`, `password` or `client_credentials`. */
  via: string
  /** The connected app (OAuth logins), for `per-app-api-usage`. */
  app?: string
}

export interface QueryCursor {
  records: Record<string, unknown>[]
  batchSize: number
}

export interface IngestJob {
  id: string
  object: string
  operation: 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete'
  externalIdFieldName: string | null
  state: 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted'
  uploads: string[]
  createdDate: string
  systemModstamp: string
  apiVersion: number
  numberRecordsProcessed: number
  numberRecordsFailed: number
  errorMessage: string | null
  /** Status polls seen since the job was closed. */
  polls: number
  closedAt?: number
  header: string[]
  successful: string[][]
  failed: string[][]
  unprocessed: string[][]
}

export interface QueryJob {
  id: string
  operation: 'query' | 'queryAll'
  query: string
  object: string
  state: 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted'
  createdDate: string
  systemModstamp: string
  apiVersion: number
  polls: number
  createdAt: number
  numberRecordsProcessed: number
  errorMessage: string | null
  columns: string[]
  rows: string[][]
}

/** One answered request, for tests that count requests and batch sizes. */
export interface SalesforceTrafficEntry {
  method: string
  /** Origin the request went to. */
  origin: string
  path: string
  status: number
  /** Records (or ids) the request carried, for collection and bulk calls. */
  size?: number
}

export interface SalesforceFakeState {
  versions: string[]
  users: { username: string; password: string; securityToken: string }[]
  apps: { clientId: string; clientSecret: string; name: string }[]
  sessions: Map<string, SalesforceFakeSession>
  /** The objects served: standard ones and those the options declare. */
  objects: Map<string, ObjectMeta>
  /** type → id → record. */
  records: Map<string, Map<string, StoredRecord>>
  /** Deleted records (seen by `queryAll` with `IsDeleted = true`). */
  recycleBin: Map<string, Map<string, StoredRecord>>
  /** `${type}/${id}/${field}` → bytes. */
  blobs: Map<string, Uint8Array>
  cursors: Map<string, QueryCursor>
  ingestJobs: Map<string, IngestJob>
  queryJobs: Map<string, QueryJob>
  apiUsage: { used: number; limit: number }
  /** Requests being answered now, and the most seen at once. */
  inFlight: number
  maxInFlight: number
  /** The last 10,000 answered requests. */
  traffic: SalesforceTrafficEntry[]
  /** Counter behind every generated id. */
  sequence: number
}

/** The standard objects and fields the fake serves (declare more with `salesforceFake({ objects })`). */
export const DEFAULT_OBJECTS: Record<string, SalesforceFakeObject> = STANDARD_OBJECTS

const BASE36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** A new 18-character id with the object's prefix (deterministic: a counter). */
export function newId(state: SalesforceFakeState, prefix: string): string {
  let n = ++state.sequence
  let digits = ''
  for (let i = 0; i < 9; i++) {
    digits = BASE36[n % 36] + digits
    n = Math.floor(n / 36)
  }
  return `${prefix}5g0${digits}AAA`
}

/** The object an id's prefix belongs to. */
export function objectOfId(state: SalesforceFakeState, id: string): string | undefined {
  const prefix = id.slice(0, 3)
  for (const [name, object] of state.objects) if (object.prefix === prefix) return name
  return undefined
}

/** The canonical name of a served object (API names are case-insensitive); `undefined` for any other. */
export function resolveObject(state: SalesforceFakeState, name: string): string | undefined {
  return objectMeta(state, name)?.name
}

/** A served object's metadata, by API name, case-insensitively. */
export function objectMeta(state: SalesforceFakeState, name: string): ObjectMeta | undefined {
  const exact = state.objects.get(name)
  if (exact) return exact
  const lower = name.toLowerCase()
  for (const object of state.objects.values()) if (object.name.toLowerCase() === lower) return object
  return undefined
}

export function table(state: SalesforceFakeState, type: string, bin = false): Map<string, StoredRecord> {
  const tables = bin ? state.recycleBin : state.records
  let found = tables.get(type)
  if (!found) tables.set(type, (found = new Map()))
  return found
}

/** A field's value by name, case-insensitively (`undefined` when absent). */
export function getField(record: Record<string, unknown>, name: string): unknown {
  if (name in record) return record[name]
  const lower = name.toLowerCase()
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return record[key]
  return undefined
}

/** The stored key for a field: its canonical API name when the object declares it, else the given name. */
export function fieldKey(record: Record<string, unknown>, name: string, object?: ObjectMeta): string {
  const declared = object?.fields.get(name.toLowerCase())
  if (declared) return declared.name
  const lower = name.toLowerCase()
  for (const key of Object.keys(record)) if (key.toLowerCase() === lower) return key
  return name
}

export function createState(options: {
  versions: string[]
  username: string
  password: string
  securityToken: string
  clientId: string
  clientSecret: string
  apiLimit: number
  objects: Record<string, SalesforceFakeObject>
}): SalesforceFakeState {
  const state: SalesforceFakeState = {
    versions: options.versions,
    users: [{ username: options.username, password: options.password, securityToken: options.securityToken }],
    apps: [{ clientId: options.clientId, clientSecret: options.clientSecret, name: 'isosdk-fake-app' }],
    sessions: new Map(),
    objects: resolveObjects(STANDARD_OBJECTS, options.objects),
    records: new Map(),
    recycleBin: new Map(),
    blobs: new Map(),
    cursors: new Map(),
    ingestJobs: new Map(),
    queryJobs: new Map(),
    apiUsage: { used: 0, limit: options.apiLimit },
    inFlight: 0,
    maxInFlight: 0,
    traffic: [],
    sequence: 0,
  }
  const created = '2026-01-01T00:00:00.000+0000'
  const name = options.username.split('@')[0] || 'user'
  state.records.set('User', new Map([[FAKE_USER_ID, {
    Id: FAKE_USER_ID, Username: options.username, LastName: 'User', FirstName: 'Fake', Name: 'Fake User', Email: options.username, Alias: name.slice(0, 8),
    CommunityNickname: name, IsActive: true, TimeZoneSidKey: 'Europe/London', LocaleSidKey: 'en_GB', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
    ProfileId: '00e5g0000000001AAA', UserType: 'Standard', IsDeleted: false, CreatedDate: created, CreatedById: FAKE_USER_ID, LastModifiedDate: created,
    LastModifiedById: FAKE_USER_ID, SystemModstamp: created,
  }]]))
  return state
}
