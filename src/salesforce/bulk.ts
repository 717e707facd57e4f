import { IsoSdkError, OperationFailedError, ValidationError, type ValidationIssue } from '../core/errors.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { encodeSegment } from '../core/path.js'
import type { Client } from '../core/types.js'
import { formatCsv, parseCsv, parseCsvRecords, _utf8Length } from './csv.js'
import { _waitForJob, type JobWaitOptions } from './jobs.js'
import { _checkFieldName } from './records.js'
import { IngestJobInfoSchema, type IngestJobInfo } from './schemas.js'
import { _checkRef, _describe, _typeName, type SObjectRef } from './sobject.js'
import { _dataPath, _serverId } from './version.js'

export type BulkOperation = 'insert' | 'update' | 'upsert' | 'delete' | 'hardDelete'

export interface BulkIngestParams {
  object: SObjectRef
  operation: BulkOperation
  /** Required for `upsert`. */
  externalIdFieldName?: string
  /** Records to load (turned into CSV: `null` clears a field as `#N/A`, `undefined` leaves it). */
  records?: readonly Record<string, unknown>[]
  /** Or CSV text with a header row (comma-delimited). */
  csv?: string
  assignmentRuleId?: string
}

export interface BulkIngestOptions extends JobWaitOptions<IngestJobInfo> {
  /** Bytes of CSV per job; more data is split over several jobs. At most (and default) 100 MB, Salesforce's advice for its 150 MB limit. */
  maxBytesPerJob?: number
}

/** A row Salesforce processed: the new or changed record's id and the row as uploaded. */
export interface BulkSuccess {
  id: string
  created: boolean
  record: Record<string, string>
}

/** A row Salesforce refused: its error (`REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:--`) and the row. */
export interface BulkFailure {
  id: string | null
  error: string
  record: Record<string, string>
}

export interface BulkIngestResult {
  /** The (first) job, as last reported. */
  job: IngestJobInfo
  /** Every job the data needed (one per ≤ 100 MB of CSV). */
  jobs: IngestJobInfo[]
  successful: BulkSuccess[]
  failed: BulkFailure[]
  /** Rows no job got to (an aborted or failed job). */
  unprocessed: Record<string, string>[]
}

const INGEST_KEYS: OptionKeys<BulkIngestOptions> = { timeout: 1, interval: 1, signal: 1, onProgress: 1, maxBytesPerJob: 1 }

const OPERATIONS: readonly BulkOperation[] = ['insert', 'update', 'upsert', 'delete', 'hardDelete']
const MAX_BYTES = 100_000_000

function cell(value: unknown, path: string, issues: ValidationIssue[]): string {
  if (value === undefined) return ''
  if (value === null) return '#N/A'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString()
  issues.push({ path, message: `a CSV cell cannot hold ${_describe(value)}` })
  return ''
}

/** Records → CSV lines (header first), checked before any request. */
function recordsToLines(records: readonly Record<string, unknown>[], operation: BulkOperation): string[] {
  const issues: ValidationIssue[] = []
  const columns: string[] = []
  const seen = new Set<string>()
  records.forEach((record, i) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      issues.push({ path: `records[${i}]`, message: `expected a record object, got ${_describe(record)}` })
      return
    }
    if (operation === 'delete' || operation === 'hardDelete') {
      if (typeof record.Id !== 'string') issues.push({ path: `records[${i}].Id`, message: 'a delete needs the record Id' })
      return
    }
    if (operation === 'update' && typeof record.Id !== 'string') issues.push({ path: `records[${i}].Id`, message: 'an update needs the record Id' })
    for (const key of Object.keys(record)) {
      if (key === 'attributes' || seen.has(key)) continue
      seen.add(key)
      columns.push(key)
    }
  })
  if (operation === 'delete' || operation === 'hardDelete') columns.push('Id')
  const lines = [formatCsv([columns])]
  records.forEach((record, i) => {
    if (typeof record !== 'object' || record === null) return
    lines.push(formatCsv([columns.map((column) => cell(record[column], `records[${i}].${column}`, issues))]))
  })
  if (issues.length) throw new ValidationError('bulkIngest', issues.slice(0, 20))
  return lines
}

