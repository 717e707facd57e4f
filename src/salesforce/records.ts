import * as v from 'valibot'
import { ValidationError } from '../core/errors.js'
import { CALL_OPTION_KEYS, checkOptionKeys, type OptionKeys } from '../core/options.js'
import { encodeSegment } from '../core/path.js'
import { parseJson } from '../core/response.js'
import type { CallOptions, Client } from '../core/types.js'
import { RecordSchema, SaveResultSchema } from './schemas.js'
import {
  _checkRef,
  _describe,
  _isRecordId,
  _recordIssues,
  _typeName,
  _writableFields,
  type RecordInput,
  type RecordOf,
  type SObjectRecord,
  type SObjectRef,
} from './sobject.js'
import { _changedFields, _markClean } from './tracking.js'
import { _dataPath } from './version.js'
import type { RecordResult } from './results.js'

export interface FetchRecordOptions extends CallOptions {
  /** Fields to return. Default: an `sobject`'s declared fields, or every field for a plain name. */
  fields?: readonly string[]
}

export interface UpdateRecordOptions extends CallOptions {
  /** Send only the fields changed since the record was fetched or saved (all fields for a record isosdk did not return). */
  onlyChanges?: boolean
}

export interface SaveRecordOptions extends UpdateRecordOptions {
  /** Upsert by this external id field instead of insert / update. */
  externalIdField?: string
}

