/**
 * Fault injection for fakes: latency, a share of 503s, 429s with `Retry-After`, dropped
 * connections, and periodic credential expiry. Works the same in process (msw `setupServer`,
 * `setupWorker`) and over `serve()`; no Node built-ins here.
 */
import { HttpResponse, RequestHandler, type ResponseResolver } from 'msw'
import type { Fake } from './fake.js'

/** What a fault handler did to a request. */
export type FaultKind = 'latency' | 'serverError' | 'rateLimit' | 'drop'

/** Options of {@link createFaults} and {@link withFaults}. */
export interface FaultOptions {
  /** Delay before each eligible request is answered, in ms: a fixed number, or `[min, max]` drawn uniformly. */
  latency?: number | readonly [min: number, max: number]
  /** Share (0..1) of eligible requests answered `503` with a JSON body. */
  serverErrorRate?: number
  /** Share (0..1) of eligible requests answered `429` with `Retry-After`. */
  rateLimitRate?: number
  /** Share (0..1) of eligible requests whose connection is dropped (a network error for the client). */
  dropRate?: number
  /** `Retry-After` of the injected 429s, in seconds (default 1). */
  retryAfter?: number
  /** Seed of the PRNG that picks the faults (default a fixed seed: runs are reproducible). */
  seed?: number
  /** Which requests may get a fault (default: all). */
  match?: (request: Request) => boolean
  /** Called for every fault injected, latency included. */
  onFault?: (kind: FaultKind, request: Request) => void
}

/** Counters of the faults one {@link createFaults} instance injected. */
export interface FaultStats {
  /** Requests answered 503. */
  serverErrors: number
  /** Requests answered 429. */
  rateLimited: number
  /** Connections dropped. */
  dropped: number
  /** Requests delayed by `latency` (> 0 ms). */
  delayed: number
}

/** Fault handlers (put them before the fake's own) and their live counters. */
export interface Faults {
  readonly handlers: RequestHandler[]
  readonly stats: FaultStats
}

/** A running periodic task. */
export interface Interval {
  /** Stops the task; safe to call twice. */
  stop(): void
}

/**
 * A deterministic PRNG (mulberry32): the same seed gives the same sequence of numbers in [0, 1).
 * Use it wherever a fake needs randomness, instead of `Math.random`.
 *
 * @example
 * ```ts
 * const random = seededRandom(42)
 * const id = Math.floor(random() * 1e6) // the same on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * Creates fault-injecting msw handlers and their counters. Put `handlers` **before** a fake's
 * handlers: for each eligible request it draws (from a seeded PRNG) one outcome —
 * a 503 (`serverErrorRate`), a 429 with `Retry-After` (`rateLimitRate`), a dropped connection
 * (`dropRate`) or nothing — after waiting `latency` ms. When nothing is injected the fault
 * handler does not match, so the request goes on to the fake's handlers untouched (and msw's
 * `onUnhandledRequest` still sees requests no fake handles).
 *
 * A drop is `HttpResponse.error()`: in process `fetch` rejects with a `TypeError`; over
 * `serve()` the socket is destroyed without an answer, and `fetch` rejects with a `TypeError` too.
 * The draws happen when the request arrives, so the counts over N requests depend only on the
 * seed, not on timing or concurrency.
 *
 * Throws a `TypeError` naming the option when a rate is outside 0..1, the rates add up to more
 * than 1, or `latency` is negative or an inverted range.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { createFaults, wikijsFake } from 'isosdk/testing'
 *
 * const fake = wikijsFake()
 * const faults = createFaults({ serverErrorRate: 0.1, rateLimitRate: 0.05, seed: 7 })
 * const server = setupServer(...faults.handlers, ...fake.handlers)
 * server.listen({ onUnhandledRequest: 'error' })
 * // ... run calls ...
 * console.log(faults.stats) // { serverErrors, rateLimited, dropped, delayed }: the same for the same seed
 * ```
 */
