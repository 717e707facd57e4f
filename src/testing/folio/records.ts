import { HttpResponse, http, type RequestHandler } from 'msw'
import type { FakeStats } from '../fake.js'
import { authenticate } from './auth.js'
import { CqlError, compileCql, parseCql, sortRecords } from './cql.js'
import { fieldErrors, readObject, text } from './http.js'
import { RECORD_TYPES } from './record-types.js'
import { checkShape } from './shape.js'
import type { FolioCollection, FolioCollectionName, FolioFakeState, FolioRecord, FolioTenant } from './state.js'

/** Faults the tests switch on: the next N authenticated calls answer 403 / a 5xx. */
export interface FolioFaults {
  forbid: number
  fail: number
  failStatus: number
}

const MAX_INT = 2_147_483_647

/** Sorted views and the last query's result per collection, dropped when the collection changes. */
interface QueryCache {
  version: number
  sorted: Map<string, FolioRecord[]>
  results: Map<string, FolioRecord[]>
}

function readInt(params: URLSearchParams, name: string, fallback: number): number | Response {
  const raw = params.get(name)
  if (raw === null) return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw.trim()) || value > MAX_INT) {
    return text(400, `'${name}' parameter is incorrect. parameter value {${raw}} is not valid: must be an integer, greater than or equal to 0`)
  }
  return value
}

/**
 * The checks of a write, in the module's order: the record against its schema shape (every
 * violation, one 422 `errors[]` entry each, naming the field), then the unique indexes, then the
 * module's own rules.
 */
function validate(
  name: FolioCollectionName,
  tenant: FolioTenant,
  record: Record<string, unknown>,
  id: string | undefined,
): Response | undefined {
  const type = RECORD_TYPES[name]
  const shapeErrors = checkShape(type.shape, record)
  if (shapeErrors.length) return fieldErrors(shapeErrors)
  const c = tenant.collections
  for (const field of type.unique ?? []) {
    const value = record[field]
    if (typeof value !== 'string') continue
    for (const other of c[name].records.values()) {
      if (other.id !== id && typeof other[field] === 'string' && (other[field] as string).toLowerCase() === value.toLowerCase()) {
        return fieldErrors([{ message: `${field} value already exists in table ${type.key}: ${value}`, key: field, value }])
      }
    }
  }
  if (name === 'users') {
    if (typeof record.username === 'string') {
      const wanted = record.username.toLowerCase()
      for (const other of c.users.records.values()) {
        if (other.id !== id && typeof other.username === 'string' && other.username.toLowerCase() === wanted) {
          return fieldErrors([{ message: 'User with this username already exists', key: 'username', value: record.username }])
        }
      }
    }
    if (record.patronGroup !== undefined && !c.groups.records.has(String(record.patronGroup))) {
      return text(400, `Cannot add ${String(record.patronGroup)}. Patron group not found`)
    }
  }
  if (name === 'groups') {
    if (record.group === '') return fieldErrors([{ message: 'must not be null', key: 'group', value: null }])
    for (const other of c.groups.records.values()) {
      if (other.id !== id && other.group === record.group) return fieldErrors([{ message: 'Group exists', key: 'group', value: record.group }])
    }
  }
  // mod-circulation: an open loan (the default) needs its patron.
  if (name === 'loans' && typeof record.userId !== 'string' && (record.status as { name?: unknown } | undefined)?.name !== 'Closed') {
    return fieldErrors([{ message: 'Open loan must have a user ID', key: 'userId', value: null }])
  }
  return undefined
}

