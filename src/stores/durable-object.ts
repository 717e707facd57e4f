import { slideWindow, type RateLimitStore } from '../core/rate-limit-store.js'
import type { ReleaseLock, StoredToken, TokenStore } from '../auth/token-store.js'
import { checkStringOptions, lockId, parseToken } from './options.js'

/** The slice of a Durable Object's storage `RateLimitObject` uses. */
export interface DurableObjectStorageLike {
  get(key: string): Promise<unknown>
  put(key: string, value: unknown): Promise<void>
  delete(key: string): Promise<boolean>
}

/** The slice of a Durable Object's state (`ctx`) `RateLimitObject` uses. */
export interface DurableObjectStateLike {
  readonly storage: DurableObjectStorageLike
}

/** The slice of a Durable Object stub the stores use. */
export interface DurableObjectStubLike {
  fetch(input: string, init: { method: 'POST'; headers: Record<string, string>; body: string }): Promise<{ ok: boolean; status: number; text(): Promise<string> }>
}

/** A Durable Object namespace binding (`env.LIMITER`), as far as the stores use it. */
export interface DurableObjectNamespaceLike<Id = unknown> {
  idFromName(name: string): Id
  get(id: Id): DurableObjectStubLike
}

interface Window {
  starts: number[]
  pausedUntil: number
}

const ORIGIN = 'https://rate-limit-object'
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } })

class BadField extends Error {}

function field<T>(body: Record<string, unknown>, name: string, type: 'number' | 'string' | 'object'): T {
  const value = body[name]
  const ok = type === 'number' ? typeof value === 'number' && Number.isFinite(value) && value >= 0 : type === 'string' ? typeof value === 'string' && value !== '' : parseToken(value) !== undefined
  if (!ok) throw new BadField(`RateLimitObject: field \`${name}\` must be ${type === 'number' ? 'a finite number ≥ 0' : type === 'string' ? 'a non-empty string' : 'a token ({ accessToken, expiresAt })'}`)
  return (type === 'object' ? parseToken(value) : value) as T
}

/**
 * A Durable Object that keeps one shared quota (a sliding window over start times, and the fleet's
 * 429 pause) and, for `durableObjectTokenStore`, the shared tokens and their locks. A Durable
 * Object handles one event at a time, so every step is atomic. Export it from your Worker and bind
 * it (wrangler: `[[durable_objects.bindings]] name = "LIMITER"`, `class_name = "RateLimitObject"`,
 * and a `new_sqlite_classes` migration); every Worker bound to the namespace shares it.
 *
 * @example
 * export { RateLimitObject } from 'isosdk/stores'
 * export default {
 *   async fetch(request: Request, env: Env) {
 *     const api = createClient({ baseURL, rateLimit: { requests: 100, interval: 1000, store: durableObjectRateLimitStore(env.LIMITER) } })
 *   },
 * }
 */
export class RateLimitObject {
  readonly #storage: DurableObjectStorageLike
  #window: Window | undefined
  readonly #locks = new Map<string, { id: string; until: number }>()

  constructor(state: DurableObjectStateLike, _env?: unknown) {
    this.#storage = state.storage
  }

