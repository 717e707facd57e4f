/**
 * What `otel()` adds to each call, without a network: `client.request` against a fetch that
 * answers in process, with telemetry off, with `otel()` on the API alone (nothing registered:
 * every span a no-op) and with `otel()` on a recording SDK (bench/otel-sdk.ts). 64 calls in
 * flight, CPU time from `process.cpuUsage()`, the variants interleaved round by round.
 * argv[2] = JSON { requests, rounds }. Sends `{ result }` over IPC.
 */
import { cpuPerCall, middle } from './cpu.js'
import { ITEM_BODY } from './fixtures.js'
import { loadIsosdk } from './load.js'
import { benchTelemetry } from './otel-sdk.js'

export interface OtelRow {
  what: string
  /** CPU µs per call (median of rounds). */
  cpuUs: number
  /** cpuUs minus the same call with telemetry off. */
  addedUs: number
  /** Spans the SDK exported (2 per call when recording). */
  spans?: number
}

const HEADERS: [string, string][] = [
  ['content-type', 'application/json'],
  ['content-length', String(new TextEncoder().encode(ITEM_BODY).byteLength)],
]

async function main() {
  const { requests, rounds } = JSON.parse(process.argv[2] ?? '{}') as { requests: number; rounds: number }
  const sdk = await loadIsosdk()
  const fetch: typeof globalThis.fetch = async () => new Response(ITEM_BODY, { status: 200, headers: HEADERS })
  const make = (telemetry?: ReturnType<NonNullable<typeof sdk.otel>>) =>
    sdk.createClient({ baseURL: 'http://127.0.0.1:9', auth: sdk.apiKey({ key: 'bench-api-key-0123456789' }), fetch, telemetry })
  const noop = await benchTelemetry(false)
  const recording = await benchTelemetry(true)
  const variants = [
    { what: 'client.request, telemetry off', client: make(), samples: [] as number[] },
    { what: 'client.request + otel(), no SDK registered (API no-ops)', client: make(noop.telemetry), samples: [] as number[] },
    { what: 'client.request + otel(), recording SDK (BatchSpanProcessor, MeterProvider)', client: make(recording.telemetry), samples: [] as number[] },
  ]
  for (let round = 0; round <= rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + round) % variants.length]!
      const cpu = await cpuPerCall(() => v.client.request({ path: '/item' }), requests)
      if (round > 0) v.samples.push(cpu) // round 0 warms up
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 300)) // the batch processor's last export
  const off = middle(variants[0]!.samples)
  const rows: OtelRow[] = variants.map((v, i) => ({ what: v.what, cpuUs: middle(v.samples), addedUs: middle(v.samples) - off, ...(i === 2 && { spans: recording.exported() }) }))
  for (const v of variants) await v.client.close()
  await send({ result: rows })
}

function send(message: unknown): Promise<void> | void {
  // Run by hand (no IPC channel): print it.
  if (!process.send) return void console.log(JSON.stringify(message, null, 2))
  return new Promise((resolve) => process.send!(message, () => resolve()))
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ error: error instanceof Error ? error.message : String(error) })
    process.exit(1)
  },
)
