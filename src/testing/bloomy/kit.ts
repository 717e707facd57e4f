// The Bloom Growth fake's request pipeline: counting, in-flight tracking, injected failures,
// latency (abort-aware), bearer check, then the route's own resolver.
import { http, HttpResponse, type RequestHandler } from 'msw'
import type { FakeStats } from '../fake.js'
import type { BloomyState } from './state.js'

/** A failure the fake answers with instead of the route (for tests). */
export interface BloomyFailure {
  /** `GET`, `POST`, … (default any). */
  method?: string
  /** Path after `/api/v1` (e.g. `/L10/10/issues`), exact string or pattern. */
  path: string | RegExp
  status: number
  body?: unknown
  /** Response headers, e.g. `{ 'Retry-After': '1' }`. */
  headers?: Record<string, string>
  /** Answer after this many ms (default at once, before the fake's `latency`). */
  delay?: number
  /** How many times to fail (default every time). */
  times?: number
}

/** One request as the fake saw it. */
export interface BloomyTrafficEntry {
  method: string
  /** Path after `/api/v1` (or `/Token`), with its query string. */
  path: string
  /** The fake's request serial when it arrived. */
  seq: number
  /** In-flight requests (this one included) when it arrived. */
  concurrent: number
  /** The client aborted the request while the fake was still holding it. */
  aborted: boolean
  status?: number
}

/** In-flight counting, to check fan-out and cancellation. */
export interface BloomyTraffic {
  inFlight: number
  maxInFlight: number
  log: BloomyTrafficEntry[]
  /** Clears the log and the maximum. */
  reset(): void
}

/** ms to hold an answer: one number for every request, or chosen per request. */
export type BloomyLatency = number | ((request: { method: string; path: string }) => number)

export interface Kit {
  state: BloomyState
  stats: FakeStats
  traffic: BloomyTraffic
  latency: BloomyLatency
  failures: BloomyFailure[]
}

export interface RouteContext {
  request: Request
  url: URL
  origin: string
  params: Record<string, string>
  /** The user the bearer key belongs to. */
  userId: number
}

type Method = 'get' | 'post' | 'put' | 'delete'
type Resolver = (ctx: RouteContext) => Response | Promise<Response>

export function createTraffic(): BloomyTraffic {
  const traffic: BloomyTraffic = {
    inFlight: 0,
    maxInFlight: 0,
    log: [],
    reset() {
      traffic.log.length = 0
      traffic.maxInFlight = traffic.inFlight
    },
  }
  return traffic
}

/** ASP.NET Web API error body, as Bloom Growth answers. */
export function fail(status: number, message: string): Response {
  return HttpResponse.json({ Message: message }, { status })
}

export function ok(body: unknown, status = 200): Response {
  return HttpResponse.json(body as never, { status })
}

/** Waits `ms`; resolves `true` if the request was aborted meanwhile. */
function hold(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(false)
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      resolve(true)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

function bearer(request: Request): string | undefined {
  const header = request.headers.get('authorization') ?? ''
  const match = /^Bearer\s+(\S+)$/i.exec(header)
  return match?.[1]
}

/** Paths under any origin's `/api/v1`. */
export const API = '*/api/v1'

/** A route with the fake's pipeline around it. `auth: false` skips the bearer check (the token endpoint). */
export function route(kit: Kit, method: Method, path: string, resolve: Resolver, options: { auth?: boolean; prefix?: string } = {}): RequestHandler {
  const prefix = options.prefix ?? API
  return http[method](`${prefix}${path}`, async ({ request, params }) => {
    const url = new URL(request.url)
    const relative = url.pathname.replace(/^.*?\/api\/v1(?=\/)/i, '') + url.search
    const { stats, traffic } = kit
    stats.requests++
    traffic.inFlight++
    traffic.maxInFlight = Math.max(traffic.maxInFlight, traffic.inFlight)
    const entry: BloomyTrafficEntry = {
      method: request.method,
      path: relative,
      seq: stats.requests,
      concurrent: traffic.inFlight,
      aborted: false,
    }
    traffic.log.push(entry)
    try {
      const response = await answer()
      entry.status = response.status
      return response
    } finally {
      traffic.inFlight--
    }

    async function answer(): Promise<Response> {
      const injected = kit.failures.find(
        (f) =>
          (f.times === undefined || f.times > 0) &&
          (!f.method || f.method.toUpperCase() === request.method) &&
          (typeof f.path === 'string' ? f.path === url.pathname.replace(/^.*?\/api\/v1(?=\/)/i, '') : f.path.test(relative)),
      )
      if (injected) {
        if (injected.times !== undefined) injected.times--
        if (injected.delay && (await hold(injected.delay, request.signal))) entry.aborted = true
        return HttpResponse.json((injected.body ?? { Message: `Injected failure (${injected.status})` }) as never, {
          status: injected.status,
          headers: injected.headers,
        })
      }
      const latency = typeof kit.latency === 'function' ? kit.latency({ method: request.method, path: relative }) : kit.latency
      if (latency > 0 && (await hold(latency, request.signal))) {
        entry.aborted = true
        return fail(499, 'Client closed request')
      }
      let userId = 0
      if (options.auth !== false) {
        const key = bearer(request)
        const owner = key === undefined ? undefined : kit.state.tokens.get(key)
        if (owner === undefined) return fail(401, 'Authorization has been denied for this request.')
        userId = owner
      }
      const stringParams: Record<string, string> = {}
      for (const [k, v] of Object.entries(params)) if (typeof v === 'string') stringParams[k] = v
      return resolve({ request, url, origin: url.origin, params: stringParams, userId })
    }
  })
}

/** A numeric path parameter, or undefined when it is not a positive integer. */
export function idParam(ctx: RouteContext, name: string): number | undefined {
  const raw = ctx.params[name]
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined
  const n = Number(raw)
  return n > 0 ? n : undefined
}

/** A JSON body's field, matched case-insensitively (ASP.NET model binding is). */
export function field(body: Record<string, unknown>, name: string): unknown {
  const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : body[key]
}

export async function jsonBody(request: Request): Promise<Record<string, unknown> | undefined> {
  const text = await request.text()
  if (text.trim() === '') return {}
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined
}

export function posInt(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined
}
