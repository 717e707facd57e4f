/** Fires a bounded number of requests with bounded concurrency and tallies what came back. */

export interface Tally {
  ok: number
  serverErrors: number
  rateLimited: number
  dropped: number
  other: number
  /** Retry-After values seen on 429s. */
  retryAfter: Set<string>
  /** Rejections that were not a TypeError (should stay empty). */
  unexpected: unknown[]
}

export async function runMany(
  count: number,
  concurrency: number,
  send: (index: number) => Promise<Response>,
): Promise<Tally> {
  const tally: Tally = { ok: 0, serverErrors: 0, rateLimited: 0, dropped: 0, other: 0, retryAfter: new Set(), unexpected: [] }
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++
      try {
        const res = await send(index)
        if (res.status === 200) tally.ok++
        else if (res.status === 503) tally.serverErrors++
        else if (res.status === 429) {
          tally.rateLimited++
          tally.retryAfter.add(res.headers.get('retry-after') ?? '(none)')
        } else tally.other++
        await res.arrayBuffer()
      } catch (error) {
        if (error instanceof TypeError) tally.dropped++
        else tally.unexpected.push(error)
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return tally
}
