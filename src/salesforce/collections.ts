import * as v from 'valibot'
import { mapConcurrent } from '../core/concurrent.js'
import { AbortError, IsoSdkError, NetworkError, TimeoutError, ValidationError, type ValidationIssue } from '../core/errors.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { linkSignals } from '../core/signals.js'
import type { CallOptions, Client, Progress } from '../core/types.js'
import { _makeBatches, type Batch } from './batches.js'
import { salesforceErrorCode } from './errors.js'
import { _bodyFields, _checkFields, _externalValue, _checkFieldName } from './records.js'
import type { SaveResult } from './results.js'
import { RecordOrNullListSchema, SaveResultListSchema } from './schemas.js'
import { _checkRef, _describe, _isRecordId, _recordIssues, _typeName, type RecordInput, type RecordOf, type SObjectRef } from './sobject.js'
import { _changedFields, _markClean } from './tracking.js'
import { _dataPath } from './version.js'

/** Options of the list writes. */
export interface ListWriteOptions extends CallOptions {
  /** Records per request, 1–200. Default 200. */
  batchSize?: number
  /** Requests in flight at once. Default 1. */
  concurrency?: number
  /** Per request: roll the whole batch back when one record fails. Default false. */
  allOrNone?: boolean
  /**
   * After each request: records done and failed so far. May be async (that request's slot waits
   * for it); a throw or rejection stops the batches not yet sent and rejects the call.
   */
  onProgress?: (progress: Progress) => void
}

export interface UpdateRecordsOptions extends ListWriteOptions {
  /** Send only the fields changed since each record was fetched; unchanged records are not sent. */
  onlyChanges?: boolean
}

export interface FetchRecordsOptions<T extends SObjectRef> extends CallOptions {
  /** Fields to return. Default: an `sobject`'s declared fields (required for a plain name). */
  fields?: readonly string[]
  /** Ids per request, 1–2000. Default 2000. */
  batchSize?: number
  /** Requests in flight at once. Default 1. */
  concurrency?: number
  /**
   * Called as each request's records arrive. May be async (that request's slot waits for it); a
   * throw or rejection cancels the other requests and rejects the call.
   */
  onChunk?: (records: (RecordOf<T> | null)[], chunk: { index: number; ids: string[] }) => void
}

const LIST_WRITE_KEYS: OptionKeys<ListWriteOptions> = { signal: 1, timeout: 1, deadline: 1, batchSize: 1, concurrency: 1, allOrNone: 1, onProgress: 1 }
const UPDATE_LIST_KEYS: OptionKeys<UpdateRecordsOptions> = { signal: 1, timeout: 1, deadline: 1, batchSize: 1, concurrency: 1, allOrNone: 1, onProgress: 1, onlyChanges: 1 }
const FETCH_LIST_KEYS: OptionKeys<FetchRecordsOptions<SObjectRef>> = { signal: 1, timeout: 1, deadline: 1, fields: 1, batchSize: 1, concurrency: 1, onChunk: 1 }

const MAX_BATCH = 200
const MAX_RETRIEVE = 2000

function checkCount(value: number | undefined, max: number, path: string, context: string): number | undefined {
  if (value === undefined) return undefined
  if (!Number.isInteger(value) || value < 1 || value > max) throw new ValidationError(context, [{ path, message: `expected an integer from 1 to ${max}, got ${value}` }])
  return value
}

function checkListOptions(options: ListWriteOptions, context: string): { batchSize: number; concurrency: number } {
  return {
    batchSize: checkCount(options.batchSize, MAX_BATCH, 'options.batchSize', context) ?? MAX_BATCH,
    concurrency: checkCount(options.concurrency, 1000, 'options.concurrency', context) ?? 1,
  }
}

function checkList(list: unknown, context: string, path: string): asserts list is readonly unknown[] {
  if (!Array.isArray(list)) throw new ValidationError(context, [{ path, message: `expected an array, got ${_describe(list)}` }])
}

/** The type of one record in a list: its own `attributes.type`, else the list's type. */
function recordTypeOf(type: SObjectRef, record: Record<string, unknown>): string {
  const own = (record.attributes as { type?: unknown } | undefined)?.type
  return typeof own === 'string' ? own : _typeName(type)
}

