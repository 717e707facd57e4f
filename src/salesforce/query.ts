import { ValidationError } from '../core/errors.js'
import { paginate, paginateLater } from '../core/paginate.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { parseWith } from '../core/validate.js'
import type { CallOptions, Client, PageProgress, Paginated, StandardSchemaV1 } from '../core/types.js'
import { QueryResultSchema } from './schemas.js'
import type { SObjectRecord } from './sobject.js'
import type { Soql } from './soql.js'
import { _markClean } from './tracking.js'
import { _dataPath } from './version.js'

export interface QueryOptions<T> extends CallOptions {
  /** Validates (and types) each record, e.g. a valibot schema. */
  schema?: StandardSchemaV1<unknown, T>
  /** Records per page, 200–2000 (`Sforce-Query-Options: batchSize=`); Salesforce may return more or fewer. */
  batchSize?: number
  /** After each page: pages and records so far. May be async (the next page waits); a throw or rejection rejects the query. */
  onProgress?: (progress: PageProgress) => void
}

const QUERY_KEYS: OptionKeys<QueryOptions<unknown>> = { signal: 1, timeout: 1, deadline: 1, schema: 1, batchSize: 1, onProgress: 1 }
const QUERY_HINTS = {
  limit: 'put LIMIT in the SOQL (soql`SELECT … LIMIT ${n}`), or stop a for await loop early',
  offset: 'put OFFSET in the SOQL, or page with for await',
}

function run<T>(client: Client<'salesforce'>, endpoint: 'query' | 'queryAll', text: string | Soql, options: QueryOptions<T>): Paginated<T> {
  return paginateLater(() => setup(client, endpoint, text, options))
}

function setup<T>(client: Client<'salesforce'>, endpoint: 'query' | 'queryAll', text: string | Soql, options: QueryOptions<T>): Paginated<T> {
  checkOptionKeys(endpoint, options, QUERY_KEYS, QUERY_HINTS)
  const soql = typeof text === 'string' ? text : text?.soql
  if (typeof soql !== 'string' || soql.trim() === '') throw new ValidationError(endpoint, [{ path: 'soql', message: 'expected a SOQL string or a soql`…` query' }])
  const { batchSize } = options
  if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 200 || batchSize > 2000)) {
    throw new ValidationError(endpoint, [{ path: 'options.batchSize', message: `expected an integer from 200 to 2000, got ${batchSize}` }])
  }
  const headers = batchSize ? { 'Sforce-Query-Options': `batchSize=${batchSize}` } : undefined
  return paginate<T, string>(
    async (next, signal) => {
      // `nextRecordsUrl` is an instance-relative path (`/services/data/v63.0/query/01g…-2000`).
      const page = await client.request({
        operation: endpoint,
        path: next ?? (await _dataPath(client, endpoint)),
        // A next-page URL is the server's: refused if it leaves the client's trusted origins.
        link: next !== undefined,
        query: next ? undefined : { q: soql },
        headers,
        schema: QueryResultSchema,
        signal,
        timeout: options.timeout,
        deadline: options.deadline,
      })
      const items: T[] = []
      for (const record of page.records) {
        _markClean(record)
        items.push(options.schema ? await parseWith(options.schema, record, `${endpoint} record`) : (record as T))
      }
      return { items, next: page.done ? undefined : page.nextRecordsUrl }
    },
    { signal: options.signal, onProgress: options.onProgress },
  )
}

/**
 * Runs a SOQL query (`GET /query?q=`) and follows `nextRecordsUrl`: `await` gives every record,
 * `for await` streams them a page at a time. Build the SOQL with `soql` so values are escaped.
 * Nothing is sent until it is awaited or iterated; bad arguments reject there, never at the call.
 *
 * @example
 * const hot = await query(sf, soql`SELECT Id, Name FROM Account WHERE Rating = ${'Hot'}`)
 * for await (const c of query(sf, 'SELECT Id, Email FROM Contact')) console.log(c.Email)
 */
export function query<T = SObjectRecord>(client: Client<'salesforce'>, soql: string | Soql, options: QueryOptions<T> = {}): Paginated<T> {
  return run(client, 'query', soql, options)
}

/**
 * Like {@link query}, including deleted and archived records (`GET /queryAll`).
 *
 * @example
 * const all = await queryAll(sf, soql`SELECT Id, IsDeleted FROM Account WHERE Name = ${name}`)
 */
export function queryAll<T = SObjectRecord>(client: Client<'salesforce'>, soql: string | Soql, options: QueryOptions<T> = {}): Paginated<T> {
  return run(client, 'queryAll', soql, options)
}
