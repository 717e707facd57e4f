// Helpers shared by the resource functions; not exported from the package.
import { IsoSdkError, NotFoundError, ValidationError } from '../index.js'
import type { Client } from '../index.js'
import { GraphQLError, PageOperationError, type PageOperation } from './errors.js'
import type { ResponseStatus } from './schemas.js'

/** Wiki.js's `PageNotFound` error code. */
export const PAGE_NOT_FOUND_CODE = 6003
const PAGE_NOT_FOUND_MESSAGE = 'This page does not exist.'

/** The GraphQL endpoint of a client, for error reports. */
export function endpoint(client: Client<'wikijs'>): string {
  return `${client.baseURL.replace(/\/$/, '')}/graphql`
}

/**
 * A missing page. Wiki.js answers HTTP 200 with a GraphQL error (or a `responseResult`) there;
 * this module reports it as the core's `NotFoundError` with `status` 404 and the Wiki.js answer as `body`.
 */
export function pageNotFound(client: Client<'wikijs'>, what: string, body: unknown): NotFoundError {
  return new NotFoundError({ status: 404, method: 'POST', url: endpoint(client), body, message: `Wiki.js page ${what} not found` })
}

function exceptionCode(extensions: Record<string, unknown> | undefined): unknown {
  const exception = extensions?.['exception']
  return typeof exception === 'object' && exception !== null ? (exception as Record<string, unknown>)['code'] : undefined
}

/** Whether a GraphQL error is Wiki.js's `PageNotFound` and nothing else. */
export function isPageNotFound(error: unknown): error is GraphQLError {
  return (
    error instanceof GraphQLError &&
    error.errors.every((e) => e.message === PAGE_NOT_FOUND_MESSAGE || exceptionCode(e.extensions) === PAGE_NOT_FOUND_CODE)
  )
}

/** Throws for a mutation's `responseResult` that did not succeed (or is missing). */
export function checkResult(
  client: Client<'wikijs'>,
  operation: PageOperation,
  result: ResponseStatus | null | undefined,
  pageId?: number,
): ResponseStatus {
  if (!result) throw new IsoSdkError(`Wiki.js page ${operation} answered without a responseResult`)
  if (result.succeeded) return result
  if (result.errorCode === PAGE_NOT_FOUND_CODE) throw pageNotFound(client, pageId === undefined ? '' : `${pageId}`, result)
  throw new PageOperationError(operation, result, pageId)
}

/**
 * `PageIdSchema`'s check by hand (the same messages, issue path `id`): every page function takes
 * an id, and valibot's `pipe`/`check` stay out of their bundles.
 */
export function checkPageId(id: unknown, context: string): number {
  const message =
    typeof id !== 'number' || Number.isNaN(id) ? 'must be a number' : !Number.isInteger(id) || id < 1 ? 'must be a positive integer' : undefined
  if (message) throw new ValidationError(context, [{ path: 'id', message }])
  return id as number
}
