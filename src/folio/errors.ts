import { UnprocessableEntityError, errorForStatus, type FieldError } from '../core/errors.js'
import { retryAfterMs } from '../core/retry.js'

/** One entry of a FOLIO (RAML Module Builder) `errors[]` body. */
export interface FolioErrorEntry {
  message?: string
  type?: string
  code?: string
  parameters?: { key?: string; value?: unknown }[]
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The `errors[]` of a FOLIO error body, or undefined when the body has none. */
function errorEntries(body: unknown): FolioErrorEntry[] | undefined {
  if (!isRecord(body) || !Array.isArray(body.errors)) return undefined
  return body.errors.filter(isRecord) as FolioErrorEntry[]
}

/**
 * Field errors of a FOLIO body: one per `parameters` entry (the field it names), or one per error without parameters.
 *
 * @example
 * folioFieldErrors({ errors: [{ message: 'User with this username already exists', code: '-1', parameters: [{ key: 'username', value: 'jdoe' }] }] })
 * // → [{ message: 'User with this username already exists', field: 'username', code: '-1', value: 'jdoe' }]
 */
export function folioFieldErrors(body: unknown): FieldError[] {
  const out: FieldError[] = []
  for (const entry of errorEntries(body) ?? []) {
    const message = typeof entry.message === 'string' ? entry.message : 'invalid'
    const code = typeof entry.code === 'string' ? entry.code : undefined
    const parameters = Array.isArray(entry.parameters) ? entry.parameters.filter(isRecord) : []
    if (parameters.length === 0) out.push({ message, ...(code !== undefined && { code }) })
    for (const p of parameters) {
      out.push({
        message,
        ...(typeof p.key === 'string' && { field: p.key }),
        ...(code !== undefined && { code }),
        ...(p.value !== undefined && { value: p.value }),
      })
    }
  }
  return out
}

/** The human-readable messages in a FOLIO JSON error body (`errors[].message`, `message`, `errorMessage`). */
function folioMessages(body: unknown): string[] {
  const entries = errorEntries(body)
  if (entries) return entries.map((e) => e.message).filter((m): m is string => typeof m === 'string' && m !== '')
  if (isRecord(body)) {
    for (const key of ['message', 'errorMessage', 'error'] as const) {
      const value = body[key]
      if (typeof value === 'string' && value !== '') return [value]
    }
  }
  return []
}

/**
 * FOLIO's error mapping, used as the preset's `ClientOptions.mapError`: a JSON body with
 * `errors[]` (RAML Module Builder), `message` or `errorMessage` becomes the core's typed error
 * for the status with FOLIO's message, and a 422 a `UnprocessableEntityError` whose `errors`
 * list the fields (`parameters[].key`). Plain-text bodies keep the core's default mapping
 * (the text is in the message and in `error.body`).
 *
 * @example
 * const client = createClient({ baseURL, mapError: folioMapError })
 * try { await folioPost(client, '/users', user) } catch (e) {
 *   if (e instanceof UnprocessableEntityError) console.log(e.errors.map((f) => `${f.field}: ${f.message}`))
 * }
 */
export function folioMapError(
  response: Response,
  body: unknown,
  request: { method: string; url: string },
): Error | undefined {
  const messages = folioMessages(body)
  const fields = folioFieldErrors(body)
  if (messages.length === 0 && fields.length === 0) return undefined
  const retryAfter = retryAfterMs(response.headers)
  const init = {
    status: response.status,
    method: request.method,
    url: request.url,
    body,
    headers: response.headers,
    message: `${request.method} ${request.url} → ${response.status}: ${messages.join('; ') || 'error'}`,
    ...(retryAfter !== undefined && { retryAfter }),
  }
  if (response.status === 422) return new UnprocessableEntityError({ ...init, errors: fields })
  return errorForStatus(init)
}
