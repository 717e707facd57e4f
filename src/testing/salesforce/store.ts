// Record writes shared by the REST, composite and Bulk handlers: the same validation and the
// same errors whichever way a record arrives.
import { fieldKey, getField, newId, objectOfId, resolveObject, table, type SalesforceFakeState, type StoredRecord } from './state.js'

export interface SaveError {
  statusCode: string
  message: string
  fields: string[]
}

export type WriteOutcome = { ok: true; id: string; created: boolean } | { ok: false; id: string | null; errors: SaveError[] }

const READ_ONLY = ['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted']
export const FAKE_USER_ID = '0055g0000000001AAA'

function fail(id: string | null, statusCode: string, message: string, fields: string[] = []): WriteOutcome {
  return { ok: false, id, errors: [{ statusCode, message, fields }] }
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === ''
}

/** The field values of a write, without `attributes` and the id key. */
function fieldsOf(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(input)) if (key !== 'attributes' && key.toLowerCase() !== 'id') out[key] = value
  return out
}

function checkFields(state: SalesforceFakeState, type: string, fields: Record<string, unknown>, existing: StoredRecord | undefined, id: string | null): WriteOutcome | undefined {
  const readOnly = Object.keys(fields).filter((key) => READ_ONLY.some((name) => name.toLowerCase() === key.toLowerCase()))
  if (readOnly.length) {
    return fail(id, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`, readOnly)
  }
  const required = state.objects.get(type)?.required ?? []
  const missing = required.filter((name) => {
    const given = getField(fields, name)
    if (existing) return given !== undefined && isBlank(given)
    return isBlank(given)
  })
  if (missing.length) return fail(id, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing)
  return undefined
}

function stamp(record: Record<string, unknown>): void {
  const now = new Date().toISOString().replace('Z', '+0000')
  record.LastModifiedDate = now
  record.SystemModstamp = now
  record.LastModifiedById = FAKE_USER_ID
}

/** Creates a record; `input` may not carry an Id. */
export function insert(state: SalesforceFakeState, typeName: string, input: Record<string, unknown>): WriteOutcome {
  const type = resolveObject(state, typeName)
  if (!type) return fail(null, 'INVALID_TYPE', `sObject type '${typeName}' is not supported.`)
  if (!isBlank(getField(input, 'Id'))) return fail(null, 'INVALID_FIELD', 'Record ID: cannot specify Id in an insert call', ['Id'])
  const fields = fieldsOf(input)
  const invalid = checkFields(state, type, fields, undefined, null)
  if (invalid) return invalid
  const id = newId(state, state.objects.get(type)!.prefix)
  const record: StoredRecord = { Id: id, ...fields, IsDeleted: false, CreatedDate: '', CreatedById: FAKE_USER_ID }
  stamp(record)
  record.CreatedDate = record.LastModifiedDate
  table(state, type).set(id, record)
  return { ok: true, id, created: true }
}

/** Finds a live record by id, in any object. */
export function findById(state: SalesforceFakeState, id: string): { type: string; record: StoredRecord } | undefined {
  const type = objectOfId(state, id)
  if (!type) return undefined
  const record = state.records.get(type)?.get(id)
  return record ? { type, record } : undefined
}

/** Updates a record by id; the id must belong to `typeName` when one is given. */
export function update(state: SalesforceFakeState, typeName: string | undefined, id: string, input: Record<string, unknown>): WriteOutcome {
  const found = findById(state, id)
  if (!found || (typeName && found.type.toLowerCase() !== typeName.toLowerCase())) {
    if (objectOfId(state, id) && state.recycleBin.get(objectOfId(state, id)!)?.has(id)) return fail(id, 'ENTITY_IS_DELETED', 'entity is deleted')
    return fail(id, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`)
  }
  const fields = fieldsOf(input)
  const invalid = checkFields(state, found.type, fields, found.record, id)
  if (invalid) return invalid
  for (const [key, value] of Object.entries(fields)) found.record[fieldKey(found.record, key)] = value
  stamp(found.record)
  return { ok: true, id, created: false }
}

/** Inserts or updates by an external id field's value. */
export function upsert(state: SalesforceFakeState, typeName: string, externalField: string, value: string, input: Record<string, unknown>): WriteOutcome {
  const type = resolveObject(state, typeName)
  if (!type) return fail(null, 'INVALID_TYPE', `sObject type '${typeName}' is not supported.`)
  if (value === '') return fail(null, 'MISSING_ARGUMENT', `${externalField} not specified`, [externalField])
  if (externalField.toLowerCase() === 'id') {
    return findById(state, value) ? update(state, type, value, input) : fail(null, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${value}`)
  }
  const matches = [...table(state, type).values()].filter((record) => String(getField(record, externalField) ?? '') === value)
  if (matches.length > 1) return fail(null, 'DUPLICATE_EXTERNAL_ID', `${externalField}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`, [externalField])
  const fields = { ...fieldsOf(input), [fieldKey(input, externalField)]: value }
  if (matches[0]) return update(state, type, matches[0].Id, fields)
  return insert(state, type, fields)
}

/** Moves a record to the recycle bin. */
export function remove(state: SalesforceFakeState, id: string): WriteOutcome {
  const found = findById(state, id)
  if (!found) {
    const type = objectOfId(state, id)
    if (type && state.recycleBin.get(type)?.has(id)) return fail(id, 'ENTITY_IS_DELETED', 'entity is deleted')
    return fail(id, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id')
  }
  table(state, found.type).delete(id)
  found.record.IsDeleted = true
  stamp(found.record)
  table(state, found.type, true).set(id, found.record)
  return { ok: true, id, created: false }
}

/** A record as the REST API shows it: `attributes` first, then the asked fields (all when none). */
export function view(type: string, record: StoredRecord, version: string, fields?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type, url: `/services/data/v${version}/sobjects/${type}/${record.Id}` } }
  if (!fields) return Object.assign(out, record)
  for (const field of fields) out[fieldKey(record, field)] = getField(record, field) ?? null
  return out
}
