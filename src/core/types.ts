import type { RateLimitStore } from './rate-limit-store.js'
import type { SecretSet } from './redact.js'

/** The Standard Schema v1 interface (https://standardschema.dev), copied as the spec asks, so valibot, zod and arktype schemas all fit. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaV1.Props<Input, Output>
}

// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace StandardSchemaV1 {
  export interface Props<Input = unknown, Output = Input> {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>
    readonly types?: Types<Input, Output> | undefined
  }
  export type Result<Output> = SuccessResult<Output> | FailureResult
  export interface SuccessResult<Output> {
    readonly value: Output
    readonly issues?: undefined
  }
  export interface FailureResult {
    readonly issues: ReadonlyArray<Issue>
  }
  export interface Issue {
    readonly message: string
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined
  }
  export interface PathSegment {
    readonly key: PropertyKey
  }
  export interface Types<Input = unknown, Output = Input> {
    readonly input: Input
    readonly output: Output
  }
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input']
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['output']
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD'

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[]

export type ResponseType = 'json' | 'text' | 'blob' | 'stream' | 'response'

/** What a resource function asks `client.request` to do. */
export interface RequestOp<T = unknown> {
  /** Default `GET`. */
  method?: HttpMethod
  /** Relative to the client's `baseURL`, or an absolute URL (credentials go only to trusted origins). */
  path: string
  /**
   * `path` is a link a server gave (a next-page URL, a job or operation URL, a `contentUrl`): if it
   * leaves the client's trusted origins the call is refused with `UntrustedOriginError` instead of
   * being sent without credentials.
   */
  link?: boolean
  /** Largest body read into memory, in bytes; overrides the client's (default 64 MiB). Streams are the caller's. */
  maxResponseBytes?: number
  query?: Record<string, QueryValue>
  /** Plain data is sent as JSON; `FormData`, `Blob`, `URLSearchParams`, strings and streams as they are. */
  body?: unknown
  headers?: HeadersInit
  /** Parses the response (when the client's `validate` is on). */
  schema?: StandardSchemaV1<unknown, T>
  /** Allows retries of a POST/PATCH that the API treats as idempotent. */
  idempotent?: boolean
  /** Sent as the client's idempotency header; `true` generates one key per logical call, reused on every attempt. */
  idempotencyKey?: string | true
  /** Default `json` (an empty body gives `undefined`). */
  responseType?: ResponseType
  signal?: AbortSignal
  /** Milliseconds per attempt; overrides the client's. */
  timeout?: number
  /** Milliseconds for the whole call, retries included; overrides the client's. */
  deadline?: number
  /** `false` turns retries off for this call. */
  retry?: false
  /** The resource function's name (`getFiles`, `bulkIngest`), for telemetry. */
  operation?: string
  /**
   * The path as the operation defines it, its parameters unfilled (`/files/{fileId}`), for
   * telemetry: a span name that does not grow with every id, and `url.template`.
   */
  template?: string
}

/** Options every resource function accepts as its last argument. */
export interface CallOptions {
  signal?: AbortSignal
  timeout?: number
  deadline?: number
}

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  limit?: number
  /** Default 408, 429, 500, 502, 503, 504. */
  statusCodes?: number[]
  /** Base of the exponential backoff in ms. Default 300. */
  baseDelay?: number
  /** Cap of one wait in ms (a longer `Retry-After` gives up instead). Default 30_000. */
  maxDelay?: number
  /**
   * Retry budget shared by every call of the client (a token bucket, as AWS SDKs do): a retry costs
   * 5 tokens (10 after a timeout), a success gives 1 back. A dead service gets a few retries, not
   * `limit × calls`. Default 500; `false` turns the budget off.
   */
  budget?: number | false
}

export interface RateLimitOptions {
  /** Requests allowed per `interval`. */
  requests: number
  /** Window in ms. */
  interval: number
  /** Shares the quota with other clients or isolates (e.g. `memoryRateLimitStore()`); without it the limit is this client's own. */
  store?: RateLimitStore
}

/** A request as auth strategies see it: they add headers (or rebase the URL for a session's instance). */
export interface AuthRequest {
  url: URL
  method: string
  headers: Headers
  /** Set by the strategy in `authorize`: which credential the request carried, so a stale 401 reuses a newer refresh. */
  credentialVersion?: number
}

export interface AuthContext {
  /**
   * The client's fetch. Send token, login, refresh and logout requests through
   * `exchangeFetch(context)` (from `isosdk/auth`) instead: redirects only within the request's own
   * origin, https only (but loopback), bounded by the client's timeout. `sessionLogin` hands its
   * `login`/`refresh`/`logout` a context whose `fetch` is that already.
   */
  fetch: typeof fetch
  signal?: AbortSignal
  /** The client's base URL, to resolve relative token or login URLs. */
  baseURL: string
  /** The strategy's own secrets (tokens it obtains go here, rotating). */
  secrets?: SecretSet
  /** ms an exchange may take (the client's `timeout`; a short budget on close). */
  timeout?: number
  /** Aborts when the client closes. */
  closeSignal?: AbortSignal
  /** The client allows plain http to non-loopback hosts. */
  allowInsecureHTTP?: boolean
  /** The call the exchange runs for, when traced. */
  telemetry?: CallTelemetry
}

export interface RefreshContext extends AuthContext {
  /** The request that was refused. */
  request: AuthRequest
  response: Response
}