function checkRecords(type: SObjectRef, records: readonly unknown[], context: string, extra?: (record: Record<string, unknown>, path: string) => ValidationIssue[]): void {
  const issues: ValidationIssue[] = []
  records.forEach((record, i) => {
    const path = `records[${i}]`
    const found = _recordIssues(type, record, path)
    if (found.length === 0) {
      const own = (record as { attributes?: { type?: unknown } }).attributes?.type
      if (own !== undefined && (typeof own !== 'string' || !/^[A-Za-z][A-Za-z0-9_]*$/.test(own))) found.push({ path: `${path}.attributes.type`, message: `not an sObject API name: ${_describe(own)}` })
      else if (extra) found.push(...extra(record as Record<string, unknown>, path))
    }
    issues.push(...found)
  })
  if (issues.length) throw new ValidationError(context, issues.slice(0, 20))
}

function idOf(record: Record<string, unknown>): unknown {
  return record.Id ?? record.id ?? record.ID
}

/**
 * A whole request failed: every record it carried gets a failure naming the error. `sent`: the
 * request had started, so a drop, timeout or abort leaves its outcome unknown.
 */
function failedResult(index: number, id: string | null, error: unknown, sent: boolean): SaveResult {
  const err = error instanceof Error ? error : new IsoSdkError(String(error))
  const lost = sent && ((err instanceof NetworkError && !err.connectionRefused) || err instanceof TimeoutError || err instanceof AbortError)
  return {
    index,
    id,
    success: false,
    errors: [{ statusCode: salesforceErrorCode(err) ?? err.name, message: err.message, fields: [] }],
    created: false,
    error: err,
    ...(lost && { indeterminate: true }),
  }
}

type RawResult = v.InferOutput<typeof SaveResultListSchema>[number]

interface BatchRun<T> {
  /** Every item of the caller's list (results have one entry per item). */
  list: readonly T[]
  /** The items to send, with their positions; the others are in `preset`. */
  send: readonly { item: T; index: number }[]
  /** Results decided without a request (e.g. unchanged records under `onlyChanges`). */
  preset?: SaveResult[]
  typeOf: (item: T) => string
  request: (batch: Batch<T>, signal: AbortSignal) => Promise<RawResult[]>
  /** Runs for each successful record. */
  onSuccess?: (result: SaveResult, item: T) => void
  /** The id to report for a record whose request failed. */
  idFor: (item: T) => string | null
}

/**
 * Sends batches with bounded concurrency and assembles one result per record, in input order.
 * A failed request fails only its own records; every success is still reported.
 */
async function runBatches<T>(run: BatchRun<T>, options: ListWriteOptions, limits: { batchSize: number; concurrency: number }): Promise<SaveResult[]> {
  const preset = run.preset ?? []
  const results: SaveResult[] = new Array(run.list.length)
  for (const result of preset) results[result.index] = result
  const batches = _makeBatches(run.send, limits.batchSize, run.typeOf)
  const progress: Progress = { done: preset.length, total: run.list.length, failed: 0 }

  const settle = (batch: Batch<T>, outcome: { raw: RawResult[] } | { error: unknown; sent: boolean }) => {
    batch.items.forEach((item, k) => {
      const index = batch.indices[k]!
      let result: SaveResult
      if ('raw' in outcome) {
        const raw = outcome.raw[k]!
        result = { index, id: raw.id ?? run.idFor(item), success: raw.success, errors: raw.errors, created: raw.created ?? false }
        if (result.success) run.onSuccess?.(result, item)
      } else result = failedResult(index, run.idFor(item), outcome.error, outcome.sent)
      results[index] = result
      progress.done++
      if (!result.success) progress.failed++
    })
  }
  // The caller's onProgress failing ends the call: batches not yet sent are not sent.
  const stop = linkSignals(options.signal)
  let callbackFailure: { reason: unknown } | undefined
  const report = async () => {
    if (!options.onProgress || callbackFailure) return
    try {
      await options.onProgress({ ...progress })
    } catch (reason) {
      callbackFailure = { reason }
      stop.abort(reason)
    }
  }

  const outcomes = await mapConcurrent(
    batches,
    async (batch, _i, signal) => {
      let raw: RawResult[]
      try {
        raw = await run.request(batch, signal)
        if (raw.length !== batch.items.length) throw new IsoSdkError(`Salesforce answered ${raw.length} results for ${batch.items.length} records`)
      } catch (error) {
        settle(batch, { error, sent: true })
        await report()
        throw error
      }
      settle(batch, { raw })
      await report()
    },
    { concurrency: limits.concurrency, signal: stop.signal, settle: true },
  ).finally(() => stop.dispose())
  if (callbackFailure) throw callbackFailure.reason
  // Batches an abort kept from starting: their records fail with the abort's error.
  for (const [b, outcome] of outcomes.entries()) {
    const batch = batches[b]!
    if (outcome.status === 'rejected' && results[batch.indices[0]!] === undefined) {
      settle(batch, { error: outcome.reason, sent: false })
      await report()
    }
  }
  if (callbackFailure) throw (callbackFailure as { reason: unknown }).reason
  return results
}

