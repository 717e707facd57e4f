import { httpError } from '../core/response.js'

/** Salesforce's REST error body: `[{ message, errorCode, fields? }]`. */
interface SalesforceErrorItem {
  message: string
  errorCode: string
  fields?: string[]
}

function firstError(body: unknown): SalesforceErrorItem | undefined {
  const item: unknown = Array.isArray(body) ? body[0] : body
  if (item && typeof item === 'object' && typeof (item as SalesforceErrorItem).errorCode === 'string') return item as SalesforceErrorItem
  return undefined
}

/**
 * The client's `mapError` for Salesforce: the usual typed error for the status, with
 * Salesforce's `errorCode` and message in the error's message (the body stays on `error.body`).
 *
 * @example
 * createClient({ baseURL, mapError: mapSalesforceError })
 */
export function mapSalesforceError(response: Response, body: unknown, request: { method: string; url: string }): Error | undefined {
  const item = firstError(body)
  if (!item) return undefined
  return httpError(response, body, request, `${request.method} ${request.url} → ${response.status} ${item.errorCode}: ${item.message}`)
}

/**
 * The Salesforce `errorCode` of an error thrown by a call (`INVALID_SESSION_ID`, `NOT_FOUND`, …), if any.
 *
 * @example
 * try { await fetchRecord(sf, 'Account', id) } catch (e) { if (salesforceErrorCode(e) === 'NOT_FOUND') … }
 */
export function salesforceErrorCode(error: unknown): string | undefined {
  return firstError((error as { body?: unknown } | undefined)?.body)?.errorCode
}
