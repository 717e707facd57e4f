/**
 * `serve()`: the same msw handlers a test uses in process, served over a real HTTP server on
 * loopback, so a browser page, workerd, Deno or Bun can call the fakes. Node-only by design
 * (the one file under `src/testing/` that imports Node built-ins).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getResponse, type RequestHandler } from 'msw'
import { _addCorsHeaders, _isAllowedOrigin, _isPreflight, _preflightHeaders } from './cors.js'

/** One request the server answered, as {@link ServeOptions.onRequest} sees it. */
export interface ServedRequest {
  method: string
  /** Path and query string, as received. */
  path: string
  /** The status sent; `0` when the connection was dropped (a fault or `HttpResponse.error()`). */
  status: number
  /** ms from the request's arrival to the end of the answer. */
  ms: number
}

/** Options of {@link serve}. */
export interface ServeOptions {
  /** TCP port; `0` (default) picks a free one. */
  port?: number
  /** Loopback address to bind: `127.0.0.1` (default), another `127.x.y.z`, `::1` or `localhost`. */
  host?: string
  /**
   * Web origins besides loopback ones (`http://127.0.0.1:*`, `http://localhost:*`, `http://[::1]:*`)
   * whose pages may call the server, e.g. `['https://app.example.test']` (exact origins).
   * A request whose `Origin` is neither is refused with 403 and gets no CORS headers.
   */
  origins?: readonly string[]
  /** Called once per answered (or dropped) request, e.g. to log it; a throwing callback is ignored. */
  onRequest?: (request: ServedRequest) => void
}

/** A running loopback fake server; close it (or `await using` it) when done. */
export interface ServedFake {
  /** Origin of the server, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string
  /** The bound port. */
  readonly port: number
  /** Stops listening and destroys every connection, idle or busy; resolves when the server is closed. Safe to call twice. */
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

/** Response header a handler may set to make the server drop the connection instead of answering. */
const DROP_HEADER = 'x-fake-drop'

/** Hop-by-hop headers: meaningful to one connection only, never forwarded. */
const HOP_BY_HOP = /* @__PURE__ */ new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
])

/**
 * Serves msw request handlers over a real HTTP server on loopback.
 *
 * Each incoming request becomes a WHATWG `Request` for `http://HOST:PORT/path?query` (method,
 * headers and body kept; the body is read in full first) and is answered with msw's
 * `getResponse(handlers, request)`; relative handler paths resolve against the server's origin.
 * - No handler answers (or a handler calls `passthrough()`): `404 { error: 'no fake handler for METHOD /path' }`.
 * - A handler throws: `500 { error: 'fake handler threw: …' }` (a thrown `Response` is sent as is).
 * - A handler returns `HttpResponse.error()` (or a response with the header `x-fake-drop: 1`):
 *   the socket is destroyed without an answer, so the client sees a network error, exactly as
 *   msw's `setupServer` makes `fetch` reject in process.
 * - CORS, for pages on loopback origins (and `options.origins`): a preflight (`OPTIONS` with
 *   `Origin` and `Access-Control-Request-Method`) is answered here with 204, echoing the origin and
 *   the requested headers; every other response gets `Access-Control-Allow-Origin` (the request's
 *   `Origin`, or `*` without one), `Access-Control-Allow-Credentials: true` (with an `Origin` only)
 *   and `Access-Control-Expose-Headers` (Location, Retry-After, Sforce-Limit-Info, Sforce-Locator,
 *   x-okapi-token, X-Request-Id, Link, plus every other header the response carries; never Set-Cookie).
 *   A request from any other web origin is answered `403` without CORS headers, so a web page
 *   cannot drive a running fake.
 * - Response bodies are streamed with backpressure; several `Set-Cookie` headers stay separate.
 * - When the client goes away, the handler's `request.signal` aborts.
 *
 * Binds loopback only; any other `host` throws a `TypeError`.
 *
 * @example
 * ```ts
 * import { http, HttpResponse } from 'msw'
 * import { serve } from 'isosdk/testing'
 *
 * // Fakes match any origin ('*' + '/path'); a relative path matches this server's origin.
 * await using server = await serve([
 *   http.get('/hello', () => HttpResponse.json({ hello: 'world' })),
 * ])
 * const res = await fetch(`${server.url}/hello`)
 * console.log(await res.json()) // { hello: 'world' }
 * ```
 */
