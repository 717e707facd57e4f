/**
 * Abort listeners: calls that share one signal each add a listener to it; past 10 on one
 * `AbortSignal`, Node prints "MaxListenersExceededWarning: Possible EventTarget memory leak
 * detected" although nothing leaks. The documented patterns must not make users' logs say that.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AbortError, createClient, mapConcurrent } from '../../src/index.js'
import { serve, type ServedFake } from '../../src/testing/index.js'
import { hygieneFake } from './fake.js'

let warnings: string[] = []
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`)
beforeEach(() => {
  warnings = []
  process.on('warning', onWarning)
})
afterEach(() => {
  process.off('warning', onWarning)
})

/** Warnings are emitted on a later tick. */
const warningsSoFar = async () => {
  await new Promise((resolve) => setTimeout(resolve, 20))
  return warnings.filter((w) => w.startsWith('MaxListenersExceededWarning'))
}

describe('abort listeners', () => {
  it('mapConcurrent at 32 in flight, each call listening to the signal it is given: no MaxListenersExceededWarning', async () => {
    let aborted = 0
    const items = Array.from({ length: 64 }, (_, i) => i)
    const results = await mapConcurrent(
      items,
      async (n, _i, signal) => {
        const onAbort = () => aborted++
        signal.addEventListener('abort', onAbort)
        await new Promise((resolve) => setTimeout(resolve, 5))
        signal.removeEventListener('abort', onAbort)
        return n * 2
      },
      { concurrency: 32 },
    )
    expect(results).toEqual(items.map((n) => n * 2))
    expect(aborted).toBe(0)
    expect(await warningsSoFar()).toEqual([])
  })

  it('mapConcurrent still aborts every call in flight when one fails or the caller aborts', async () => {
    const caller = new AbortController()
    const seen: string[] = []
    const hanging = (signal: AbortSignal) =>
      new Promise<never>((_, reject) => signal.addEventListener('abort', () => (seen.push('aborted'), reject(signal.reason)), { once: true }))
    const failing = mapConcurrent([0, 1, 2, 3], (n, _i, signal) => (n === 2 ? Promise.reject(new Error('boom')) : hanging(signal)), { concurrency: 4 })
    await expect(failing).rejects.toThrow('boom')
    expect(seen).toEqual(['aborted', 'aborted', 'aborted'])
    seen.length = 0
    const cancelled = mapConcurrent([0, 1, 2], (_n, _i, signal) => hanging(signal), { concurrency: 3, signal: caller.signal })
    caller.abort(new Error('stop'))
    await expect(cancelled).rejects.toThrow()
    expect(seen).toEqual(['aborted', 'aborted', 'aborted'])
  })

  // A call waiting for a slot of `concurrency` must not listen on the client's close signal (one
  // listener per queued call): close() rejects the queue through `limiter.clear` instead.
  it('a client with concurrency 4 and 50 calls queued without a signal: no MaxListenersExceededWarning', async () => {
    const fake = hygieneFake()
    let server: ServedFake | undefined
    try {
      server = await serve(fake.handlers)
      const client = createClient({ baseURL: server.url, concurrency: 4 })
      await Promise.all(Array.from({ length: 50 }, (_, n) => client.request({ path: `/ok/${n}` })))
      await client.close()
      expect(fake.count('GET /ok/49')).toBe(1)
      expect(await warningsSoFar()).toEqual([])
    } finally {
      await server?.close()
    }
  })

  // Issue 18 item 10: plain fetch takes one signal for any number of requests without a word.
  it('100 calls sharing one AbortSignal: no MaxListenersExceededWarning, and aborting it aborts all 100', async () => {
    const fake = hygieneFake()
    let server: ServedFake | undefined
    try {
      server = await serve(fake.handlers)
      const client = createClient({ baseURL: server.url, retry: false })
      const shared = new AbortController()
      const done = await Promise.all(Array.from({ length: 100 }, (_, n) => client.request<{ n: number }>({ path: `/ok/${n}`, signal: shared.signal })))
      expect(done.map((r) => r.n)).toEqual(Array.from({ length: 100 }, (_, n) => n))
      expect(await warningsSoFar()).toEqual([])

      const hanging = Array.from({ length: 100 }, () => client.request({ path: '/slow', signal: shared.signal }).then(() => 'resolved', (error: unknown) => error))
      await vi.waitFor(() => expect(fake.count('GET /slow')).toBe(100), { timeout: 5_000 })
      expect(await warningsSoFar()).toEqual([])
      shared.abort(new Error('user left'))
      const outcomes = await Promise.all(hanging)
      expect(outcomes.filter((o) => o instanceof AbortError)).toHaveLength(100)
      await vi.waitFor(() => expect(fake.abandoned.get('/slow')).toBe(100), { timeout: 5_000 })
      await client.close()
    } finally {
      await server?.close()
    }
  })
})
