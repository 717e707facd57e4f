import { ResponseTooLargeError } from './errors.js'

/** Default `maxResponseBytes`: 64 MiB. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024
/** Error bodies are read to this many bytes; the rest is dropped. */
export const MAX_ERROR_BYTES = 64 * 1024

/**
 * A body's bytes, counted while they arrive: past `limit` the read stops with a
 * `ResponseTooLargeError` (or, with `cut`, returns what fits — for error bodies).
 */
export async function readBytes(response: Response, limit: number, describe: () => string, cut = false): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? NaN)
  // A declared length that fits, on an unencoded body, is held to by the runtime: read it whole.
  const encoded = response.headers.has('content-encoding')
  if (declared <= limit && !encoded) return new Uint8Array(await response.arrayBuffer())
  if (declared > limit && !encoded && !cut) {
    response.body?.cancel().catch(() => undefined)
    throw new ResponseTooLargeError(`${describe()}: the response body is larger than ${limit} bytes (maxResponseBytes)`, { limit })
  }
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (size + value.byteLength > limit) {
      reader.cancel().catch(() => undefined)
      if (!cut) throw new ResponseTooLargeError(`${describe()}: the response body is larger than ${limit} bytes (maxResponseBytes)`, { limit })
      chunks.push(value.subarray(0, limit - size))
      size = limit
      break
    }
    chunks.push(value)
    size += value.byteLength
  }
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(size)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

const decoder = /* @__PURE__ */ new TextDecoder()

/** A body as text, bounded like `readBytes`. */
export async function readText(response: Response, limit: number, describe: () => string, cut = false): Promise<string> {
  return decoder.decode(await readBytes(response, limit, describe, cut))
}
