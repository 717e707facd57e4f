import { redactHeaders, redactText, redactValue } from './redact.js'

/** Set (hidden) on every error isosdk makes; `Symbol.for` gives every copy of the package the same key. */
const BRAND = /* @__PURE__ */ Symbol.for('isosdk.error')

/** Whether `value`, an error of some copy of isosdk (the other module format's build), is an instance of a class named like `target`. */
function isInstanceFromOtherCopy(value: unknown, target: Function): boolean {
  let proto = (value as { [BRAND]?: unknown } | null)?.[BRAND] === true ? Object.getPrototypeOf(value) : null
  for (; proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) if (proto.constructor?.name === target.name) return true
  return false
}

/**
 * Base class of every error isosdk throws.
 *
 * @example
 * try {
 *   await getPage(wiki, id)
 * } catch (error) {
 *   if (error instanceof IsoSdkError) console.error(error.name, error.message) // typed, secrets redacted
 * }
 */
export class IsoSdkError extends Error {
  override name = 'IsoSdkError'
  /**
   * `instanceof` also recognises an error made by the other module format's copy of this class (a
   * CLI that `require`s isosdk and an app that `import`s it, in one process): the value carries
   * the `Symbol.for('isosdk.error')` brand every copy sets, and its prototype chain holds a class
   * of the same name.
   * Subclass semantics are kept (a NotFoundError is an HttpError; a ServerError is not a
   * NotFoundError), and every subclass gets this by inheritance. Names come from the published
   * (unminified) build; a bundler that renames classes only loses the cross-copy match.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return Function.prototype[Symbol.hasInstance].call(this, value) || isInstanceFromOtherCopy(value, this)
  }

  constructor(message: string, options?: { cause?: unknown; redactKeyValues?: boolean }) {
    super(redactText(message, { keyValues: options?.redactKeyValues }), options && 'cause' in options ? { cause: redactCause(options.cause) } : undefined)
    Object.defineProperty(this, BRAND, { value: true })
  }
}

/**
 * A cause from outside (a runtime's TypeError that quotes a header value, a parser's snippet) is
 * replaced by a redacted copy when it holds a secret; isosdk's own errors are redacted already.
 */
function redactCause(cause: unknown, depth = 0): unknown {
  if (typeof cause === 'string') return redactText(cause)
  if (cause instanceof IsoSdkError) return cause
  if (!(cause instanceof Error)) return redactValue(cause)
  const message = redactText(cause.message)
  const inner = (cause as { cause?: unknown }).cause
  const redactedInner = depth < 4 && inner !== undefined ? redactCause(inner, depth + 1) : inner
  if (message === cause.message && redactedInner === inner) return cause
  const copy = new Error(message, { cause: redactedInner })
  copy.name = cause.name
  const code = (cause as { code?: unknown }).code
  if (code !== undefined) (copy as Error & { code?: unknown }).code = code
  return copy
}

export interface HttpErrorInit {
  status: number
  method: string
  url: string
  body?: unknown
  headers?: Headers
  /** Overrides the default message (`GET https://… → 404`). */
  message?: string
  cause?: unknown
}

const REQUEST_ID_HEADERS = ['x-request-id', 'request-id', 'x-amzn-requestid', 'sforce-request-id', 'x-correlation-id', 'cf-ray']

/**
 * A response with a non-2xx status. `body` is the parsed body (JSON or text), `headers` are redacted.
 *
 * @example
 * catch (error) { if (error instanceof HttpError) console.log(error.status, error.requestId, error.body) }
 */
export class HttpError extends IsoSdkError {
  override name = 'HttpError'
  declare readonly status: number
  declare readonly method: string
  declare readonly url: string
  declare readonly body: unknown
  declare readonly headers: Record<string, string>
  declare readonly requestId: string | undefined

