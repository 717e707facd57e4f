import { AbortError, ClientClosedError, IsoSdkError, NetworkError, RateLimitError, ServerError, TimeoutError, UntrustedOriginError, ValidationError } from './errors.js'
import { createLimiter } from './limiter.js'
import { MAX_RESPONSE_BYTES, readBytes, readText } from './read.js'
import { redactHeaders, redactText } from './redact.js'
import { decodeText, errorFromResponse, readErrorBody, readRawBody } from './response.js'
import { RETRY_COST, TIMEOUT_RETRY_COST, backoffDelay, createRetryBudget, isIdempotent, resolveRetryPolicy, retryAfterMs, shouldRetryStatus } from './retry.js'
import { linkSignals, sleep, type LinkedSignal } from './signals.js'
import { checkClientOptions } from './options.js'
import { buildURL } from './url.js'
import { encodeBody } from './body.js'
import { parseNow } from './validate.js'
import type { AuthContext, AuthRequest, CallTelemetry, Client, ClientOptions, RequestInfo, RequestOp } from './types.js'

const MAX_REDIRECTS = 5
/** `close()` waits this long at most for a logout (so it returns within 2 s): a dead server must not hold shutdown. */
const LOGOUT_BUDGET = 1_500

/** Why an attempt's signal fired; the reason object tells the retry loop what to do. */
class AttemptTimeout extends Error {}
class DeadlineReached extends Error {}

/** What an attempt leads to: the value, a retry after `delay`, or `undefined` — go again at once (a redirect, a refreshed credential). */
type Next<T> = { value: T } | { delay: number; error: Error } | undefined

/**
 * Creates a client: one base URL, one auth strategy, and the request path every resource function uses.
 * Options are checked here (a bad one throws a `TypeError` naming it), not at the first request.
 *
 * A request takes these steps, in this order (retry wraps them; each is a function in `send`):
 * build the URL → authorize (the strategy adds credentials, only for a trusted origin) → the
 * credential door (`door`: may the URL the strategy left carry them?) → a concurrency/rate slot
 * (taken once credentials are ready, so a slow token exchange never bunches requests past a rate
 * limit) → transmit → follow a redirect (back through the door) → read (bounded) and validate, or
 * classify a failure (refresh, retry or the typed error).
 *
 * @example
 * import { createClient } from 'isosdk'
 * import { apiKey } from 'isosdk/auth'
 *
 * await using client = createClient({ baseURL: 'https://api.example.com/v1', auth: apiKey({ key }), concurrency: 8 })
 * const user = await client.request<User>({ path: '/users/me', schema: UserSchema })
 */
