/**
 * Abort listeners: calls that share one signal each add a listener to it; past 10 on one
 * `AbortSignal`, Node prints "MaxListenersExceededWarning: Possible EventTarget memory leak
 * detected" although nothing leaks. The documented patterns must not make users' logs say that.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createClient, mapConcurrent } from '../../src/index.js'
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
})
