import { AbortError, ClientClosedError, IsoSdkError, TimeoutError } from './errors.js'
import { checkOptionKeys, type OptionKeys } from './options.js'
import { parseJson } from './response.js'
import { retryAfterMs } from './retry.js'
import { linkSignals, sleep } from './signals.js'
import type { Client } from './types.js'

/** What one poll of a long-running operation found. */
export interface PollState<T> {
  done: boolean
  /** The API's word for the state (`queued`, `InProgress`, …). */
  status: string
  /** The result, when `done` and successful. */
  value?: T
  /** Set when `done` and the operation failed (e.g. an `OperationFailedError`). */
  error?: Error
  /** ms until the next poll, when the server said (`Retry-After`). */
  retryAfter?: number
}

/** Something `wait` can poll: a service wraps its own status endpoint in one of these. */
export interface PollSource<T> {
  poll(signal?: AbortSignal): Promise<PollState<T>>
}

export interface WaitOptions<T = unknown> {
  /** ms between polls when the server gives no `Retry-After`. Default 1_000. */
  interval?: number
  /** Bounds for any wait between polls. Defaults 0 and 60_000. */
  minInterval?: number
  maxInterval?: number
  /** ms until `result()` gives up with a `TimeoutError` carrying the last status. */
  timeout?: number
  signal?: AbortSignal
  /** Called after each poll; may be async (the next poll waits for it). A throw or rejection rejects `poll()`/`result()` with that error. */
  onProgress?: (state: PollState<T>) => void
}

const WAIT_KEYS: OptionKeys<WaitOptions> = { interval: 1, minInterval: 1, maxInterval: 1, timeout: 1, signal: 1, onProgress: 1 }

export interface Poller<T> {
  /** Whether the last poll found the operation finished. */
  done(): boolean
  /** The last state seen, if any. */
  latest(): PollState<T> | undefined
  /** Polls once now. */
  poll(options?: { signal?: AbortSignal }): Promise<PollState<T>>
  /** Polls until done; resolves with the value or rejects with the operation's error, `TimeoutError` or `AbortError`. */
  result(options?: { timeout?: number; signal?: AbortSignal }): Promise<T>
}

/** The generic HTTP pattern: a 202 with `Location`, polled until it stops answering 202. */
function locationSource<T>(client: Client<unknown>, response: Response): PollSource<T> {
  const location = response.headers.get('location')
  if (!location) throw new IsoSdkError(`Cannot wait: the ${response.status} response has no Location header`)
  // Location is relative to the response's URL, not a path under baseURL (which may have its own path).
  // An unparseable Location is the server's fault: a typed error, not a URIError/TypeError.
  const target = URL.canParse?.(location, response.url || client.baseURL) === false ? '' : new URL(location, response.url || client.baseURL).href
  if (!target) throw new IsoSdkError(`Cannot wait: the ${response.status} response's Location is not a URL`)
  return {
    async poll(signal) {
      // A server-given URL: refused if it leaves the client's trusted origins.
      const res = await client.request<Response>({ path: target, link: true, responseType: 'response', signal })
      const retryAfter = retryAfterMs(res.headers)
      if (res.status === 202) return { done: false, status: 'pending', ...(retryAfter !== undefined && { retryAfter }) }
      const text = await res.text()
      let value: unknown
      try {
        value = parseJson(text)
      } catch {
        throw new IsoSdkError(`wait: the operation answered ${res.status} with a body that is not JSON`)
      }
      return { done: true, status: 'completed', value: value as T }
    },
  }
}

/**
 * Polls a long-running operation. `source` is a service's `PollSource`, or a 202 `Response`
 * whose `Location` is polled until it answers something other than 202. Like a constructor, it
 * checks its arguments at once: an unknown option is a `TypeError`, a response without `Location`
 * an `IsoSdkError`.
 *
 * @example
 * const res = await client.request<Response>({ method: 'POST', path: '/exports', responseType: 'response' })
 * const exported = await wait(client, res, { onProgress: (s) => console.log(s.status) }).result({ timeout: 60_000 })
 */
export function wait<T = unknown>(
  client: Client<unknown>,
  source: PollSource<T> | Response,
  options: WaitOptions<T> = {},
): Poller<T> {
  checkOptionKeys('wait', options, WAIT_KEYS)
  const pollSource = 'poll' in source ? source : locationSource<T>(client, source as Response)
  const interval = options.interval ?? 1_000
  const minInterval = options.minInterval ?? 0
  const maxInterval = options.maxInterval ?? 60_000
  let latest: PollState<T> | undefined

  const pollOnce = async (signal?: AbortSignal) => {
    if (client.closed) throw new ClientClosedError()
    latest = await pollSource.poll(signal)
    await options.onProgress?.(latest)
    return latest
  }

  return {
    done: () => latest?.done ?? false,
    latest: () => latest,
    poll: (o) => pollOnce(o?.signal ?? options.signal),
    async result(o = {}) {
      const timeout = o.timeout ?? options.timeout
      const linked = linkSignals(o.signal ?? options.signal, client.signal)
      let timedOut = false
      if (timeout !== undefined) linked.abortAfter(timeout, () => ((timedOut = true), new TimeoutError('timeout')))
      try {
        for (;;) {
          const state = latest?.done ? latest : await pollOnce(linked.signal)
          if (state.done) {
            if (state.error) throw state.error
            return state.value as T
          }
          const delay = Math.min(maxInterval, Math.max(minInterval, state.retryAfter ?? interval))
          await sleep(delay, linked.signal)
        }
      } catch (error) {
        if (timedOut) throw new TimeoutError(`The operation did not finish within ${timeout} ms (last status: ${latest?.status ?? 'unknown'})`, { lastStatus: latest?.status, cause: error })
        if (linked.signal.aborted && !(error instanceof IsoSdkError)) {
          if (client.closed) throw new ClientClosedError()
          throw new AbortError('Waiting was aborted', { cause: error })
        }
        throw error
      } finally {
        linked.dispose()
      }
    },
  }
}
