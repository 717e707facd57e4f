/**
 * `npm run bench` — isosdk against global fetch, ofetch, ky and undici, all in one run, ratios first.
 *
 * Flags:
 *   --json            print the results as JSON (stdout) instead of tables
 *   --svg             write bar charts to docs/img/ (bundle size, throughput, CPU per request)
 *   --only a,b        run only these groups: sizes, overhead, otel, throughput, validation, latency, memory, import
 *   --quick           a quarter of the request counts, fewer import runs (a smoke run; numbers are noisier)
 *   --rounds N        repeat each throughput run N times (clients interleaved) and report medians
 *   --profile         also run `node --cpu-prof` on global fetch and client.request and print where CPU goes
 *   --all-workiva     measure the marginal size of every generated Workiva function (default: every 6th)
 *   --no-deno         skip Deno in the cold-import group
 *   --node 24|PATH    run the measured clients on another Node (a major is fetched by `npx node@N`)
 *                     (Node's fetch charges CPU for any AbortSignal: ~14 % per request on Node 20, ~8 % on Node 24)
 *   --in-flight 1,64  only these throughput concurrencies (default 1, 16, 64)
 *
 * Everything runs on 127.0.0.1: the fake API is a raw node:http server in its own process
 * (bench/server.ts), and every client runs in a fresh process of its own (bench/run-client.ts),
 * so `process.cpuUsage()` counts one client's work only. Every loop is bounded in count and time.
 */
import { cpus, loadavg } from 'node:os'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as v from 'valibot'
import { buildPackage, DIST, ROOT } from './build.js'
import { CLIENTS } from './clients.js'
import { measureColdImport, type ImportReport } from './cold-import.js'
import { ITEM, ItemSchema, RECORD_TOTAL } from './fixtures.js'
import { profileClient, type ProfileSummary } from './profile.js'
import { runClient, runScript, setClientNode, startServer, type BenchServer, type ClientRun } from './procs.js'
import type { MemoryResult } from './run-memory.js'
import type { OverheadRow } from './run-overhead.js'
import type { OtelRow } from './run-otel.js'
import { measureSizes, type SizeReport } from './sizes.js'
import { barChart } from './svg.js'

const GROUPS = ['sizes', 'overhead', 'otel', 'throughput', 'validation', 'latency', 'memory', 'import'] as const
type Group = (typeof GROUPS)[number]

interface Args {
  json: boolean
  svg: boolean
  only: Set<Group>
  quick: boolean
  rounds: number
  profile: boolean
  allWorkiva: boolean
  deno: boolean
  node?: string
  inFlight?: Set<number>
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, svg: false, only: new Set(GROUPS), quick: false, rounds: 1, profile: false, allWorkiva: false, deno: true }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--json') args.json = true
    else if (arg === '--svg') args.svg = true
    else if (arg === '--quick') args.quick = true
    else if (arg === '--profile') args.profile = true
    else if (arg === '--all-workiva') args.allWorkiva = true
    else if (arg === '--no-deno') args.deno = false
    else if (arg === '--node') args.node = argv[++i]
    else if (arg === '--in-flight') {
      const values = (argv[++i] ?? '').split(',').map(Number)
      for (const value of values) if (!(value in CONCURRENCY)) throw new Error(`--in-flight: ${value} is not one of ${Object.keys(CONCURRENCY).join(', ')}`)
      args.inFlight = new Set(values)
    }
    else if (arg === '--rounds') args.rounds = Math.max(1, Math.min(9, Number(argv[++i]) || 1))
    else if (arg === '--only') {
      const names = (argv[++i] ?? '').split(',').filter(Boolean)
      for (const name of names) if (!GROUPS.includes(name as Group)) throw new Error(`--only: unknown group ${name} (groups: ${GROUPS.join(', ')})`)
      args.only = new Set(names as Group[])
    } else throw new Error(`unknown flag ${arg}`)
  }
  return args
}

// ---------------------------------------------------------------- throughput

const THROUGHPUT_CLIENTS = ['fetch', 'fetch-timeout', 'ofetch', 'ky', 'undici-fetch', 'undici-request', 'isosdk', 'isosdk-validate', 'isosdk-novalidate', 'isosdk-undici', 'undici-transport']
const CONCURRENCY: Record<number, number> = { 1: 2_000, 16: 10_000, 64: 20_000 }

