/**
 * The command line of `isosdk`: `isosdk fake <service|all> [--port N] [--seed N] [--faults …] [--json]`.
 * Parsing only (no I/O), so every refusal is a {@link UsageError} with a message that says what to type.
 */
import { parseArgs } from 'node:util'
import type { FaultOptions } from '../testing/faults.js'

/** The services `isosdk fake` serves, in the order `all` starts them (and assigns ports). */
export const SERVICES = ['workiva', 'salesforce', 'folio', 'bloomy', 'wikijs'] as const
export type ServiceName = (typeof SERVICES)[number]

export const USAGE = `Usage: isosdk fake <workiva|salesforce|folio|bloomy|wikijs|all> [options]

Starts fakes of the APIs on 127.0.0.1, prints each one's URL, the credentials it accepts and the
client options that reach it, logs one line per request, and stops on Ctrl-C (SIGINT) or SIGTERM.

Options:
  --port N        port of the (first) fake; with "all" the five take N..N+4 (default 0: free ports)
  --seed N        seed of the fault PRNG and of the fakes' seeded data where a fake takes one
  --faults LIST   inject faults, e.g. 5xx=0.1,429=0.05,drop=0.02,latency=0-200,retry-after=1
                    5xx, 429, drop: share of requests (0..1) answered 503 / 429 / dropped
                    latency: ms before every answer, N or MIN-MAX; retry-after: seconds on 429s
  --json          print the start-up summary and each request as JSON lines
  -h, --help      show this help`

/** A command line `isosdk` cannot run; the CLI prints the message and the usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export interface FakeCommand {
  command: 'fake'
  services: ServiceName[]
  port: number
  seed?: number
  faults?: FaultOptions
  json: boolean
}

export type Command = FakeCommand | { command: 'help' }

/**
 * Parses `isosdk`'s arguments (without `node` and the script).
 *
 * @example
 * parseCommand(['fake', 'all', '--port', '8700']) // { command: 'fake', services: [...5], port: 8700, json: false }
 */
export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseWith>
  try {
    parsed = parseWith(argv)
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error))
  }
  const { values, positionals } = parsed
  if (values.help) return { command: 'help' }
  const [command, target, ...extra] = positionals
  if (command === undefined) throw new UsageError('no command given')
  if (command !== 'fake') throw new UsageError(`unknown command ${JSON.stringify(command)} (the command is "fake")`)
  if (target === undefined) throw new UsageError('isosdk fake needs a service: workiva, salesforce, folio, bloomy, wikijs or all')
  if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`)
  const services = target === 'all' ? [...SERVICES] : SERVICES.filter((s) => s === target)
  if (!services.length) throw new UsageError(`unknown service ${JSON.stringify(target)} (one of workiva, salesforce, folio, bloomy, wikijs, all)`)

  const port = values.port === undefined ? 0 : integer(values.port, '--port')
  const last = port === 0 ? 0 : port + services.length - 1
  if (port < 0 || last > 65_535) {
    throw new UsageError(`--port must be from 0 to ${65_535 - services.length + 1}${services.length > 1 ? ` (the ${services.length} fakes take consecutive ports)` : ''}, got ${values.port}`)
  }
  const seed = values.seed === undefined ? undefined : integer(values.seed, '--seed')
  const faults = values.faults === undefined ? undefined : parseFaults(values.faults)
  return { command: 'fake', services, port, ...(seed !== undefined && { seed }), ...(faults && { faults }), json: values.json ?? false }
}

function parseWith(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      faults: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}

function integer(raw: string, option: string): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`${option} must be an integer, got ${JSON.stringify(raw)}`)
  return Number(raw)
}

/**
 * `5xx=0.1,429=0.05,drop=0.02,latency=0-200,retry-after=1` → fault options.
 *
 * @example
 * parseFaults('5xx=0.1,latency=5-20') // { serverErrorRate: 0.1, latency: [5, 20] }
 */
export function parseFaults(raw: string): FaultOptions {
  const options: FaultOptions = {}
  const seen = new Set<string>()
  for (const part of raw.split(',')) {
    const [key = '', value, ...rest] = part.trim().split('=')
    if (!key || value === undefined || rest.length) throw new UsageError(`--faults takes key=value pairs separated by commas, got ${JSON.stringify(part)}`)
    if (seen.has(key)) throw new UsageError(`--faults: ${key} is given twice`)
    seen.add(key)
    switch (key) {
      case '5xx':
        options.serverErrorRate = share(value, key)
        break
      case '429':
        options.rateLimitRate = share(value, key)
        break
      case 'drop':
        options.dropRate = share(value, key)
        break
      case 'latency': {
        const m = /^(\d+)(?:-(\d+))?$/.exec(value)
        if (!m) throw new UsageError(`--faults: latency is ms, N or MIN-MAX, got ${JSON.stringify(value)}`)
        const min = Number(m[1])
        const max = m[2] === undefined ? min : Number(m[2])
        if (max < min) throw new UsageError(`--faults: latency ${value} has MIN above MAX`)
        options.latency = min === max ? min : [min, max]
        break
      }
      case 'retry-after':
        if (!/^\d+$/.test(value)) throw new UsageError(`--faults: retry-after is whole seconds, got ${JSON.stringify(value)}`)
        options.retryAfter = Number(value)
        break
      default:
        throw new UsageError(`--faults: unknown fault ${JSON.stringify(key)} (5xx, 429, drop, latency, retry-after)`)
    }
  }
  const total = (options.serverErrorRate ?? 0) + (options.rateLimitRate ?? 0) + (options.dropRate ?? 0)
  if (total > 1) throw new UsageError(`--faults: 5xx + 429 + drop must not exceed 1, got ${total}`)
  return options
}

function share(value: string, key: string): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--faults: ${key} is a share from 0 to 1, got ${JSON.stringify(value)}`)
  return n
}
