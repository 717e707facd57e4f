/** Waits for `promise`, or rejects early with the signal's reason; the shared work itself goes on for the others. */
export function awaitWithSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      },
    )
  })
}

/** One run of `task` at a time: callers that arrive while it runs share its result. */
export function singleFlight<T>(task: () => Promise<T>): { run(signal?: AbortSignal): Promise<T>; readonly running: Promise<T> | undefined } {
  let inflight: Promise<T> | undefined
  return {
    run(signal) {
      inflight ??= task().finally(() => {
        inflight = undefined
      })
      return awaitWithSignal(inflight, signal)
    },
    get running() {
      return inflight
    },
  }
}