  constructor(init: HttpErrorInit) {
    super(init.message ?? `${init.method} ${init.url} → ${init.status}${describeBody(init.body)}`, { cause: init.cause })
    this.status = init.status
    this.method = init.method
    this.url = redactText(init.url)
    this.body = redactValue(init.body)
    this.headers = init.headers ? redactHeaders(init.headers) : {}
    const requestId = REQUEST_ID_HEADERS.map((h) => init.headers?.get(h)).find((v) => v != null)
    this.requestId = requestId == null ? undefined : redactText(requestId)
  }
}

/**
 * HTTP 400: the request was malformed or a parameter invalid.
 *
 * @example
 * catch (error) { if (error instanceof BadRequestError) showFormErrors(error.body) }
 */
export class BadRequestError extends HttpError {
  override name = 'BadRequestError'
}
/**
 * HTTP 401 (after one refresh and replay): the credentials were refused.
 *
 * @example
 * catch (error) { if (error instanceof AuthenticationError) redirectToLogin() }
 */
export class AuthenticationError extends HttpError {
  override name = 'AuthenticationError'
}
/**
 * HTTP 403: the credentials lack a permission.
 *
 * @example
 * catch (error) { if (error instanceof PermissionDeniedError) return 'not allowed' }
 */
export class PermissionDeniedError extends HttpError {
  override name = 'PermissionDeniedError'
}
/**
 * HTTP 404, or a service's own "no such record".
 *
 * @example
 * catch (error) { if (error instanceof NotFoundError) return undefined; throw error }
 */
export class NotFoundError extends HttpError {
  override name = 'NotFoundError'
}
/**
 * HTTP 409: the resource changed or already exists.
 *
 * @example
 * catch (error) { if (error instanceof ConflictError) await reloadAndRetry() }
 */
export class ConflictError extends HttpError {
  override name = 'ConflictError'
}
/**
 * 422: the server understood the request but refused its content; `errors` lists the field problems when the API gives them.
 *
 * @example
 * catch (error) { if (error instanceof UnprocessableEntityError) for (const e of error.errors) console.log(e.field, e.message) }
 */
export class UnprocessableEntityError extends HttpError {
  override name = 'UnprocessableEntityError'
  declare readonly errors: readonly FieldError[]
  constructor(init: HttpErrorInit & { errors?: readonly FieldError[] }) {
    super(init)
    this.errors = (redactValue(init.errors) as FieldError[] | undefined) ?? []
  }
}
export interface FieldError {
  message: string
  field?: string
  code?: string
  value?: unknown
}
/**
 * HTTP 429 once retries are spent (or not allowed); `retryAfter` says how long the server asked to wait.
 *
 * @example
 * catch (error) { if (error instanceof RateLimitError) await sleep(error.retryAfter ?? 60_000) }
 */
export class RateLimitError extends HttpError {
  override name = 'RateLimitError'
  /** ms to wait, from `Retry-After` / `retry-after-ms`, when the server said. */
  declare readonly retryAfter: number | undefined
  constructor(init: HttpErrorInit & { retryAfter?: number }) {
    super(init)
    this.retryAfter = init.retryAfter
  }
}
/**
 * HTTP 5xx once retries are spent (or not allowed).
 *
 * @example
 * catch (error) { if (error instanceof ServerError) alertOps(error.status, error.requestId) }
 */
export class ServerError extends HttpError {
  override name = 'ServerError'
}

/**
 * The request never got a response (DNS, refused, reset, dropped). `connectionRefused` means the server cannot have acted.
 *
 * @example
 * catch (error) { if (error instanceof NetworkError && error.connectionRefused) console.log('service down') }
 */
export class NetworkError extends IsoSdkError {
  override name = 'NetworkError'
  declare readonly connectionRefused: boolean
  constructor(message: string, options?: { cause?: unknown; connectionRefused?: boolean }) {
    super(message, options)
    this.connectionRefused = options?.connectionRefused ?? false
  }
}

/**
 * An attempt's `timeout`, the call's `deadline`, or a poller's timeout ran out.
 *
 * @example
 * catch (error) { if (error instanceof TimeoutError) console.log('gave up; last status', error.lastStatus) }
 */
export class TimeoutError extends IsoSdkError {
  override name = 'TimeoutError'
  /** For a poller: the last status seen. */
  declare readonly lastStatus: unknown
  constructor(message: string, options?: { cause?: unknown; lastStatus?: unknown }) {
    super(message, options)
    this.lastStatus = options?.lastStatus
  }
}

/**
 * The caller's `AbortSignal` fired. Never retried.
 *
 * @example
 * catch (error) { if (error instanceof AbortError) return // the user cancelled
 */
export class AbortError extends IsoSdkError {
  override name = 'AbortError'
}

export interface ValidationIssue {
  /** Dotted path to the field, e.g. `data[0].name`; empty for the root. */
  path: string
  message: string
}

/**
 * Bad input (before any request) or a response that does not match its schema.
 *
 * @example
 * catch (error) { if (error instanceof ValidationError) for (const i of error.issues) console.log(i.path, i.message) }
 */
export class ValidationError extends IsoSdkError {
  override name = 'ValidationError'
  declare readonly issues: readonly ValidationIssue[]
  constructor(context: string, issues: readonly ValidationIssue[], options?: { cause?: unknown }) {
    // `apiKey: must not be empty` names a field, it holds no value: only known secrets are scrubbed.
    super(`${context}: ${issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ')}`, { ...options, redactKeyValues: false })
    this.issues = issues
  }
}

/**
 * A long-running operation ended in failure; `operation` is what the API last said about it.
 *
 * @example
 * catch (error) { if (error instanceof OperationFailedError) console.log(error.details) }
 */
export class OperationFailedError extends IsoSdkError {
  override name = 'OperationFailedError'
  declare readonly operation: unknown
  declare readonly details: unknown
  constructor(message: string, options: { operation: unknown; details?: unknown; cause?: unknown }) {
    super(message, options)
    this.operation = options.operation
    this.details = options.details
  }
}

/**
 * The client was closed; every later call rejects with this.
 *
 * @example
 * catch (error) { if (error instanceof ClientClosedError) client = createClient(options) }
 */
export class ClientClosedError extends IsoSdkError {
  override name = 'ClientClosedError'
  constructor() {
    super('The client is closed')
  }
}

function describeBody(body: unknown): string {
  if (body == null || body === '') return ''
  // Redacted before it is cut: a secret split by the cut would no longer match.
  const text = redactText(typeof body === 'string' ? body : safeJson(body))
  return `: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? ''
  } catch {
    return String(value)
  }
}

export interface StatusErrorInit extends HttpErrorInit {
  retryAfter?: number
}

/**
 * The typed error for a status: the one mapping every service shares.
 *
 * @example
 * const error = errorForStatus({ status: 404, method: 'GET', url: 'https://api.example.com/users/7' })
 * error instanceof NotFoundError // true
 */
export function errorForStatus(init: StatusErrorInit): HttpError {
  const s = init.status
  return new (s === 400 ? BadRequestError
    : s === 401 ? AuthenticationError
    : s === 403 ? PermissionDeniedError
    : s === 404 ? NotFoundError
    : s === 409 ? ConflictError
    : s === 422 ? UnprocessableEntityError
    : s === 429 ? RateLimitError
    : s >= 500 ? ServerError
    : HttpError)(init)
}

/**
 * A request would have carried credentials off the client's trusted origins: a server-given link
 * (next page, `Location`, `contentUrl`, job or operation URL) or an exchange's redirect pointed to
 * another origin (or from https to http). Nothing was sent there.
 *
 * @example
 * catch (error) { if (error instanceof UntrustedOriginError) console.error(`refused ${error.to} (trusted: ${error.from})`) }
 */
export class UntrustedOriginError extends IsoSdkError {
  override name = 'UntrustedOriginError'
  /** The origin the request was on (or the exchange started at). */
  declare readonly from: string
  /** The origin it was asked to go to. */
  declare readonly to: string
  constructor(message: string, options: { from: string; to: string }) {
    super(message)
    this.from = options.from
    this.to = options.to
  }
}

/**
 * A response body grew past `maxResponseBytes` (default 64 MiB) while it was read; the rest was not read.
 *
 * @example
 * catch (error) { if (error instanceof ResponseTooLargeError) await getFile(client, id, { responseType: 'stream' }) }
 */
export class ResponseTooLargeError extends IsoSdkError {
  override name = 'ResponseTooLargeError'
  /** The limit in bytes. */
  declare readonly limit: number
  constructor(message: string, options: { limit: number }) {
    super(message)
    this.limit = options.limit
  }
}
