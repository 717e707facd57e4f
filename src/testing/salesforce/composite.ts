import { json, readJson, sfError, type Kit, type Route } from './http.js'
import { fieldOf } from './meta.js'
import { getField, objectMeta, objectOfId, type SalesforceFakeState, type StoredRecord } from './state.js'
import { checkFields, findById, insert, remove, update, upsert, view, type WriteOutcome } from './store.js'

const MAX_RECORDS = 200
const MAX_RETRIEVE = 2000
const MAX_CHUNKS = 10

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [] as string[],
}

/** Runs of consecutive items of one type: Salesforce processes a collection in at most ten. */
function chunkCount(types: string[]): number {
  let chunks = 0
  let last: string | undefined
  for (const type of types) {
    if (type !== last) chunks++
    last = type
  }
  return chunks
}

function tooMany(max: number): Response {
  return sfError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${max} records into this call`)
}

function tooManyChunks(): Response {
  return sfError(400, 'INVALID_BATCH_REQUEST', 'Cannot have more than 10 chunks in a single operation. Please rearrange the data to reduce chunking.')
}

/** Snapshots the stored records, so an all-or-none request that fails leaves no trace. */
function snapshot(state: SalesforceFakeState): () => void {
  const copy = (tables: Map<string, Map<string, StoredRecord>>) => new Map([...tables].map(([type, rows]) => [type, new Map([...rows].map(([id, r]) => [id, { ...r }]))]))
  const records = copy(state.records)
  const bin = copy(state.recycleBin)
  const sequence = state.sequence
  return () => {
    state.records = records
    state.recycleBin = bin
    state.sequence = sequence
  }
}

function toResult(outcome: WriteOutcome, withCreated: boolean): Record<string, unknown> {
  if (outcome.ok) return { id: outcome.id, success: true, errors: [], ...(withCreated && { created: outcome.created }) }
  return { id: outcome.id, success: false, errors: outcome.errors }
}

/** Applies writes one by one; with allOrNone, any failure rolls every write back. */
function applyAll(kit: Kit, allOrNone: boolean, count: number, write: (i: number) => WriteOutcome, withCreated = false): Record<string, unknown>[] {
  const restore = allOrNone ? snapshot(kit.state) : undefined
  const outcomes = Array.from({ length: count }, (_, i) => write(i))
  if (restore && outcomes.some((o) => !o.ok)) {
    restore()
    return outcomes.map((o) => (o.ok ? { id: null, success: false, errors: [ROLLED_BACK] } : toResult(o, withCreated)))
  }
  kit.stats.writes += outcomes.filter((o) => o.ok).length
  return outcomes.map((o) => toResult(o, withCreated))
}

async function collection(request: Request): Promise<{ allOrNone: boolean; records: Record<string, unknown>[] }> {
  const body = (await readJson(request)) as { allOrNone?: unknown; records?: unknown } | undefined
  if (!body || !Array.isArray(body.records)) throw sfError(400, 'JSON_PARSER_ERROR', 'Expected { allOrNone, records: [...] }')
  return { allOrNone: body.allOrNone === true, records: body.records as Record<string, unknown>[] }
}

function typeOf(record: Record<string, unknown>): string {
  const type = (record.attributes as { type?: unknown } | undefined)?.type
  return typeof type === 'string' ? type : ''
}

/**
 * Salesforce reads a collection's JSON into records before saving any: an unknown field or a value
 * of the wrong JSON type fails the whole request, not one record.
 */
function unreadable(state: SalesforceFakeState, records: Record<string, unknown>[], type?: string): Response | undefined {
  for (const record of records) {
    const object = objectMeta(state, type ?? typeOf(record))
    if (!object) continue
    const checked = checkFields(object, record, 'api')
    if (!checked.ok && (checked.error.statusCode === 'INVALID_FIELD' || checked.error.statusCode === 'JSON_PARSER_ERROR')) return sfError(400, checked.error.statusCode, checked.error.message)
  }
  return undefined
}

function missingType(): WriteOutcome {
  return { ok: false, id: null, errors: [{ statusCode: 'INVALID_TYPE', message: 'Must send a concrete entity type.', fields: [] }] }
}

/** Composite sObject Collections: create, update, upsert, delete (≤ 200 records, ≤ 10 chunks) and retrieve (≤ 2,000 ids). */
export function compositeRoutes(kit: Kit): Route[] {
  const { state } = kit
  const retrieve = (type: string, ids: string[], fields: string[], version: string) => {
    const object = objectMeta(state, type)!
    const unknown = fields.find((name) => !fieldOf(object, name))
    if (unknown) return sfError(400, 'INVALID_FIELD', `No such column '${unknown}' on entity '${object.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`)
    return json(
      ids.map((id) => {
        const found = findById(state, id)
        return found && found.type === object.name ? view(object, found.record, version, fields) : null
      }),
    )
  }
  return [
    {
      method: 'POST',
      pattern: /^\/composite\/sobjects\/?$/,
      kind: 'data',
      async handle(context) {
        const { allOrNone, records } = await collection(context.request)
        context.size = records.length
        if (records.length > MAX_RECORDS) return tooMany(MAX_RECORDS)
        if (chunkCount(records.map(typeOf)) > MAX_CHUNKS) return tooManyChunks()
        const refused = unreadable(state, records)
        if (refused) return refused
        return json(applyAll(kit, allOrNone, records.length, (i) => (typeOf(records[i]!) ? insert(state, typeOf(records[i]!), records[i]!) : missingType())))
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/composite\/sobjects\/?$/,
      kind: 'data',
      async handle(context) {
        const { allOrNone, records } = await collection(context.request)
        context.size = records.length
        if (records.length > MAX_RECORDS) return tooMany(MAX_RECORDS)
        if (chunkCount(records.map(typeOf)) > MAX_CHUNKS) return tooManyChunks()
        const refused = unreadable(state, records)
        if (refused) return refused
        return json(
          applyAll(kit, allOrNone, records.length, (i) => {
            const record = records[i]!
            const id = getField(record, 'Id')
            if (typeof id !== 'string' || id === '') return { ok: false, id: null, errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] }] }
            return typeOf(record) ? update(state, typeOf(record), id, record) : missingType()
          }),
        )
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/composite\/sobjects\/?$/,
      kind: 'data',
      handle(context) {
        const ids = (context.url.searchParams.get('ids') ?? '').split(',').filter(Boolean)
        context.size = ids.length
        if (ids.length === 0) return sfError(400, 'MISSING_ARGUMENT', 'ids not specified')
        if (ids.length > MAX_RECORDS) return tooMany(MAX_RECORDS)
        if (chunkCount(ids.map((id) => objectOfId(state, id) ?? id.slice(0, 3))) > MAX_CHUNKS) return tooManyChunks()
        const allOrNone = context.url.searchParams.get('allOrNone') === 'true'
        return json(applyAll(kit, allOrNone, ids.length, (i) => remove(state, ids[i]!)))
      },
    },
    {
      method: 'POST',
      pattern: /^\/composite\/sobjects\/(\w+)\/?$/,
      kind: 'data',
      async handle(context) {
        if (!objectMeta(state, context.params[0]!)) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist')
        const body = (await readJson(context.request)) as { ids?: unknown; fields?: unknown } | undefined
        const ids = body?.ids
        const fields = body?.fields
        if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) return sfError(400, 'MISSING_ARGUMENT', 'ids not specified')
        if (!Array.isArray(fields) || fields.length === 0) return sfError(400, 'MISSING_ARGUMENT', 'fields not specified')
        context.size = ids.length
        if (ids.length > MAX_RETRIEVE) return tooMany(MAX_RETRIEVE)
        return retrieve(context.params[0]!, ids as string[], fields as string[], context.version)
      },
    },
    {
      method: 'GET',
      pattern: /^\/composite\/sobjects\/(\w+)\/?$/,
      kind: 'data',
      handle(context) {
        if (!objectMeta(state, context.params[0]!)) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist')
        const ids = (context.url.searchParams.get('ids') ?? '').split(',').filter(Boolean)
        const fields = (context.url.searchParams.get('fields') ?? '').split(',').filter(Boolean)
        if (ids.length === 0 || fields.length === 0) return sfError(400, 'MISSING_ARGUMENT', 'ids and fields are required')
        context.size = ids.length
        if (ids.length > MAX_RETRIEVE) return tooMany(MAX_RETRIEVE)
        return retrieve(context.params[0]!, ids, fields, context.version)
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/composite\/sobjects\/(\w+)\/(\w+)\/?$/,
      kind: 'data',
      async handle(context) {
        const type = objectMeta(state, context.params[0]!)?.name
        if (!type) return sfError(404, 'NOT_FOUND', 'The requested resource does not exist')
        const field = context.params[1]!
        const { allOrNone, records } = await collection(context.request)
        context.size = records.length
        if (records.length > MAX_RECORDS) return tooMany(MAX_RECORDS)
        const refused = unreadable(state, records, type)
        if (refused) return refused
        return json(
          applyAll(
            kit,
            allOrNone,
            records.length,
            (i) => {
              const record = records[i]!
              if (typeOf(record) && typeOf(record).toLowerCase() !== type.toLowerCase()) return { ok: false, id: null, errors: [{ statusCode: 'INVALID_TYPE', message: `Record type ${typeOf(record)} does not match ${type}`, fields: [] }] }
              const value = getField(record, field)
              return upsert(state, type, field, value === undefined || value === null ? '' : String(value), record)
            },
            true,
          ),
        )
      },
    },
  ]
}
