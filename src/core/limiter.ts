import { clampDelay } from './signals.js'
import type { RateLimitOptions } from './types.js'

/** Gives out request slots in FIFO order: at most `concurrency` in flight, at most `rateLimit.requests` per `interval`, none while paused. */
export interface Limiter {
  /** Resolves with a release function once the request may start; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<() => void>
  /** The release function when a slot is free right now (nothing queued, no pause, no rate window); otherwise undefined: call `acquire`. */
  tryAcquire(): (() => void) | undefined
  /** Holds every queued and new request until `until` (epoch ms), e.g. after a 429 with Retry-After; a shared store's other clients too. */
  pauseUntil(until: number): void
  /** Rejects everything still queued. */
  clear(reason: unknown): void
}

export interface LimiterOptions {
  concurrency?: number
  rateLimit?: RateLimitOptions
  onWait?: (waitMs: number) => void
  /**
   * The shared store failed or did not answer within `storeTimeout`: the limiter now keeps the
   * limit in this process alone (`requests` per `interval` for this client) and asks the store
   * again every few seconds. Called once per outage: again only after the store has answered.
   */
  onStoreError?: (error: Error) => void
  /** ms a store call may take before it counts as failed (the store is then out: see `onStoreError`). Default 5_000. */
  storeTimeout?: number
}

interface Waiter {
  grant: (release: () => void) => void
  reject: (reason: unknown) => void
  /** Removes the waiter's abort listener. */
  off: () => void
}

const noop = () => {}
/**
 * Reservations a limiter keeps in flight at once (each for a queued request): halved by each
 * "wait", doubled by each booking, so a full window costs a few calls rather than 32 per process.
 */
const MAX_RESERVING = 32
/** After a store failure: local limit for this long, then the store is asked again (in the background). */
const STORE_RETRY_AFTER = 2_000

export function createLimiter(options: LimiterOptions): Limiter {
  const max = options.concurrency ?? Infinity
  const rate = options.rateLimit
  const store = rate?.store
  const storeTimeout = options.storeTimeout ?? 5_000
  let active = 0
  let pausedUntil = 0
  // `rate.requests` local slots, each free again `interval` ms after its request *finished*: the
  // server saw that request before it answered, so no window of `interval` on the server's clock
  // ever holds more than `requests`, whatever window it counts with and however the network jitters.
  // With a store they are the fallback while the store is out.
  const freeAt: number[] = rate ? new Array<number>(rate.requests).fill(-Infinity) : []
  let timer: ReturnType<typeof setTimeout> | undefined
  const queue: Waiter[] = []

  // Shared-store state: reservations in flight, the store's last "wait" (a full window or a fleet
  // pause), and the local fallback after a failure.
  let reserving = 0
  let reserveCap = MAX_RESERVING
  let blockedUntil = 0
  let localUntil = 0
  let probing = false
  let reported = false

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
      if (store && now >= localUntil) {
        if (now < blockedUntil) return schedule(blockedUntil - now)
        if (reserving >= Math.min(queue.length, max - active, reserveCap)) return
        reserve()
        continue
      }
      if (store && !probing) probe()
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
      grantNext(slot)
    }
  }

  const grantNext = (slot: number) => {
    const waiter = queue.shift()!
    waiter.off()
    waiter.grant(take(slot))
  }

  /** Takes a concurrency slot (and local rate slot `slot`, or -1); the release gives both back once. */
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

  /**
   * A store call that fails, throws or outlasts `storeTimeout` rejects. The time is counted in
   * steps of at most 100 ms each: when this process's event loop stalls (a busy host), the answer
   * may be waiting unread behind the timer, and the stall is not the store's fault.
   */
  const callStore = <T>(call: () => Promise<T> | T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let left = storeTimeout
      let last = Date.now()
      let timeout: ReturnType<typeof setTimeout>
      const tick = () => {
        const now = Date.now()
        left -= Math.min(now - last, 100)
        last = now
        if (left <= 0) reject(new Error(`the rate-limit store did not answer within ${storeTimeout} ms`))
        else timeout = setTimeout(tick, Math.min(left, 100))
      }
      timeout = setTimeout(tick, Math.min(left, 100))
      new Promise<T>((inner) => inner(call())).then(
        (value) => {
          clearTimeout(timeout)
          resolve(value)
        },
        (error: unknown) => {
          clearTimeout(timeout)
          reject(error)
        },
      )
    })

  const storeFailed = (error: unknown) => {
    localUntil = Date.now() + STORE_RETRY_AFTER
    blockedUntil = 0
    // A timer set for the store's wait must not hold the local queue.
    clearTimeout(timer)
    timer = undefined
    if (reported) return
    reported = true
    const reason = error instanceof Error ? error : new Error(String(error))
    options.onStoreError?.(new Error(`Rate-limit store failed, using this client's own limit until it answers: ${reason.message}`, { cause: reason }))
  }

  /** Asks the store for a start now; a booked start goes to the head of the queue. */
  const reserve = () => {
    reserving++
    callStore(() => store!.reserve(rate!.requests, rate!.interval)).then(
      (wait) => {
        reserving--
        reported = false
        if (Number.isFinite(wait) && wait > 0) {
          blockedUntil = Math.max(blockedUntil, Date.now() + wait)
          reserveCap = Math.max(1, reserveCap >> 1)
        } else {
          reserveCap = Math.min(reserveCap * 2, MAX_RESERVING)
          // A booked start nobody waits for any more is left unused: the quota is under-spent, never over.
          if (queue.length > 0 && active < max) grantNext(-1)
        }
        pump()
      },
      (error: unknown) => {
        reserving--
        storeFailed(error)
        pump()
      },
    )
  }

  /** While on the local limit: asks the store in the background, and goes back to it once it answers. */
  const probe = () => {
    if (Date.now() < localUntil) return
    probing = true
    callStore(() => store!.reserve(rate!.requests, rate!.interval)).then(
      () => {
        probing = false
        localUntil = 0
        reported = false
        pump()
      },
      () => {
        probing = false
        localUntil = Date.now() + STORE_RETRY_AFTER
      },
    )
  }

  const unlimited = max === Infinity && !rate

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason)
      if (unlimited && pausedUntil <= Date.now()) return Promise.resolve(noop)
      return new Promise((grant, reject) => {
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
    },
    tryAcquire() {
      if (rate || queue.length > 0 || active >= max || pausedUntil > Date.now()) return undefined
      return unlimited ? noop : take(-1)
    },
    pauseUntil(until) {
      if (store?.pause) callStore(() => store.pause!(until)).catch((error: unknown) => {
          storeFailed(error)
          pump()
        })
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