export async function serve(
  handlers: readonly RequestHandler[],
  options: ServeOptions = {},
): Promise<ServedFake> {
  if (!Array.isArray(handlers)) throw new TypeError('serve: handlers must be an array of msw request handlers')
  const host = options.host ?? '127.0.0.1'
  if (typeof host !== 'string' || !isLoopback(host)) {
    throw new TypeError(`serve: options.host must be a loopback address (127.0.0.1, ::1 or localhost), got ${String(host)}`)
  }
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`serve: options.port must be an integer from 0 to 65535, got ${String(port)}`)
  }
  const origins = checkOrigins(options.origins)
  const onRequest = options.onRequest
  if (onRequest !== undefined && typeof onRequest !== 'function') throw new TypeError('serve: options.onRequest must be a function')

  const list = [...handlers]
  const inFlight = new Set<AbortController>()
  let origin = ''
  const server = createServer((req, res) => {
    const started = Date.now()
    if (onRequest) {
      res.once('close', () => {
        try {
          onRequest({ method: req.method ?? 'GET', path: req.url ?? '/', status: res.headersSent ? res.statusCode : 0, ms: Date.now() - started })
        } catch {
          // A logger's failure must not break the server.
        }
      })
    }
    handle(list, origin, origins, inFlight, req, res).catch((error: unknown) => {
      // Last resort (e.g. writing to a socket that just broke): never leave the client waiting.
      req.socket.destroy(error instanceof Error ? error : undefined)
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const bound = (server.address() as AddressInfo).port
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`

  let closing: Promise<void> | undefined
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
      for (const controller of inFlight) controller.abort()
    })
    return closing
  }
  return { url: origin, port: bound, close, [Symbol.asyncDispose]: close }
}

function checkOrigins(origins: readonly string[] | undefined): readonly string[] {
  if (origins === undefined) return []
  if (!Array.isArray(origins)) throw new TypeError('serve: options.origins must be an array of origins')
  for (const item of origins as unknown[]) {
    let exact = false
    try {
      exact = typeof item === 'string' && new URL(item).origin === item
    } catch {
      exact = false
    }
    if (!exact) throw new TypeError(`serve: options.origins must hold origins like https://app.example.test (no path, no trailing slash), got ${JSON.stringify(item)}`)
  }
  return [...origins]
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true
  const parts = host.split('.')
  return (
    parts.length === 4 &&
    parts[0] === '127' &&
    parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)
  )
}

/** Answers one request: preflight, handlers, or 404/500. */
async function handle(
  handlers: RequestHandler[],
  origin: string,
  allowedOrigins: readonly string[],
  inFlight: Set<AbortController>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController()
  inFlight.add(controller)
  res.once('close', () => {
    inFlight.delete(controller)
    if (!res.writableFinished) controller.abort()
  })

  const method = (req.method ?? 'GET').toUpperCase()
  const headers = requestHeaders(req)
  const path = requestPath(req.url)

  const from = headers.get('origin')
  if (from !== null && !_isAllowedOrigin(from, allowedOrigins)) {
    const refusal = JSON.stringify({ error: `the fake server answers pages on loopback origins only, not ${from} (serve option origins)` })
    res.writeHead(403, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(refusal)) })
    res.end(refusal)
    req.resume()
    return
  }

  if (_isPreflight(method, headers)) {
    res.writeHead(204, headersToNode(_preflightHeaders(headers)))
    res.end()
    return
  }

  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req)
  if (controller.signal.aborted) return

  let request: Request
  try {
    request = new Request(origin + path, {
      method,
      headers,
      body: body && body.byteLength > 0 ? (body as Uint8Array<ArrayBuffer>) : undefined,
      signal: controller.signal,
    })
  } catch (error) {
    await send(res, method, headers, jsonResponse(400, `fake server cannot read the request: ${messageOf(error)}`))
    return
  }

  let response: Response | undefined
  try {
    response = await getResponse(handlers, request, { baseUrl: origin, quiet: true })
  } catch (error) {
    response = error instanceof Response ? error : jsonResponse(500, `fake handler threw: ${messageOf(error)}`)
  }

  if (res.destroyed) {
    await response?.body?.cancel().catch(() => undefined)
    return
  }
  if (response === undefined || isPassthrough(response)) {
    response = jsonResponse(404, `no fake handler for ${method} ${new URL(request.url).pathname}`)
  }
  if (response.type === 'error' || response.headers.get(DROP_HEADER) === '1') {
    await response.body?.cancel().catch(() => undefined)
    req.socket.destroy()
    return
  }
  await send(res, method, headers, response)
}

