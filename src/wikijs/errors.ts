import { IsoSdkError } from '../index.js'
import { redactValue } from '../core/redact.js'
import type { GraphQLErrorEntry, ResponseStatus } from './schemas.js'

const MAX_LISTED = 3

function describe(errors: readonly GraphQLErrorEntry[]): string {
  const listed = errors.slice(0, MAX_LISTED).map((e) => (e.path?.length ? `${e.message} (at ${e.path.join('.')})` : e.message))
  const more = errors.length > MAX_LISTED ? `; and ${errors.length - MAX_LISTED} more` : ''
  return `${listed.join('; ')}${more}`
}

/**
 * Wiki.js answered HTTP 200 with a GraphQL `errors` array. `errors` keeps every entry as sent
 * (`message`, `path`, `locations`, `extensions`); `data` is whatever partial data came with them.
 *
 * @example
 * try {
 *   await graphql(wiki, '{ pages { single(id: 1) { id } } }')
 * } catch (error) {
 *   if (error instanceof GraphQLError) for (const e of error.errors) console.log(e.message, e.path)
 * }
 */
export class GraphQLError extends IsoSdkError {
  override name = 'GraphQLError'
  declare readonly errors: readonly GraphQLErrorEntry[]
  declare readonly data: unknown
  constructor(errors: readonly GraphQLErrorEntry[], data?: unknown, options?: { message?: string; cause?: unknown }) {
    super(options?.message ?? `GraphQL error: ${describe(errors)}`, options)
    // Both echo what the server saw (variables, a key in a message): redacted like an HTTP error's body.
    this.errors = redactValue(errors) as readonly GraphQLErrorEntry[]
    this.data = redactValue(data)
  }
}

/**
 * Every GraphQL error was Wiki.js's `Forbidden` (its `@auth` directive): the key's group lacks the
 * permission, or the key is invalid or expired — Wiki.js then runs the request as Guest instead of
 * answering 401.
 *
 * @example
 * try {
 *   await listPages(wiki)
 * } catch (error) {
 *   if (error instanceof ForbiddenError) console.error('check the API key and its group')
 * }
 */
export class ForbiddenError extends GraphQLError {
  override name = 'ForbiddenError'
}

/** Whether a GraphQL error entry is Wiki.js's `@auth` refusal. */
export function isForbiddenEntry(entry: GraphQLErrorEntry): boolean {
  return entry.message === 'Forbidden'
}

/** The operations whose `responseResult` a {@link PageOperationError} reports. */
export type PageOperation = 'create' | 'update' | 'delete'

/**
 * A page mutation answered `responseResult.succeeded: false`. `errorCode` and `slug` are Wiki.js's
 * (e.g. `6002` / `PageDuplicateCreate`, `6004` / `PageEmptyContent`, `6005` / `PageIllegalPath`).
 *
 * @example
 * try {
 *   await createPage(wiki, { title: 'Home', path: 'home', content: '# Hi' })
 * } catch (error) {
 *   if (error instanceof PageOperationError && error.slug === 'PageDuplicateCreate') console.log('exists already')
 * }
 */
export class PageOperationError extends IsoSdkError {
  override name = 'PageOperationError'
  declare readonly operation: PageOperation
  declare readonly errorCode: number
  declare readonly slug: string
  /** The page id the operation was about, when it had one. */
  declare readonly pageId: number | undefined
  declare readonly responseResult: ResponseStatus
  constructor(operation: PageOperation, result: ResponseStatus, pageId?: number) {
    const target = pageId === undefined ? '' : ` of page ${pageId}`
    super(`Wiki.js page ${operation}${target} failed: ${result.message || result.slug} (${result.slug}, code ${result.errorCode})`)
    this.operation = operation
    this.errorCode = result.errorCode
    this.slug = result.slug
    this.pageId = pageId
    this.responseResult = result
  }
}
