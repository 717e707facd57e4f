import { OperationFailedError, type HttpError } from '../core/errors.js'
import { httpError } from '../core/response.js'

/**
 * A Workiva long-running operation ended `cancelled`. `operation` is its last state.
 *
 * @example
 * try { await copyFile(client, { fileId, body: { destinationContainer } }, { wait: true }) }
 * catch (error) { if (error instanceof OperationCancelledError) console.log('cancelled by a user') }
 */
export class OperationCancelledError extends OperationFailedError {
  override name = 'OperationCancelledError'
}

/** The code and message of a Workiva error body, whichever of its shapes it has.
 *
 * @example
 * workivaErrorInfo({ code: '404NotFound', message: 'No file' }) // { code: '404NotFound', message: 'No file' }
 */
export function workivaErrorInfo(body: unknown): { code?: string; message?: string } | undefined {
  if (!body || typeof body !== 'object') return undefined
  const b = body as Record<string, unknown>
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join('; ') || undefined : undefined)
  // Platform: { code, message, target, details }; some endpoints nest it as { error: { code, message } }.
  if (b.error && typeof b.error === 'object') {
    const e = b.error as Record<string, unknown>
    return { code: text(e.code), message: text(e.message) }
  }
  // IAM and Chains: { error, error_description }.
  if (typeof b.error === 'string') return { code: b.error, message: text(b.error_description) }
  // Wdata: { code: 400, body: 'message' | ['message', …], details }.
  if (typeof b.code === 'number') return { code: String(b.code), message: text(b.body) ?? text(b.message) }
  if (typeof b.code === 'string' || typeof b.message === 'string') return { code: text(b.code), message: text(b.message) }
  return undefined
}

/**
 * `ClientOptions.mapError` of the Workiva preset: the core's typed error for the status
 * (`NotFoundError`, `RateLimitError`, …) with Workiva's code and message in its text and the
 * whole body on `error.body`. Returns undefined (the core's default) for a body it does not know.
 *
 * @example
 * const client = createClient({ baseURL, mapError: mapWorkivaError }) // 404 → NotFoundError('… 404NotFound: No file')
 */
export function mapWorkivaError(response: Response, body: unknown, request: { method: string; url: string }): HttpError | undefined {
  const info = workivaErrorInfo(body)
  if (!info || (!info.code && !info.message)) return undefined
  const what = [info.code, info.message].filter(Boolean).join(': ')
  return httpError(response, body, request, `${request.method} ${request.url} → ${response.status} ${what}`)
}