/** List, create, get, replace and delete handlers for one collection name across tenants. */
export function collectionHandlers(
  name: FolioCollectionName,
  state: FolioFakeState,
  stats: FakeStats,
  faults: FolioFaults,
  newId: () => string,
): RequestHandler[] {
  const caches = new WeakMap<FolioCollection, QueryCache>()
  const { path, notFound } = RECORD_TYPES[name]

  /** Tenant + token check, then the switched-on faults. */
  function gate(request: Request): FolioTenant | Response {
    stats.requests++
    const auth = authenticate(request, state)
    if (auth instanceof Response) return auth
    if (faults.forbid > 0) {
      faults.forbid--
      state.counters.forbidden++
      return text(403, `Access requires permission: ${name}.collection.get`)
    }
    if (faults.fail > 0) {
      faults.fail--
      state.counters.failed++
      return text(faults.failStatus, 'Service temporarily unavailable')
    }
    return auth.tenant
  }

  function query(collection: FolioCollection, cql: string): FolioRecord[] {
    let cache = caches.get(collection)
    if (!cache || cache.version !== collection.version) {
      cache = { version: collection.version, sorted: new Map(), results: new Map() }
      caches.set(collection, cache)
    }
    const hit = cache.results.get(cql)
    if (hit) return hit
    const parsed = parseCql(cql)
    const sortKey = parsed.sort.map((k) => `${k.index}/${k.descending}`).join(' ')
    let sorted = cache.sorted.get(sortKey)
    if (!sorted) {
      sorted = sortRecords([...collection.records.values()], parsed.sort)
      cache.sorted.set(sortKey, sorted)
    }
    const matches = compileCql(parsed.where)
    const results = sorted.filter(matches)
    if (cache.results.size >= 4) cache.results.delete(cache.results.keys().next().value as string)
    cache.results.set(cql, results)
    return results
  }

  const stamp = (record: Record<string, unknown>, userId: string, created?: unknown) => {
    const at = new Date(state.now()).toISOString()
    const previous = (created ?? {}) as Record<string, unknown>
    record.metadata = {
      createdDate: previous.createdDate ?? at,
      createdByUserId: previous.createdByUserId ?? userId,
      updatedDate: at,
      updatedByUserId: userId,
    }
  }

  return [
    http.get(`*/${path}`, ({ request }) => {
      const tenant = gate(request)
      if (tenant instanceof Response) return tenant
      const params = new URL(request.url).searchParams
      const limit = readInt(params, 'limit', state.defaultLimit)
      if (limit instanceof Response) return limit
      const offset = readInt(params, 'offset', 0)
      if (offset instanceof Response) return offset
      const collection = tenant.collections[name]
      let results: FolioRecord[]
      try {
        results = query(collection, params.get('query')?.trim() || 'cql.allRecords=1')
      } catch (error) {
        if (error instanceof CqlError) return text(400, `CQL parse error: ${error.message}`)
        throw error
      }
      return HttpResponse.json({
        [collection.key]: results.slice(offset, offset + limit),
        totalRecords: results.length,
        resultInfo: { totalRecords: results.length, diagnostics: [] },
      })
    }),

    http.post(`*/${path}`, async ({ request }) => {
      const tenant = gate(request)
      if (tenant instanceof Response) return tenant
      const body = await readObject(request)
      if (body instanceof Response) return body
      const collection = tenant.collections[name]
      if (typeof body.id === 'string' && collection.records.has(body.id)) {
        return fieldErrors([{ message: `id value already exists in table ${collection.key}: ${body.id}`, key: 'id', value: body.id }])
      }
      const invalid = validate(name, tenant, body, undefined)
      if (invalid) return invalid
      const record = { ...body, id: typeof body.id === 'string' ? body.id : newId() } as FolioRecord
      const auth = authenticate(request, state) as { token: { userId: string } }
      stamp(record, auth.token.userId)
      collection.records.set(record.id, record)
      collection.version++
      stats.writes++
      const location = `${request.url.split('?')[0]!.replace(/\/$/, '')}/${record.id}`
      return HttpResponse.json(record, { status: 201, headers: { location } })
    }),

    http.get(`*/${path}/:id`, ({ request, params }) => {
      const tenant = gate(request)
      if (tenant instanceof Response) return tenant
      const record = tenant.collections[name].records.get(String(params.id))
      return record ? HttpResponse.json(record) : text(404, notFound)
    }),

    http.put(`*/${path}/:id`, async ({ request, params }) => {
      const tenant = gate(request)
      if (tenant instanceof Response) return tenant
      const id = String(params.id)
      const collection = tenant.collections[name]
      const existing = collection.records.get(id)
      if (!existing) return text(404, notFound)
      const body = await readObject(request)
      if (body instanceof Response) return body
      if (body.id !== undefined && body.id !== id) return text(400, 'You cannot change the value of the id field')
      const invalid = validate(name, tenant, body, id)
      if (invalid) return invalid
      const record = { ...body, id } as FolioRecord
      const auth = authenticate(request, state) as { token: { userId: string } }
      stamp(record, auth.token.userId, existing.metadata)
      collection.records.set(id, record)
      collection.version++
      stats.writes++
      return new HttpResponse(null, { status: 204 })
    }),

    http.delete(`*/${path}/:id`, ({ request, params }) => {
      const tenant = gate(request)
      if (tenant instanceof Response) return tenant
      const collection = tenant.collections[name]
      if (!collection.records.delete(String(params.id))) return text(404, notFound)
      collection.version++
      stats.writes++
      return new HttpResponse(null, { status: 204 })
    }),
  ]
}
