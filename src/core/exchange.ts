import { IsoSdkError, NetworkError, TimeoutError, UntrustedOriginError } from './errors.js'
import { readBytes } from './read.js'
import { redactText } from './redact.js'
import { linkSignals } from './signals.js'
import { secureTransport } from './url.js'
import type { AuthContext, CallTelemetry } from './types.js'

/** Token and login answers are small: anything past 1 MiB is not one. */
const MAX_EXCHANGE_BYTES = 1_048_576
const MAX_REDIRECTS = 5

export interface ExchangeOptions {
  /** The client's fetch. */
  fetch: typeof fetch
  /** Ends every exchange (the client's close). */
  signal?: AbortSignal
  /** ms per exchange, redirects and body included (the client's `timeout`). */
  timeout: number
  allowInsecureHTTP?: boolean
  /** The call the exchange runs for, if traced. */
  telemetry?: CallTelemetry
  /** What the exchange is, for telemetry: `token`, `login`, `refresh`, `logout`, `revoke`. Default `exchange`. */
  kind?: string
}

/**
 * The one way a token, login, refresh, revoke or logout request leaves a client (strategies get it
 * as `context.fetch`). Redirects are followed by hand and only within the exchange's own origin
 * (so never from https to http); any other is refused with `UntrustedOriginError` naming both
 * origins. Plain http goes only to loopback (or with `allowInsecureHTTP`). Each exchange is
 * bounded by the client's timeout, body included, and ends with the client; a network failure is a
 * `NetworkError` naming the URL and its cause. The answer's body is read here (at most 1 MiB), so
 * the caller's `text()`/`json()` cannot hang.
 *
 * @example
 * import { exchangeFetch, type AuthStrategy } from 'isosdk/auth'
 *
 * const strategy: AuthStrategy = {
 *   async authorize(request, context) {
 *     const res = await exchangeFetch(context)(new URL('/token', context.baseURL), { method: 'POST', body: form })
 *     request.headers.set('authorization', `Bearer ${(await res.json()).access_token}`)
 *   },
 * }
 */
export function exchangeFetch(options: ExchangeOptions | AuthContext, kind?: string): typeof fetch {
  if ('baseURL' in options) {
    // A strategy's context: the client's fetch, close signal, timeout and transport rule.
    const ctx = options
    options = { fetch: ctx.fetch, signal: ctx.closeSignal, timeout: ctx.timeout ?? 30_000, allowInsecureHTTP: ctx.allowInsecureHTTP, telemetry: ctx.telemetry, kind }
  }
  const settings = options
  return async (input, init = {}) => {
    const options = settings
    let url = new URL(input instanceof Request ? input.url : String(input))
    const origin = url.origin
    let method = (init.method ?? 'GET').toUpperCase()
    let body = init.body
    const shown = () => redactText(url.href)
    if (!secureTransport(url, options.allowInsecureHTTP)) {
      throw new IsoSdkError(`${method} ${shown()}: refusing to send credentials over plain http to a non-loopback host (use https, or allowInsecureHTTP: true)`)
    }
    const linked = linkSignals(options.signal, init.signal ?? undefined)
    linked.abortAfter(options.timeout, () => new TimeoutError(`${method} ${shown()} did not answer within ${options.timeout} ms`))
    const scope = options.telemetry?.exchange?.({ kind: options.kind ?? kind ?? 'exchange', method, url: shown() })
    let status: number | undefined
    try {
      for (let redirects = 0; ; redirects++) {
        let response: Response
        try {
          response = await options.fetch(url.href, { ...init, method, body, redirect: 'manual', signal: linked.signal })
        } catch (error) {
          throw failure(error, linked.signal, method, shown())
        }
        status = response.status
        if (response.type === 'opaqueredirect') {
          throw new UntrustedOriginError(`${method} ${shown()} was redirected to a target the runtime hides; not followed`, { from: origin, to: 'unknown' })
        }
        const location = status >= 300 && status < 400 ? response.headers.get('location') : null
        if (location === null) {
          const bytes = await readBytes(response, MAX_EXCHANGE_BYTES, () => `${method} ${shown()}`).catch((error: unknown) => Promise.reject(failure(error, linked.signal, method, shown())))
          const copy = new Response(status === 204 || status === 304 ? null : bytes, response)
          // What a browser's fetch told (a cookie jar took the Set-Cookie; the URL after redirects) stays readable.
          Object.defineProperties(copy, { type: { value: response.type }, url: { value: url.href } })
          scope?.end({ status })
          return copy
        }
        response.body?.cancel().catch(() => undefined)
        const target = new URL(location, url)
        if (target.origin !== origin) {
          throw new UntrustedOriginError(`${method} ${shown()} was redirected from ${origin} to ${target.origin}; not followed (credentials stay with ${origin})`, { from: origin, to: target.origin })
        }
        if (redirects >= MAX_REDIRECTS) throw new NetworkError(`${method} ${shown()}: more than ${MAX_REDIRECTS} redirects`)
        if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
          method = 'GET'
          body = undefined
        }
        url = target
      }
    } catch (error) {
      scope?.end({ ...(status !== undefined && { status }), error: error as Error })
      throw error
    } finally {
      linked.dispose()
    }
  }
}

function failure(error: unknown, signal: AbortSignal, method: string, url: string): unknown {
  if (error instanceof IsoSdkError) return error
  if (signal.aborted) return signal.reason instanceof IsoSdkError ? signal.reason : error
  const cause = (error as { cause?: unknown }).cause ?? error
  const code = (cause as { code?: unknown }).code
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new NetworkError(`${method} ${url} failed: ${typeof code === 'string' && !detail.includes(code) ? `${code} ${detail}` : detail}`, {
    cause,
    connectionRefused: code === 'ECONNREFUSED',
  })
}
