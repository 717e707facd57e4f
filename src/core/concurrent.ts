import { AbortError, IsoSdkError } from './errors.js'
import { linkSignals } from './signals.js'
import type { Progress } from './types.js'

export type Settled<R> = { status: 'fulfilled'; value: R } | { status: 'rejected'; reason: unknown }

export interface MapConcurrentOptions {
  /** Items processed at once (≥ 1). */
  concurrency: number
  signal?: AbortSignal
  onProgress?: (progress: Progress) => void
  /** `true`: never reject; return one outcome per item (like `Promise.allSettled` / `return_exceptions=True`). */
  settle?: boolean
}

/**
 * Runs `fn` over `items` with at most `concurrency` at once; results keep the input order.
 * Without `settle`, the first failure aborts the signal passed to the others and rejects.
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
  const { concurrency, settle = false } = options
  if (!(concurrency >= 1)) throw new TypeError(`mapConcurrent: concurrency must be ≥ 1, got ${concurrency}`)
  const list = Array.from(items)
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
      options.onProgress?.({ ...progress })
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
