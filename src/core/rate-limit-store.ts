/**
 * Where a rate limit is kept when several clients — or several isolates or processes — share one
 * API quota. `reserve` books the next start time inside the window and answers how many ms the
 * caller must wait before starting; it must be atomic (one process's memory, a Durable Object, Redis).
 */
export interface RateLimitStore {
  reserve(requests: number, interval: number): Promise<number> | number
}

/**
 * A rate-limit store in this process's memory: give the same store to several clients and
 * together they stay within `requests` per `interval` (a sliding window over start times).
 *
 * @example
 * const quota = memoryRateLimitStore()
 * const a = createClient({ baseURL, rateLimit: { requests: 20, interval: 1000, store: quota } })
 * const b = createClient({ baseURL, rateLimit: { requests: 20, interval: 1000, store: quota } })
 */
export function memoryRateLimitStore(): RateLimitStore {
  // Booked start times, ascending; only the last `requests` matter.
  const starts: number[] = []
  return {
    reserve(requests, interval) {
      const now = Date.now()
      const start = starts.length >= requests ? Math.max(now, starts[starts.length - requests]! + interval) : now
      starts.push(start)
      if (starts.length > requests) starts.splice(0, starts.length - requests)
      return start - now
    },
  }
}
