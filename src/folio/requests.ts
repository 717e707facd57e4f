import { NotFoundError } from '../core/errors.js'
import type { CallOptions, Client, QueryValue } from '../core/types.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { checkKey, checkParams, checkPath, normaliseQuery, parseBody, pick } from './_input.js'

/** Options of `folioGet`. */
export interface FolioGetOptions extends CallOptions {
  /** CQL query, sent as `query=` (`cql\`...\`` builds one safely). A leading `?` or `query=` is dropped. */
  query?: string
  /** Other query parameters (`limit`, `offset`, `lang`, …). */
  params?: Record<string, QueryValue>
}

/** Options of `folioPost` / `folioPut`. */
export interface FolioWriteOptions extends CallOptions {
  params?: Record<string, QueryValue>
  /** Lets the core retry this write after an ambiguous failure (only when the endpoint is idempotent). */
  idempotent?: boolean
}

/** Options of `folioDelete`. */
export interface FolioDeleteOptions extends CallOptions {
  params?: Record<string, QueryValue>
  /** A 404 resolves to `false` instead of throwing `NotFoundError`. */
  missingOk?: boolean
}

const GET_KEYS: OptionKeys<FolioGetOptions> = { signal: 1, timeout: 1, deadline: 1, query: 1, params: 1 }
const WRITE_KEYS: OptionKeys<FolioWriteOptions> = { signal: 1, timeout: 1, deadline: 1, params: 1, idempotent: 1 }
const DELETE_KEYS: OptionKeys<FolioDeleteOptions> = { signal: 1, timeout: 1, deadline: 1, params: 1, missingOk: 1 }

function callOptions(options: CallOptions | undefined): CallOptions {
  const out: CallOptions = {}
  if (options?.signal) out.signal = options.signal
  if (options?.timeout !== undefined) out.timeout = options.timeout
  if (options?.deadline !== undefined) out.deadline = options.deadline
  return out
}

/**
 * `GET` a FOLIO path (FolioClient's `folio_get`): returns the whole JSON body, or `body[key]`
 * when `key` is given (a body without that key throws, so a wrong key such as `"groups"`
 * for `/groups`' `usergroups` is caught at once).
 *
 * @example
 * import { folio, folioGet, cql } from 'isosdk/folio'
 * const users = await folioGet<User[]>(client, '/users', 'users', { query: cql`username==${name}` })
 * const total = await folioGet<number>(client, '/users', 'totalRecords', { params: { limit: 0 } })
 */
export async function folioGet<T = unknown>(
  client: Client<'folio'>,
  path: string,
  key?: string,
  options?: FolioGetOptions,
): Promise<T> {
  checkOptionKeys('folioGet', options, GET_KEYS)
  checkPath('folioGet', path)
  checkKey('folioGet', key, false)
  const query = normaliseQuery('folioGet', options?.query)
  const params = checkParams('folioGet', options?.params)
  const text = await client.request<string>({
    operation: 'folioGet',
    path,
    query: { ...params, ...(query !== undefined && { query }) },
    responseType: 'text',
    ...callOptions(options),
  })
  return pick<T>(parseBody(text), key, `GET ${path}`)
}

/**
 * `POST` a JSON body to a FOLIO path (FolioClient's `folio_post`); resolves to the parsed
 * response (the created record) or `undefined` for an empty one (201/204); a non-JSON body is returned as text. Not retried after
 * an ambiguous failure unless `idempotent: true`.
 *
 * @example
 * const created = await folioPost<User>(client, '/users', { username: 'jdoe', active: true, personal: { lastName: 'Doe' } })
 */
export async function folioPost<T = unknown>(
  client: Client<'folio'>,
  path: string,
  body: unknown,
  options?: FolioWriteOptions,
): Promise<T> {
  return write<T>(client, 'POST', 'folioPost', path, body, options)
}

/**
 * `PUT` a JSON body to a FOLIO path (FolioClient's `folio_put`); FOLIO storage modules answer
 * 204, so this usually resolves to `undefined`.
 *
 * @example
 * await folioPut(client, `/users/${user.id}`, { ...user, active: false })
 */
export async function folioPut<T = unknown>(
  client: Client<'folio'>,
  path: string,
  body: unknown,
  options?: FolioWriteOptions,
): Promise<T> {
  return write<T>(client, 'PUT', 'folioPut', path, body, options)
}

/** A JSON write; the answer parsed (JSON, text, or `undefined` when empty). */
async function write<T>(client: Client<'folio'>, method: 'POST' | 'PUT', name: string, path: string, body: unknown, options?: FolioWriteOptions): Promise<T> {
  checkOptionKeys(name, options, WRITE_KEYS)
  checkPath(name, path)
  const params = checkParams(name, options?.params)
  const text = await client.request<string>({
    operation: name,
    method,
    path,
    body,
    responseType: 'text',
    ...(params && { query: params }),
    ...(options?.idempotent !== undefined && { idempotent: options.idempotent }),
    ...callOptions(options),
  })
  return parseBody(text) as T
}

/**
 * `DELETE` a FOLIO path (FolioClient's `folio_delete`); resolves to `true`. A 404 is reported
 * as `NotFoundError` — FolioClient swallowed it — unless `missingOk: true`, which resolves to `false`.
 *
 * @example
 * await folioDelete(client, `/users/${id}`)
 * const existed = await folioDelete(client, `/users/${id}`, { missingOk: true })
 */
export async function folioDelete(client: Client<'folio'>, path: string, options?: FolioDeleteOptions): Promise<boolean> {
  checkOptionKeys('folioDelete', options, DELETE_KEYS)
  checkPath('folioDelete', path)
  const params = checkParams('folioDelete', options?.params)
  try {
    await client.request<string>({ operation: 'folioDelete', method: 'DELETE', path, responseType: 'text', ...(params && { query: params }), ...callOptions(options) })
    return true
  } catch (error) {
    if (options?.missingOk && error instanceof NotFoundError) return false
    throw error
  }
}
