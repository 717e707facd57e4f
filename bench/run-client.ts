/**
 * One client measured in its own process (forked by bench/main.ts with the fake server in a
 * third process), so nothing but this client's own work is counted by `process.cpuUsage()`.
 *
 * argv[2] = JSON {@link RunConfig}. Protocol over IPC: after the warm-up it sends `{ warm: true }`
 * and waits for `'go'`, then sends `{ result }` (or `{ error }`) and exits.
 */
import { CLIENTS, type Caller } from './clients.js'
import { loadIsosdk } from './load.js'

export interface RunConfig {
  mode: 'throughput' | 'latency'
  client: string
  origin: string
  path: string
  concurrency: number
  count: number
  warmup: number
  /** Stop the measured loop after this long even when `count` is not reached. */
  timeLimitMs: number
}

export interface RunResult {
  requests: number
  errors: number
  seconds: number
  rps: number
  /** Client CPU (user + system) per request, µs. */
  cpuUsPerRequest: number
  /** The first error's message, if any. */
  firstError?: string
}

/** At most `concurrency` calls at once until `count` are done or `deadline` passes. */
async function pool(call: Caller, path: string, count: number, concurrency: number, deadline: number) {
  let started = 0
  let done = 0
  let errors = 0
  let firstError: string | undefined
  const worker = async () => {
    while (started < count && performance.now() < deadline) {
      started++
      try {
        await call(path)
        done++
      } catch (error) {
        errors++
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker))
  return { done, errors, firstError }
}

async function main() {
  const config = JSON.parse(process.argv[2] ?? '{}') as RunConfig
  const spec = CLIENTS[config.client]
  if (!spec) throw new Error(`unknown client ${config.client}`)
  const call = await spec.create(config.origin)
  if (config.warmup > 0) {
    const warm = await pool(call, '/item', config.warmup, config.concurrency, performance.now() + 10_000)
    if (warm.errors > 0) throw new Error(`warm-up failed: ${warm.firstError}`)
  }
  process.send?.({ warm: true })
  await new Promise<void>((resolve) => process.once('message', () => resolve()))

  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let outcome: { done: number; errors: number; firstError?: string }
  if (config.mode === 'latency' && !spec.anchor) {
    // The SDK's own way to fan out: mapConcurrent over the calls.
    const { mapConcurrent } = await loadIsosdk()
    const settled = await mapConcurrent(Array.from({ length: config.count }, (_, i) => i), () => call(config.path), {
      concurrency: config.concurrency,
      settle: true,
    })
    const failed = settled.filter((s) => s.status === 'rejected')
    const reason = failed[0]?.status === 'rejected' ? failed[0].reason : undefined
    outcome = { done: settled.length - failed.length, errors: failed.length, firstError: reason === undefined ? undefined : String(reason) }
  } else {
    outcome = await pool(call, config.path, config.count, config.concurrency, t0 + config.timeLimitMs)
  }
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const result: RunResult = {
    requests: outcome.done,
    errors: outcome.errors,
    seconds,
    rps: outcome.done / seconds,
    cpuUsPerRequest: (cpu.user + cpu.system) / Math.max(1, outcome.done),
    ...(outcome.firstError && { firstError: outcome.firstError }),
  }
  await send({ result })
}

/** Sends over IPC and resolves once the message is out (exiting earlier could drop it). */
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
