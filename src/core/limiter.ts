import type { RateLimitOptions } from './types.js'

/** Gives out request slots in FIFO order: at most `concurrency` in flight, at most `rateLimit` per window, none while paused. */
export interface Limiter {
  /** Resolves with a release function once the request may start; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void>
  /** Holds every queued and new request until `until` (epoch ms), e.g. after a 429 with Retry-After. */
  pauseUntil(until: number): void
  /** Rejects everything still queued. */
  clear(reason: unknown): void
}

interface Waiter {
  grant: (release: () => void) => void
  reject: (reason: unknown) => void
  signal?: AbortSignal
  onAbort?: () => void
}

const noop = () => {}

export function createLimiter(options: {
  concurrency?: number
  rateLimit?: RateLimitOptions
  onWait?: (waitMs: number) => void
}): Limiter {
  const max = options.concurrency ?? Infinity
  const rate = options.rateLimit
  let active = 0
  let pausedUntil = 0
  let tokens = rate ? rate.requests : Infinity
  let refilledAt = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const queue: Waiter[] = []

  const refill = (now: number) => {
    if (!rate) return
    tokens = Math.min(rate.requests, tokens + ((now - refilledAt) * rate.requests) / rate.interval)
    refilledAt = now
  }

  const release = () => {
    active--
    pump()
  }

  const schedule = (ms: number) => {
    if (timer !== undefined) return
    options.onWait?.(ms)
    timer = setTimeout(() => {
      timer = undefined
      pump()
    }, ms)
  }

  const pump = () => {
    while (queue.length > 0 && active < max) {
      const now = Date.now()
      if (now < pausedUntil) return schedule(pausedUntil - now)
      refill(now)
      if (tokens < 1) return schedule(Math.ceil(((1 - tokens) * rate!.interval) / rate!.requests))
      const waiter = queue.shift()!
      if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
      tokens--
      active++
      let released = false
      waiter.grant(() => {
        if (released) return
        released = true
        release()
      })
    }
  }

  const unlimited = max === Infinity && !rate

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      if (unlimited && pausedUntil <= Date.now()) return Promise.resolve(noop)
      return new Promise((grant, reject) => {
        const waiter: Waiter = { grant, reject, signal }
        if (signal) {
          waiter.onAbort = () => {
            const index = queue.indexOf(waiter)
            if (index >= 0) queue.splice(index, 1)
            reject(signal.reason)
          }
          signal.addEventListener('abort', waiter.onAbort, { once: true })
        }
        queue.push(waiter)
        pump()
      })
    },
    pauseUntil(until) {
      if (until <= pausedUntil) return
      pausedUntil = until
      if (timer !== undefined) {
        clearTimeout(timer)
        timer = undefined
      }
      pump()
    },
    clear(reason) {
      if (timer !== undefined) clearTimeout(timer)
      timer = undefined
      for (const waiter of queue.splice(0)) {
        if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort)
        waiter.reject(reason)
      }
    },
  }
}