export interface AuthStrategy {
  /** Puts credentials on a request going to the client's own origin. */
  authorize(request: AuthRequest, context: AuthContext): void | Promise<void>
  /** The strategy's secrets (keys, passwords, tokens): redacted from every error and log line while it lives. */
  readonly secrets?: SecretSet
  /** An origin the strategy moves requests to besides the client's own (Salesforce's instance once logged in): trusted too. */
  origin?(): string | undefined
  /** Called once after a refusal (see `shouldRefresh`); the request is then replayed once. */
  refresh?(context: RefreshContext): Promise<void>
  /** Which responses mean "credentials expired". Default: status 401. */
  shouldRefresh?(response: Response): boolean
  close?(context: AuthContext): void | Promise<void>
}

export interface RequestInfo {
  method: string
  url: string
  /** Redacted: credentials never appear here. */
  headers: Record<string, string>
  attempt: number
}

export interface ResponseInfo extends RequestInfo {
  status: number
  durationMs: number
}

export interface RetryInfo extends RequestInfo {
  delayMs: number
  error: Error
}

/**
 * Callbacks for logging and metrics. Each may be async: the call waits for it, and a hook that
 * throws (or rejects) rejects the call with its error — except `onRateLimit` when the client's own
 * queue waits, which runs outside any call (its failure is dropped).
 */
export interface Hooks {
  onRequest?: (info: RequestInfo) => unknown
  onResponse?: (info: ResponseInfo) => unknown
  onRetry?: (info: RetryInfo) => unknown
  onError?: (info: RequestInfo & { error: Error }) => unknown
  /** A 429 (or the client's own rate limit) paused the client's queue. */
  onRateLimit?: (info: { url: string; waitMs: number }) => unknown
}

/** Outcome of a call, an attempt or an exchange, as telemetry sees it. */
export interface TelemetryOutcome {
  status?: number
  error?: Error
}

/** Ends a span-like unit of work. */
export interface TelemetryScope {
  end(outcome: TelemetryOutcome): void
}

/** An attempt about to be sent, after the credential door decided. */
export interface TelemetryAttempt {
  method: string
  /** Redacted. */
  url: string
  /** 0 for the first attempt; retries and redirects count up. */
  attempt: number
  /** The outgoing headers: an adapter may add propagation headers when `trusted`. */
  headers: Headers
  /** The request goes to a trusted origin (credentials may go with it). */
  trusted: boolean
}

/** One logical call (`client.request`), from its start to its result. */
export interface CallTelemetry extends TelemetryScope {
  attempt(info: TelemetryAttempt): TelemetryScope | undefined
  /** `retry` (delayMs, reason, status?) or `rate-limit-wait` (waitMs). */
  event(name: 'retry' | 'rate-limit-wait', attributes: Record<string, string | number | boolean>): void
  /** A token, login, refresh or logout exchange run for this call (never its body). */
  exchange?(info: { kind: string; method: string; url: string }): TelemetryScope | undefined
}

/**
 * What the core tells a telemetry adapter (`otel()` from `isosdk/otel`) about each call; the core
 * itself holds no telemetry code. `call` runs when a call starts; `undefined` leaves it unobserved.
 */
export interface Telemetry {
  call(info: { method: string; url: string; service?: string; operation?: string; template?: string }): CallTelemetry | undefined
}

export interface ClientOptions {
  baseURL: string
  auth?: AuthStrategy
  headers?: HeadersInit
  /** Injected fetch (Worker service binding, proxy, tests); looked up at call time otherwise. */
  fetch?: typeof fetch
  /** ms per attempt; default 30_000. */
  timeout?: number
  /** ms for the whole call, retries and waits included. */
  deadline?: number
  retry?: false | RetryOptions
  /** Max requests in flight for this client. */
  concurrency?: number
  rateLimit?: RateLimitOptions
  /** Parse responses with the operation's schema (default true). */
  validate?: boolean
  hooks?: Hooks
  /** Other origins that also receive the client's credentials (e.g. an API's second host). */
  trustedOrigins?: string[]
  /** Allow credentials over plain `http:` to a non-loopback host (refused by default). */
  allowInsecureHTTP?: boolean
  /** Header carrying `idempotencyKey`; default `Idempotency-Key`. */
  idempotencyHeader?: string
  /** Largest response body read into memory, in bytes (default 64 MiB); a `ResponseTooLargeError` past it. */
  maxResponseBytes?: number
  /** Traces and metrics per call and attempt, e.g. `otel({ tracer, meter })` from `isosdk/otel`. */
  telemetry?: Telemetry
  /** The API's name (`workiva`, `salesforce`, …), set by the service presets; telemetry reports it. */
  service?: string
  /** Maps an error response to a typed error (a service's own error body). Return undefined for the default mapping. */
  mapError?: (response: Response, body: unknown, request: { method: string; url: string }) => Error | undefined
}

declare const serviceBrand: unique symbol

/**
 * A configured client. `Service` brands a preset's client so a Wiki.js client cannot be
 * passed to a Workiva function; a plain `createClient` client fits every service.
 */
export interface Client<Service = never> {
  readonly [serviceBrand]?: Service
  readonly baseURL: string
  readonly options: Readonly<ClientOptions>
  readonly closed: boolean
  /** Aborts when the client closes: tie your own long work (pollers, loops) to it. */
  readonly signal: AbortSignal
  /** The only function that touches the network. */
  request<T = unknown>(op: RequestOp<T>): Promise<T>
  /** Aborts in-flight calls; later calls reject with `ClientClosedError`. */
  close(): Promise<void>
  [Symbol.asyncDispose](): Promise<void>
}

export interface Paginated<T> extends PromiseLike<T[]>, AsyncIterable<T> {
  /** Streams whole pages. */
  pages(): AsyncIterable<T[]>
}

export interface PageProgress {
  pages: number
  items: number
}

export interface Page<T, C> {
  items: T[]
  next?: C | undefined
}

export interface Progress {
  done: number
  total: number
  failed: number
}
