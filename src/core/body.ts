/** Plain objects and arrays (and anything with `toJSON`) are sent as JSON; everything else as the platform sends it. */
function isJsonBody(body: unknown): body is object {
  if (body === null || typeof body !== 'object') return typeof body === 'number' || typeof body === 'boolean'
  if (Array.isArray(body)) return true
  const proto = Object.getPrototypeOf(body) as object | null
  return proto === Object.prototype || proto === null || typeof (body as { toJSON?: unknown }).toJSON === 'function'
}

/**
 * Turns an operation's body into what `fetch` takes, setting `content-type` (and `accept`) for
 * JSON, or encoding a plain object as a form when the caller set `application/x-www-form-urlencoded`.
 */
export function encodeBody(body: unknown, headers: Headers): BodyInit | undefined {
  if (body === undefined) return undefined
  if (!isJsonBody(body)) return body as BodyInit
  const type = headers.get('content-type')
  if (type?.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(body as Record<string, string>).toString()
  if (!type) headers.set('content-type', 'application/json')
  if (!headers.has('accept')) headers.set('accept', 'application/json')
  return JSON.stringify(body)
}
