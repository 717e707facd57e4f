// AbortSignal.any / AbortSignal.timeout are missing on older runtimes and AbortSignal.any keeps
// listeners alive on some; this small linker works everywhere and cleans up after itself.

export interface LinkedSignal {
  readonly signal: AbortSignal
  /** Aborts with `reason` (first reason wins). */
  abort(reason: unknown): void
  /** Fires `reason` after `ms`. */
  abortAfter(ms: number, reason: () => unknown): void
  /** Removes listeners and timers; call when the work is over. */
  dispose(): void
}

interface Fanout {
  callbacks: Set<() => void>
  fire: () => void
}

// One 'abort' listener per source signal however many calls wait on it: Node prints
// MaxListenersExceededWarning past 10 listeners on one signal (an app's signal shared by 100 calls).
const fanouts = /* @__PURE__ */ new WeakMap<AbortSignal, Fanout>()

/** Runs `callback` once when `signal` aborts; returns the unsubscribe (the last one removes the listener). */
function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let fanout = fanouts.get(signal)
  if (!fanout) {
    const callbacks = new Set<() => void>()
    const fire = () => {
      fanouts.delete(signal)
      for (const fn of callbacks) fn()
    }
    fanout = { callbacks, fire }
    fanouts.set(signal, fanout)
    signal.addEventListener('abort', fire, { once: true })
  }
  const own = fanout
  own.callbacks.add(callback)
  return () => {
    own.callbacks.delete(callback)
    if (own.callbacks.size === 0 && fanouts.get(signal) === own) {
      fanouts.delete(signal)
      signal.removeEventListener('abort', own.fire)
    }
  }
}

/** A controller that aborts when any source aborts (with the source's reason), or after a timer. */
export function linkSignals(...sources: (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController()
  const cleanups: (() => void)[] = []
  const abort = (reason: unknown) => {
    if (!controller.signal.aborted) controller.abort(reason)
  }
  for (const source of sources) {
    if (!source) continue
    if (source.aborted) {
      abort(source.reason)
      break
    }
    cleanups.push(onAbort(source, () => abort(source.reason)))
  }
  return {
    signal: controller.signal,
    abort,
    abortAfter(ms, reason) {
      if (!Number.isFinite(ms) || controller.signal.aborted) return
      const timer = setTimeout(() => abort(reason()), clampDelay(ms))
      cleanups.push(() => clearTimeout(timer))
    },
    dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup()
    },
  }
}

/**
 * Resolves after `ms`, or rejects with the signal's reason when it aborts first.
 *
 * @example
 * await sleep(500, controller.signal) // rejects with the signal's reason if it aborts first
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const off = signal
      ? onAbort(signal, () => {
          clearTimeout(timer)
          reject(signal.reason)
        })
      : undefined
    const timer = setTimeout(() => {
      off?.()
      resolve()
    }, clampDelay(ms))
  })
}

/** Timers take at most 2³¹−1 ms; a longer delay would fire after 1 ms (and warn) instead. */
export function clampDelay(ms: number): number {
  return Math.min(Math.max(0, ms), 2_147_483_647)
}