/** The request line's target as `/path?query` (absolute-form targets lose their origin). */
function requestPath(target: string | undefined): string {
  if (!target || target === '*') return '/'
  if (target.startsWith('/')) return target
  try {
    const url = new URL(target)
    return url.pathname + url.search
  } catch {
    return `/${target}`
  }
}

function requestHeaders(req: IncomingMessage): Headers {
  const headers = new Headers()
  const raw = req.rawHeaders
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string
    if (HOP_BY_HOP.has(name.toLowerCase())) continue
    try {
      headers.append(name, raw[i + 1] as string)
    } catch {
      // A header value the Fetch API refuses (e.g. a stray control character): leave it out.
    }
  }
  return headers
}

/** Reads a request body in full (one copy); `undefined` when the request has none. */
async function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  if (chunks.length === 0) return undefined
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)
}

function isPassthrough(response: Response): boolean {
  return response.status === 302 && response.headers.get('x-msw-intention') === 'passthrough'
}

function jsonResponse(status: number, error: string): Response {
  return new Response(JSON.stringify({ error }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Node's header object: comma-joined values, but each `Set-Cookie` separate. */
function headersToNode(headers: Headers): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {}
  for (const [name, value] of headers) {
    if (name === 'set-cookie' || HOP_BY_HOP.has(name) || name === DROP_HEADER) continue
    out[name] = value
  }
  const cookies = headers.getSetCookie()
  if (cookies.length > 0) out['set-cookie'] = cookies
  return out
}

/** Writes a handler's response: status, headers (CORS added) and the body, streamed with backpressure. */
async function send(
  res: ServerResponse,
  method: string,
  requestHeaders: Headers,
  response: Response,
): Promise<void> {
  const headers = new Headers(response.headers)
  _addCorsHeaders(headers, requestHeaders)
  const status = response.status
  const bodyless = method === 'HEAD' || status === 204 || status === 304 || status < 200
  res.writeHead(status, response.statusText || undefined, headersToNode(headers))
  if (bodyless || response.body === null) {
    await response.body?.cancel().catch(() => undefined)
    res.end()
    return
  }
  const reader = response.body.getReader()
  try {
    for (;;) {
      if (res.destroyed) {
        await reader.cancel().catch(() => undefined)
        return
      }
      const { done, value } = await reader.read()
      if (done) break
      if (!res.write(value)) await drained(res)
    }
    res.end()
  } catch (error) {
    // The handler's stream failed mid-body: the client sees a truncated body / network error.
    await reader.cancel(error).catch(() => undefined)
    res.destroy(error instanceof Error ? error : undefined)
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done)
      res.off('close', done)
      resolve()
    }
    res.on('drain', done)
    res.on('close', done)
  })
}