export function createFaults(options: FaultOptions = {}): Faults {
  const serverErrorRate = rate(options.serverErrorRate, 'serverErrorRate')
  const rateLimitRate = rate(options.rateLimitRate, 'rateLimitRate')
  const dropRate = rate(options.dropRate, 'dropRate')
  if (serverErrorRate + rateLimitRate + dropRate > 1) {
    throw new TypeError('faults: options.serverErrorRate + options.rateLimitRate + options.dropRate must not exceed 1')
  }
  const [minLatency, maxLatency] = latencyRange(options.latency)
  const retryAfter = options.retryAfter ?? 1
  if (!Number.isFinite(retryAfter) || retryAfter < 0) {
    throw new TypeError(`faults: options.retryAfter must be a number of seconds >= 0, got ${String(options.retryAfter)}`)
  }
  const seed = options.seed ?? 0x1505_d1ce
  if (!Number.isFinite(seed)) throw new TypeError(`faults: options.seed must be a finite number, got ${String(options.seed)}`)
  const { match, onFault } = options
  if (match !== undefined && typeof match !== 'function') throw new TypeError('faults: options.match must be a function')
  if (onFault !== undefined && typeof onFault !== 'function') throw new TypeError('faults: options.onFault must be a function')

  const random = seededRandom(seed)
  const stats: FaultStats = { serverErrors: 0, rateLimited: 0, dropped: 0, delayed: 0 }
  const decided = new WeakMap<Request, Exclude<FaultKind, 'latency'>>()

  const decide = async (request: Request): Promise<boolean> => {
    if (match && !match(request)) return false
    // Draw everything now, before any await, so concurrency cannot reorder the sequence.
    const roll = random()
    const wait = minLatency === maxLatency ? minLatency : Math.round(minLatency + random() * (maxLatency - minLatency))
    const kind =
      roll < serverErrorRate
        ? 'serverError'
        : roll < serverErrorRate + rateLimitRate
          ? 'rateLimit'
          : roll < serverErrorRate + rateLimitRate + dropRate
            ? 'drop'
            : undefined
    if (wait > 0) {
      stats.delayed++
      onFault?.('latency', request)
      await sleep(wait, request.signal)
    }
    if (kind === undefined) return false
    if (kind === 'serverError') stats.serverErrors++
    else if (kind === 'rateLimit') stats.rateLimited++
    else stats.dropped++
    decided.set(request, kind)
    onFault?.(kind, request)
    return true
  }

  const respond: ResponseResolver = ({ request }) => {
    const kind = decided.get(request)
    if (kind === 'serverError') {
      return HttpResponse.json(
        { error: 'Service Unavailable', fault: kind },
        { status: 503, headers: { 'X-Fake-Fault': kind } },
      )
    }
    if (kind === 'rateLimit') {
      return HttpResponse.json(
        { error: 'Too Many Requests', fault: kind },
        { status: 429, headers: { 'Retry-After': String(retryAfter), 'X-Fake-Fault': kind } },
      )
    }
    return HttpResponse.error()
  }

  const description = [
    maxLatency > 0 ? `latency ${minLatency}-${maxLatency}ms` : '',
    serverErrorRate > 0 ? `503 ${serverErrorRate}` : '',
    rateLimitRate > 0 ? `429 ${rateLimitRate}` : '',
    dropRate > 0 ? `drop ${dropRate}` : '',
  ].filter(Boolean)
  return { handlers: [faultHandler(`faults (${description.join(', ') || 'none'})`, decide, respond)], stats }
}

/**
 * Wraps handlers with fault injection: `[...createFaults(options).handlers, ...handlers]`.
 * Use {@link createFaults} instead when the test needs the fault counters.
 *
 * @example
 * ```ts
 * import { serve, withFaults, folioFake } from 'isosdk/testing'
 *
 * const fake = folioFake()
 * await using server = await serve(withFaults(fake.handlers, { latency: [5, 20], dropRate: 0.02, seed: 1 }))
 * ```
 */
export function withFaults(handlers: readonly RequestHandler[], options: FaultOptions = {}): RequestHandler[] {
  if (!Array.isArray(handlers)) throw new TypeError('withFaults: handlers must be an array of msw request handlers')
  return [...createFaults(options).handlers, ...handlers]
}

/**
 * Runs `fn` every `ms` milliseconds until stopped. The timer is `unref`'d where the runtime
 * supports it, so it never keeps a Node process alive.
 *
 * @example
 * ```ts
 * const ticker = everyInterval(1_000, () => console.log('tick'))
 * // later
 * ticker.stop()
 * ```
 */
export function everyInterval(ms: number, fn: () => void): Interval {
  if (!Number.isFinite(ms) || ms <= 0) throw new TypeError(`everyInterval: ms must be a positive number, got ${String(ms)}`)
  if (typeof fn !== 'function') throw new TypeError('everyInterval: fn must be a function')
  const timer: unknown = setInterval(fn, ms)
  if (typeof timer === 'object' && timer !== null && 'unref' in timer && typeof timer.unref === 'function') {
    timer.unref()
  }
  return { stop: () => clearInterval(timer as ReturnType<typeof setInterval>) }
}

/**
 * Expires a fake's credentials every `ms` milliseconds (`fake.expireCredentials()`), so a long
 * run exercises token refresh and re-login. Stop it with `stop()`.
 *
 * @example
 * ```ts
 * const fake = workivaFake()
 * const expiry = expireEvery(fake, 250)
 * // ... a soak run: every call must survive the expiries ...
 * expiry.stop()
 * ```
 */
export function expireEvery(fake: Pick<Fake<unknown>, 'expireCredentials'>, ms: number): Interval {
  if (typeof fake?.expireCredentials !== 'function') {
    throw new TypeError('expireEvery: fake must have an expireCredentials() method')
  }
  return everyInterval(ms, () => fake.expireCredentials())
}

function rate(value: number | undefined, name: string): number {
  if (value === undefined) return 0
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new TypeError(`faults: options.${name} must be a number from 0 to 1, got ${String(value)}`)
  }
  return value
}

function latencyRange(latency: FaultOptions['latency']): [number, number] {
  if (latency === undefined) return [0, 0]
  const [min, max] = typeof latency === 'number' ? [latency, latency] : [latency[0], latency[1]]
  if (!Number.isFinite(min) || !Number.isFinite(max) || min < 0 || max < min) {
    throw new TypeError(`faults: options.latency must be ms >= 0 or a [min, max] range with min <= max, got ${JSON.stringify(latency)}`)
  }
  return [min, max]
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve()
      return
    }
    const done = (): void => {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * An msw handler that matches a request only when `decide` injects a fault (after any latency),
 * so an untouched request continues to the next handlers as if this one did not exist.
 * Built inside a function, so importing this module creates nothing.
 */
function faultHandler(
  header: string,
  decide: (request: Request) => Promise<boolean>,
  respond: ResponseResolver,
): RequestHandler {
  class FaultHandler extends RequestHandler<{ header: string }, Record<string, never>, Record<string, never>> {
    predicate(args: { request: Request }): Promise<boolean> {
      return decide(args.request)
    }
    log(): void {}
  }
  return new FaultHandler({ info: { header }, resolver: respond })
}
