import { slideWindow, type RateLimitStore } from '../core/rate-limit-store.js'
import type { ReleaseLock, TokenStore } from '../auth/token-store.js'
import { checkStringOptions, lockId, parseToken } from './options.js'

type Key = readonly string[]

/** An entry read from Deno KV. */
export interface DenoKvEntryLike {
  readonly value: unknown
  readonly versionstamp: string | null
}

/** A Deno KV atomic operation, as far as the stores use it. */
export interface DenoKvAtomicLike {
  check(...checks: { key: Key; versionstamp: string | null }[]): DenoKvAtomicLike
  set(key: Key, value: unknown, options?: { expireIn?: number }): DenoKvAtomicLike
  delete(key: Key): DenoKvAtomicLike
  commit(): Promise<{ ok: boolean }>
}

/** A Deno KV database (`await Deno.openKv()`), as far as the stores use it. */
export interface DenoKvLike {
  get(key: Key): Promise<DenoKvEntryLike>
  atomic(): DenoKvAtomicLike
}

/** Attempts of one check-and-set before the store gives up (the limiter then falls back to its local limit). */
const MAX_ATTEMPTS = 50

const isLocked = (error: unknown) => /database is locked|SQLITE_BUSY/i.test(error instanceof Error ? error.message : String(error))
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 8 * Math.min(attempt, 5)))

/**
 * Runs one KV call; two processes on one local KV file get `database is locked` from SQLite while
 * the other writes, which is retried (after a short random pause) rather than failed.
 */
async function locked<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isLocked(error)) throw error
      await backoff(attempt)
    }
  }
}

/**
 * Reads `key`, lets `change` compute the new value (or stop with an answer: no `value` key), and
 * writes it only if nobody wrote in between; a conflict or a locked database starts over.
 */
async function checkAndSet<T>(kv: DenoKvLike, key: Key, change: (value: unknown) => { value?: unknown; expireIn?: number; answer: T }): Promise<T> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    try {
      const entry = await kv.get(key)
      const step = change(entry.value)
      if (!('value' in step)) return step.answer
      const op = kv.atomic().check({ key, versionstamp: entry.versionstamp })
      const write = step.value === undefined ? op.delete(key) : op.set(key, step.value, step.expireIn === undefined ? undefined : { expireIn: step.expireIn })
      if ((await write.commit()).ok) return step.answer
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isLocked(error)) throw error
      await backoff(attempt)
    }
  }
  throw new Error(`Deno KV: ${MAX_ATTEMPTS} conflicting writes in a row on ${key.join('/')}`)
}

interface Window {
  starts: number[]
  pausedUntil: number
}

const readWindow = (value: unknown): Window => {
  const w = value as Partial<Window> | null
  return { starts: Array.isArray(w?.starts) ? w.starts : [], pausedUntil: typeof w?.pausedUntil === 'number' ? w.pausedUntil : 0 }
}

/**
 * A rate-limit store on Deno KV (Deno, Deno Deploy): every process or region on the same KV
 * database shares one quota and one 429 pause. Each booking is a `kv.atomic()` check-and-set of
 * one key; `database is locked` from a local KV file shared by processes is retried. The window
 * is one value (64 KiB at most), so keep `requests` under ~4,000 per store. Starts are on each
 * process's clock (Deno Deploy's are synchronised).
 *
 * @example
 * const kv = await Deno.openKv()
 * const api = createClient({ baseURL, rateLimit: { requests: 100, interval: 1000, store: denoKvRateLimitStore(kv) } })
 */
export function denoKvRateLimitStore(kv: DenoKvLike, options: { prefix?: string } = {}): RateLimitStore {
  checkKv('denoKvRateLimitStore', kv)
  checkStringOptions('denoKvRateLimitStore', options, ['prefix'])
  const key = [options.prefix ?? 'isosdk', 'ratelimit']
  // One check-and-set at a time per process: this process's calls would only conflict with each other.
  let tail: Promise<unknown> = Promise.resolve()
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task)
    tail = run.catch(() => {})
    return run
  }
  return {
    reserve: (requests, interval) =>
      serial(() => checkAndSet(kv, key, (value) => {
        const window = readWindow(value)
        const step = slideWindow(window.starts, Date.now(), requests, interval, window.pausedUntil)
        // Only a booking writes: a "wait" is an answer from what was read.
        return step.wait > 0 ? { answer: step.wait } : { value: { starts: step.starts, pausedUntil: window.pausedUntil }, answer: 0 }
      })),
    pause: (until) =>
      serial(() => checkAndSet(kv, key, (value) => {
        const window = readWindow(value)
        return until <= window.pausedUntil ? { answer: undefined } : { value: { ...window, pausedUntil: until }, answer: undefined }
      })),
  }
}

/**
 * A token store on Deno KV with a lock (a check-and-set of a lock key): processes starting
 * together make one token request, and all of them reuse the token (it expires with the token).
 *
 * @example
 * const kv = await Deno.openKv()
 * const auth = oauthClientCredentials({ tokenUrl, clientId, clientSecret, store: denoKvTokenStore(kv) })
 */
export function denoKvTokenStore(kv: DenoKvLike, options: { prefix?: string } = {}): TokenStore {
  checkKv('denoKvTokenStore', kv)
  checkStringOptions('denoKvTokenStore', options, ['prefix'])
  const prefix = options.prefix ?? 'isosdk'
  const tokenKey = (key: string) => [prefix, 'token', key]
  const lockKey = (key: string) => [prefix, 'lock', key]
  return {
    async get(key) {
      return parseToken((await locked(() => kv.get(tokenKey(key)))).value)
    },
    set: (key, token) => checkAndSet(kv, tokenKey(key), () => ({ value: token, expireIn: Math.max(1_000, token.expiresAt - Date.now()), answer: undefined })),
    delete: (key) => checkAndSet(kv, tokenKey(key), () => ({ value: undefined, answer: undefined })),
    acquire(key, ttlMs) {
      const id = lockId()
      return checkAndSet<ReleaseLock | undefined>(kv, lockKey(key), (value) => {
        const held = value as { until?: unknown } | null
        if (held && typeof held.until === 'number' && held.until > Date.now()) return { answer: undefined }
        const release: ReleaseLock = () =>
          checkAndSet(kv, lockKey(key), (current) => ((current as { id?: unknown } | null)?.id === id ? { value: undefined, answer: undefined } : { answer: undefined }))
        return { value: { id, until: Date.now() + ttlMs }, expireIn: ttlMs, answer: release }
      })
    },
  }
}

function checkKv(fn: string, kv: DenoKvLike): void {
  if (kv === null || typeof kv !== 'object' || typeof kv.get !== 'function' || typeof kv.atomic !== 'function') {
    throw new TypeError(`${fn}: \`kv\` must be a Deno KV database (await Deno.openKv())`)
  }
}
