import { ResponseTooLargeError } from './errors.js'

/** Default `maxResponseBytes`: 64 MiB. */
export const MAX_RESPONSE_BYTES = 67_108_864
/** Error bodies are read to this many bytes; the rest is dropped. */
export const MAX_ERROR_BYTES = 65_536

/**
 * A body's bytes, counted while they arrive (a declared length can lie, and a compressed one
 * says nothing of the decoded size): past `limit` the read stops with a `ResponseTooLargeError`,
 * or, with `cut` (error bodies), returns what fits.
 */
export async function readBytes(response: Response, limit: number, describe: () => string, cut?: boolean): Promise<Uint8Array<ArrayBuffer>> {
  // A transport with readers of its own (isosdk/node's Response builds its web stream only when
  // `body` is touched: ~15 µs a request on Node 20) reads a body whole when HTTP framing bounds it:
  // a declared length within the limit and no content coding (a coded body may decode to any
  // size). A runtime's own Response keeps the counting reader, which is the cheaper read there.
  const declared = response.headers.get('content-length')
  if (response.arrayBuffer !== Response.prototype.arrayBuffer && declared !== null && /^\d{1,15}$/.test(declared) && +declared <= limit && !response.headers.has('content-encoding')) {
    return new Uint8Array(await response.arrayBuffer())
  }
  const chunks: Uint8Array<ArrayBuffer>[] = []
  let size = 0
  const reader = response.body?.getReader()
  for (let chunk; reader && !(chunk = await reader.read()).done; ) {
    const value = chunk.value as Uint8Array<ArrayBuffer>
    if (size + value.byteLength > limit) {
      reader.cancel().catch(() => undefined)
      if (!cut) throw new ResponseTooLargeError(`${describe()}: the response body is larger than ${limit} bytes (maxResponseBytes)`, { limit })
      chunks.push(value.subarray(0, limit - size))
      break
    }
    chunks.push(value)
    size += value.byteLength
  }
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.byteLength
  }
  return out
}

const decoder = /* @__PURE__ */ new TextDecoder()

/** A body as text, bounded like `readBytes`. */
export async function readText(response: Response, limit: number, describe: () => string, cut?: boolean): Promise<string> {
  return decoder.decode(await readBytes(response, limit, describe, cut))
}
