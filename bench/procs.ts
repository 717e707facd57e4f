// Child processes of the benchmark: the fake server, and one process per measured client.
import { execFileSync, fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { RunConfig, RunResult } from './run-client.js'

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
/** Children run TypeScript through tsx, like `npm run bench` itself. */
const TSX = ['--import', 'tsx']

/** The Node binary measured clients and scripts run on (`--node`); the fake server always runs on this one. */
let clientNode = process.execPath

/** Points `--node` (a major such as `24`, fetched once by npx, or a path to a binary) at a Node; returns its version. */
export function setClientNode(spec: string): string {
  clientNode = /^\d+$/.test(spec)
    ? execFileSync('npx', ['-y', '--prefer-offline', `node@${spec}`, '-p', 'process.execPath'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    : spec
  return execFileSync(clientNode, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim()
}

export interface BenchServer {
  origin: string
  /** Server CPU (user + system) since it started, µs. */
  cpu(): Promise<number>
  stop(): Promise<void>
}

function nextMessage<T>(child: ChildProcess, pick: (message: Record<string, unknown>) => T | undefined, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs)
    const onMessage = (message: unknown) => {
      const value = typeof message === 'object' && message !== null ? pick(message as Record<string, unknown>) : undefined
      if (value !== undefined) done(undefined, value)
    }
    const onExit = (code: number | null) => done(new Error(`${what}: process exited (${code})`))
    const done = (error?: Error, value?: T) => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (error) reject(error)
      else resolve(value as T)
    }
    child.on('message', onMessage)
    child.on('exit', onExit)
  })
}

/** Starts bench/server.ts in its own process on 127.0.0.1. */
export async function startServer(): Promise<BenchServer> {
  const child = fork(here('./server.ts'), [], { execArgv: TSX, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const port = await nextMessage(child, (m) => (typeof m.port === 'number' ? m.port : undefined), 20_000, 'bench server')
  return {
    origin: `http://127.0.0.1:${port}`,
    async cpu() {
      child.send('cpu')
      const cpu = await nextMessage(child, (m) => m.cpu as { user: number; system: number } | undefined, 5_000, 'bench server cpu')
      return cpu.user + cpu.system
    },
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.send('stop')
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000)
      await exited
      clearTimeout(timer)
    },
  }
}

export interface ClientRun extends RunResult {
  /** Server CPU during the measured part, as a share of one core (1.0 = saturated). */
  serverLoad: number
}

/** Runs one client in a fresh process; the measured part starts after its warm-up. */
export async function runClient(server: BenchServer, config: Omit<RunConfig, 'origin'>, execArgv: string[] = []): Promise<ClientRun> {
  const full: RunConfig = { ...config, origin: server.origin }
  const child = fork(here('./run-client.ts'), [JSON.stringify(full)], {
    execPath: clientNode,
    execArgv: [...TSX, ...execArgv],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const limit = config.timeLimitMs + 60_000
  try {
    const first = await nextMessage(child, (m) => (m.warm ? 'warm' : typeof m.error === 'string' ? `error:${m.error}` : undefined), limit, config.client)
    if (first.startsWith('error:')) throw new Error(`${config.client}: ${first.slice(6)}`)
    const cpu0 = await server.cpu()
    const t0 = performance.now()
    child.send('go')
    const outcome = await nextMessage(
      child,
      (m) => (m.result ? { result: m.result as RunResult } : typeof m.error === 'string' ? { error: m.error } : undefined),
      limit,
      config.client,
    )
    const wall = performance.now() - t0
    const serverCpu = (await server.cpu()) - cpu0
    if ('error' in outcome) throw new Error(`${config.client}: ${outcome.error}`)
    return { ...outcome.result, serverLoad: serverCpu / 1000 / wall }
  } finally {
    if (child.exitCode === null) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await new Promise((resolve) => child.once('exit', resolve))
      clearTimeout(timer)
    }
  }
}

/** Runs a script (TypeScript, through tsx) in a fresh process and returns the one message it sends. */
export async function runScript<T>(file: string, args: string[], execArgv: string[], timeoutMs: number): Promise<T> {
  const child = fork(here(file), args, { execPath: clientNode, execArgv: [...TSX, ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  try {
    const outcome = await nextMessage(child, (m) => (m.result ? { result: m.result as T } : typeof m.error === 'string' ? { error: m.error } : undefined), timeoutMs, file)
    if ('error' in outcome) throw new Error(`${file}: ${outcome.error}`)
    return outcome.result
  } finally {
    if (child.exitCode === null) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
      await new Promise((resolve) => child.once('exit', resolve))
      clearTimeout(timer)
    }
  }
}