/** CSV text → lines (header first), each a whole row even when quoted fields hold line breaks. */
function csvToLines(csv: string): string[] {
  const rows = parseCsv(csv)
  if (rows.length === 0 || rows[0]!.every((name) => name === '')) throw new ValidationError('bulkIngest', [{ path: 'params.csv', message: 'the CSV needs a header row' }])
  return rows.map((row) => formatCsv([row]))
}

/** Groups lines into CSV documents of at most `max` bytes, each starting with the header. */
function splitLines(lines: string[], max: number): string[] {
  const [header, ...rows] = lines
  const headerBytes = _utf8Length(header!)
  const parts: string[] = []
  let part: string[] = [header!]
  let bytes = headerBytes
  rows.forEach((row, i) => {
    const size = _utf8Length(row)
    if (headerBytes + size > max) throw new ValidationError('bulkIngest', [{ path: `records[${i}]`, message: `one row is larger than ${max} bytes` }])
    if (bytes + size > max) {
      parts.push(part.join(''))
      part = [header!]
      bytes = headerBytes
    }
    part.push(row)
    bytes += size
  })
  if (part.length > 1 || parts.length === 0) parts.push(part.join(''))
  return parts
}

function checkParams(params: BulkIngestParams, options: BulkIngestOptions): { max: number } {
  if (!params || typeof params !== 'object') throw new ValidationError('bulkIngest', [{ path: 'params', message: 'expected { object, operation, records | csv }' }])
  _checkRef(params.object, 'bulkIngest', 'params.object')
  if (!OPERATIONS.includes(params.operation)) throw new ValidationError('bulkIngest', [{ path: 'params.operation', message: `expected one of ${OPERATIONS.join(', ')}, got ${_describe(params.operation)}` }])
  if (params.operation === 'upsert' || params.externalIdFieldName !== undefined) {
    if (params.externalIdFieldName === undefined) throw new ValidationError('bulkIngest', [{ path: 'params.externalIdFieldName', message: 'required for an upsert' }])
    _checkFieldName(params.externalIdFieldName, 'bulkIngest', 'params.externalIdFieldName')
  }
  if ((params.records === undefined) === (params.csv === undefined)) throw new ValidationError('bulkIngest', [{ path: 'params.records', message: 'give either records or csv' }])
  if (params.records !== undefined && !Array.isArray(params.records)) throw new ValidationError('bulkIngest', [{ path: 'params.records', message: `expected an array, got ${_describe(params.records)}` }])
  if (params.csv !== undefined && typeof params.csv !== 'string') throw new ValidationError('bulkIngest', [{ path: 'params.csv', message: `expected CSV text, got ${_describe(params.csv)}` }])
  const max = options.maxBytesPerJob ?? MAX_BYTES
  if (!Number.isInteger(max) || max < 64 || max > MAX_BYTES) throw new ValidationError('bulkIngest', [{ path: 'options.maxBytesPerJob', message: `expected an integer from 64 to ${MAX_BYTES}` }])
  return { max }
}

/** GETs one result CSV of a job, parsed. */
async function results(client: Client<'salesforce'>, base: string, name: string, signal?: AbortSignal): Promise<Record<string, string>[]> {
  const text = await client.request<string>({ operation: 'bulkIngest', path: `${base}/${name}/`, headers: { Accept: 'text/csv' }, responseType: 'text', signal })
  return parseCsvRecords(text ?? '')
}

async function collect(client: Client<'salesforce'>, base: string, into: Omit<BulkIngestResult, 'job' | 'jobs'>, signal?: AbortSignal): Promise<void> {
  const [ok, bad, rest] = await Promise.all([
    results(client, base, 'successfulResults', signal),
    results(client, base, 'failedResults', signal),
    results(client, base, 'unprocessedrecords', signal),
  ])
  for (const { sf__Id, sf__Created, ...record } of ok) into.successful.push({ id: sf__Id ?? '', created: sf__Created === 'true', record })
  for (const { sf__Id, sf__Error, ...record } of bad) into.failed.push({ id: sf__Id ? sf__Id : null, error: sf__Error ?? '', record })
  into.unprocessed.push(...rest)
}