/**
 * Creates records in batches of up to 200 (`POST /composite/sobjects`), `concurrency` requests at
 * a time. One result per record, in input order; failures (per record, or a whole failed request)
 * never hide successes. Records may carry their own `attributes.type` to mix objects in one list.
 *
 * @example
 * const results = await insertRecords(sf, Account, accounts, { concurrency: 3 })
 * const failed = results.filter((r) => !r.success) // each with its index and errors
 */
export async function insertRecords<T extends SObjectRef>(
  client: Client<'salesforce'>,
  type: T,
  records: readonly RecordInput<T>[],
  options: ListWriteOptions = {},
): Promise<SaveResult[]> {
  checkOptionKeys('insertRecords', options, LIST_WRITE_KEYS)
  _checkRef(type, 'insertRecords')
  checkList(records, 'insertRecords', 'records')
  const limits = checkListOptions(options, 'insertRecords')
  checkRecords(type, records, 'insertRecords', (record, path) =>
    idOf(record) !== undefined ? [{ path: `${path}.Id`, message: 'an insert cannot set Id (use updateRecords or upsertRecords)' }] : [],
  )
  const list = records as readonly Record<string, unknown>[]
  const path = await _dataPath(client, 'composite/sobjects')
  return runBatches(
    {
      list,
      send: list.map((item, index) => ({ item, index })),
      typeOf: (record) => recordTypeOf(type, record),
      request: (batch, signal) =>
        client.request({
          operation: 'insertRecords',
          method: 'POST',
          path,
          body: { allOrNone: options.allOrNone ?? false, records: batch.items.map((r) => ({ attributes: { type: recordTypeOf(type, r) }, ..._bodyFields(r) })) },
          schema: SaveResultListSchema,
          signal,
          timeout: options.timeout,
          deadline: options.deadline,
        }),
      onSuccess: (result) => {
        result.created = true
      },
      idFor: () => null,
    },
    options,
    limits,
  )
}

/**
 * Updates records by `Id` in batches of up to 200 (`PATCH /composite/sobjects`). With
 * `onlyChanges`, each record sends only the fields changed since it was fetched (always with its
 * `Id`), and records with no change are reported as successes without being sent.
 *
 * @example
 * for (const a of accounts) a.Rating = 'Hot'
 * const results = await updateRecords(sf, Account, accounts, { onlyChanges: true, concurrency: 3 })
 */
