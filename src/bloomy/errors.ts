import { httpError } from '../core/response.js'

/**
 * Bloom Growth's error bodies are ASP.NET's `{ "Message": "…" }` (sometimes with a
 * `MessageDetail`): the error message says that text — `GET …/users/999 → 404: No user with id
 * 999` — instead of the raw JSON. The typed class, `body`, `retryAfter` and headers are the core's.
 *
 * @example
 * const client = createClient({ baseURL: BLOOMY_BASE_URL, mapError: bloomyMapError })
 * // NotFoundError: GET https://app.bloomgrowth.com/api/v1/L10/9 → 404: Meeting not found
 */
export function bloomyMapError(response: Response, body: unknown, request: { method: string; url: string }): Error | undefined {
  const text = messageOf(body)
  return text === undefined ? undefined : httpError(response, body, request, `${request.method} ${request.url} → ${response.status}: ${text}`)
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  const record = body as Record<string, unknown>
  const message = [record.Message, record.message, record.error_description, record.error].find((m): m is string => typeof m === 'string' && m.trim() !== '')
  if (message === undefined) return undefined
  const detail = typeof record.MessageDetail === 'string' && record.MessageDetail.trim() !== '' ? ` (${record.MessageDetail.trim()})` : ''
  return `${message.trim()}${detail}`
}