/** Fields Salesforce sets itself; an update that sends them is refused, so they are never sent. */
const SYSTEM_FIELDS = ['Id', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted', 'LastActivityDate', 'LastViewedDate', 'LastReferencedDate']

const FIELD = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/

const FETCH_KEYS: OptionKeys<FetchRecordOptions> = { signal: 1, timeout: 1, deadline: 1, fields: 1 }
const UPDATE_KEYS: OptionKeys<UpdateRecordOptions> = { signal: 1, timeout: 1, deadline: 1, onlyChanges: 1 }
const SAVE_KEYS: OptionKeys<SaveRecordOptions> = { signal: 1, timeout: 1, deadline: 1, onlyChanges: 1, externalIdField: 1 }

export function _checkFieldName(name: unknown, context: string, path: string): asserts name is string {
  if (typeof name !== 'string' || !FIELD.test(name)) throw new ValidationError(context, [{ path, message: `not a field API name: ${_describe(name)}` }])
}

export function _checkFields(fields: readonly unknown[] | undefined, context: string): void {
  if (fields === undefined) return
  if (!Array.isArray(fields)) throw new ValidationError(context, [{ path: 'options.fields', message: 'expected an array of field names' }])
  fields.forEach((field, i) => _checkFieldName(field, context, `options.fields[${i}]`))
}

export function _checkId(id: unknown, context: string, path = 'id'): asserts id is string {
  if (!_isRecordId(id)) throw new ValidationError(context, [{ path, message: `not a Salesforce record id (15 or 18 letters and digits): ${_describe(id)}` }])
}

function checkRecord(ref: SObjectRef, record: unknown, context: string): asserts record is Record<string, unknown> {
  const issues = _recordIssues(ref, record, 'record')
  if (issues.length) throw new ValidationError(context, issues)
}

/** The body of a write: the record's fields minus `attributes`, system fields and related records. */
export function _bodyFields(fields: Record<string, unknown>, omit: readonly string[] = []): Record<string, unknown> {
  const out = _writableFields(fields, [...SYSTEM_FIELDS, ...omit])
  for (const [key, value] of Object.entries(out)) {
    // A related record returned by a query (`Owner: { attributes, Name }`) cannot be written.
    if (value && typeof value === 'object' && 'attributes' in value) delete out[key]
  }
  return out
}

/** Whether the record's `Id` field is set (any case). */
function recordId(record: Record<string, unknown>): unknown {
  return record.Id ?? record.id ?? record.ID
}

/**
 * Fetches one record by id (`GET /sobjects/{type}/{id}`). With an `sobject`, only its declared
 * fields are asked for and the record is validated against them.
 *
 * @example
 * const acct = await fetchRecord(sf, Account, '001000000000001AAA')
 * const raw = await fetchRecord(sf, 'Contact', id, { fields: ['Id', 'Email'] })
 */
export async function fetchRecord<T extends SObjectRef>(client: Client<'salesforce'>, type: T, id: string, options: FetchRecordOptions = {}): Promise<RecordOf<T>> {
  checkOptionKeys('fetchRecord', options, FETCH_KEYS)
  _checkRef(type, 'fetchRecord')
  _checkId(id, 'fetchRecord')
  _checkFields(options.fields, 'fetchRecord')
  const fields = options.fields ?? (typeof type === 'string' ? undefined : type.fieldNames)
  const schema = typeof type !== 'string' && !options.fields ? type.schema : RecordSchema
  const record = await client.request({
    operation: 'fetchRecord', template: `/services/data/v{version}/sobjects/${_typeName(type)}/{id}`,
    path: await _dataPath(client, `sobjects/${_typeName(type)}/${id}`),
    query: { fields: fields?.join(',') },
    schema: schema as unknown as v.GenericSchema<unknown, RecordOf<T>>,
    signal: options.signal,
    timeout: options.timeout,
    deadline: options.deadline,
  })
  _markClean(record)
  return record
}

/**
 * Creates one record (`POST /sobjects/{type}`). A record with an `Id` is refused before any request.
 *
 * @example
 * const { id } = await insertRecord(sf, Account, { Name: 'Acme' })
 */
export async function insertRecord<T extends SObjectRef>(client: Client<'salesforce'>, type: T, record: RecordInput<T>, options: CallOptions = {}): Promise<RecordResult> {
  checkOptionKeys('insertRecord', options, CALL_OPTION_KEYS)
  _checkRef(type, 'insertRecord')
  checkRecord(type, record, 'insertRecord')
  if (recordId(record) !== undefined) throw new ValidationError('insertRecord', [{ path: 'record.Id', message: 'an insert cannot set Id (use updateRecord or saveRecord)' }])
  const result = await client.request({
    operation: 'insertRecord', template: `/services/data/v{version}/sobjects/${_typeName(type)}`,
    method: 'POST',
    path: await _dataPath(client, `sobjects/${_typeName(type)}`),
    body: _bodyFields(record),
    schema: SaveResultSchema,
    signal: options.signal,
    timeout: options.timeout,
    deadline: options.deadline,
  })
  return { id: result.id ?? '', success: result.success, errors: result.errors, created: true }
}

/**
 * Updates one record by its `Id` (`PATCH /sobjects/{type}/{id}`). With `onlyChanges`, only the
 * fields changed since it was fetched are sent (and nothing at all when none changed).
 *
 * @example
 * const acct = await fetchRecord(sf, Account, id)
 * acct.Industry = 'Energy'
 * await updateRecord(sf, Account, acct, { onlyChanges: true }) // sends { Industry: 'Energy' }
 */
export async function updateRecord<T extends SObjectRef>(
  client: Client<'salesforce'>,
  type: T,
  record: RecordInput<T> & { Id: string },
  options: UpdateRecordOptions = {},
): Promise<RecordResult> {
  checkOptionKeys('updateRecord', options, UPDATE_KEYS)
  _checkRef(type, 'updateRecord')
  checkRecord(type, record, 'updateRecord')
  const id = recordId(record)
  _checkId(id, 'updateRecord', 'record.Id')
  const body = _bodyFields(options.onlyChanges ? _changedFields(record) : record)
  if (Object.keys(body).length > 0) {
    await client.request({
      operation: 'updateRecord', template: `/services/data/v{version}/sobjects/${_typeName(type)}/{id}`,
      method: 'PATCH',
      path: await _dataPath(client, `sobjects/${_typeName(type)}/${id}`),
      body,
      idempotent: true,
      responseType: 'text',
      signal: options.signal,
      timeout: options.timeout,
      deadline: options.deadline,
    })
  }
  _markClean(record)
  return { id, success: true, errors: [], created: false }
}

/**
 * Inserts or updates one record by an external id field (`PATCH /sobjects/{type}/{field}/{value}`).
 *
 * @example
 * const { id, created } = await upsertRecord(sf, Account, 'External_Id__c', { External_Id__c: 'A-1', Name: 'Acme' })
 */
export async function upsertRecord<T extends SObjectRef>(
  client: Client<'salesforce'>,
  type: T,
  externalIdField: string,
  record: RecordInput<T>,
  options: CallOptions = {},
): Promise<RecordResult> {
  checkOptionKeys('upsertRecord', options, CALL_OPTION_KEYS)
  _checkRef(type, 'upsertRecord')
  _checkFieldName(externalIdField, 'upsertRecord', 'externalIdField')
  checkRecord(type, record, 'upsertRecord')
  const value = _externalValue(record, externalIdField)
  if (value === undefined) throw new ValidationError('upsertRecord', [{ path: `record.${externalIdField}`, message: 'the external id value is required' }])
  if (value === '.' || value === '..') throw new ValidationError('upsertRecord', [{ path: `record.${externalIdField}`, message: `${JSON.stringify(value)} cannot be sent as a path segment` }])
  const response = await client.request<Response>({
    operation: 'upsertRecord', template: `/services/data/v{version}/sobjects/${_typeName(type)}/${externalIdField}/{externalId}`,
    method: 'PATCH',
    path: await _dataPath(client, `sobjects/${_typeName(type)}/${externalIdField}/${encodeSegment(value)}`),
    body: _bodyFields(record, [externalIdField]),
    idempotent: true,
    responseType: 'response',
    signal: options.signal,
    timeout: options.timeout,
    deadline: options.deadline,
  })
  const text = await response.text()
  const parsed = text ? v.parse(SaveResultSchema, parseJson(text)) : undefined
  const id = parsed?.id ?? (typeof recordId(record) === 'string' ? (recordId(record) as string) : '')
  _markClean(record)
  return { id, success: parsed?.success ?? true, errors: parsed?.errors ?? [], created: parsed?.created ?? response.status === 201 }
}

/** The external id value of a record as a path segment, when set. */
export function _externalValue(record: Record<string, unknown>, field: string): string | undefined {
  const value = record[field]
  if (typeof value === 'string' && value !== '') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

/**
 * Deletes one record (`DELETE /sobjects/{type}/{id}`): by type and id, or a fetched record.
 *
 * @example
 * await deleteRecord(sf, Account, '001000000000001AAA')
 * await deleteRecord(sf, acct)
 */
export async function deleteRecord(client: Client<'salesforce'>, type: SObjectRef, id: string, options?: CallOptions): Promise<void>
export async function deleteRecord(client: Client<'salesforce'>, record: SObjectRecord, options?: CallOptions): Promise<void>
export async function deleteRecord(
  client: Client<'salesforce'>,
  typeOrRecord: SObjectRef | SObjectRecord,
  idOrOptions?: string | CallOptions,
  maybeOptions?: CallOptions,
): Promise<void> {
  const [type, id, options] = isRecordArg(typeOrRecord)
    ? [recordType(typeOrRecord, 'deleteRecord'), recordId(typeOrRecord), (idOrOptions ?? {}) as CallOptions]
    : [typeOrRecord, idOrOptions, maybeOptions ?? {}]
  checkOptionKeys('deleteRecord', options, CALL_OPTION_KEYS)
  _checkRef(type, 'deleteRecord')
  _checkId(id, 'deleteRecord', isRecordArg(typeOrRecord) ? 'record.Id' : 'id')
  await client.request({
    operation: 'deleteRecord', template: `/services/data/v{version}/sobjects/${_typeName(type)}/{id}`,
    method: 'DELETE',
    path: await _dataPath(client, `sobjects/${_typeName(type)}/${id}`),
    responseType: 'text',
    signal: options.signal,
    timeout: options.timeout,
    deadline: options.deadline,
  })
}

/**
 * Re-reads a record from Salesforce into the same object (by its `attributes.type` and `Id`) and returns it.
 *
 * @example
 * await reloadRecord(sf, acct) // acct now holds the stored values
 */
export async function reloadRecord<R extends SObjectRecord>(client: Client<'salesforce'>, record: R, options: FetchRecordOptions = {}): Promise<R> {
  checkOptionKeys('reloadRecord', options, FETCH_KEYS)
  const type = recordType(record, 'reloadRecord')
  _checkId(recordId(record), 'reloadRecord', 'record.Id')
  const fresh = await fetchRecord(client, type, recordId(record) as string, options)
  // Own keys only, and never `__proto__` (Object.assign would swap the caller's record prototype).
  for (const key of Object.keys(fresh)) if (key !== '__proto__') (record as Record<string, unknown>)[key] = (fresh as Record<string, unknown>)[key]
  _markClean(record)
  return record
}

/**
 * Saves one record: upsert when `externalIdField` is given, update when it has an `Id`, insert
 * otherwise (then `record.Id` is set). The type comes from `record.attributes.type` or the argument.
 *
 * @example
 * const acct = await fetchRecord(sf, Account, id)
 * acct.Name = 'Acme Corp'
 * await saveRecord(sf, acct, { onlyChanges: true })          // PATCH
 * await saveRecord(sf, Account, { Name: 'New Co' })           // POST
 */
export async function saveRecord(client: Client<'salesforce'>, record: SObjectRecord | (RecordInput<string> & { attributes: { type: string } }), options?: SaveRecordOptions): Promise<RecordResult>
export async function saveRecord<T extends SObjectRef>(client: Client<'salesforce'>, type: T, record: RecordInput<T>, options?: SaveRecordOptions): Promise<RecordResult>
export async function saveRecord(
  client: Client<'salesforce'>,
  typeOrRecord: SObjectRef | Record<string, unknown>,
  recordOrOptions?: Record<string, unknown> | SaveRecordOptions,
  maybeOptions?: SaveRecordOptions,
): Promise<RecordResult> {
  const typed = typeof typeOrRecord === 'string' || (typeOrRecord as { kind?: unknown }).kind === 'sobject'
  const type = typed ? (typeOrRecord as SObjectRef) : recordType(typeOrRecord as Record<string, unknown>, 'saveRecord')
  const record = (typed ? recordOrOptions : typeOrRecord) as Record<string, unknown>
  const options = ((typed ? maybeOptions : recordOrOptions) ?? {}) as SaveRecordOptions
  checkOptionKeys('saveRecord', options, SAVE_KEYS)
  _checkRef(type, 'saveRecord')
  checkRecord(type, record, 'saveRecord')
  if (options.externalIdField !== undefined) {
    const { externalIdField, onlyChanges: _ignored, ...call } = options
    const result = await upsertRecord(client, type, externalIdField, record, call)
    if (result.id && recordId(record) === undefined) record.Id = result.id
    return result
  }
  const { externalIdField: _none, ...update } = options
  if (recordId(record) !== undefined) return updateRecord(client, type, record as RecordInput<SObjectRef> & { Id: string }, update)
  const { onlyChanges: _ignored, ...call } = update
  const result = await insertRecord(client, type, record, call)
  record.Id = result.id
  record.attributes ??= { type: _typeName(type) }
  _markClean(record)
  return result
}

function isRecordArg(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind !== 'sobject'
}

function recordType(record: Record<string, unknown>, context: string): string {
  const type = (record.attributes as { type?: unknown } | undefined)?.type
  if (typeof type !== 'string') throw new ValidationError(context, [{ path: 'record.attributes.type', message: 'the record has no attributes.type; pass the type as an argument' }])
  return type
}