interface ThroughputRow extends ClientRun {
  client: string
  label: string
  anchor: boolean
  concurrency: number
  rpsRatio: number
  cpuRatio: number
  /** Runs of this cell (rounds); the row holds their medians. */
  runs: number
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

async function throughput(server: BenchServer, args: Args, log: (line: string) => void): Promise<{ rows: ThroughputRow[]; skipped: string[] }> {
  const rows: ThroughputRow[] = []
  const skipped = new Set<string>()
  for (const [c, full] of Object.entries(CONCURRENCY).map(([c, n]) => [Number(c), n] as const)) {
    if (args.inFlight && !args.inFlight.has(c)) continue
    const count = args.quick ? Math.round(full / 4) : full
    const runs = new Map<string, ClientRun[]>()
    for (let round = 0; round < args.rounds; round++) {
      // Rotate the order each round so no client always runs first (or last) in a noisy period.
      const order = THROUGHPUT_CLIENTS.map((_, i) => THROUGHPUT_CLIENTS[(i + round) % THROUGHPUT_CLIENTS.length]!)
      for (const client of order) {
        if (skipped.has(client)) continue
        try {
          const run = await runClient(server, { mode: 'throughput', client, path: '/item', concurrency: c, count, warmup: Math.min(2_000, Math.round(count / 5)), timeLimitMs: 30_000 })
          runs.set(client, [...(runs.get(client) ?? []), run])
          log(`  throughput c=${c} ${client}: ${Math.round(run.rps)} req/s, ${run.cpuUsPerRequest.toFixed(1)} µs CPU/req${run.errors ? `, ${run.errors} errors (${run.firstError})` : ''}`)
        } catch (error) {
          log(`  throughput c=${c} ${client}: skipped (${error instanceof Error ? error.message : String(error)})`)
          skipped.add(client)
        }
      }
    }
    const summary = (client: string): ClientRun | undefined => {
      const list = runs.get(client)
      if (!list?.length) return undefined
      return {
        requests: median(list.map((r) => r.requests)),
        errors: list.reduce((n, r) => n + r.errors, 0),
        seconds: median(list.map((r) => r.seconds)),
        rps: median(list.map((r) => r.rps)),
        cpuUsPerRequest: median(list.map((r) => r.cpuUsPerRequest)),
        serverLoad: median(list.map((r) => r.serverLoad)),
        ...(list.find((r) => r.firstError) && { firstError: list.find((r) => r.firstError)!.firstError }),
      }
    }
    const reference = summary('fetch')
    for (const client of THROUGHPUT_CLIENTS) {
      const run = summary(client)
      if (!run) continue
      rows.push({
        ...run,
        client,
        label: CLIENTS[client]!.label,
        anchor: CLIENTS[client]!.anchor,
        concurrency: c,
        rpsRatio: reference ? run.rps / reference.rps : NaN,
        cpuRatio: reference ? run.cpuUsPerRequest / reference.cpuUsPerRequest : NaN,
        runs: runs.get(client)!.length,
      })
    }
  }
  return { rows, skipped: [...skipped] }
}

// ---------------------------------------------------------------- validation (in process, CPU time)

interface ValidationReport {
  /** CPU µs per `~standard.validate` of the parsed 1 KB body (what `client.request` adds with `validate` on). */
  validateUs: number
  /** CPU µs per `v.parse` of a six-field object, the issue's reference point. */
  valibotParseUs: number
  /** CPU µs per `JSON.parse` of the 1 KB body, for scale. */
  jsonParseUs: number
  /** From the throughput runs at 64 in flight: CPU/request with validation on minus off (noisy: two processes). */
  networkDeltaUs?: number
}

function cpuPerCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(20_000, iterations); i++) fn()
  const samples: number[] = []
  for (let round = 0; round < 5; round++) {
    const c0 = process.cpuUsage()
    for (let i = 0; i < iterations; i++) fn()
    const c = process.cpuUsage(c0)
    samples.push((c.user + c.system) / iterations)
  }
  return median(samples)
}

