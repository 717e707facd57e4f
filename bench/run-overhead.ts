/**
 * The core's own cost per request, without a network: `client.request` against a fetch that
 * answers in process, minus that fetch called directly (`res.json()`), 64 calls in flight, CPU
 * time from `process.cpuUsage()`. Unlike the loopback runs this barely moves when the machine
 * is busy, so it is what to watch when changing `src/core`.
 *
 * Two in-process fetches: one answering with a plain `Response` (what Node's fetch returns), one
 * with the lazily-bodied Response of `undiciTransport` (over a Node stream, as undici gives it).
 * argv[2] = JSON { requests, rounds }. Sends `{ result }` over IPC.
 */
import { Readable } from 'node:stream'
import { cpuPerCall, middle } from './cpu.js'
import { ITEM_BODY, ItemSchema } from './fixtures.js'
import { loadIsosdk } from './load.js'

export interface OverheadRow {
  fetch: 'Response' | 'undiciTransport Response'
  what: string
  /** CPU µs per request (median of rounds). */
  cpuUs: number
  /** cpuUs minus the same fetch called directly. */
  addedUs: number
}

const BODY = Buffer.from(ITEM_BODY)
const HEADERS: [string, string][] = [
  ['content-type', 'application/json'],
  ['content-length', String(BODY.length)],
  ['date', 'Thu, 01 Jan 2026 00:00:00 GMT'],
  ['connection', 'keep-alive'],
  ['keep-alive', 'timeout=60'],
]
const AUTH = { authorization: 'Bearer bench-api-key-0123456789' }

async function cpuPerRequest(fn: () => Promise<unknown>, requests: number, rounds: number): Promise<number> {
  const samples: number[] = []
  // Round 0 warms up.
  for (let round = 0; round <= rounds; round++) {
    const cpu = await cpuPerCall(fn, requests)
    if (round > 0) samples.push(cpu)
  }
  return middle(samples)
}

async function main() {
  const { requests, rounds } = JSON.parse(process.argv[2] ?? '{}') as { requests: number; rounds: number }
  const sdk = await loadIsosdk()
  const fetches: { name: OverheadRow['fetch']; fetch: typeof fetch }[] = [
    { name: 'Response', fetch: async () => new Response(ITEM_BODY, { status: 200, headers: HEADERS }) },
  ]
  // The transport's Response class is internal to isosdk/node; reach it through a transport whose dispatcher answers in process.
  if (sdk.undiciTransport) {
    const dispatcher = {
      request: async () => {
        const body = new Readable({ read() {} })
        body.push(BODY)
        body.push(null)
        const headers: Record<string, string> = Object.fromEntries(HEADERS)
        return { statusCode: 200, statusText: 'OK', headers, body, trailers: {}, opaque: null, context: {} }
      },
      close: async () => {},
    }
    const transport = (sdk.undiciTransport as (options: { dispatcher: unknown }) => typeof fetch)({ dispatcher })
    fetches.push({ name: 'undiciTransport Response', fetch: transport })
  }
  const rows: OverheadRow[] = []
  for (const { name, fetch } of fetches) {
    const floor = await cpuPerRequest(async () => (await fetch('http://127.0.0.1:9/item', { headers: AUTH })).json(), requests, rounds)
    rows.push({ fetch: name, what: 'fetch + res.json() (floor)', cpuUs: floor, addedUs: 0 })
    const client = sdk.createClient({ baseURL: 'http://127.0.0.1:9', auth: sdk.apiKey({ key: 'bench-api-key-0123456789' }), fetch })
    for (const [what, op] of [
      ['client.request, no schema', { path: '/item' }],
      ['client.request, schema validated', { path: '/item', schema: ItemSchema }],
    ] as const) {
      const cpu = await cpuPerRequest(() => client.request(op), requests, rounds)
      rows.push({ fetch: name, what, cpuUs: cpu, addedUs: cpu - floor })
    }
    await client.close()
  }
  await send({ result: rows })
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
