// Record writes shared by the REST, composite and Bulk handlers: the same validation and the
// same errors whichever way a record arrives.
import { fieldOf, type ObjectMeta } from './meta.js'
import { FAKE_USER_ID, fieldKey, getField, newId, objectMeta, objectOfId, table, type SalesforceFakeState, type StoredRecord } from './state.js'
import { coerce, formatDatetime, type WriteMode } from './values.js'

export { FAKE_USER_ID } from './state.js'
export type { WriteMode } from './values.js'

export interface SaveError {
  statusCode: string
  message: string
  fields: string[]
}

export type WriteOutcome = { ok: true; id: string; created: boolean } | { ok: false; id: string | null; errors: SaveError[] }

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

/**
 * Checks a write's fields against the object's metadata: unknown fields (`INVALID_FIELD`),
 * read-only ones (`INVALID_FIELD_FOR_INSERT_UPDATE`; seeding may set them), value types, then
 * required fields. Returns the values keyed by canonical field name, or the error.
 */
export function checkFields(object: ObjectMeta, input: Record<string, unknown>, mode: WriteMode, existing?: StoredRecord): { ok: true; fields: Record<string, unknown> } | { ok: false; error: SaveError } {
  const given = fieldsOf(input)
  const unknown = Object.keys(given).filter((name) => !fieldOf(object, name))
  if (unknown.length) return { ok: false, error: { statusCode: 'INVALID_FIELD', message: `No such column '${unknown[0]}' on sobject of type ${object.name}`, fields: unknown } }
  if (mode !== 'seed') {
    const readOnly = Object.keys(given).filter((name) => fieldOf(object, name)!.readOnly)
    if (readOnly.length) {
      return {
        ok: false,
        error: {
          statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: `Unable to create/update fields: ${readOnly.map((name) => fieldOf(object, name)!.name).join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          fields: readOnly.map((name) => fieldOf(object, name)!.name),
        },
      }
    }
  }
  const fields: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(given)) {
    const field = fieldOf(object, name)!
    const coerced = coerce(field, value, mode)
    if (!coerced.ok) return { ok: false, error: { statusCode: coerced.statusCode, message: coerced.message, fields: [field.name] } }
    fields[field.name] = coerced.value
  }
  const missing = [...object.fields.values()]
    .filter((field) => field.required)
    .filter((field) => (existing ? field.name in fields && isBlank(fields[field.name]) : isBlank(fields[field.name])))
    .map((field) => field.name)
  if (missing.length) return { ok: false, error: { statusCode: 'REQUIRED_FIELD_MISSING', message: `Required fields are missing: [${missing.join(', ')}]`, fields: missing } }
  return { ok: true, fields }
}

function stamp(record: Record<string, unknown>): void {
  const now = formatDatetime(Date.now())
  record.LastModifiedDate = now
  record.SystemModstamp = now
  record.LastModifiedById = FAKE_USER_ID
}

/** Fields Salesforce computes: the full `Name` of people, the case number. */
function derive(state: SalesforceFakeState, object: ObjectMeta, record: StoredRecord, creating: boolean): void {
  const name = object.fields.get('name')
  if (name?.readOnly && object.fields.has('lastname')) record.Name = [record.FirstName, record.LastName].filter((part) => typeof part === 'string' && part).join(' ')
  if (creating && object.name === 'Case') record.CaseNumber = String(table(state, 'Case').size + table(state, 'Case', true).size + 1).padStart(8, '0')
  if (creating && object.custom && isBlank(record.Name)) record.Name = record.Id
}

/** Creates a record; `input` may not carry an Id. */
export function insert(state: SalesforceFakeState, typeName: string, input: Record<string, unknown>, mode: WriteMode = 'api'): WriteOutcome {
  const object = objectMeta(state, typeName)
  if (!object) return fail(null, 'INVALID_TYPE', `sObject type '${typeName}' is not supported.`)
  if (!object.createable && mode !== 'seed') return fail(null, 'INVALID_TYPE_FOR_OPERATION', `entity type ${object.name} does not support insert`)
  if (!isBlank(getField(input, 'Id'))) return fail(null, 'INVALID_FIELD', 'Record ID: cannot specify Id in an insert call', ['Id'])
  const checked = checkFields(object, input, mode)
  if (!checked.ok) return { ok: false, id: null, errors: [checked.error] }
  const id = newId(state, object.prefix)
  const record: StoredRecord = { Id: id, ...checked.fields }
  if (object.fields.has('ownerid') && isBlank(record.OwnerId)) record.OwnerId = FAKE_USER_ID
  const seeded = { CreatedDate: record.CreatedDate, LastModifiedDate: record.LastModifiedDate, SystemModstamp: record.SystemModstamp }
  stamp(record)
  record.IsDeleted = false
  record.CreatedById ??= FAKE_USER_ID
  record.CreatedDate = seeded.CreatedDate ?? record.LastModifiedDate
  if (seeded.LastModifiedDate) record.LastModifiedDate = seeded.LastModifiedDate
  if (seeded.SystemModstamp) record.SystemModstamp = seeded.SystemModstamp
  derive(state, object, record, true)
  table(state, object.name).set(id, record)
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
export function update(state: SalesforceFakeState, typeName: string | undefined, id: string, input: Record<string, unknown>, mode: WriteMode = 'api'): WriteOutcome {
  const found = findById(state, id)
  if (!found || (typeName && found.type.toLowerCase() !== typeName.toLowerCase())) {
    if (objectOfId(state, id) && state.recycleBin.get(objectOfId(state, id)!)?.has(id)) return fail(id, 'ENTITY_IS_DELETED', 'entity is deleted')
    return fail(id, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`)
  }
  const object = objectMeta(state, found.type)!
  const checked = checkFields(object, input, mode, found.record)
  if (!checked.ok) return { ok: false, id, errors: [checked.error] }
  Object.assign(found.record, checked.fields)
  stamp(found.record)
  derive(state, object, found.record, false)
  return { ok: true, id, created: false }
}

/** Inserts or updates by an external id field's value. */
export function upsert(state: SalesforceFakeState, typeName: string, externalField: string, value: string, input: Record<string, unknown>, mode: WriteMode = 'api'): WriteOutcome {
  const object = objectMeta(state, typeName)
  if (!object) return fail(null, 'INVALID_TYPE', `sObject type '${typeName}' is not supported.`)
  const field = fieldOf(object, externalField)
  if (!field) return fail(null, 'INVALID_FIELD', `Provided external ID field does not exist or is not accessible: ${externalField}`, [externalField])
  if (field.name !== 'Id' && !field.externalId) return fail(null, 'INVALID_FIELD', `Field ${field.name} is not an External ID or indexed field for ${object.name}`, [field.name])
  if (value === '') return fail(null, 'MISSING_ARGUMENT', `${field.name} not specified`, [field.name])
  if (field.name === 'Id') {
    return findById(state, value) ? update(state, object.name, value, input, mode) : fail(null, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${value}`)
  }
  const matches = [...table(state, object.name).values()].filter((record) => String(record[field.name] ?? '') === value)
  if (matches.length > 1) return fail(null, 'DUPLICATE_EXTERNAL_ID', `${field.name}: more than one record found for external id field: [${matches.map((m) => m.Id).join(', ')}]`, [field.name])
  const fields = { ...fieldsOf(input), [fieldKey(input, field.name)]: value }
  if (matches[0]) return update(state, object.name, matches[0].Id, fields, mode)
  return insert(state, object.name, fields, mode)
}

/** Moves a record to the recycle bin. */
export function remove(state: SalesforceFakeState, id: string): WriteOutcome {
  const found = findById(state, id)
  if (!found) {
    const type = objectOfId(state, id)
    if (type && state.recycleBin.get(type)?.has(id)) return fail(id, 'ENTITY_IS_DELETED', 'entity is deleted')
    return fail(id, 'INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id')
  }
  if (!objectMeta(state, found.type)!.deletable) return fail(id, 'INVALID_TYPE_FOR_OPERATION', `entity type ${found.type} does not support delete`)
  table(state, found.type).delete(id)
  found.record.IsDeleted = true
  stamp(found.record)
  table(state, found.type, true).set(id, found.record)
  return { ok: true, id, created: false }
}

/** A field's value as the API shows it: compound addresses as objects, blob fields as their URL. */
export function shown(object: ObjectMeta, record: StoredRecord, name: string, version: string): unknown {
  const field = fieldOf(object, name)
  if (field?.type === 'address') {
    const prefix = field.name.replace(/Address$/, '')
    const parts = { city: record[`${prefix}City`], country: record[`${prefix}Country`], postalCode: record[`${prefix}PostalCode`], state: record[`${prefix}State`], street: record[`${prefix}Street`] }
    return Object.values(parts).some((part) => !isBlank(part)) ? Object.fromEntries(Object.entries(parts).map(([key, value]) => [key, value ?? null])) : null
  }
  if (field?.type === 'base64') return isBlank(record[field.name]) ? null : `/services/data/v${version}/sobjects/${object.name}/${record.Id}/${field.name}`
  return record[field?.name ?? name] ?? null
}

/** A record as the REST API shows it: `attributes` first, then the asked fields (every field of the object when none). */
export function view(object: ObjectMeta, record: StoredRecord, version: string, fields?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: { type: object.name, url: `/services/data/v${version}/sobjects/${object.name}/${record.Id}` } }
  const names = fields ? fields.map((name) => fieldOf(object, name)?.name ?? name) : [...object.fields.values()].map((field) => field.name)
  for (const name of names) out[name] = shown(object, record, name, version)
  return out
}