function validation(quick: boolean): ValidationReport {
  const n = quick ? 50_000 : 200_000
  const text = JSON.stringify(ITEM)
  const parsed = JSON.parse(text) as unknown
  const validate = ItemSchema['~standard'].validate
  const small = v.object({ id: v.number(), name: v.string(), ok: v.boolean(), n: v.number(), s: v.string(), t: v.string() })
  const smallValue = { id: 1, name: 'a', ok: true, n: 2, s: 'b', t: 'c' }
  return {
    validateUs: cpuPerCall(() => validate(parsed), n),
    valibotParseUs: cpuPerCall(() => v.parse(small, smallValue), n),
    jsonParseUs: cpuPerCall(() => JSON.parse(text), n),
  }
}

// ---------------------------------------------------------------- latency-bound

interface LatencyRow {
  client: string
  label: string
  anchor: boolean
  seconds: number
  vsIdeal: number
  vsFetch: number
  errors: number
}

const LATENCY_CLIENTS = ['fetch', 'undici-request', 'isosdk-validate', 'isosdk-undici']

async function latency(server: BenchServer, log: (line: string) => void): Promise<LatencyRow[]> {
  const results = new Map<string, ClientRun>()
  for (const client of LATENCY_CLIENTS) {
    try {
      const run = await runClient(server, { mode: 'latency', client, path: '/slow?ms=50', concurrency: 50, count: 1_000, warmup: 50, timeLimitMs: 30_000 })
      results.set(client, run)
      log(`  latency ${client}: ${run.seconds.toFixed(3)} s${run.errors ? `, ${run.errors} errors (${run.firstError})` : ''}`)
    } catch (error) {
      log(`  latency ${client}: skipped (${error instanceof Error ? error.message : String(error)})`)
    }
  }
  const reference = results.get('fetch')
  return [...results].map(([client, run]) => ({
    client,
    label: client.startsWith('isosdk') ? `${CLIENTS[client]!.label} via mapConcurrent` : CLIENTS[client]!.label,
    anchor: CLIENTS[client]!.anchor,
    seconds: run.seconds,
    vsIdeal: run.seconds / 1.0,
    vsFetch: reference ? run.seconds / reference.seconds : NaN,
    errors: run.errors,
  }))
}

// ---------------------------------------------------------------- otel() overhead

interface OtelReport {
  /** In process (no network): CPU µs per call, off / no SDK / recording SDK. */
  inProcess: OtelRow[]
  /** Over loopback, 64 in flight: CPU µs per call off and on (recording SDK), medians of paired rounds. */
  loopback?: { requests: number; rounds: number; offUs: number; onUs: number; ratio: number }
}

/** `isosdk` and `isosdk-otel` over loopback, paired rounds in alternating order (the bench's noise rule: ≥ 5 rounds, medians). */
async function otelLoopback(server: BenchServer, quick: boolean, log: (line: string) => void): Promise<OtelReport['loopback']> {
  const requests = quick ? 5_000 : 20_000
  const rounds = quick ? 3 : 5
  const cpu: Record<'isosdk' | 'isosdk-otel', number[]> = { isosdk: [], 'isosdk-otel': [] }
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? (['isosdk-otel', 'isosdk'] as const) : (['isosdk', 'isosdk-otel'] as const)
    for (const client of order) {
      const run = await runClient(server, { mode: 'throughput', client, path: '/item', concurrency: 64, count: requests, warmup: 2_000, timeLimitMs: 60_000 })
      if (run.errors) throw new Error(`${client}: ${run.errors} errors (${run.firstError})`)
      cpu[client].push(run.cpuUsPerRequest)
      log(`  otel loopback round ${round + 1} ${client}: ${run.cpuUsPerRequest.toFixed(1)} µs CPU/req, ${Math.round(run.rps)} req/s`)
    }
  }
  const offUs = median(cpu.isosdk)
  const onUs = median(cpu['isosdk-otel'])
  return { requests, rounds, offUs, onUs, ratio: onUs / offUs }
}

// ---------------------------------------------------------------- goals

interface Goal {
  goal: string
  target: string
  measured: string
  met: boolean | undefined
}

