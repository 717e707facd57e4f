/** A cached access token. */
export interface StoredToken {
  accessToken: string
  /** Epoch ms. */
  expiresAt: number
  /** Epoch ms when it was issued (renewal at half-life for short-lived tokens). */
  obtainedAt?: number
  tokenType?: string
}

/** Gives a lock back; resolves once it is released. */
export type ReleaseLock = () => Promise<void> | void

/**
 * Where `oauthClientCredentials` keeps tokens. The memory store is per client; a shared store
 * (Workers KV, Redis…) lets many isolates or processes reuse one token.
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined> | StoredToken | undefined
  set(key: string, token: StoredToken): Promise<void> | void
  delete(key: string): Promise<void> | void
  /**
   * Optional lock, so N processes starting together make one token request, not N: resolves a
   * release function when the caller now holds the lock for `key` (for at most `ttlMs`, so a
   * holder that dies frees it), or undefined when someone else holds it — that caller then waits
   * for the token to appear in the store. It must be atomic (Redis `SET NX PX`, a check-and-set).
   */
  acquire?(key: string, ttlMs: number): Promise<ReleaseLock | undefined> | ReleaseLock | undefined
}

/** How long a token request may hold the lock (the token request's own timeout). */
const LOCK_TTL = 30_000

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Gets a new token for `key` once for everyone sharing `store`, and stores it. Without a lock
 * (or when the store fails) it is `request()` then `set`, as before. With one, the holder
 * requests and stores the token before letting go, while the others look for it in the store
 * (every 20 ms, backing off to 250 ms) and take it; a holder that fails or dies lets the next
 * one try. Bounded: past twice the lock's lifetime a caller requests its own token.
 *
 * @example
 * const token = await withTokenLock(store, key, (t) => t.expiresAt > Date.now() + 60_000, () => requestToken())
 */
export async function withTokenLock(store: TokenStore, key: string, usable: (token: StoredToken) => boolean, request: () => Promise<StoredToken>, ttl = LOCK_TTL): Promise<StoredToken> {
  const requestAndStore = async () => {
    const token = await request()
    await store.set(key, token)
    return token
  }
  if (!store.acquire) return requestAndStore()
  const deadline = Date.now() + 2 * ttl
  for (let wait = 20; ; wait = Math.min(wait * 2, 250)) {
    let release: ReleaseLock | undefined
    let shared: StoredToken | undefined
    try {
      release = await store.acquire(key, ttl)
      // Whoever held the lock may have stored a token since this caller last looked.
      shared = await store.get(key)
    } catch {
      if (release) await Promise.resolve().then(release).catch(() => {})
      return requestAndStore()
    }
    if (shared && usable(shared)) {
      if (release) await Promise.resolve().then(release).catch(() => {})
      return shared
    }
    if (release) {
      try {
        return await requestAndStore()
      } finally {
        await Promise.resolve().then(release).catch(() => {})
      }
    }
    if (Date.now() > deadline) return requestAndStore()
    await pause(wait)
  }
}

/**
 * A token store in memory (the default).
 *
 * @example
 * const store = memoryTokenStore()
 * const a = workiva({ clientId, clientSecret, store })   // two clients, one token
 */
export function memoryTokenStore(): TokenStore {
  const tokens = new Map<string, StoredToken>()
  const locks = new Map<string, { owner: object; until: number }>()
  return {
    get: (key) => tokens.get(key),
    set: (key, token) => void tokens.set(key, token),
    delete: (key) => void tokens.delete(key),
    acquire(key, ttlMs) {
      const held = locks.get(key)
      if (held && held.until > Date.now()) return undefined
      const owner = {}
      locks.set(key, { owner, until: Date.now() + ttlMs })
      return () => {
        if (locks.get(key)?.owner === owner) locks.delete(key)
      }
    },
  }
}

/** The slice of a Workers KV namespace the KV store uses. */
export interface KVNamespaceLike {
  get(key: string, type: 'json'): Promise<unknown>
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>
  delete(key: string): Promise<void>
}

/**
 * A token store on Cloudflare Workers KV: every isolate of the Worker shares one token.
 * Entries expire with the token (KV's minimum TTL is 60 s).
 *
 * @example
 * export default {
 *   async fetch(request, env) {
 *     const auth = oauthClientCredentials({ tokenUrl, clientId: env.ID, clientSecret: env.SECRET, store: kvTokenStore(env.TOKENS) })
 *   },
 * }
 */
export function kvTokenStore(kv: KVNamespaceLike, options: { prefix?: string } = {}): TokenStore {
  const prefix = options.prefix ?? 'isosdk:token:'
  return {
    async get(key) {
      const value = (await kv.get(prefix + key, 'json')) as StoredToken | null
      return value && typeof value.accessToken === 'string' && typeof value.expiresAt === 'number' ? value : undefined
    },
    async set(key, token) {
      const ttl = Math.max(60, Math.floor((token.expiresAt - Date.now()) / 1000))
      await kv.put(prefix + key, JSON.stringify(token), { expirationTtl: ttl })
    },
    delete: (key) => kv.delete(prefix + key),
  }
}