  async fetch(request: Request): Promise<Response> {
    let body: Record<string, unknown>
    try {
      const parsed: unknown = await request.json()
      if (parsed === null || typeof parsed !== 'object') throw new BadField('RateLimitObject: the body must be a JSON object')
      body = parsed as Record<string, unknown>
    } catch (error) {
      return json({ error: error instanceof BadField ? error.message : 'RateLimitObject: the body must be JSON' }, 400)
    }
    try {
      return json(await this.#handle(new URL(request.url).pathname, body))
    } catch (error) {
      if (error instanceof BadField) return json({ error: error.message }, 400)
      throw error
    }
  }

  async #handle(op: string, body: Record<string, unknown>): Promise<unknown> {
    const now = Date.now()
    switch (op) {
      case '/reserve': {
        const requests = field<number>(body, 'requests', 'number')
        const interval = field<number>(body, 'interval', 'number')
        const window = (this.#window ??= ((await this.#storage.get('window')) as Window | undefined) ?? { starts: [], pausedUntil: 0 })
        const step = slideWindow(window.starts, now, requests, interval, window.pausedUntil)
        window.starts = step.starts
        // Kept in storage too, so a window longer than the object's idle life survives eviction.
        if (step.wait === 0) await this.#storage.put('window', window)
        return { wait: step.wait }
      }
      case '/pause': {
        const ms = field<number>(body, 'ms', 'number')
        const window = (this.#window ??= ((await this.#storage.get('window')) as Window | undefined) ?? { starts: [], pausedUntil: 0 })
        if (now + ms > window.pausedUntil) {
          window.pausedUntil = now + ms
          await this.#storage.put('window', window)
        }
        return {}
      }
      case '/token/get': {
        const key = field<string>(body, 'key', 'string')
        return { token: parseToken(await this.#storage.get(`token:${key}`)) ?? null }
      }
      case '/token/set': {
        await this.#storage.put(`token:${field<string>(body, 'key', 'string')}`, field<StoredToken>(body, 'token', 'object'))
        return {}
      }
      case '/token/delete': {
        await this.#storage.delete(`token:${field<string>(body, 'key', 'string')}`)
        return {}
      }
      case '/lock/acquire': {
        const key = field<string>(body, 'key', 'string')
        const held = this.#locks.get(key)
        if (held && held.until > now) return { acquired: false }
        this.#locks.set(key, { id: field<string>(body, 'id', 'string'), until: now + field<number>(body, 'ttl', 'number') })
        return { acquired: true }
      }
      case '/lock/release': {
        const key = field<string>(body, 'key', 'string')
        if (this.#locks.get(key)?.id === field<string>(body, 'id', 'string')) this.#locks.delete(key)
        return {}
      }
      default:
        throw new BadField(`RateLimitObject: no operation ${op}`)
    }
  }
}

/** Calls one operation of the object; a stub per call, as Workers want I/O objects per request. */
function caller(fn: string, namespace: DurableObjectNamespaceLike, options: { name?: string } | undefined) {
  checkStringOptions(fn, options, ['name'])
  if (namespace === null || typeof namespace !== 'object' || typeof namespace.idFromName !== 'function' || typeof namespace.get !== 'function') {
    throw new TypeError(`${fn}: \`namespace\` must be a Durable Object namespace binding (env.LIMITER), bound to RateLimitObject`)
  }
  const name = options?.name ?? 'isosdk'
  return async <T>(op: string, body: Record<string, unknown>): Promise<T> => {
    const stub = namespace.get(namespace.idFromName(name))
    const response = await stub.fetch(ORIGIN + op, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const text = await response.text()
    if (!response.ok) throw new Error(`${fn}: the Durable Object answered ${response.status} to ${op}: ${text.slice(0, 200)}`)
    return JSON.parse(text) as T
  }
}

/**
 * A rate-limit store in a `RateLimitObject` Durable Object: every Worker isolate bound to the
 * namespace shares one quota and one 429 pause. `name` picks the object (one per quota; default `isosdk`).
 *
 * @example
 * const api = createClient({ baseURL, rateLimit: { requests: 100, interval: 1000, store: durableObjectRateLimitStore(env.LIMITER, { name: 'workiva' }) } })
 */
export function durableObjectRateLimitStore<Id>(namespace: DurableObjectNamespaceLike<Id>, options?: { name?: string }): RateLimitStore {
  const call = caller('durableObjectRateLimitStore', namespace as DurableObjectNamespaceLike, options)
  return {
    async reserve(requests, interval) {
      return (await call<{ wait: number }>('/reserve', { requests, interval })).wait
    },
    async pause(until) {
      const ms = Math.ceil(until - Date.now())
      if (ms > 0) await call('/pause', { ms })
    },
  }
}

/**
 * A token store in a `RateLimitObject` Durable Object, with a lock: isolates starting together make
 * one token request, and all of them reuse the token.
 *
 * @example
 * const auth = oauthClientCredentials({ tokenUrl, clientId: env.ID, clientSecret: env.SECRET, store: durableObjectTokenStore(env.LIMITER) })
 */
export function durableObjectTokenStore<Id>(namespace: DurableObjectNamespaceLike<Id>, options?: { name?: string }): TokenStore {
  const call = caller('durableObjectTokenStore', namespace as DurableObjectNamespaceLike, options)
  return {
    async get(key) {
      return (await call<{ token: StoredToken | null }>('/token/get', { key })).token ?? undefined
    },
    async set(key, token) {
      await call('/token/set', { key, token })
    },
    async delete(key) {
      await call('/token/delete', { key })
    },
    async acquire(key, ttlMs): Promise<ReleaseLock | undefined> {
      const id = lockId()
      const { acquired } = await call<{ acquired: boolean }>('/lock/acquire', { key, id, ttl: Math.max(1, Math.ceil(ttlMs)) })
      if (!acquired) return undefined
      return async () => {
        await call('/lock/release', { key, id })
      }
    },
  }
}