export async function updateRecords<T extends SObjectRef>(
  client: Client<'salesforce'>,
  type: T,
  records: readonly (RecordInput<T> & { Id: string })[],
  options: UpdateRecordsOptions = {},
): Promise<SaveResult[]> {
  checkOptionKeys('updateRecords', options, UPDATE_LIST_KEYS)
  _checkRef(type, 'updateRecords')
  checkList(records, 'updateRecords', 'records')
  const limits = checkListOptions(options, 'updateRecords')
  checkRecords(type, records, 'updateRecords', (record, path) =>
    _isRecordId(idOf(record)) ? [] : [{ path: `${path}.Id`, message: `an update needs the record's Id, got ${_describe(idOf(record))}` }],
  )
  const list = records as readonly Record<string, unknown>[]
  const preset: SaveResult[] = []
  const send: { item: { record: Record<string, unknown>; fields: Record<string, unknown> }; index: number }[] = []
  list.forEach((record, index) => {
    const fields = _bodyFields(options.onlyChanges ? _changedFields(record) : record)
    if (options.onlyChanges && Object.keys(fields).length === 0) preset.push({ index, id: idOf(record) as string, success: true, errors: [], created: false })
    else send.push({ item: { record, fields }, index })
  })
  const path = await _dataPath(client, 'composite/sobjects')
  const results = await runBatches(
    {
      list: list.map((record) => ({ record, fields: {} })),
      send,
      preset,
      typeOf: ({ record }) => recordTypeOf(type, record),
      request: (batch, signal) =>
        client.request({
          operation: 'updateRecords',
          method: 'PATCH',
          path,
          body: {
            allOrNone: options.allOrNone ?? false,
            records: batch.items.map(({ record, fields }) => ({ attributes: { type: recordTypeOf(type, record) }, id: idOf(record), ...fields })),
          },
          schema: SaveResultListSchema,
          idempotent: true,
          signal,
          timeout: options.timeout,
          deadline: options.deadline,
        }),
      onSuccess: (_result, { record }) => _markClean(record),
      idFor: ({ record }) => idOf(record) as string,
    },
    options,
    limits,
  )
  for (const r of preset) _markClean(list[r.index]!)
  return results
}

/**
 * Inserts or updates records by an external id field in batches of up to 200
 * (`PATCH /composite/sobjects/{type}/{field}`); `created` tells which were new.
 *
 * @example
 * const results = await upsertRecords(sf, Account, 'External_Id__c', rows, { concurrency: 2 })
 */
export async function upsertRecords<T extends SObjectRef>(
  client: Client<'salesforce'>,
  type: T,
  externalIdField: string,
  records: readonly RecordInput<T>[],
  options: ListWriteOptions = {},
): Promise<SaveResult[]> {
  checkOptionKeys('upsertRecords', options, LIST_WRITE_KEYS)
  _checkRef(type, 'upsertRecords')
  _checkFieldName(externalIdField, 'upsertRecords', 'externalIdField')
  checkList(records, 'upsertRecords', 'records')
  const limits = checkListOptions(options, 'upsertRecords')
  const name = _typeName(type)
  checkRecords(type, records, 'upsertRecords', (record, path) => {
    const issues: ValidationIssue[] = []
    if (recordTypeOf(type, record) !== name) issues.push({ path: `${path}.attributes.type`, message: `an upsert list holds one object type (${name})` })
    if (_externalValue(record, externalIdField) === undefined) issues.push({ path: `${path}.${externalIdField}`, message: 'the external id value is required' })
    return issues
  })
  const list = records as readonly Record<string, unknown>[]
  const path = await _dataPath(client, `composite/sobjects/${name}/${externalIdField}`)
  return runBatches(
    {
      list,
      send: list.map((item, index) => ({ item, index })),
      typeOf: () => name,
      request: (batch, signal) =>
        client.request({
          operation: 'upsertRecords',
          method: 'PATCH',
          path,
          body: { allOrNone: options.allOrNone ?? false, records: batch.items.map((r) => ({ attributes: { type: name }, ..._bodyFields(r) })) },
          schema: SaveResultListSchema,
          idempotent: true,
          signal,
          timeout: options.timeout,
          deadline: options.deadline,
        }),
      onSuccess: (_result, record) => _markClean(record),
      idFor: (record) => (_isRecordId(idOf(record)) ? (idOf(record) as string) : null),
    },
    options,
    limits,
  )
}

/**
 * Deletes records by id in batches of up to 200 (`DELETE /composite/sobjects?ids=…`); the ids may
 * belong to different objects.
 *
 * @example
 * const results = await deleteRecords(sf, ids, { concurrency: 2 })
 */
