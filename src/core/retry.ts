import type { RetryOptions } from './types.js'

export interface RetryPolicy {
  limit: number
  statusCodes: readonly number[]
  baseDelay: number
  maxDelay: number
  budget: number
}

const DEFAULT_STATUS_CODES = [408, 429, 500, 502, 503, 504]

export function resolveRetryPolicy(options: false | RetryOptions | undefined): RetryPolicy {
  if (options === false) return { limit: 0, statusCodes: [], baseDelay: 0, maxDelay: 0, budget: 0 }
  return {
    limit: options?.limit ?? 2,
    statusCodes: options?.statusCodes ?? DEFAULT_STATUS_CODES,
    baseDelay: options?.baseDelay ?? 300,
    maxDelay: options?.maxDelay ?? 30_000,
    budget: options?.budget === false ? Infinity : (options?.budget ?? 500),
  }
}

const IDEMPOTENT_METHODS = /* @__PURE__ */ new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])

/** Whether repeating the request is harmless when the first attempt may have been applied. */
export function isIdempotent(method: string, flagged: boolean | undefined, hasIdempotencyKey: boolean): boolean {
  return flagged === true || hasIdempotencyKey || IDEMPOTENT_METHODS.has(method)
}

/**
 * Whether a response status may be retried. `x-should-retry` (the server's own verdict) wins;
 * otherwise the policy's status list, and non-idempotent requests only on 429 (refused before acting).
 */
export function shouldRetryStatus(policy: RetryPolicy, status: number, headers: Headers, idempotent: boolean): boolean {
  const verdict = headers.get('x-should-retry')
  return verdict === 'true' || (verdict !== 'false' && policy.statusCodes.includes(status) && (idempotent || status === 429))
}

/**
 * Delay the server asked for, in ms: `retry-after-ms`, then `Retry-After` in seconds or as an HTTP date.
 *
 * @example
 * retryAfterMs(new Headers({ 'retry-after': '2' }))      // 2000
 * retryAfterMs(new Headers({ 'retry-after-ms': '150' })) // 150
 */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms')
  if (ms?.trim() && Number.isFinite(Number(ms))) return Math.max(0, Number(ms))
  const value = headers.get('retry-after')
  if (!value?.trim()) return undefined
  const seconds = Number(value)
  // Seconds, else an HTTP date (NaN when it is neither).
  const delay = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now
  return Number.isNaN(delay) ? undefined : Math.max(0, delay)
}

/** Exponential backoff with full jitter: uniform in [0, min(maxDelay, base · 2^attempt)]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelay, policy.baseDelay * 2 ** attempt)
  return Math.floor(random() * ceiling)
}

export const RETRY_COST = 5
export const TIMEOUT_RETRY_COST = 10

/** The client's retry budget: retries spend tokens, successes earn them back. */
export interface RetryBudget {
  /** Takes `cost` tokens if there are enough; false means "do not retry". */
  take(cost: number): boolean
  refund(amount: number): void
}

export function createRetryBudget(capacity: number): RetryBudget {
  let tokens = capacity
  return {
    take(cost) {
      if (tokens < cost) return false
      tokens -= cost
      return true
    },
    refund(amount) {
      tokens = Math.min(capacity, tokens + amount)
    },
  }
}