function goals(r: Results): Goal[] {
  const out: Goal[] = []
  const at64 = (client: string) => r.throughput?.rows.find((row) => row.concurrency === 64 && row.client === client)
  const sdk = at64('isosdk-validate')
  const fetchRow = at64('fetch')
  const fmt = (x: number | undefined, digits = 2) => (x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits))
  if (r.throughput) {
    // Any client with timeouts hands fetch a signal, which Node's fetch makes costly; shown beside the raw ratio.
    const timed = at64('fetch-timeout')
    const vsTimed = (x: number | undefined, y: number | undefined) => (x !== undefined && y !== undefined ? ` (vs fetch + timeout signal: ${fmt(x / y)}×)` : '')
    out.push({ goal: 'client.request throughput at 64 in flight (API key, retries on, schema validated)', target: '≥ 0.95× global fetch', measured: `${fmt(sdk?.rpsRatio)}×${vsTimed(sdk?.rps, timed?.rps)}`, met: sdk ? sdk.rpsRatio >= 0.95 : undefined })
    out.push({ goal: 'client.request CPU per request at 64 in flight', target: '≤ 1.10× global fetch', measured: `${fmt(sdk?.cpuRatio)}× (${fmt(sdk?.cpuUsPerRequest, 0)} vs ${fmt(fetchRow?.cpuUsPerRequest, 0)} µs)${vsTimed(sdk?.cpuUsPerRequest, timed?.cpuUsPerRequest)}`, met: sdk ? sdk.cpuRatio <= 1.1 : undefined })
    // The floor the contract's 30 s per-attempt timeout sets: fetch given a signal and nothing else (no SDK at all).
    if (timed) out.push({ goal: 'reference: global fetch + a 30 s timeout signal, no SDK (the floor for any client that times out or aborts on close)', target: 'the two goals above', measured: `${fmt(timed.rpsRatio)}× req/s, ${fmt(timed.cpuRatio)}× CPU`, met: undefined })
    const added = r.overhead?.find((o) => o.fetch === 'Response' && o.what === 'client.request, schema validated')?.addedUs
    if (added !== undefined && fetchRow) {
      const ratio = (fetchRow.cpuUsPerRequest + added) / fetchRow.cpuUsPerRequest
      out.push({ goal: 'same, estimated from the in-process overhead (core µs added ÷ fetch CPU/request)', target: '≤ 1.10×', measured: `${fmt(ratio)}× (+${fmt(added, 1)} µs)`, met: ratio <= 1.1 })
    }
    const fast = at64('isosdk-undici')
    out.push({ goal: 'client.request + undiciTransport throughput at 64 in flight', target: '≥ 2× global fetch', measured: fast ? `${fmt(fast.rpsRatio)}×` : 'missing', met: fast ? fast.rpsRatio >= 2 : undefined })
  }
  if (r.otel?.loopback) {
    const l = r.otel.loopback
    out.push({ goal: 'otel() CPU per call, recording SDK, 64 in flight over loopback', target: '≤ 1.05× telemetry off', measured: `${fmt(l.ratio)}× (${fmt(l.onUs, 0)} vs ${fmt(l.offUs, 0)} µs)`, met: l.ratio <= 1.05 })
  }
  if (r.validation) out.push({ goal: 'validating a 1 KB body', target: '≤ 10 µs', measured: `${fmt(r.validation.validateUs)} µs`, met: r.validation.validateUs <= 10 })
  if (r.latency) {
    const row = r.latency.find((l) => l.client === 'isosdk-validate')
    out.push({ goal: 'latency-bound wall time (1,000 × 50 ms at concurrency 50)', target: '≤ 1.05× raw fetch', measured: row ? `${fmt(row.vsFetch)}× (${fmt(row.seconds, 3)} s)` : 'missing', met: row ? row.vsFetch <= 1.05 : undefined })
  }
  if (r.memory) {
    const mb = r.memory.heapGrowth / 2 ** 20
    out.push({ goal: 'memory over 1M records through paginate (heap after GC, 100k → 1M)', target: 'flat (≤ 1 MB growth)', measured: `${mb >= 0 ? '+' : ''}${fmt(mb)} MB`, met: mb <= 1 })
  }
  if (r.coldImport) {
    const sdkImport = r.coldImport.rows.find((row) => row.name === 'isosdk + isosdk/auth')
    const ofetchImport = r.coldImport.rows.find((row) => row.name === 'ofetch')
    const diff = sdkImport?.node !== undefined && ofetchImport?.node !== undefined ? sdkImport.node - ofetchImport.node : undefined
    out.push({ goal: 'cold import of isosdk + isosdk/auth (Node)', target: '≤ ofetch + 10 ms', measured: diff === undefined ? 'n/a' : `${diff >= 0 ? '+' : ''}${fmt(diff, 1)} ms vs ofetch`, met: diff === undefined ? undefined : diff <= 10 })
  }
  if (r.sizes) {
    const core = r.sizes.rows.find((row) => row.name.startsWith('isosdk core + apiKey + '))
    out.push({ goal: 'bundle: core + apiKey + one resource function', target: '≤ 5,000 B gzip', measured: core ? `${core.gzip.toLocaleString('en-US')} B` : 'missing', met: core ? core.gzip <= 5_000 : undefined })
    for (const h of r.sizes.helpers) out.push({ goal: `bundle: ${h.name} added / absent when unused`, target: '≤ 600 B, absent', measured: `${h.addedGzip} B, ${h.absentWhenUnused ? 'absent' : 'PRESENT'}`, met: h.addedGzip <= 600 && h.absentWhenUnused })
    const w = r.sizes.workivaExtra
    if (w) out.push({ goal: `bundle: each extra generated Workiva function (${w.measured} of ${w.total} measured)`, target: '≤ 400 B', measured: `median ${w.median} B, max ${w.max} B (${w.maxName})`, met: w.max <= 400 })
  }
  return out
}

