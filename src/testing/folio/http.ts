import { HttpResponse } from 'msw'
import type { FolioRecord } from './state.js'

/** A `text/plain` answer, as most FOLIO modules give for 400/401/403/404/500. */
export function text(status: number, message: string, headers?: HeadersInit): Response {
  const h = new Headers(headers)
  h.set('content-type', 'text/plain; charset=utf-8')
  return new HttpResponse(message, { status, headers: h })
}

/** A RAML Module Builder `errors` body (422 validation failures): `{ errors: [{ message, type, code, parameters: [{ key, value }] }], total_records }`. */
export function fieldErrors(errors: { message: string; key?: string; value?: unknown; code?: string }[]): Response {
  return HttpResponse.json(
    {
      errors: errors.map((e) => ({
        message: e.message,
        type: '1',
        code: e.code ?? '-1',
        parameters: e.key === undefined ? [] : [{ key: e.key, value: e.value === undefined ? null : typeof e.value === 'string' ? e.value : JSON.stringify(e.value) }],
      })),
      total_records: errors.length,
    },
    { status: 422 },
  )
}

/** The request's cookies by name. */
export function requestCookies(request: Request): Map<string, string> {
  const out = new Map<string, string>()
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) out.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim())
  }
  return out
}

/** Reads a JSON object body; a `Response` (400, as FOLIO answers malformed JSON) when it is not one. */
export async function readObject(request: Request): Promise<Record<string, unknown> | Response> {
  let body: unknown
  try {
    body = JSON.parse(await request.text())
  } catch {
    return text(400, 'Json content error')
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return text(400, 'Json content error: an object is expected')
  return body as Record<string, unknown>
}

export function isRecord(value: unknown): value is FolioRecord {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
}
