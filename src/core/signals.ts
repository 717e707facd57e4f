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
    const onAbort = () => abort(source.reason)
    source.addEventListener('abort', onAbort, { once: true })
    cleanups.push(() => source.removeEventListener('abort', onAbort))
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
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, clampDelay(ms))
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Timers take at most 2³¹−1 ms; a longer delay would fire after 1 ms (and warn) instead. */
export function clampDelay(ms: number): number {
  return Math.min(Math.max(0, ms), 2_147_483_647)
}
