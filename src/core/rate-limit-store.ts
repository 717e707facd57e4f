/**
 * Where a rate limit is kept when several clients — or several isolates or processes — share one
 * API quota (`isosdk/stores` has Redis, Durable Object and Deno KV ones).
 *
 * The protocol, for anyone writing a store:
 * - `reserve(requests, interval)` asks to start one request *now*. When fewer than `requests`
 *   starts lie in the last `interval` ms (and fewer than a tenth of them in the last tenth of it,
 *   see `burstLimit`) and no pause holds, it books a start at this moment and answers 0: the
 *   caller sends. Otherwise it books nothing and answers how many ms to wait
 *   before asking again — until the oldest start leaves the window, or until a pause ends,
 *   whichever is later. It must be atomic (one process's memory, a Lua script, a Durable Object,
 *   a check-and-set).
 * - `pause(untilEpochMs)`, optional: after a 429 with `Retry-After`, every client sharing the
 *   store waits until then; `reserve` answers at least the time left. A store without it keeps
 *   working: the client that got the 429 pauses alone.
 *
 * Because nothing is booked ahead, a pause set now holds every later start in the fleet, and a
 * client that gives up (its caller aborted) leaves no booked slot behind.
 */
export interface RateLimitStore {
  reserve(requests: number, interval: number): Promise<number> | number
  pause?(untilEpochMs: number): Promise<void> | void
}

/**
 * A burst is capped at a tenth of the quota per tenth of the window (for 10 requests or more), so
 * a fleet's starts reach the API spread out, not all at the start of each window: the requests of
 * one burst then pass through each process's event loop and the network together and arrive
 * late and bunched. The throughput stays `requests` per `interval`.
 */
export function burstLimit(requests: number, interval: number): { requests: number; interval: number } {
  return requests >= 10 ? { requests: Math.ceil(requests / 10), interval: interval / 10 } : { requests, interval }
}

/**
 * One step of the sliding window over start times, shared by the stores that keep the window as a
 * list (memory, Durable Object, Deno KV; Redis runs the same rule in Lua). `starts` is ascending;
 * the answer holds the starts still inside the window (plus `now` when booked).
 */
export function slideWindow(starts: readonly number[], now: number, requests: number, interval: number, pausedUntil = 0): { wait: number; starts: number[] } {
  const inside = starts.filter((t) => t > now - interval)
  if (pausedUntil > now) return { wait: Math.ceil(pausedUntil - now), starts: inside }
  const burst = burstLimit(requests, interval)
  let wait = 0
  if (inside.length >= requests) wait = inside[inside.length - requests]! + interval - now
  if (inside.length >= burst.requests) wait = Math.max(wait, inside[inside.length - burst.requests]! + burst.interval - now)
  if (wait > 0) return { wait: Math.max(1, Math.ceil(wait)), starts: inside }
  inside.push(now)
  return { wait: 0, starts: inside }
}

/**
 * A rate-limit store in this process's memory: give the same store to several clients and
 * together they stay within `requests` per `interval` (a sliding window over start times), and a
 * 429 that pauses one of them pauses them all.
 *
 * @example
 * const quota = memoryRateLimitStore()
 * const a = createClient({ baseURL, rateLimit: { requests: 20, interval: 1000, store: quota } })
 * const b = createClient({ baseURL, rateLimit: { requests: 20, interval: 1000, store: quota } })
 */
export function memoryRateLimitStore(): RateLimitStore {
  let starts: number[] = []
  let pausedUntil = 0
  return {
    reserve(requests, interval) {
      const step = slideWindow(starts, Date.now(), requests, interval, pausedUntil)
      starts = step.starts
      return step.wait
    },
    pause(until) {
      if (until > pausedUntil) pausedUntil = until
    },
  }
}
