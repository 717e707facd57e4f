import { IsoSdkError, errorForStatus, type HttpError } from './errors.js'
import { MAX_ERROR_BYTES, readText } from './read.js'
import { retryAfterMs } from './retry.js'
import type { ClientOptions } from './types.js'

const JSON_TYPE = /^application\/(?:[\w!#$%&*.^`~-]*\+)?json\b/i

/** Own `__proto__` keys are dropped so a later `Object.assign` cannot change a prototype. */
function dropProtoKeys(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value
}

/**
 * JSON.parse that never yields a `__proto__` key. The reviver only runs when the text could
 * spell one: literally, or with a `\u` escape (`"\u005f_proto__"`).
 */
export function parseJson(text: string): unknown {
  if (text === '') return undefined
  return text.includes('proto__') || text.includes('\\u') ? JSON.parse(text, dropProtoKeys) : JSON.parse(text)
}

/** A success body that is not read as text: the Response itself, its stream, or a Blob. */
export function readRawBody(response: Response, responseType: 'response' | 'stream' | 'blob'): unknown {
  return responseType === 'response' ? response : responseType === 'stream' ? response.body : response.blob()
}

/** A success body read as text, as asked: the text, or its JSON (an empty body → undefined); throws when JSON does not parse. */
export function decodeText(text: string, response: Response, responseType: 'json' | 'text', method: string, url: () => string): unknown {
  if (responseType === 'text') return text
  try {
    return parseJson(text)
  } catch {
    // No cause: the parser's message quotes the body, which may hold a token.
    const contentType = response.headers.get('content-type')
    const kind = contentType && !JSON_TYPE.test(contentType) ? ` (content-type ${contentType.split(';')[0]})` : ''
    throw new IsoSdkError(`${method} ${url()}: the response is not valid JSON${kind}`)
  }
}

/** Reads an error body (its first 64 KiB): JSON when it parses, text otherwise; never throws. */
export async function readErrorBody(response: Response): Promise<unknown> {
  let text: string
  try {
    text = await readText(response, MAX_ERROR_BYTES, () => '', true)
  } catch {
    return undefined
  }
  try {
    return parseJson(text)
  } catch {
    return text
  }
}

/** The typed error for a non-2xx response, through the service's `mapError` first. */
export function errorFromResponse(
  response: Response,
  body: unknown,
  request: { method: string; url: string },
  mapError: ClientOptions['mapError'],
): Error {
  return mapError?.(response, body, request) ?? httpError(response, body, request)
}

/**
 * The typed error for a response's status, with `retryAfter` from its headers; a service's
 * `mapError` passes its own `message` (the API's error code and text) and keeps the rest.
 */
export function httpError(response: Response, body: unknown, request: { method: string; url: string }, message?: string): HttpError {
  // An undefined `message` or `retryAfter` is the same as none to every error class.
  return errorForStatus({
    status: response.status,
    method: request.method,
    url: request.url,
    body,
    headers: response.headers,
    message,
    retryAfter: retryAfterMs(response.headers),
  })
}
