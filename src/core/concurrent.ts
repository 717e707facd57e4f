import { AbortError, IsoSdkError } from './errors.js'
import { checkOptionKeys, type OptionKeys } from './options.js'
import { linkSignals } from './signals.js'
import type { Progress } from './types.js'

const MAP_CONCURRENT_KEYS: OptionKeys<MapConcurrentOptions> = { concurrency: 1, signal: 1, onProgress: 1, settle: 1 }

export type Settled<R> = { status: 'fulfilled'; value: R } | { status: 'rejected'; reason: unknown }

export interface MapConcurrentOptions {
  /** Items processed at once (≥ 1). */
  concurrency: number
  signal?: AbortSignal
  /**
   * Called after each item; may be async (that worker waits for it). A throw or rejection aborts
   * the other items and rejects the call with that error, in `settle` mode too.
   */
  onProgress?: (progress: Progress) => void
  /** `true`: never reject; return one outcome per item (like `Promise.allSettled` / `return_exceptions=True`). */
  settle?: boolean
}

/**
 * Runs `fn` over `items` with at most `concurrency` at once; results keep the input order.
 * Without `settle`, the first failure aborts the signal passed to the others and rejects.
 * Bad arguments (a `TypeError`) reject, never throw.
 *
 * @example
 * const pages = await mapConcurrent(ids, (id, _i, signal) => getPage(wiki, id, { signal }), { concurrency: 10 })
 * const outcomes = await mapConcurrent(ids, fetchOne, { concurrency: 10, settle: true })
 */
export function mapConcurrent<T, R>(
  items: Iterable<T>,
  fn: (item: T, index: number, signal: AbortSignal) => Promise<R> | R,
  options: MapConcurrentOptions & { settle: true },
): Promise<Settled<R>[]>
export function mapConcurrent<T, R>(
  items: Iterable<T>,
  fn: (item: T, index: number, signal: AbortSignal) => Promise<R> | R,
  options: MapConcurrentOptions & { settle?: false },
): Promise<R[]>
export function mapConcurrent<T, R>(
  items: Iterable<T>,
  fn: (item: T, index: number, signal: AbortSignal) => Promise<R> | R,
  options: MapConcurrentOptions,
): Promise<R[] | Settled<R>[]> {
  try {
    checkOptionKeys('mapConcurrent', options, MAP_CONCURRENT_KEYS)
    if (options == null) throw new TypeError('mapConcurrent: options with `concurrency` are required')
    if (!(options.concurrency >= 1)) throw new TypeError(`mapConcurrent: concurrency must be ≥ 1, got ${options.concurrency}`)
    if (typeof fn !== 'function') throw new TypeError('mapConcurrent: fn must be a function')
    return run(Array.from(items), fn, options)
  } catch (error) {
    return Promise.reject(error)
  }
}

function run<T, R>(
  list: T[],
  fn: (item: T, index: number, signal: AbortSignal) => Promise<R> | R,
  options: MapConcurrentOptions,
): Promise<R[] | Settled<R>[]> {
  const { concurrency, settle = false } = options
  const results: Settled<R>[] = new Array(list.length)
  const progress: Progress = { done: 0, total: list.length, failed: 0 }
  const linked = linkSignals(options.signal)
  // One signal per worker, all aborted together: each call then listens on its worker's signal,
  // not `concurrency` listeners on one (past 10, Node warns of a leak that is not there).
  const workerSignals: AbortController[] = []
  linked.signal.addEventListener('abort', () => {
    for (const controller of workerSignals) controller.abort(linked.signal.reason)
  }, { once: true })
  let next = 0
  let failure: { reason: unknown } | undefined
  const abortReason = () => {
    const reason: unknown = linked.signal.reason
    return reason instanceof IsoSdkError ? reason : new AbortError('mapConcurrent was aborted', { cause: reason })
  }

  const worker = async (): Promise<void> => {
    const own = new AbortController()
    workerSignals.push(own)
    while (next < list.length && !failure) {
      if (linked.signal.aborted) {
        if (!settle) failure ??= { reason: abortReason() }
        return
      }
      const index = next++
      try {
        results[index] = { status: 'fulfilled', value: await fn(list[index] as T, index, own.signal) }
      } catch (reason) {
        results[index] = { status: 'rejected', reason }
        progress.failed++
        if (!settle && !failure) {
          failure = { reason }
          linked.abort(reason)
        }
      }
      progress.done++
      if (options.onProgress) {
        try {
          await options.onProgress({ ...progress })
        } catch (reason) {
          // The caller's own callback failed: that ends the call, settle or not.
          if (!failure) {
            failure = { reason }
            linked.abort(reason)
          }
        }
      }
    }
  }

  const workers = Array.from({ length: Math.min(concurrency, list.length) }, worker)
  return Promise.all(workers).then(
    () => {
      linked.dispose()
      if (failure) throw failure.reason
      if (settle) {
        // An abort in settle mode leaves unstarted items: report them as rejected too, nothing silently lost.
        for (let i = 0; i < list.length; i++) results[i] ??= { status: 'rejected', reason: abortReason() }
        return results
      }
      return results.map((r) => (r as { value: R }).value)
    },
  )
}