export function createClient<Service = never>(options: ClientOptions): Client<Service> {
  checkClientOptions(options)
  const baseURL = options.baseURL
  const trusted = new Set([new URL(baseURL).origin, ...(options.trustedOrigins ?? []).map((o) => new URL(o).origin)])
  const policy = resolveRetryPolicy(options.retry)
  const budget = createRetryBudget(policy.budget)
  const closer = new AbortController()
  // Calls in flight, aborted on close (one set, rather than a listener per call on one signal).
  const calls = new Set<LinkedSignal>()
  const limiter = createLimiter({
    concurrency: options.concurrency,
    rateLimit: options.rateLimit,
    onWait: options.hooks?.onRateLimit && ((waitMs) => detached(() => options.hooks?.onRateLimit?.({ url: baseURL, waitMs }))),
    // A shared store that fails: the client goes on with its own limit and says so once, like any error.
    onStoreError: options.hooks?.onError && ((error) => detached(() => options.hooks?.onError?.({ method: '', url: baseURL, headers: {}, attempt: 0, error }))),
  })
  const idempotencyHeader = options.idempotencyHeader ?? 'Idempotency-Key'
  const defaultHeaders = new Headers(options.headers)
  const clientTimeout = options.timeout ?? 30_000
  // Looked up at call time and called unbound: msw and user polyfills replace the global, and a
  // stored `window.fetch` called with the wrong `this` throws "Illegal invocation".
  const callFetch: typeof fetch = (input, init) => (options.fetch ?? globalThis.fetch)(input, init)
  const auth = options.auth
  // Strategies run their exchanges through `exchangeFetch(context)` (isosdk/auth), which reads these.
  const authContext = (signal: AbortSignal | undefined, tel?: CallTelemetry, timeout = clientTimeout): AuthContext & { baseURL: string } => ({
    fetch: callFetch,
    signal,
    baseURL,
    secrets: auth?.secrets,
    timeout,
    closeSignal: closer.signal,
    allowInsecureHTTP: options.allowInsecureHTTP,
    telemetry: tel,
  })
  const hooks = options.hooks
  const telemetry = options.telemetry

  /** Credentials go to the base URL's origin, `trustedOrigins`, and the origin the strategy declares (Salesforce's instance). */
  const isTrusted = (origin: string) => trusted.has(origin) || auth?.origin?.() === origin

  /**
   * The credential door, on the URL the strategy and redirects left, right before `fetch`: a
   * request with credentials that would leave the trusted origins is refused; nothing is sent.
   */
  function door(url: URL, from: URL, credentialed: boolean): void {
    if (credentialed && !isTrusted(url.origin)) {
      throw new UntrustedOriginError(`Refusing to send credentials from ${from.origin} to ${url.origin}: not a trusted origin of this client`, { from: from.origin, to: url.origin })
    }
  }

  /**
   * Runs a step of the strategy (authorize, or refresh after a refusal); a token or login exchange
   * that fails below HTTP (a drop, a reset) is a `NetworkError` like any other.
   */
  function authStep(request: AuthRequest, signal: AbortSignal, step: () => void | Promise<void>): void | Promise<void> {
    // A synchronous strategy (an API key) costs no promise: the request path awaits only a pending step.
    let pending: void | Promise<void>
    try {
      pending = step()
    } catch (error) {
      throw authFailure(request, signal, error)
    }
    if (pending) return pending.then(undefined, (error: unknown) => Promise.reject(authFailure(request, signal, error)))
  }

  function authFailure(request: AuthRequest, signal: AbortSignal, error: unknown): unknown {
    if (error instanceof IsoSdkError || signal.aborted) return error
    const message = `Authorization for ${request.url.origin} failed: ${error instanceof Error ? error.message : String(error)}`
    // fetch rejects with a TypeError when the exchange never got an answer: retryable like any drop.
    // Anything else (a login that refused the password) is final: retrying could lock the account.
    if (error instanceof TypeError) return new NetworkError(message, { cause: error })
    return new IsoSdkError(message, { cause: error })
  }

  /** The call's first URL; a server's link is a URL reference: `//host/x` (or `/\\host/x`) names another host, as a browser reads it. */
  const firstURL = (op: RequestOp) => buildURL(baseURL, op.link && /^[/\\]{2}/.test(op.path) ? new URL(op.path, baseURL).href : op.path, op.query)

  function request<T>(op: RequestOp<T>): Promise<T> {
    if (!telemetry) return send(op)
    // Built once, for the call span and the first attempt.
    let url: URL | undefined
    try {
      url = firstURL(op)
    } catch {
      // A path or query that cannot be sent: send() rejects with it.
    }
    const tel = telemetry.call({ method: op.method ?? 'GET', url: redactText(url?.href ?? baseURL), service: options.service, operation: op.operation, template: op.template })
    if (!tel) return send(op, undefined, url)
    return send(op, tel, url).then(
      (value) => {
        tel.end({})
        return value
      },
      (error: Error) => {
        tel.end({ error })
        throw error
      },
    )
  }

  /**
   * One logical call: the retry loop around attempts. An attempt takes the steps in the order a
   * request does, each a function below: `begin` (build) → `authorize` → `door` → `acquireSlot` →
   * `transmit` → `followRedirect`, `read` (then validate) or `classifyFailure` (refresh, retry or
   * the typed error); `afterError` decides on a thrown failure (a drop, a timeout).
   */
  async function send<T>(op: RequestOp<T>, tel?: CallTelemetry, first?: URL): Promise<T> {
    if (closer.signal.aborted) throw new ClientClosedError()
    const responseType = op.responseType ?? 'json'
    // The URL as built (or redirected to), before any strategy touched it: each attempt starts from it.
    let fresh: URL | undefined = first ?? firstURL(op)
    let href = fresh.href
    // Where the URL came from: the caller (sent without credentials off the trusted origins) or a
    // server (a link or a redirect: refused off them).
    let fromServer = op.link === true
    // A 303 (or a 301/302 after a POST) turns the call into a GET without a body.
    let method = op.method ?? 'GET'
    let body = op.body
    const idempotencyKey = op.idempotencyKey === true ? randomKey() : op.idempotencyKey
    const idempotent = isIdempotent(method, op.idempotent, idempotencyKey !== undefined)
    const retryable = op.retry !== false && !isStream(op.body)
    const deadline = op.deadline ?? options.deadline
    const timeout = op.timeout ?? clientTimeout
    const maxBytes = op.maxResponseBytes ?? options.maxResponseBytes ?? MAX_RESPONSE_BYTES
    // A call-level signal only when the caller's signal or a deadline can end the call; otherwise
    // close() reaches each attempt's own signal. Every AbortSignal costs ~4 µs to create on Node 20.
    const call = op.signal !== undefined || deadline !== undefined ? linkSignals(op.signal) : undefined
    const callSignal = call?.signal ?? closer.signal
    if (call) calls.add(call)
    if (deadline !== undefined) call?.abortAfter(deadline, () => new DeadlineReached())
    const started = Date.now()

    let attempt = 0
    let refreshed = false
    let redirects = 0
    // The attempt in progress (one at a time; `begin` starts the next): its request as the strategy
    // sees it, the URL as built before the strategy ran, whether it goes with credentials, its
    // signal (the call's, its own timeout, close()), its slot's release, whether it was handed to
    // fetch (a retry could then repeat a write) or is waiting for a slot (a timeout there ends the call).
    let request: AuthRequest
    let built: URL
    let credentialed: boolean
    let payload: BodyInit | undefined
    let linked: LinkedSignal
    let signal: AbortSignal
    let release: (() => void) | undefined
    let sent: boolean
    let queued: boolean
    let scope: ReturnType<CallTelemetry['attempt']>
    let shown: string | undefined
    let info: RequestInfo | undefined
    try {
      for (;;) {
        begin()
        let next: Next<T>
        try {
          next = await attemptOnce()
        } catch (error) {
          next = await afterError(error)
        } finally {
          release?.()
          if (!call) calls.delete(linked!)
          linked!.dispose()
        }
        // A redirect or a refreshed credential: the same attempt again.
        if (next === undefined) continue
        if ('value' in next) return next.value
        try {
          await waitBeforeRetry(next.delay, next.error)
        } catch (error) {
          throw await reported(normalise(error))
        }
        attempt++
      }
    } finally {
      if (call) {
        calls.delete(call)
        call.dispose()
      }
    }

    /** Build: the next attempt's URL, headers and body, and its signal, which bounds every wait in it. */
    function begin(): void {
      const headers = new Headers(defaultHeaders)
      if (op.headers) mergeHeaders(headers, op.headers)
      if (idempotencyKey !== undefined) headers.set(idempotencyHeader, idempotencyKey)
      // A URL of its own per attempt: a strategy may change it (query key, instance origin) without touching the next attempt.
      request = { url: fresh ?? new URL(href), method, headers }
      fresh = undefined
      built = request.url
      credentialed = auth !== undefined && isTrusted(built.origin)
      release = scope = shown = info = undefined
      sent = queued = false
      if (auth && fromServer) door(built, new URL(baseURL), true)
      // Encoded before any credential work: a body that cannot be sent (BigInt, a cycle) fetches no token.
      payload = encodePayload(body, headers)
      linked = linkSignals(call?.signal)
      signal = linked.signal
      if (!call) {
        calls.add(linked)
        if (closer.signal.aborted) linked.abort(closer.signal.reason)
      }
      // The token exchange, the queue and a 429 pause all count against the attempt's timeout.
      linked.abortAfter(timeout, () => new AttemptTimeout())
    }

    /** One attempt, step by step; `undefined` means "again" (after a redirect or a refreshed credential). */
    async function attemptOnce(): Promise<Next<T>> {
      if (credentialed) {
        // A synchronous strategy (an API key) costs no promise.
        const pending = authStep(request, signal, () => auth!.authorize(request, authContext(signal, tel)))
        if (pending) await pending
      }
      door(request.url, built, credentialed)
      const slot = acquireSlot()
      if (slot) await slot
      const response = await transmit()
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) return followRedirect(response)
      if (response.ok) return { value: await read(response) }
      return classifyFailure(response)
    }

    /** A concurrency/rate slot, taken once the credentials are ready: a slow token exchange never bunches requests past a rate limit. */
    function acquireSlot(): Promise<void> | undefined {
      // No close-signal listener per queued call: close() rejects the queue through limiter.clear().
      release = signal.aborted ? undefined : limiter.tryAcquire()
      if (release) return undefined
      const since = Date.now()
      // A timeout while queued (behind a 429 pause, a rate window) ends the call: a retry would queue again.
      queued = true
      return limiter.acquire(signal).then((granted) => {
        release = granted
        queued = false
        tel?.event('rate-limit-wait', { waitMs: Date.now() - since })
      })
    }

    /** Sends the attempt; hooks and telemetry see it go. Redirects come back here (manual), but a browser's opaque one it follows itself. */
    async function transmit(): Promise<Response> {
      sent = true
      if (hooks?.onRequest) await hooks.onRequest(describe())
      // Every send counts: a redirect hop or a replay after a refresh is a resend too.
      scope = tel?.attempt({ method, url: shownURL(), attempt: attempt + redirects + (refreshed ? 1 : 0), headers: request.headers, trusted: isTrusted(request.url.origin) })
      const init: RequestInit & { duplex?: 'half' } = {
        method,
        headers: request.headers,
        body: payload,
        signal,
        // Manual redirects let every hop pass the door (and keep telemetry's propagation headers on trusted origins).
        redirect: credentialed || scope ? 'manual' : 'follow',
      }
      if (isStream(payload)) init.duplex = 'half'
      let response = await fetchOnce(init)
      scope?.end({ status: response.status })
      scope = undefined
      if (hooks?.onResponse) await hooks.onResponse({ ...describe(), status: response.status, durationMs: Date.now() - started })
      if (response.type === 'opaqueredirect') {
        // A browser hides manual redirects; let it follow (it drops Authorization across origins itself).
        init.redirect = 'follow'
        response = await fetchOnce(init)
      }
      return response
    }

    function fetchOnce(init: RequestInit): Promise<Response> {
      return callFetch(request.url.href, init).catch((error: unknown) => Promise.reject(transportError(error, signal, timeout, method, shownURL())))
    }

    /** A redirect: the next hop is the next attempt's URL, and a credentialed request may not leave the trusted origins. */
    function followRedirect(response: Response): undefined {
      if (++redirects > MAX_REDIRECTS) throw new NetworkError(`${method} ${shownURL()}: more than ${MAX_REDIRECTS} redirects`)
      discard(response)
      try {
        fresh = new URL(response.headers.get('location')!, request.url)
      } catch {
        throw new IsoSdkError(`${method} ${shownURL()}: the server redirected to a Location that is not a URL`)
      }
      // Refused here, before anything is sent there.
      door(fresh, request.url, credentialed)
      href = fresh.href
      fromServer = true
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
        method = 'GET'
        body = undefined
      }
      return undefined
    }

    /** A success: the body read (at most `maxResponseBytes`), then validated when the call has a schema and the client validates. */
    async function read(response: Response): Promise<T> {
      budget.refund(attempt > 0 ? RETRY_COST : 1)
      const what = () => `${method} ${shownURL()}`
      let value: unknown
      try {
        value =
          responseType === 'json' || responseType === 'text'
            ? decodeText(await readText(response, maxBytes, what), response, responseType, method, shownURL)
            : responseType === 'blob'
              ? new Blob([await readBytes(response, maxBytes, what)], { type: response.headers.get('content-type') ?? '' })
              : readRawBody(response, responseType)
      } catch (error) {
        throw error instanceof IsoSdkError || signal.aborted ? error : new NetworkError(`${what()}: the response body was cut off`, { cause: error })
      }
      if (!op.schema || options.validate === false) return value as T
      return parseNow(op.schema, value, () => `${what()} response`)
    }

    /** A failure status: the credential refreshed once (a 401), else a retry when allowed, else the typed error. */
    async function classifyFailure(response: Response): Promise<Next<T>> {
      if (credentialed && !refreshed && auth!.refresh && (auth!.shouldRefresh?.(response) ?? response.status === 401)) {
        refreshed = true
        discard(response)
        // Refused, so not applied: until the replay is sent, a failed refresh may be retried like an unsent request.
        sent = false
        // The attempt's signal (close, caller, timeout), not the client's close signal: a listener per
        // waiting call on that one signal would pile up when many calls see the same 401.
        await authStep(request, signal, () => auth!.refresh!({ ...authContext(signal, tel), request, response }))
        return undefined
      }
      const serverDelay = retryAfterMs(response.headers)
      // A wait longer than we would retry after is the caller's to handle: it must not freeze the client.
      // Paused before the body is read: the fleet sharing a store should hear of the 429 at once.
      const pause = response.status === 429 && serverDelay !== undefined && serverDelay <= policy.maxDelay
      if (pause) limiter.pauseUntil(Date.now() + serverDelay)
      const errorBody = await readErrorBody(response)
      const error = errorFromResponse(response, errorBody, { method, url: shownURL() }, options.mapError)
      if (pause) {
        await hooks?.onRateLimit?.({ url: shownURL(), waitMs: serverDelay })
        tel?.event('rate-limit-wait', { waitMs: serverDelay })
      }
      if (!retryable || attempt >= policy.limit || !shouldRetryStatus(policy, response.status, response.headers, idempotent)) throw error
      if (serverDelay !== undefined && serverDelay > policy.maxDelay) throw error
      if (!budget.take(RETRY_COST)) throw error
      return retryAfter(serverDelay ?? backoffDelay(policy, attempt), error, response.status)
    }

    /** A thrown failure: a drop, a timeout, or an exchange that failed before the request went is retried when allowed; anything else is final. */
    async function afterError(error: unknown): Promise<Next<T>> {
      const typed = normalise(error)
      scope?.end({ error: typed })
      // A token or login exchange that failed transiently (drop, 5xx, 429) left the request unsent: retry it, write or not.
      const unsentTransient = !sent && (typed instanceof ServerError || typed instanceof RateLimitError)
      const mayRetry =
        (typed instanceof NetworkError || typed instanceof TimeoutError || unsentTransient) &&
        retryable && !queued && attempt < policy.limit && !(typed instanceof TimeoutError && callSignal.aborted) &&
        (idempotent || !sent || (typed instanceof NetworkError && typed.connectionRefused)) &&
        budget.take(typed instanceof TimeoutError ? TIMEOUT_RETRY_COST : RETRY_COST)
      if (mayRetry) return retryAfter(backoffDelay(policy, attempt), typed)
      throw await reported(typed)
    }

    async function retryAfter(delay: number, error: Error, status?: number): Promise<Next<T>> {
      if (hooks?.onRetry) await hooks.onRetry({ ...describe(), delayMs: delay, error })
      tel?.event('retry', status === undefined ? { delayMs: delay, reason: error.name } : { delayMs: delay, reason: error.name, status })
      return { delay, error }
    }

    /** The call's final error, after the `onError` hook saw it. */
    async function reported(error: Error): Promise<Error> {
      if (hooks?.onError) await hooks.onError({ ...describe(), error })
      return error
    }

    // Redacting costs regexes: done only when a hook, telemetry or an error needs it.
    function shownURL(): string {
      return (shown ??= redactText(request.url.href))
    }

    function describe(): RequestInfo {
      return (info ??= { method, url: shownURL(), headers: redactHeaders(request.headers), attempt })
    }

    async function waitBeforeRetry(delay: number, error: Error) {
      if (deadline !== undefined && Date.now() + delay - started > deadline) throw error
      // Without a call signal, the wait gets its own entry in `calls` (close() aborts it) rather than a close-signal listener.
      const waiting = call ?? linkSignals()
      if (!call) calls.add(waiting)
      if (closer.signal.aborted) waiting.abort(closer.signal.reason)
      try {
        await sleep(delay, waiting.signal)
      } catch (reason) {
        throw signalError(reason, timeout, method, href)
      } finally {
        if (!call) {
          calls.delete(waiting)
          waiting.dispose()
        }
      }
    }

    function normalise(error: unknown): Error {
      if (error instanceof IsoSdkError) return error
      if (callSignal.aborted || error instanceof AttemptTimeout || error instanceof DeadlineReached) {
        return signalError(callSignal.aborted ? callSignal.reason : error, timeout, method, href)
      }
      return error instanceof Error ? error : new IsoSdkError(String(error))
    }
  }

  const client: Client<Service> = {
    baseURL,
    options,
    get closed() {
      return closer.signal.aborted
    },
    signal: closer.signal,
    request,
    async close() {
      if (closer.signal.aborted) return
      closer.abort(new ClientClosedError())
      for (const call of calls) call.abort(new ClientClosedError())
      limiter.clear(new ClientClosedError())
      if (!auth?.close) return
      // A logout that never answers must not hold close(): it gets a short budget of its own.
      const budgetMs = Math.min(clientTimeout, LOGOUT_BUDGET)
      const bounded = linkSignals()
      bounded.abortAfter(budgetMs, () => new TimeoutError(`Logging out took longer than ${budgetMs} ms`))
      try {
        await Promise.race([
          auth.close({ ...authContext(bounded.signal, undefined, budgetMs), closeSignal: bounded.signal }),
          new Promise((resolve) => bounded.signal.addEventListener('abort', resolve, { once: true })),
        ])
      } catch {
        // A failed logout changes nothing for the caller: the client is closed either way.
      } finally {
        bounded.dispose()
      }
    },
    [Symbol.asyncDispose]() {
      return client.close()
    },
  }
  return client
}