export async function deleteRecords(client: Client<'salesforce'>, ids: readonly string[], options: ListWriteOptions = {}): Promise<SaveResult[]> {
  checkOptionKeys('deleteRecords', options, LIST_WRITE_KEYS)
  checkList(ids, 'deleteRecords', 'ids')
  const limits = checkListOptions(options, 'deleteRecords')
  const issues = ids.flatMap((id, i) => (_isRecordId(id) ? [] : [{ path: `ids[${i}]`, message: `not a Salesforce record id: ${_describe(id)}` }]))
  if (issues.length) throw new ValidationError('deleteRecords', issues.slice(0, 20))
  const path = await _dataPath(client, 'composite/sobjects')
  return runBatches(
    {
      list: ids,
      send: ids.map((item, index) => ({ item, index })),
      // The key prefix (first three characters) names the object: one chunk per run of one prefix.
      typeOf: (id) => id.slice(0, 3),
      request: (batch, signal) =>
        client.request({
          operation: 'deleteRecords',
          method: 'DELETE',
          path,
          query: { ids: batch.items.join(','), allOrNone: options.allOrNone ?? false },
          schema: SaveResultListSchema,
          signal,
          timeout: options.timeout,
          deadline: options.deadline,
        }),
      idFor: (id) => id,
    },
    options,
    limits,
  )
}

/**
 * Fetches records by id through Composite sObject Collections (`POST /composite/sobjects/{type}`,
 * up to 2,000 ids a request, `concurrency` requests at a time). The result holds one entry per id
 * in input order: the record, or `null` where the id matched nothing (never a crash).
 *
 * @example
 * const accounts = await fetchRecords(sf, Account, ids, { concurrency: 5 })
 * const missing = ids.filter((_, i) => accounts[i] === null)
 */
export async function fetchRecords<T extends SObjectRef>(
  client: Client<'salesforce'>,
  type: T,
  ids: readonly string[],
  options: FetchRecordsOptions<T> = {},
): Promise<(RecordOf<T> | null)[]> {
  checkOptionKeys('fetchRecords', options, FETCH_LIST_KEYS)
  _checkRef(type, 'fetchRecords')
  checkList(ids, 'fetchRecords', 'ids')
  _checkFields(options.fields, 'fetchRecords')
  const batchSize = checkCount(options.batchSize, MAX_RETRIEVE, 'options.batchSize', 'fetchRecords') ?? MAX_RETRIEVE
  const concurrency = checkCount(options.concurrency, 1000, 'options.concurrency', 'fetchRecords') ?? 1
  const issues = ids.flatMap((id, i) => (_isRecordId(id) ? [] : [{ path: `ids[${i}]`, message: `not a Salesforce record id: ${_describe(id)}` }]))
  if (issues.length) throw new ValidationError('fetchRecords', issues.slice(0, 20))
  const fields = options.fields ?? (typeof type === 'string' ? undefined : type.fieldNames)
  if (!fields || fields.length === 0) {
    throw new ValidationError('fetchRecords', [{ path: 'options.fields', message: `required for a plain object name (the composite retrieve needs a field list); or _describe ${_typeName(type)} with sobject()` }])
  }
  const schema = (typeof type !== 'string' && !options.fields ? v.array(v.nullable(type.schema)) : RecordOrNullListSchema) as unknown as v.GenericSchema<unknown, (RecordOf<T> | null)[]>
  const chunks: string[][] = []
  for (let i = 0; i < ids.length; i += batchSize) chunks.push(ids.slice(i, i + batchSize))
  const path = await _dataPath(client, `composite/sobjects/${_typeName(type)}`)
  const pages = await mapConcurrent(
    chunks,
    async (chunk, index, signal) => {
      const records = await client.request({
        operation: 'fetchRecords',
        method: 'POST',
        path,
        body: { ids: chunk, fields },
        schema,
        // A read, even though it is a POST: safe to retry.
        idempotent: true,
        signal,
        timeout: options.timeout,
        deadline: options.deadline,
      })
      if (records.length !== chunk.length) throw new IsoSdkError(`Salesforce answered ${records.length} records for ${chunk.length} ids`)
      for (const record of records) if (record) _markClean(record)
      await options.onChunk?.(records, { index, ids: chunk })
      return records
    },
    { concurrency, signal: options.signal },
  )
  return pages.flat()
}
