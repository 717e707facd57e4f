/**
 * Memory while streaming 1,000,000 records through `paginate` (1,000 pages of 1,000 from the
 * fake server, each page a real `client.request`). Runs in its own process with `--expose-gc`:
 * heap and RSS are read after a full GC at 100k records and again at 1M, so the growth between
 * them is what the iteration keeps alive (flat = nothing).
 *
 * argv[2] = JSON { origin, total, pageSize }. Sends `{ result }` over IPC.
 */
import type { BenchRecord } from './fixtures.js'
import { loadIsosdk } from './load.js'

export interface MemoryResult {
  records: number
  pages: number
  seconds: number
  at100k: Snapshot
  /** Halfway, to tell a plateau (RSS settling after warm-up) from a leak (growth all the way). */
  at500k: Snapshot
  at1M: Snapshot
  heapGrowth: number
  rssGrowth: number
  /** Peak RSS of the process (bytes). */
  maxRss: number
  /** Highest heapUsed seen at any page boundary (bytes, without forcing GC). */
  peakHeapUsed: number
}

const gc = (globalThis as { gc?: () => void }).gc

interface Snapshot {
  heapUsed: number
  rss: number
  /** Memory outside the JS heap (Buffers, ArrayBuffers). */
  external: number
}

function snapshot(): Snapshot {
  gc?.()
  gc?.()
  const m = process.memoryUsage()
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external }
}

async function main() {
  if (!gc) throw new Error('run with --expose-gc')
  const { origin, total, pageSize } = JSON.parse(process.argv[2] ?? '{}') as { origin: string; total: number; pageSize: number }
  const { createClient, paginate, apiKey } = await loadIsosdk()
  const client = createClient({ baseURL: origin, auth: apiKey({ key: 'bench-api-key-0123456789' }) })
  let pages = 0
  let peakHeapUsed = 0
  const records = paginate<BenchRecord, number>(async (offset = 0, signal) => {
    const page = await client.request<{ items: BenchRecord[]; next?: number }>({ path: '/records', query: { offset, limit: pageSize }, signal })
    pages++
    peakHeapUsed = Math.max(peakHeapUsed, process.memoryUsage().heapUsed)
    return { items: page.items, next: page.next }
  })
  const t0 = performance.now()
  let count = 0
  let checksum = 0
  let at100k: Snapshot | undefined
  let at500k: Snapshot | undefined
  for await (const record of records) {
    count++
    checksum += record.id
    if (count === Math.min(100_000, total)) at100k = snapshot()
    if (count === Math.floor(total / 2)) at500k = snapshot()
    if (count >= total) break
  }
  const seconds = (performance.now() - t0) / 1000
  const at1M = snapshot()
  if (!at100k || !at500k) throw new Error('never reached 100k records')
  const expected = (total * (total - 1)) / 2
  if (count !== total || checksum !== expected) throw new Error(`saw ${count} records (checksum ${checksum}, expected ${expected})`)
  await client.close()
  const result: MemoryResult = {
    records: count,
    pages,
    seconds,
    at100k,
    at500k,
    at1M,
    heapGrowth: at1M.heapUsed - at100k.heapUsed,
    rssGrowth: at1M.rss - at100k.rss,
    maxRss: process.resourceUsage().maxRSS * 1024,
    peakHeapUsed,
  }
  await send({ result })
}

function send(message: unknown): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(message, () => resolve()) : resolve()))
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ error: error instanceof Error ? error.message : String(error) })
    process.exit(1)
  },
)