/** Runs a hook from a timer, outside any call: a hook that throws or rejects is dropped, never an unhandled rejection. */
function detached(hook: () => unknown): void {
  void Promise.resolve().then(hook).catch(() => undefined)
}

/** The typed error for an aborted signal: which of user / close / deadline / timeout fired. */
function signalError(reason: unknown, timeout: number, method: string, href: string): Error {
  if (reason instanceof ClientClosedError) return reason
  if (reason instanceof DeadlineReached) return new TimeoutError(`${method} ${redactText(href)} did not finish within its deadline`)
  if (reason instanceof AttemptTimeout) return new TimeoutError(`${method} ${redactText(href)} did not answer within ${timeout} ms`)
  if (reason instanceof IsoSdkError) return reason
  // Anything else came from the caller's signal.
  return new AbortError('The request was aborted', { cause: reason })
}

function transportError(error: unknown, attemptSignal: AbortSignal, timeout: number, method: string, shownURL: string): Error {
  if (attemptSignal.aborted) return signalError(attemptSignal.reason, timeout, method, shownURL)
  const cause = (error as { cause?: unknown }).cause ?? error
  const code = errorCode(cause)
  return new NetworkError(`${method} ${shownURL} failed: ${code ?? (cause instanceof Error ? cause.message : String(cause))}`, {
    cause,
    connectionRefused: code === 'ECONNREFUSED',
  })
}

function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string') return code
  }
  return undefined
}

/** The body as `fetch` takes it; a value that cannot be encoded (BigInt, a cycle) is the caller's error, named. */
function encodePayload(body: unknown, headers: Headers): BodyInit | undefined {
  try {
    return encodeBody(body, headers)
  } catch (error) {
    throw new ValidationError('request body', [{ path: '', message: `cannot be sent as JSON (${error instanceof Error ? error.message : String(error)})` }])
  }
}

function isStream(body: unknown): boolean {
  return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream
}

function randomKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

/** Copies caller headers, refusing CR/LF (header injection) with an error that names the header. */
function mergeHeaders(target: Headers, source: HeadersInit): void {
  const entries = source instanceof Headers ? source.entries() : Array.isArray(source) ? source : Object.entries(source)
  for (const [name, value] of entries as Iterable<[string, string]>) {
    if (/[\r\n\0]/.test(name) || /[\r\n\0]/.test(String(value))) throw new ValidationError('request headers', [{ path: name.replace(/[\r\n\0]/g, ' '), message: 'header names and values must not contain CR, LF or NUL' }])
    target.set(name, String(value))
  }
}

/** Frees an unread body without waiting: some runtimes only settle `cancel()` once the stream is pulled. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => undefined)
}
