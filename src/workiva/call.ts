import { encodeSegment } from '../core/path.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { validateInput } from '../core/validate.js'
import type { CallOptions, Client, HttpMethod, QueryValue, RequestOp, StandardSchemaV1 } from '../core/types.js'
import { hostOf } from './hosts.js'

/** A client made by `workiva()`; every Workiva function accepts it (and any plain `createClient` client). */
export type WorkivaClient = Client<'workiva'>

/**
 * One generated operation, as `scripts/generate-workiva.ts` writes it (359 of them). Absent keys
 * take the common case (Platform API, GET, no body); property names survive minification, but
 * they repeat in every spec and gzip stores a repeat in a couple of bytes.
 */
export interface OpSpec {
  /** Which API: absent = Platform (the client's `baseURL`); `chains` or `wdata` use that host. */
  api?: 'chains' | 'wdata'
  /** Absent = GET. */
  method?: Exclude<HttpMethod, 'GET' | 'HEAD'>
  /** Path template, `{name}` replaced by the encoded `params[name]`. */
  path: string
  /** The generated function's name (`getFiles`), for telemetry. */
  operation?: string
  /**
   * Query parameter names as sent; the value comes from `params` under the name without a
   * leading `$` (`$filter` ← `params.filter`). A leading `,` sends an array comma-joined.
   */
  query?: readonly string[]
  /** Header parameter names, read from `params` under the same name. */
  headers?: readonly string[]
  /** Checks `params` before anything is sent. */
  paramsSchema?: StandardSchemaV1
  /** How `params.body` is sent. */
  body?: 'json' | 'form' | 'multipart'
  /** Parses the success body (JSON) when the client validates. */
  responseSchema?: StandardSchemaV1
  /** `blob`: the success body is a file. */
  responseType?: 'blob'
  /** Paging style of a list operation: `@nextLink`/`$next`, JSON:API `links.next`, Chains `data.cursor`, Wdata `cursor`. */
  paging?: 'nextLink' | 'links' | 'chains' | 'wdata'
}

/**
 * Options of a Workiva POST or PATCH function (and, through `LroOptions`, of a long-running
 * one): the call options plus `idempotent`.
 *
 * By default the client retries a POST/PATCH only where the server cannot have acted on it
 * (a 429, a refused connection): after a 5xx or a dropped connection the request may have been
 * applied, so repeating it could apply it twice. `{ idempotent: true }` tells the client that
 * repeating this call is harmless, and it is then retried like a GET (5xx, 408, 429, dropped
 * connections, timeouts), within the client's `retry` limits.
 *
 * @example
 * import { partiallyUpdateFileById } from 'isosdk/workiva'
 *
 * // Setting a name to a fixed value twice is the same as once: safe to retry.
 * await partiallyUpdateFileById(client, { fileId, body: [{ op: 'replace', path: '/name', value: 'Q3 report' }] }, { idempotent: true })
 */
export interface WriteOptions extends CallOptions {
  /**
   * `true` when sending this request twice does no more than sending it once — a JSON Patch
   * `replace` with a fixed value, an update that sets fields rather than adding to them: the
   * client then retries it on a 5xx or a dropped connection as it would a GET. Leave it out for
   * a call that creates something or appends (a `createFile`, a JSON Patch `add` to a list, a
   * `copyFile`): a retry after the server acted would do it twice. Default `false`. PUT and
   * DELETE functions are retried without it.
   *
   * @example
   * await partiallyUpdateOrganizationById(client, { organizationId, body: [{ op: 'replace', path: '/name', value: 'Acme' }] }, { idempotent: true })
   */
  idempotent?: boolean
}

/** `POST /files`: how errors name an operation. @internal */
export function opLabel(o: OpSpec): string {
  return `${o.method ?? 'GET'} ${o.path}`
}

const WRITE_OPTION_KEYS: OptionKeys<WriteOptions> = { signal: 1, timeout: 1, deadline: 1, idempotent: 1 }

/** The params of an operation that takes none. */
export type NoParams = Record<string, never>

/** Params as the runtime reads them (generated functions type them precisely). */
type Params = Record<string, unknown>

/**
 * Builds the `RequestOp` of a generated operation: checks `options` (an unknown key is a
 * `TypeError` naming it) and `params` (a `ValidationError` naming
 * the parameter, nothing sent), fills the path with encoded segments (`.`/`..` refused), and puts query,
 * header and body parameters where the operation says.
 *
 * @example
 * const op = buildRequest(client, { path: '/files/{fileId}' }, { fileId: 'a/b' }, undefined) // op.path === '/files/a%2Fb'
 */
export function buildRequest(client: Client<unknown>, o: OpSpec, input: object | undefined, options: WriteOptions | undefined): RequestOp {
  checkOptionKeys(opLabel(o), options, WRITE_OPTION_KEYS)
  const params = (input ?? {}) as Params
  if (o.paramsSchema) validateInput(o.paramsSchema, params, opLabel(o))
  const query: Record<string, QueryValue> = {}
  for (const entry of o.query ?? []) {
    const comma = entry[0] === ','
    const name = comma ? entry.slice(1) : entry
    const value = params[name[0] === '$' ? name.slice(1) : name] as QueryValue
    query[name] = comma && Array.isArray(value) ? value.join(',') : value
  }
  const headers: Record<string, string> = {}
  for (const name of o.headers ?? []) if (params[name] != null) headers[name] = String(params[name])
  return {
    method: o.method,
    path: (o.api ? hostOf(client, o.api === 'chains' ? 1 : 2) : '') + o.path.replace(/{([^}]+)}/g, (_, name: string) => encodeSegment(String(params[name]))),
    query,
    headers,
    body: encodeBody(o.body, params.body),
    schema: o.responseSchema,
    responseType: o.responseType,
    signal: options?.signal,
    timeout: options?.timeout,
    deadline: options?.deadline,
    idempotent: options?.idempotent,
    operation: o.operation,
    template: o.path,
  }
}

function encodeBody(kind: OpSpec['body'], body: unknown): unknown {
  if (kind === 'form' && body && typeof body === 'object' && !(body instanceof URLSearchParams)) {
    const form = new URLSearchParams()
    for (const [key, value] of Object.entries(body)) if (value != null) form.append(key, String(value))
    return form
  }
  if (kind === 'multipart' && body && typeof body === 'object' && !(body instanceof FormData)) {
    const form = new FormData()
    for (const [key, value] of Object.entries(body)) if (value != null) form.append(key, value instanceof Blob ? value : String(value))
    return form
  }
  return body
}

/**
 * Runs a generated operation: one `client.request`. Rejects (never throws synchronously) with
 * a `ValidationError` when `params` are wrong, before anything is sent. `options.idempotent`
 * lets the client retry a POST/PATCH (see {@link WriteOptions}).
 *
 * @example
 * const file = await callOperation<File>(client, { path: '/files/{fileId}', responseSchema: fileSchema }, { fileId })
 */
export async function callOperation<T>(client: Client<unknown>, o: OpSpec, params?: object, options?: WriteOptions): Promise<T> {
  return client.request(buildRequest(client, o, params, options)) as Promise<T>
}
