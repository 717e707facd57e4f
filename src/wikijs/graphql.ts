import { IsoSdkError, parseWith, ValidationError } from '../index.js'
import type { CallOptions, Client, StandardSchemaV1, ValidationIssue } from '../index.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { ForbiddenError, GraphQLError, isForbiddenEntry } from './errors.js'
import { endpoint } from './internal.js'
import type { GraphQLErrorEntry } from './schemas.js'

/** Options of {@link graphql}. */
export interface GraphQLCallOptions extends CallOptions {
  /**
   * Whether the request may be retried after a failure where Wiki.js may have acted. Default:
   * `true` for a document without a `mutation`, `false` for one with.
   */
  idempotent?: boolean
  /** Which operation of a multi-operation document to run. */
  operationName?: string
}

const GRAPHQL_KEYS: OptionKeys<GraphQLCallOptions> = { signal: 1, timeout: 1, deadline: 1, idempotent: 1, operationName: 1 }

/**
 * The input check, by hand: a few `typeof`s weigh less in a bundle than the valibot `pipe`,
 * `check`, `optional` and `custom` they replace. Every bad field is reported, as a valibot object would.
 */
function checkInput(query: unknown, variables: unknown, operationName: unknown): void {
  const issues: ValidationIssue[] = []
  const bad = (path: string, message: string) => issues.push({ path, message })
  if (typeof query !== 'string') bad('query', 'query must be a GraphQL document string')
  else if (query.trim() === '') bad('query', 'query must not be empty')
  if (variables !== undefined && (typeof variables !== 'object' || variables === null || Array.isArray(variables))) bad('variables', 'variables must be an object')
  if (operationName !== undefined && typeof operationName !== 'string') bad('operationName', 'operationName must be a string')
  if (issues.length > 0) throw new ValidationError('graphql', issues)
}

/**
 * Whether a GraphQL document holds a mutation (comments and string literals ignored). One scan
 * from the left, so a `"""` inside a comment cannot open a string that hides a mutation; a
 * document whose strings do not close counts as a mutation (never retried).
 */
export function _isMutation(query: string): boolean {
  let open = false
  const code = query.replace(/#[^\n\r]*|"""(?:\\"""|[\s\S])*?(?:"""|$)|"(?:[^"\\\n\r]|\\.)*(?:"|$)/g, (token) => {
    if (token[0] !== '#' && (token.length < 2 || (token.startsWith('"""') ? token.length < 6 || !token.endsWith('"""') : !token.endsWith('"')))) open = true
    return ' '
  })
  return open || /(^|[^\w$])mutation\b/.test(code)
}

/**
 * Runs any GraphQL document against `POST {url}/graphql` — the escape hatch for everything the
 * module has no function for. GraphQL `errors` in a 200 answer throw a {@link GraphQLError}
 * (a {@link ForbiddenError} when every one is Wiki.js's `Forbidden`) carrying every message and
 * path; HTTP errors map as in the core (`BadRequestError` for a query the schema rejects, …).
 * With `schema` (any Standard Schema), `data` is parsed with it unless the client has `validate: false`.
 *
 * @example
 * import * as v from 'valibot'
 * const Tags = v.object({ pages: v.object({ tags: v.array(v.object({ id: v.number(), tag: v.string() })) }) })
 * const data = await graphql(wiki, '{ pages { tags { id tag } } }', {}, Tags)
 * console.log(data.pages.tags.map((t) => t.tag))
 */
export async function graphql<T = unknown>(
  client: Client<'wikijs'>,
  query: string,
  variables?: Record<string, unknown>,
  schema?: StandardSchemaV1<unknown, T>,
  options: GraphQLCallOptions = {},
): Promise<T> {
  checkOptionKeys('graphql', options, GRAPHQL_KEYS)
  checkInput(query, variables, options.operationName)
  return sendGraphQL(client, query, variables ?? {}, schema, options.idempotent ?? !_isMutation(query), options, options.operationName)
}

/**
 * What {@link graphql} does once its input is checked: send, read the envelope, parse `data`.
 * The module's functions call it with their own documents (valid by construction; whether each
 * may be retried is known), so the input check and the mutation scan stay out of their bundles.
 * Of `options`, only `signal`, `timeout` and `deadline` are read.
 */
export async function sendGraphQL<T>(
  client: Client<'wikijs'>,
  query: string,
  variables: Record<string, unknown>,
  schema: StandardSchemaV1<unknown, T> | undefined,
  idempotent: boolean,
  options: CallOptions = {},
  operationName?: string,
): Promise<T> {
  const body = await client.request<unknown>({
    method: 'POST',
    path: 'graphql',
    body: { query, variables, ...(operationName && { operationName }) },
    idempotent,
    signal: options.signal,
    timeout: options.timeout,
    deadline: options.deadline,
    // For telemetry: the document's operation (`WikiGetPage`); every call is a POST to one endpoint.
    operation: operationName ?? /^\s*(?:query|mutation|subscription)\s+([_A-Za-z]\w*)/.exec(query)?.[1],
  })
  // The `{ data, errors }` envelope, checked by hand: it is the protocol, not a payload, so it is
  // read the same with `validate: false`.
  const context = `POST ${endpoint(client)} response`
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new IsoSdkError(`${context} is not a GraphQL response object`)
  const { data, errors } = body as { data?: unknown; errors?: unknown }
  const entries = (errors ?? []) as GraphQLErrorEntry[]
  if (!Array.isArray(entries)) throw new ValidationError(context, [{ path: 'errors', message: 'must be an array' }])
  entries.forEach((entry: unknown, i) => {
    if (typeof (entry as { message?: unknown } | null)?.message !== 'string') {
      throw new ValidationError(context, [{ path: `errors[${i}].message`, message: 'must be a string' }])
    }
  })
  if (entries.length > 0) throw entries.every(isForbiddenEntry) ? new ForbiddenError(entries, data) : new GraphQLError(entries, data)
  if (data === undefined || data === null) throw new IsoSdkError(`POST ${endpoint(client)} answered without data or errors`)
  if (schema && client.options.validate !== false) return parseWith(schema, data, 'Wiki.js GraphQL data')
  return data as T
}
