// Turns fetch's (input, init) into what undici's dispatcher takes: URL, method, flat headers,
// and a body that can be sent again when a 307/308 redirect asks for it.
import { Readable } from 'node:stream'

/** A request body as undici sends it, plus the content type `fetch` would add for it. */
export interface PreparedBody {
  body: string | Uint8Array | Readable
  contentType?: string
  contentLength?: number
}

export interface PreparedRequest {
  url: URL
  method: string
  /** Lower-case names; several values of one name joined with `, ` as `Headers` does. */
  headers: Record<string, string>
  /** Builds the body for one attempt; `replayable` tells whether it can be built twice. */
  body?: { make(): PreparedBody | Promise<PreparedBody>; replayable: boolean }
  signal?: AbortSignal
  redirect: RequestRedirect
}

/** fetch upper-cases these six methods whatever their case; any other method is sent as written. */
const NORMALISED_METHODS = /* @__PURE__ */ new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'])
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

export function prepareRequest(input: RequestInfo | URL, init: RequestInit | undefined): PreparedRequest {
  const request = typeof input === 'object' && !(input instanceof URL) ? input : undefined
  const url = new URL(request ? request.url : String(input))
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`fetch failed: undiciTransport supports http: and https: URLs only, got ${url.protocol}`)
  }
  if (url.username || url.password) throw new TypeError('Request cannot be constructed from a URL that includes credentials')
  url.hash = ''

  let method = init?.method ?? request?.method ?? 'GET'
  if (!TOKEN.test(method)) throw new TypeError(`'${method}' is not a valid HTTP method`)
  const upper = method.toUpperCase()
  if (NORMALISED_METHODS.has(upper)) method = upper
  if (upper === 'CONNECT' || upper === 'TRACE' || upper === 'TRACK') throw new TypeError(`'${method}' HTTP method is unsupported`)

  const headers = flattenHeaders(init?.headers ?? request?.headers)
  const rawBody = init?.body !== undefined ? init.body : request?.body
  if (rawBody != null && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.')

  const redirect = init?.redirect ?? request?.redirect ?? 'follow'
  if (redirect !== 'follow' && redirect !== 'manual' && redirect !== 'error') throw new TypeError(`Invalid redirect mode: ${String(redirect)}`)
  const signal = init?.signal ?? request?.signal ?? undefined
  return { url, method, headers, body: rawBody == null ? undefined : prepareBody(rawBody), signal, redirect }
}

/** Headers as a plain record: `Headers`, `[name, value][]` or a record, names lower-cased. */
export function flattenHeaders(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  if (!init) return out
  const add = (name: string, value: string) => {
    const key = name.toLowerCase()
    const text = String(value).trim()
    out[key] = key in out ? `${out[key]}, ${text}` : text
  }
  if (init instanceof Headers) init.forEach((value, name) => add(name, value))
  else if (Array.isArray(init) || Symbol.iterator in init) {
    for (const pair of init as Iterable<readonly string[]>) {
      if (pair.length !== 2) throw new TypeError('Headers: each header pair must be [name, value]')
      add(pair[0]!, pair[1]!)
    }
  } else for (const name of Object.keys(init)) add(name, (init as Record<string, string>)[name]!)
  return out
}

function bytesOf(view: ArrayBuffer | ArrayBufferView): Uint8Array {
  return view instanceof ArrayBuffer ? new Uint8Array(view) : new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
}

/** The body kinds `fetch` accepts, with the `Content-Type` it derives from each. */
function prepareBody(body: BodyInit | NodeJS.ReadableStream | AsyncIterable<Uint8Array>): NonNullable<PreparedRequest['body']> {
  if (typeof body === 'string') return { replayable: true, make: () => ({ body, contentType: 'text/plain;charset=UTF-8' }) }
  if (body instanceof URLSearchParams) {
    return { replayable: true, make: () => ({ body: body.toString(), contentType: 'application/x-www-form-urlencoded;charset=UTF-8' }) }
  }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    const bytes = bytesOf(body)
    return { replayable: true, make: () => ({ body: bytes }) }
  }
  if (body instanceof Blob) {
    return {
      replayable: true,
      make: () => ({ body: Readable.fromWeb(body.stream() as import('node:stream/web').ReadableStream), contentType: body.type || undefined, contentLength: body.size }),
    }
  }
  if (body instanceof FormData) {
    // Response serialises FormData as multipart/form-data with a fresh boundary, streamed.
    return {
      replayable: true,
      make: () => {
        const encoded = new Response(body)
        return { body: Readable.fromWeb(encoded.body! as import('node:stream/web').ReadableStream), contentType: encoded.headers.get('content-type') ?? undefined }
      },
    }
  }
  if (body instanceof ReadableStream) {
    return { replayable: false, make: () => ({ body: Readable.fromWeb(body as import('node:stream/web').ReadableStream) }) }
  }
  if (body instanceof Readable) return { replayable: false, make: () => ({ body }) }
  if (typeof (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === 'function') {
    return { replayable: false, make: () => ({ body: Readable.from(body as AsyncIterable<Uint8Array>) }) }
  }
  // fetch turns any other value into a string.
  const text = String(body)
  return { replayable: true, make: () => ({ body: text, contentType: 'text/plain;charset=UTF-8' }) }
}
