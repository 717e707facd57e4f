/** A cached access token. */
export interface StoredToken {
  accessToken: string
  /** Epoch ms. */
  expiresAt: number
  /** Epoch ms when it was issued (renewal at half-life for short-lived tokens). */
  obtainedAt?: number
  tokenType?: string
}

/**
 * Where `oauthClientCredentials` keeps tokens. The memory store is per client; a shared store
 * (Workers KV, Redis…) lets many isolates or processes reuse one token.
 */
export interface TokenStore {
  get(key: string): Promise<StoredToken | undefined> | StoredToken | undefined
  set(key: string, token: StoredToken): Promise<void> | void
  delete(key: string): Promise<void> | void
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
  return {
    get: (key) => tokens.get(key),
    set: (key, token) => void tokens.set(key, token),
    delete: (key) => void tokens.delete(key),
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
