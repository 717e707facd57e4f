import { clampDelay, sleep } from './signals.js'
import type { RateLimitOptions } from './types.js'

/** Gives out request slots in FIFO order: at most `concurrency` in flight, at most `rateLimit.requests` per `interval`, none while paused. */
export interface Limiter {
  /** Resolves with a release function once the request may start; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void>
  /** The release function when a slot is free right now (nothing queued, no pause, no rate window); otherwise undefined: call `acquire`. */
  tryAcquire(): (() => void) | undefined
  /** Holds every queued and new request until `until` (epoch ms), e.g. after a 429 with Retry-After. */
  pauseUntil(until: number): void
  /** Rejects everything still queued. */
  clear(reason: unknown): void
}

interface Waiter {
  grant: (release: () => void) => void
  reject: (reason: unknown) => void
  /** Removes the waiter's abort listener. */
  off: () => void
}

const noop = () => {}

export function createLimiter(options: {
  concurrency?: number
  rateLimit?: RateLimitOptions
  onWait?: (waitMs: number) => void
}): Limiter {
  const max = options.concurrency ?? Infinity
  // A shared store keeps the window itself; the local slots then only bound concurrency.
  const store = options.rateLimit?.store
  const rate = store ? undefined : options.rateLimit
  let active = 0
  let pausedUntil = 0
  // `rate.requests` slots, each free again `interval` ms after its request *finished*: the server
  // saw that request before it answered, so no window of `interval` on the server's clock ever
  // holds more than `requests`, whatever window it counts with and however the network jitters.
  const freeAt: number[] = rate ? new Array<number>(rate.requests).fill(-Infinity) : []
  let timer: ReturnType<typeof setTimeout> | undefined
  const queue: Waiter[] = []

  const schedule = (ms: number) => {
    if (timer !== undefined) return
    options.onWait?.(ms)
    timer = setTimeout(() => {
      timer = undefined
      pump()
    }, clampDelay(ms))
  }

  const pump = (): void => {
    while (queue.length > 0 && active < max) {
      const now = Date.now()
      if (now < pausedUntil) return schedule(pausedUntil - now)
      let slot = -1
      if (rate) {
        slot = 0
        for (let i = 1; i < freeAt.length; i++) if (freeAt[i]! < freeAt[slot]!) slot = i
        const free = freeAt[slot]!
        // Every slot busy: the next release pumps again.
        if (free === Infinity) return
        if (now < free) return schedule(free - now)
        freeAt[slot] = Infinity
      }
      const waiter = queue.shift()!
      waiter.off()
      waiter.grant(take(slot))
    }
  }

  /** Takes a concurrency slot (and rate slot `slot`, or -1); the release gives both back once. */
  const take = (slot: number): (() => void) => {
    active++
    let released = false
    return () => {
      if (released) return
      released = true
      if (slot >= 0) freeAt[slot] = Date.now() + rate!.interval
      active--
      pump()
    }
  }

  const unlimited = max === Infinity && !rate

  const acquireLocal = (signal?: AbortSignal): Promise<() => void> =>
    signal?.aborted
      ? Promise.reject(signal.reason)
      : unlimited && pausedUntil <= Date.now()
        ? Promise.resolve(noop)
        : new Promise((grant, reject) => {
            const onAbort = () => {
              const index = queue.indexOf(waiter)
              if (index >= 0) queue.splice(index, 1)
              reject(signal!.reason)
            }
            const waiter: Waiter = { grant, reject, off: () => signal?.removeEventListener('abort', onAbort) }
            signal?.addEventListener('abort', onAbort, { once: true })
            queue.push(waiter)
            pump()
          })

  const acquireShared = async (signal?: AbortSignal): Promise<() => void> => {
    const releaseSlot = await acquireLocal(signal)
    try {
      const wait = await store!.reserve(options.rateLimit!.requests, options.rateLimit!.interval)
      if (wait > 0) {
        options.onWait?.(wait)
        await sleep(wait, signal)
      }
      return releaseSlot
    } catch (error) {
      releaseSlot()
      throw error
    }
  }

  return {
    acquire: store ? acquireShared : acquireLocal,
    tryAcquire() {
      if (store || rate || queue.length > 0 || active >= max || pausedUntil > Date.now()) return undefined
      return unlimited ? noop : take(-1)
    },
    pauseUntil(until) {
      if (until <= pausedUntil) return
      pausedUntil = until
      clearTimeout(timer)
      timer = undefined
      pump()
    },
    clear(reason) {
      clearTimeout(timer)
      timer = undefined
      for (const waiter of queue.splice(0)) {
        waiter.off()
        waiter.reject(reason)
      }
    },
  }
}
