import type { RateLimitStore } from '../core/rate-limit-store.js'
import type { ReleaseLock, StoredToken, TokenStore } from '../auth/token-store.js'
import { checkStringOptions, lockId, parseToken } from './options.js'

/** A node-redis client (`createClient()` of the `redis` package, v4–v6), as far as the stores use it. */
export interface NodeRedisClientLike {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>
}

/** An ioredis client, as far as the stores use it. */
export interface IoRedisClientLike {
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>
}

export type RedisClientLike = NodeRedisClientLike | IoRedisClientLike

type RunScript = (script: string, keys: string[], args: string[]) => Promise<unknown>

/**
 * Every command is a Lua script, so one method (`eval`) is all the client needs. node-redis is
 * told from ioredis by shape: node-redis also has `EVAL` (upper case) and `isOpen`.
 */
function scriptRunner(fn: string, redis: RedisClientLike): RunScript {
  const client = redis as { eval?: unknown; EVAL?: unknown; isOpen?: unknown }
  if (client === null || typeof client !== 'object' || typeof client.eval !== 'function') {
    throw new TypeError(`${fn}: \`redis\` must be a node-redis or ioredis client (it has no eval method)`)
  }
  if (typeof client.EVAL === 'function' || typeof client.isOpen === 'boolean') {
    const nodeRedis = redis as NodeRedisClientLike
    return (script, keys, args) => nodeRedis.eval(script, { keys, arguments: args })
  }
  const ioredis = redis as IoRedisClientLike
  return (script, keys, args) => ioredis.eval(script, keys.length, ...keys, ...args)
}

// A sliding window over start times, newest first, on the server's clock (so hosts' clocks may
// differ), with the burst cap of `burstLimit` (a tenth of the quota per tenth of the window).
// KEYS: window list, pause key. ARGV: requests, interval. Answers 0 (a start booked now) or the
// ms to wait: the time left of a pause, or until the oldest start leaves the window.
const RESERVE = `
if redis.replicate_commands then redis.replicate_commands() end
local paused = redis.call('PTTL', KEYS[2])
if paused > 0 then return paused end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local requests = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local wait = 0
local oldest = tonumber(redis.call('LINDEX', KEYS[1], requests - 1))
if oldest and oldest + interval > now then wait = oldest + interval - now end
if requests >= 10 then
  local recent = tonumber(redis.call('LINDEX', KEYS[1], math.ceil(requests / 10) - 1))
  if recent and recent + interval / 10 > now then wait = math.max(wait, recent + interval / 10 - now) end
end
if wait > 0 then return math.max(1, math.ceil(wait)) end
redis.call('LPUSH', KEYS[1], now)
redis.call('LTRIM', KEYS[1], 0, requests - 1)
redis.call('PEXPIRE', KEYS[1], interval)
return 0`

// KEYS: pause key. ARGV: ms. A pause only ever grows.
const PAUSE = `
local ms = tonumber(ARGV[1])
if redis.call('PTTL', KEYS[1]) < ms then redis.call('SET', KEYS[1], '1', 'PX', ms) end
return 0`

const GET = `return redis.call('GET', KEYS[1])`
const SET = `return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])`
const DEL = `return redis.call('DEL', KEYS[1])`
const ACQUIRE = `return redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])`
// Deletes the lock only while it is still this owner's (it may have expired and gone to another).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`

/**
 * A rate-limit store on Redis: every process (Node, Bun, any host with a Redis client) that
 * shares the Redis and the `prefix` shares one quota and one 429 pause. Each `reserve` is one
 * atomic Lua script on the server's clock. Pass your own connected node-redis or ioredis client;
 * isosdk adds no dependency. In a Redis Cluster keep a `{hash tag}` in the prefix (the default
 * has one), so the window and the pause live on one node.
 *
 * @example
 * import { createClient as createRedis } from 'redis'
 * const redis = await createRedis({ url: process.env.REDIS_URL }).connect()
 * const api = createClient({ baseURL, rateLimit: { requests: 100, interval: 1000, store: redisRateLimitStore(redis, { prefix: 'myapp:{workiva}:' }) } })
 */
export function redisRateLimitStore(redis: RedisClientLike, options: { prefix?: string } = {}): RateLimitStore {
  checkStringOptions('redisRateLimitStore', options, ['prefix'])
  const run = scriptRunner('redisRateLimitStore', redis)
  const prefix = options.prefix ?? 'isosdk:{ratelimit}:'
  const keys = [`${prefix}window`, `${prefix}pause`]
  return {
    async reserve(requests, interval) {
      return Number(await run(RESERVE, keys, [String(requests), String(Math.ceil(interval))]))
    },
    async pause(until) {
      const ms = Math.ceil(until - Date.now())
      if (ms > 0) await run(PAUSE, [keys[1]!], [String(ms)])
    },
  }
}

/**
 * A token store on Redis with a lock: processes starting together make one token request (the
 * lock is `SET NX PX`), and every process reuses the token until it expires (the key expires with it).
 *
 * @example
 * const redis = await createRedis({ url: process.env.REDIS_URL }).connect()
 * const auth = oauthClientCredentials({ tokenUrl, clientId, clientSecret, store: redisTokenStore(redis) })
 */
export function redisTokenStore(redis: RedisClientLike, options: { prefix?: string } = {}): TokenStore {
  checkStringOptions('redisTokenStore', options, ['prefix'])
  const run = scriptRunner('redisTokenStore', redis)
  const prefix = options.prefix ?? 'isosdk:token:'
  return {
    async get(key) {
      return parseToken(await run(GET, [prefix + key], []))
    },
    async set(key, token: StoredToken) {
      const ttl = Math.max(1_000, Math.ceil(token.expiresAt - Date.now()))
      await run(SET, [prefix + key], [JSON.stringify(token), String(ttl)])
    },
    async delete(key) {
      await run(DEL, [prefix + key], [])
    },
    async acquire(key, ttlMs): Promise<ReleaseLock | undefined> {
      const lock = `${prefix}${key}:lock`
      const id = lockId()
      const answer = await run(ACQUIRE, [lock], [id, String(Math.max(1, Math.ceil(ttlMs)))])
      if (answer !== 'OK') return undefined
      return async () => {
        await run(RELEASE, [lock], [id])
      }
    },
  }
}