// ---------------------------------------------------------------- output

interface Results {
  machine: { cpus: number; model: string; node: string; loadBefore: number[]; loadAfter?: number[]; isosdkFrom: string }
  build: { entries: string[]; missing: string[]; broken: { entry: string; error: string }[] }
  sizes?: SizeReport
  overhead?: OverheadRow[]
  otel?: OtelReport
  throughput?: { rows: ThroughputRow[]; skipped: string[]; rounds: number }
  validation?: ValidationReport
  latency?: LatencyRow[]
  memory?: MemoryResult
  coldImport?: ImportReport
  profiles?: ProfileSummary[]
  goals?: Goal[]
}

function table(headers: string[], rows: (string | number)[][], align?: ('l' | 'r')[]): string {
  const a = align ?? headers.map((_, i) => (i === 0 ? 'l' : 'r'))
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`
  return [line(headers), `|${a.map((x) => (x === 'l' ? '---' : '---:')).join('|')}|`, ...rows.map(line)].join('\n')
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US')
const n2 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(2))
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`

function render(r: Results): string {
  const out: string[] = []
  const load = r.machine.loadBefore.map((x) => x.toFixed(1)).join(', ')
  out.push(`# isosdk benchmarks\n\n${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}; load average before: ${load}${r.machine.loadAfter ? `, after: ${r.machine.loadAfter.map((x) => x.toFixed(1)).join(', ')}` : ''}; isosdk built from ${r.machine.isosdkFrom}.`)
  if (r.machine.loadBefore[0]! > r.machine.cpus) out.push(`> The machine was busy (load ${r.machine.loadBefore[0]!.toFixed(1)} on ${r.machine.cpus} cores): absolute throughput is low and noisy; compare the ratios, which come from the same run.`)
  if (r.build.missing.length || r.build.broken.length) {
    out.push(`Entries missing: ${r.build.missing.join(', ') || 'none'}; not building: ${r.build.broken.map((b) => `${b.entry} (${b.error})`).join(', ') || 'none'}.`)
  }
  if (r.goals?.length) {
    out.push('## Goals\n\n' + table(['goal', 'target', 'measured', 'met'], r.goals.map((g) => [g.goal, g.target, g.measured, g.met === undefined ? 'n/a' : g.met ? 'yes' : '**no**'])))
  }
  if (r.overhead) {
    out.push(
      '## Core overhead per request (in process, no network, 64 in flight, CPU time)\n\n' +
        table(['fetch answering in process', 'call', 'CPU µs/request', 'added by isosdk µs'], r.overhead.map((o) => [o.fetch, o.what, n2(o.cpuUs), o.addedUs ? n2(o.addedUs) : '—']), ['l', 'l', 'r', 'r']),
    )
  }
  if (r.otel) {
    const o = r.otel
    const l = o.loopback
    out.push(
      '## `otel()` overhead per call (CPU time)\n\n' +
        table(
          ['where', 'call', 'CPU µs/call', 'added µs', 'added'],
          [
            ...o.inProcess.map((row) => ['in process, 64 in flight', row.what, n2(row.cpuUs), row.addedUs ? n2(row.addedUs) : '—', row.addedUs ? `${((row.addedUs / o.inProcess[0]!.cpuUs) * 100).toFixed(1)}%` : '—']),
            ...(l
              ? [
                  [`loopback, 64 in flight (${n0(l.requests)} GETs, median of ${l.rounds} paired rounds)`, 'client.request, telemetry off', n2(l.offUs), '—', '—'],
                  ['same', 'client.request + otel(), recording SDK', n2(l.onUs), n2(l.onUs - l.offUs), `${((l.ratio - 1) * 100).toFixed(1)}%`],
                ]
              : []),
          ],
          ['l', 'l', 'r', 'r', 'r'],
        ),
    )
  }
  if (r.throughput) {
    for (const c of Object.keys(CONCURRENCY).map(Number)) {
      const rows = r.throughput.rows.filter((row) => row.concurrency === c)
      if (!rows.length) continue
      out.push(
        `## Throughput, ${c} in flight (${n0(rows[0]!.requests)} GETs of 1 KB JSON${r.throughput.rounds > 1 ? `, median of ${r.throughput.rounds} rounds` : ''})\n\n` +
          table(
            ['client', 'vs fetch (req/s)', 'vs fetch (CPU/req)', 'req/s', 'CPU µs/req', 'server load', 'errors'],
            rows.map((row) => [row.label, `${n2(row.rpsRatio)}×`, `${n2(row.cpuRatio)}×`, n0(row.rps), n0(row.cpuUsPerRequest), `${Math.round(row.serverLoad * 100)}%`, row.errors]),
          ),
      )
    }
    if (r.throughput.skipped.length) out.push(`Skipped clients: ${r.throughput.skipped.join(', ')}`)
  }
  if (r.validation) {
    const val = r.validation
    out.push(
      '## Validation cost (in process, CPU time)\n\n' +
        table(
          ['what', 'µs per call'],
          [
            ['valibot validate of the 1 KB body (what `validate: true` adds)', n2(val.validateUs)],
            ['`v.parse` of a six-field object (reference)', n2(val.valibotParseUs)],
            ['`JSON.parse` of the 1 KB body (done either way)', n2(val.jsonParseUs)],
            ...(val.networkDeltaUs !== undefined ? [['CPU/request, validate on − off, at 64 in flight (two processes; noisy)', n2(val.networkDeltaUs)]] : []),
          ],
        ),
    )
  }
  if (r.latency) {
    out.push(
      '## Latency-bound: 1,000 calls, 50 ms server latency, 50 at a time (ideal 1.0 s)\n\n' +
        table(['client', 'vs raw fetch', 'vs ideal', 'wall s', 'errors'], r.latency.map((l) => [l.label, `${n2(l.vsFetch)}×`, `${n2(l.vsIdeal)}×`, l.seconds.toFixed(3), l.errors])),
    )
  }
  if (r.memory) {
    const m = r.memory
    out.push(
      `## Memory: ${n0(m.records)} records through paginate (${n0(m.pages)} pages of client.request, ${m.seconds.toFixed(1)} s)\n\n` +
        table(
          ['', 'heap used (after GC)', 'external', 'RSS'],
          [
            ['at 100k records', mb(m.at100k.heapUsed), mb(m.at100k.external), mb(m.at100k.rss)],
            [`at ${n0(m.records / 2)} records`, mb(m.at500k.heapUsed), mb(m.at500k.external), mb(m.at500k.rss)],
            [`at ${n0(m.records)} records`, mb(m.at1M.heapUsed), mb(m.at1M.external), mb(m.at1M.rss)],
            ['growth 100k → end', mb(m.heapGrowth), mb(m.at1M.external - m.at100k.external), mb(m.rssGrowth)],
            ['peak (no forced GC)', mb(m.peakHeapUsed), '', mb(m.maxRss)],
          ],
        ),
    )
  }
  if (r.sizes) {
    const s = r.sizes
    const anchor = s.rows.find((row) => row.name === 'ofetch, one call')
    out.push(
      '## Bundle size (esbuild --minify, gzip -9, dependencies included)\n\n' +
        table(['bundle', 'vs ofetch one call', 'gzip B', 'minified B'], s.rows.map((row) => [row.name + (row.note ? ` (${row.note})` : ''), anchor ? `${n2(row.gzip / anchor.gzip)}×` : 'n/a', n0(row.gzip), n0(row.bytes)])),
    )
    if (s.helpers.length) out.push(table(['helper', 'adds gzip B', 'absent when unused'], s.helpers.map((h) => [h.name, h.addedGzip, h.absentWhenUnused ? 'yes' : '**no**'])))
    if (s.unused.length) out.push('Unused code left out of the getPage bundle (metafile bytes; 0 = absent):\n\n' + table(['file', 'bytes in output'], s.unused.map((u) => [u.file, u.bytes])))
    if (s.workivaExtra) {
      const w = s.workivaExtra
      out.push(`Each extra generated Workiva function (${w.measured} of ${w.total} measured, over a bundle with one of each kind): median ${w.median} B, max ${w.max} B (${w.maxName}); over 400 B: ${w.over400.join(', ') || 'none'}.`)
    }
    if (s.missing.length) out.push(`Not measured (missing): ${s.missing.join(', ')}. Not installed, so not measured here: Octokit, openai-node, AWS SDK (the issue's reference values).`)
    else out.push('Not installed, so not measured here: Octokit, openai-node, AWS SDK (the issue lists reference values).')
  }
  if (r.coldImport) {
    const ci = r.coldImport
    const hasDeno = ci.baseline.deno !== undefined
    out.push(
      `## Cold import (ms added to an empty process, median of ${ci.runs}; empty process: Node ${ci.baseline.node.toFixed(0)} ms${hasDeno ? `, Deno ${ci.baseline.deno!.toFixed(0)} ms` : ''})\n\n` +
        table(
          ['import', 'Node ms', ...(hasDeno ? ['Deno ms'] : []), 'note'],
          ci.rows.map((row) => [row.name, row.node === undefined ? 'n/a' : row.node.toFixed(1), ...(hasDeno ? [row.deno === undefined ? 'n/a' : row.deno.toFixed(1)] : []), row.note ?? '']),
        ) +
        (ci.denoSkipped ? `\n\nDeno not measured: ${ci.denoSkipped}` : ''),
    )
  }
  if (r.profiles) {
    for (const p of r.profiles) {
      out.push(
        `## CPU profile: ${p.client} (${n0(p.totalMs)} ms sampled)\n\n` +
          table(['component', 'ms', 'share'], p.byComponent.map((c) => [c.component, n0(c.ms), `${(c.share * 100).toFixed(1)}%`])) +
          '\n\n' +
          table(['function (self time)', 'where', 'ms', 'share'], p.topFunctions.slice(0, 15).map((f) => [f.fn, f.where, n0(f.ms), `${(f.share * 100).toFixed(1)}%`]), ['l', 'l', 'r', 'r']) +
          (p.inclusive.length ? '\n\n' + table(['frame (inclusive)', 'ms', 'share'], p.inclusive.map((f) => [f.fn, n0(f.ms), `${(f.share * 100).toFixed(1)}%`])) : ''),
      )
    }
  }
  return out.join('\n\n') + '\n'
}

function writeCharts(r: Results): string[] {
  const dir = join(ROOT, 'docs', 'img')
  mkdirSync(dir, { recursive: true })
  const written: string[] = []
  const write = (name: string, svg: string) => {
    writeFileSync(join(dir, name), svg)
    written.push(`docs/img/${name}`)
  }
  if (r.sizes) {
    write(
      'bench-bundle-size.svg',
      barChart('Bundle size of one call', 'bytes, esbuild --minify + gzip -9', r.sizes.rows.filter((row) => !row.name.startsWith('whole')).map((row) => ({ label: row.name, value: row.gzip, anchor: row.anchor, text: `${n0(row.gzip)} B` })), {
        subtitle: 'dependencies included; anchors (grey) built in the same run; bars past 30 KB are cut',
        budget: { value: 5_000, label: 'budget 5,000 B' },
        max: 30_000,
      }),
    )
  }
  const rows64 = r.throughput?.rows.filter((row) => row.concurrency === 64) ?? []
  if (rows64.length) {
    const subtitle = `20,000 GETs of 1 KB JSON over loopback, 64 in flight; ${r.machine.cpus} cores, Node ${r.machine.node}`
    write(
      'bench-throughput.svg',
      barChart('Throughput (requests per second, higher is better)', 'req/s', rows64.map((row) => ({ label: row.label, value: row.rps, anchor: row.anchor, text: `${n0(row.rps)} (${n2(row.rpsRatio)}× fetch)` })), { subtitle }),
    )
    write(
      'bench-cpu-per-request.svg',
      barChart('Client CPU per request (lower is better)', 'µs of CPU per request', rows64.map((row) => ({ label: row.label, value: row.cpuUsPerRequest, anchor: row.anchor, text: `${n0(row.cpuUsPerRequest)} µs (${n2(row.cpuRatio)}×)` })), { subtitle }),
    )
  }
  return written
}

// ---------------------------------------------------------------- main

async function main() {
  const args = parseArgs(process.argv.slice(2))
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const results: Results = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model.trim() ?? 'unknown', node: process.versions.node, loadBefore: loadavg(), isosdkFrom: '.bench/dist (esbuild, like tsup)' },
    build: { entries: [], missing: [], broken: [] },
  }
  if (args.node) {
    results.machine.node = setClientNode(args.node)
    log(`measured clients run on Node ${results.machine.node} (the fake server on ${process.versions.node})`)
  }
  log('building the package entries into .bench/dist …')
  const built = await buildPackage()
  results.build = { entries: Object.keys(built.files), missing: built.missing, broken: built.broken }
  process.env.ISOSDK_BENCH_DIST = DIST

  if (args.only.has('sizes')) {
    log('sizes …')
    results.sizes = await measureSizes({ allWorkiva: args.allWorkiva })
  }
  if (args.only.has('overhead')) {
    log('core overhead (in process) …')
    results.overhead = await runScript<OverheadRow[]>('./run-overhead.ts', [JSON.stringify({ requests: args.quick ? 20_000 : 50_000, rounds: args.quick ? 3 : 5 })], [], 300_000)
  }
  if (args.only.has('otel')) {
    log('otel() overhead (in process) …')
    results.otel = { inProcess: await runScript<OtelRow[]>('./run-otel.ts', [JSON.stringify({ requests: args.quick ? 20_000 : 50_000, rounds: args.quick ? 3 : 5 })], [], 300_000) }
  }
  const needsServer = args.only.has('otel') || args.only.has('throughput') || args.only.has('latency') || args.only.has('memory') || args.profile
  const server = needsServer ? await startServer() : undefined
  try {
    if (server && results.otel) {
      log('otel() overhead (loopback) …')
      results.otel.loopback = await otelLoopback(server, args.quick, log)
    }
    if (server && args.only.has('throughput')) {
      log('throughput …')
      results.throughput = { ...(await throughput(server, args, log)), rounds: args.rounds }
    }
    if (args.only.has('validation')) {
      log('validation …')
      results.validation = validation(args.quick)
      const at64 = (client: string) => results.throughput?.rows.find((row) => row.concurrency === 64 && row.client === client)
      const on = at64('isosdk-validate')
      const off = at64('isosdk-novalidate')
      if (on && off) results.validation.networkDeltaUs = on.cpuUsPerRequest - off.cpuUsPerRequest
    }
    if (server && args.only.has('latency')) {
      log('latency-bound …')
      results.latency = await latency(server, log)
    }
    if (server && args.only.has('memory')) {
      log('memory (1,000,000 records through paginate) …')
      const total = args.quick ? 200_000 : RECORD_TOTAL
      results.memory = await runScript<MemoryResult>('./run-memory.ts', [JSON.stringify({ origin: server.origin, total, pageSize: 1_000 })], ['--expose-gc'], 180_000)
    }
    if (server && args.profile) {
      log('profiles (node --cpu-prof) …')
      results.profiles = []
      for (const client of ['fetch', 'isosdk-validate', 'isosdk-undici']) {
        try {
          results.profiles.push(await profileClient(server, client, args.quick ? 5_000 : 20_000))
        } catch (error) {
          log(`  profile ${client}: skipped (${error instanceof Error ? error.message : String(error)})`)
        }
      }
    }
  } finally {
    await server?.stop()
  }
  if (args.only.has('import')) {
    log('cold import …')
    results.coldImport = measureColdImport(built.files, { runs: args.quick ? 5 : 15, deno: args.deno })
  }
  results.machine.loadAfter = loadavg()
  results.goals = goals(results)

  mkdirSync(join(ROOT, '.bench'), { recursive: true })
  writeFileSync(join(ROOT, '.bench', 'results.json'), JSON.stringify(results, null, 2))
  if (args.svg) for (const file of writeCharts(results)) log(`wrote ${file}`)
  process.stdout.write(args.json ? `${JSON.stringify(results, null, 2)}\n` : render(results))
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`)
  process.exitCode = 1
})
