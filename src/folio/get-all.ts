import { IsoSdkError, ValidationError } from '../core/errors.js'
import { paginate, paginateLater } from '../core/paginate.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import type { Client, Page, Paginated, QueryValue } from '../core/types.js'
import { checkKey, checkParams, checkPath, isRecord, normaliseQuery } from './_input.js'
import { ALL_RECORDS, keysetQuery, sortsById, splitSortBy } from './_keyset.js'

/** Progress of `folioGetAll`: pages and records so far, and FOLIO's `totalRecords` of the first page (an estimate on big result sets). */
export interface FolioGetAllProgress {
  pages: number
  items: number
  total: number | undefined
}

/** Options of `folioGetAll`. */
export interface FolioGetAllOptions {
  /** CQL query; none means every record (`cql.allRecords=1`). */
  query?: string
  /** Records per request. Default 100. */
  limit?: number
  /**
   * `auto` (default): id-keyset paging (`sortBy id`, then `id>"<last id>"`) when there is no query
   * or the query sorts by `id` — stable while records change and fast at any depth; offset paging
   * otherwise. `id` also pages a query without `sortBy` by id (it adds `sortBy id`; the endpoint
   * must support sorting by id); `offset` forces offsets.
   */
  paging?: 'auto' | 'id' | 'offset'
  /** Other query parameters sent with every page. */
  params?: Record<string, QueryValue>
  signal?: AbortSignal
  /** ms per request. */
  timeout?: number
  /** Called after each page; may be async (the next page waits for it). A throw or rejection rejects the listing. */
  onProgress?: (progress: FolioGetAllProgress) => void
}

const GET_ALL_KEYS: OptionKeys<FolioGetAllOptions> = { query: 1, limit: 1, paging: 1, params: 1, signal: 1, timeout: 1, onProgress: 1 }
const GET_ALL_HINTS = {
  offset: 'folioGetAll pages by itself; use folioGet with params: { offset, limit } for one page',
  deadline: 'folioGetAll takes a per-request timeout; end the whole listing with signal: AbortSignal.timeout(ms)',
}

const MAX_LIMIT = 2_147_483_647

interface Plan {
  mode: 'id' | 'offset'
  /** For id paging: the search clause; for offset paging: the whole query. */
  query: string
}

function plan(query: string | undefined, paging: 'auto' | 'id' | 'offset'): Plan {
  const { where, sortKeys } = splitSortBy(query ?? '')
  const id = { mode: 'id', query: where === '' ? ALL_RECORDS : where } as const
  const offset = { mode: 'offset', query: query ?? ALL_RECORDS } as const
  if (paging === 'offset') return offset
  if (paging === 'id') {
    if (sortKeys.length === 0 || sortsById(sortKeys)) return id
    throw new ValidationError('folioGetAll', [{ path: 'query', message: 'id paging needs a query without sortBy, or sorted by id' }])
  }
  // auto: FolioClient's rule, the right way round — no query, or a query sorted by id.
  return query === undefined || sortsById(sortKeys) ? id : offset
}

/**
 * Every record of a FOLIO collection (FolioClient's `folio_get_all`) as a `Paginated<T>`:
 * `await` gives all records, `for await` streams them one page in memory at a time,
 * `.pages()` streams pages. Pages by id (`sortBy id` + `id>"<last id>"`) when there is no query
 * or it sorts by id — FolioClient's rule, which its async variant had inverted — and by
 * `offset` otherwise; stops at the first short page. Nothing is fetched until awaited or iterated;
 * bad arguments reject there (never at the call).
 *
 * @example
 * import { folioGetAll, cql } from 'isosdk/folio'
 * for await (const user of folioGetAll<User>(client, '/users', 'users')) console.log(user.username)
 * const staff = await folioGetAll<User>(client, '/users', 'users', { query: cql`patronGroup==${staffId}`, limit: 500 })
 */
export function folioGetAll<T = Record<string, unknown>>(
  client: Client<'folio'>,
  path: string,
  key: string,
  options: FolioGetAllOptions = {},
): Paginated<T> {
  return paginateLater(() => getAll<T>(client, path, key, options))
}

function getAll<T>(client: Client<'folio'>, path: string, key: string, options: FolioGetAllOptions): Paginated<T> {
  checkOptionKeys('folioGetAll', options, GET_ALL_KEYS, GET_ALL_HINTS)
  checkPath('folioGetAll', path)
  checkKey('folioGetAll', key, true)
  const query = normaliseQuery('folioGetAll', options.query)
  const params = checkParams('folioGetAll', options.params)
  const limit = options.limit ?? 100
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ValidationError('folioGetAll', [{ path: 'limit', message: `must be an integer from 1 to ${MAX_LIMIT}` }])
  }
  const paging = options.paging ?? 'auto'
  if (!['auto', 'id', 'offset'].includes(paging)) {
    throw new ValidationError('folioGetAll', [{ path: 'paging', message: 'must be "auto", "id" or "offset"' }])
  }
  const { mode, query: base } = plan(query, paging)
  let total: number | undefined

  async function fetchPage(cursor: string | number | undefined, signal?: AbortSignal): Promise<Page<T, string | number>> {
    const pageQuery = mode === 'id' ? keysetQuery(base, cursor as string | undefined) : base
    const offset = mode === 'offset' ? ((cursor as number | undefined) ?? 0) : undefined
    const body = await client.request<unknown>({
      operation: 'folioGetAll',
      path,
      query: { ...params, query: pageQuery, limit, ...(offset !== undefined && { offset }) },
      ...(signal && { signal }),
      ...(options.timeout !== undefined && { timeout: options.timeout }),
    })
    if (!isRecord(body) || !Array.isArray(body[key])) {
      throw new IsoSdkError(`GET ${path}: the response has no "${key}" list (found: ${isRecord(body) ? Object.keys(body).join(', ') : typeof body})`)
    }
    const items = body[key] as T[]
    if (cursor === undefined && typeof body.totalRecords === 'number') total = body.totalRecords
    if (items.length < limit) return { items }
    if (mode === 'offset') return { items, next: (offset ?? 0) + items.length }
    const last: unknown = items[items.length - 1]
    const id = isRecord(last) ? last.id : undefined
    if (typeof id !== 'string' || id === '') {
      throw new IsoSdkError(`GET ${path}: records have no "id" to page by; pass paging: 'offset'`)
    }
    return { items, next: id }
  }

  const onProgress = options.onProgress
  return paginate<T, string | number>(fetchPage, {
    ...(options.signal && { signal: options.signal }),
    ...(onProgress && { onProgress: (p) => onProgress({ ...p, total }) }),
  })
}
