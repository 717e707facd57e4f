export { redisRateLimitStore, redisTokenStore, type RedisClientLike, type NodeRedisClientLike, type IoRedisClientLike } from './redis.js'
export {
  RateLimitObject,
  durableObjectRateLimitStore,
  durableObjectTokenStore,
  type DurableObjectNamespaceLike,
  type DurableObjectStubLike,
  type DurableObjectStateLike,
  type DurableObjectStorageLike,
} from './durable-object.js'
export { denoKvRateLimitStore, denoKvTokenStore, type DenoKvLike, type DenoKvAtomicLike, type DenoKvEntryLike } from './deno-kv.js'
export type { RateLimitStore } from '../core/rate-limit-store.js'
export type { TokenStore, StoredToken, ReleaseLock } from '../auth/token-store.js'
