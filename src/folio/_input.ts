import { IsoSdkError, ValidationError } from '../core/errors.js'
import { parseJson } from '../core/response.js'
import type { QueryValue } from '../core/types.js'

/** Checks a FOLIO path (`/users`, `users/123`) before any request. */
export function checkPath(context: string, path: unknown): string {
  if (typeof path !== 'string' || path.trim() === '') {
    throw new ValidationError(context, [{ path: 'path', message: 'must be a non-empty string such as "/users"' }])
  }
  return path
}

/** Checks an optional collection key. */
export function checkKey(context: string, key: unknown, required: boolean): string | undefined {
  if (key === undefined && !required) return undefined
  if (typeof key !== 'string' || key === '') {
    throw new ValidationError(context, [{ path: 'key', message: 'must be a non-empty string such as "users"' }])
  }
  return key
}

/**
 * A CQL query as FolioClient accepts it: leading `?` and `query=` are dropped, blank means none.
 * Non-strings are refused.
 */
export function normaliseQuery(context: string, query: unknown): string | undefined {
  if (query === undefined || query === null) return undefined
  if (typeof query !== 'string') throw new ValidationError(context, [{ path: 'query', message: 'must be a CQL string' }])
  const stripped = query.trim().replace(/^\?/, '').replace(/^query=/, '').trim()
  return stripped === '' ? undefined : stripped
}

/** Checks the extra query parameters. */
export function checkParams(context: string, params: unknown): Record<string, QueryValue> | undefined {
  if (params === undefined) return undefined
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    throw new ValidationError(context, [{ path: 'params', message: 'must be an object of query parameters' }])
  }
  for (const [name, value] of Object.entries(params)) {
    const ok =
      value === undefined ||
      value === null ||
      ['string', 'number', 'boolean'].includes(typeof value) ||
      (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number'))
    if (!ok) throw new ValidationError(context, [{ path: `params.${name}`, message: 'must be a string, number, boolean or list' }])
  }
  return params as Record<string, QueryValue>
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** JSON when the text parses, the text itself otherwise (FOLIO answers some calls in `text/plain`), `undefined` when empty. */
export function parseBody(text: string): unknown {
  if (text === '') return undefined
  try {
    return parseJson(text)
  } catch {
    return text
  }
}

/** `body[key]`, or the body itself; a missing key is an error. */
export function pick<T>(body: unknown, key: string | undefined, what: string): T {
  if (key === undefined) return body as T
  if (!isRecord(body) || !(key in body)) {
    const keys = isRecord(body) ? Object.keys(body).join(', ') : typeof body
    throw new IsoSdkError(`${what}: the response has no "${key}" key (found: ${keys || 'nothing'})`)
  }
  return body[key] as T
}