/**
 * Loads records with Bulk API 2.0: creates an ingest job, uploads the CSV, closes the job, polls it
 * with the core's `wait` until it completes, and returns the rows parsed from the result CSVs.
 * Data over 100 MB is split over several jobs (Salesforce accepts one upload per job). A `Failed`
 * or `Aborted` job rejects with an `OperationFailedError` whose `operation` is the job and whose
 * `details` hold the rows processed so far.
 *
 * @example
 * const { successful, failed } = await bulkIngest(sf, { object: 'Account', operation: 'insert', records }, { timeout: 600_000 })
 * for (const f of failed) console.log(f.error, f.record.Name)
 */
export async function bulkIngest(client: Client<'salesforce'>, params: BulkIngestParams, options: BulkIngestOptions = {}): Promise<BulkIngestResult> {
  checkOptionKeys('bulkIngest', options, INGEST_KEYS)
  const { max } = checkParams(params, options)
  const lines = params.records ? recordsToLines(params.records, params.operation) : csvToLines(params.csv!)
  const parts = splitLines(lines, max)
  const jobsPath = await _dataPath(client, 'jobs/ingest')
  const out: Omit<BulkIngestResult, 'job' | 'jobs'> = { successful: [], failed: [], unprocessed: [] }
  const jobs: IngestJobInfo[] = []
  const { signal } = options

  for (const csv of parts) {
    let job = await client.request({
      operation: 'bulkIngest',
      method: 'POST',
      path: jobsPath,
      body: {
        object: _typeName(params.object),
        operation: params.operation,
        contentType: 'CSV',
        columnDelimiter: 'COMMA',
        lineEnding: 'LF',
        ...(params.externalIdFieldName && { externalIdFieldName: params.externalIdFieldName }),
        ...(params.assignmentRuleId && { assignmentRuleId: params.assignmentRuleId }),
      },
      schema: IngestJobInfoSchema,
      signal,
    })
    jobs.push(job)
    // The id is the server's: one path segment, whatever it holds.
    const base = `${jobsPath}/${encodeSegment(_serverId(job.id))}`
    try {
      // `contentUrl` is instance-relative without a leading slash (`services/data/v63.0/jobs/ingest/750…/batches`).
      // A server-given link: refused (not sent, rows included) if it leaves the client's trusted origins.
      const upload = job.contentUrl ? (/^[/\\]/.test(job.contentUrl) ? job.contentUrl : `/${job.contentUrl}`) : `${base}/batches`
      await client.request({ operation: 'bulkIngest', method: 'PUT', path: upload, link: true, body: csv, headers: { 'Content-Type': 'text/csv', Accept: 'application/json' }, responseType: 'text', signal })
      job = await client.request({ operation: 'bulkIngest', method: 'PATCH', path: base, body: { state: 'UploadComplete' }, schema: IngestJobInfoSchema, idempotent: true, signal })
      jobs[jobs.length - 1] = job
      job = await _waitForJob(client, base, IngestJobInfoSchema, options, 'bulkIngest')
      jobs[jobs.length - 1] = job
    } catch (error) {
      if (error instanceof OperationFailedError) {
        jobs[jobs.length - 1] = error.operation as IngestJobInfo
        await collect(client, base, out, signal).catch(() => undefined)
        throw new OperationFailedError(error.message, { operation: error.operation, details: { ...out, jobs }, cause: error })
      }
      if (signal?.aborted && job.state !== 'JobComplete') {
        // The caller gave up: stop the job too (best effort), so it does not load data nobody waits for.
        await client.request({ operation: 'bulkIngest', method: 'PATCH', path: base, body: { state: 'Aborted' }, responseType: 'text' }).catch(() => undefined)
      }
      throw error
    }
    await collect(client, base, out, signal)
  }
  if (!jobs[0]) throw new IsoSdkError('bulkIngest: no job was created')
  return { job: jobs[0], jobs, ...out }
}
