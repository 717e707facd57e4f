import { ValidationError } from '../core/errors.js'
import { paginate, paginateLater } from '../core/paginate.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { encodeSegment } from '../core/path.js'
import type { Client, PageProgress, Paginated } from '../core/types.js'
import { parseCsvRecords } from './csv.js'
import { _waitForJob, type JobWaitOptions } from './jobs.js'
import { QueryJobInfoSchema, type QueryJobInfo } from './schemas.js'
import type { Soql } from './soql.js'
import { _dataPath, _serverId } from './version.js'

export interface BulkQueryOptions extends JobWaitOptions<QueryJobInfo> {
  /** `queryAll` includes deleted and archived records. Default `query`. */
  operation?: 'query' | 'queryAll'
  /** Rows per results page (`maxRecords`). Default: as many as Salesforce sends. */
  maxRecords?: number
  /** After each page of rows. May be async (the next page waits); a throw or rejection rejects the query. */
  onPage?: (progress: PageProgress) => void
}

const BULK_QUERY_KEYS: OptionKeys<BulkQueryOptions> = { timeout: 1, interval: 1, signal: 1, onProgress: 1, operation: 1, maxRecords: 1, onPage: 1 }

/**
 * Runs a SOQL query as a Bulk API 2.0 query job: creates it, waits for it with the core's `wait`,
 * then streams the CSV result pages following `Sforce-Locator`. Rows are objects of strings
 * keyed by the selected fields. Nothing runs until the result is awaited or iterated; bad
 * arguments reject there, never at the call.
 *
 * @example
 * for await (const row of bulkQuery(sf, 'SELECT Id, Name FROM Account', { timeout: 600_000 })) console.log(row.Id)
 */
export function bulkQuery(client: Client<'salesforce'>, soql: string | Soql, options: BulkQueryOptions = {}): Paginated<Record<string, string>> {
  return paginateLater(() => setup(client, soql, options))
}

function setup(client: Client<'salesforce'>, soql: string | Soql, options: BulkQueryOptions): Paginated<Record<string, string>> {
  checkOptionKeys('bulkQuery', options, BULK_QUERY_KEYS)
  const text = typeof soql === 'string' ? soql : soql?.soql
  if (typeof text !== 'string' || text.trim() === '') throw new ValidationError('bulkQuery', [{ path: 'soql', message: 'expected a SOQL string or a soql`…` query' }])
  const operation = options.operation ?? 'query'
  if (operation !== 'query' && operation !== 'queryAll') throw new ValidationError('bulkQuery', [{ path: 'options.operation', message: `expected query or queryAll, got ${String(operation)}` }])
  const { maxRecords } = options
  if (maxRecords !== undefined && (!Number.isInteger(maxRecords) || maxRecords < 1)) throw new ValidationError('bulkQuery', [{ path: 'options.maxRecords', message: `expected a positive integer, got ${maxRecords}` }])

  // The cursor is `<results path>\n<locator>`; the first page creates and waits for the job.
  return paginate<Record<string, string>, string>(
    async (cursor, signal) => {
      let resultsPath: string
      let locator: string | undefined
      if (cursor === undefined) {
        const jobsPath = await _dataPath(client, 'jobs/query')
        const job = await client.request({
          operation: 'bulkQuery',
          method: 'POST',
          path: jobsPath,
          body: { operation, query: text, contentType: 'CSV', columnDelimiter: 'COMMA', lineEnding: 'LF' },
          schema: QueryJobInfoSchema,
          signal,
        })
        await _waitForJob(client, `${jobsPath}/${encodeSegment(_serverId(job.id))}`, QueryJobInfoSchema, { ...options, signal: signal ?? options.signal }, 'bulkQuery')
        resultsPath = `${jobsPath}/${encodeSegment(_serverId(job.id))}/results`
      } else {
        const split = cursor.indexOf('\n')
        resultsPath = cursor.slice(0, split)
        locator = cursor.slice(split + 1)
      }
      const response = await client.request<Response>({
        operation: 'bulkQuery',
        path: resultsPath,
        query: { locator, maxRecords },
        headers: { Accept: 'text/csv' },
        responseType: 'response',
        signal,
      })
      const next = response.headers.get('sforce-locator')
      const items = parseCsvRecords(await response.text())
      return { items, next: next && next !== 'null' ? `${resultsPath}\n${next}` : undefined }
    },
    { signal: options.signal, onProgress: options.onPage },
  )
}
