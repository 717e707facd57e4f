import { json, noContent, readJson, sfError, type Kit, type Route } from './http.js'
import { childRelationships, fieldOf, relationshipOf } from './meta.js'
import { objectMeta, type SalesforceFakeState } from './state.js'
import { findById, insert, remove, update, upsert, view, type WriteOutcome } from './store.js'

const NOT_FOUND = 'The requested resource does not exist'

export function blobKey(type: string, id: string, field: string): string {
  return `${type}/${id}/${field}`.toLowerCase()
}

/** Streams bytes in 64 KB chunks, pulled as the reader asks. */
export function streamBytes(bytes: Uint8Array, chunk = 65_536): ReadableStream<Uint8Array> {
  let offset = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(offset, offset + chunk))
      offset += chunk
    },
  })
}

function writeError(outcome: Extract<WriteOutcome, { ok: false }>): Response {
  const status = outcome.errors[0]?.statusCode === 'INVALID_CROSS_REFERENCE_KEY' || outcome.errors[0]?.statusCode === 'ENTITY_IS_DELETED' ? 404 : 400
  // Errors from reading the body (an unknown field, a value of the wrong JSON type) carry no `fields`.
  const read = (code: string) => code === 'INVALID_FIELD' || code === 'JSON_PARSER_ERROR'
  return json(outcome.errors.map((e) => ({ message: e.message, errorCode: e.statusCode, ...(!read(e.statusCode) && { fields: e.fields }) })), status)
}

function liveRecord(state: SalesforceFakeState, typeName: string, id: string) {
  const object = objectMeta(state, typeName)
  const found = findById(state, id)
  return object && found && found.type === object.name ? { ...found, object } : undefined
}

/** The bytes of a blob field: streamed files (`fake.addFile`) or base64 written in a JSON body. */
function blobOf(state: SalesforceFakeState, type: string, record: Record<string, unknown>, field: string): Uint8Array | undefined {
  const stored = state.blobs.get(blobKey(type, String(record.Id), field))
  if (stored) return stored
  const value = record[field]
  if (typeof value !== 'string' || value === '') return undefined
  try {
    return Uint8Array.from(atob(value), (c) => c.charCodeAt(0))
  } catch {
    return undefined
  }
}

/** `/services/data` (versions), sObject rows (`/sobjects/{type}[/{id}[/{blob}]]`) and upsert by external id. */
export function restRoutes(kit: Kit): Route[] {
  const { state, stats } = kit
  const body = async (request: Request): Promise<Record<string, unknown>> => {
    const value = await readJson(request)
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw sfError(400, 'JSON_PARSER_ERROR', 'Expected a JSON object')
    return value as Record<string, unknown>
  }
  return [
    {
      method: 'GET',
      pattern: /^\/services\/data\/?$/,
      kind: 'open',
      handle: () => json(state.versions.map((version) => ({ label: `Release ${version}`, url: `/services/data/v${version}`, version }))),
    },
    {
      method: 'GET',
      pattern: /^\/sobjects\/(\w+)\/(\w+)\/?$/,
      kind: 'data',
      handle({ params, url, version }) {
        const found = liveRecord(state, params[0]!, params[1]!)
        if (!found) return sfError(404, 'NOT_FOUND', NOT_FOUND)
        const fields = url.searchParams.get('fields')?.split(',').map((f) => f.trim()).filter(Boolean)
        const unknown = fields?.find((name) => !fieldOf(found.object, name))
        if (unknown) return sfError(400, 'INVALID_FIELD', `No such column '${unknown}' on sobject of type ${found.object.name}`)
        return json(view(found.object, found.record, version, fields))
      },
    },
    {
      method: 'POST',
      pattern: /^\/sobjects\/(\w+)\/?$/,
      kind: 'data',
      async handle({ params, request }) {
        if (!objectMeta(state, params[0]!)) return sfError(404, 'NOT_FOUND', NOT_FOUND)
        const outcome = insert(state, params[0]!, await body(request))
        if (!outcome.ok) return writeError(outcome)
        stats.writes++
        return json({ id: outcome.id, success: true, errors: [] }, 201)
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/sobjects\/(\w+)\/(\w+)\/?$/,
      kind: 'data',
      async handle({ params, request }) {
        if (!liveRecord(state, params[0]!, params[1]!)) return sfError(404, 'NOT_FOUND', NOT_FOUND)
        const outcome = update(state, params[0]!, params[1]!, await body(request))
        if (!outcome.ok) return writeError(outcome)
        stats.writes++
        return noContent()
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/sobjects\/(\w+)\/(\w+)\/([^/]+)\/?$/,
      kind: 'data',
      async handle({ params, request }) {
        if (!objectMeta(state, params[0]!)) return sfError(404, 'NOT_FOUND', NOT_FOUND)
        const outcome = upsert(state, params[0]!, params[1]!, decodeURIComponent(params[2]!), await body(request))
        if (!outcome.ok) {
          if (outcome.errors[0]?.statusCode === 'DUPLICATE_EXTERNAL_ID') return json(outcome.errors.map((e) => ({ message: e.message, errorCode: e.statusCode })), 300)
          return writeError(outcome)
        }
        stats.writes++
        return json({ id: outcome.id, success: true, errors: [], created: outcome.created }, outcome.created ? 201 : 200)
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/sobjects\/(\w+)\/(\w+)\/?$/,
      kind: 'data',
      handle({ params }) {
        if (!liveRecord(state, params[0]!, params[1]!)) return sfError(404, 'ENTITY_IS_DELETED', 'entity is deleted')
        const outcome = remove(state, params[1]!)
        if (!outcome.ok) return writeError(outcome)
        stats.writes++
        return noContent()
      },
    },
    {
      method: 'GET',
      pattern: /^\/sobjects\/(\w+)\/(\w+)\/(\w+)\/?$/,
      kind: 'data',
      handle({ params }) {
        const found = liveRecord(state, params[0]!, params[1]!)
        const object = objectMeta(state, params[0]!)
        if (object && (relationshipOf(object, params[2]!) || childRelationships(state.objects, object.name).some((r) => r.name.toLowerCase() === params[2]!.toLowerCase()))) {
          return sfError(501, 'NOT_IMPLEMENTED_BY_FAKE', "Relationship traversal (/sobjects/{type}/{id}/{relationship}) is not implemented by isosdk's fake")
        }
        const field = found && fieldOf(found.object, params[2]!)
        const bytes = found && field?.type === 'base64' ? blobOf(state, found.type, found.record, field.name) : undefined
        if (!bytes) return sfError(404, 'NOT_FOUND', NOT_FOUND)
        return new Response(streamBytes(bytes), { status: 200, headers: { 'Content-Type': 'application/octetstream', 'Content-Length': String(bytes.length) } })
      },
    },
  ]
}
