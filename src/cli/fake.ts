/**
 * `isosdk fake …`: serves the chosen fakes on 127.0.0.1 (one server and port per service, so
 * no fake can catch another's routes), prints how to reach each, logs every request on one line,
 * and closes every server when told to stop.
 */
import type { FakeCommand, ServiceName } from './args.js'
import type { ServedFake, ServedRequest } from '../testing/serve.js'
import { createServiceFake, type ServiceInfo } from './services.js'

/** Where the command writes, and how it learns it must stop (Ctrl-C, SIGTERM). */
export interface CliIO {
  out(line: string): void
  err(line: string): void
  /** Calls `stop` once when the process is asked to stop. */
  onStop(stop: () => void): void
}

/** Query parameters whose values a request log line must not show. */
const SECRET_QUERY = /token|key|secret|password|passwd|session|sig|code|auth/i

/** How long closing the servers may take before the command gives up waiting. */
const CLOSE_TIMEOUT_MS = 5_000

/**
 * Runs the `fake` command until it is asked to stop; resolves the exit code.
 *
 * @example
 * const code = await runFake({ command: 'fake', services: ['wikijs'], port: 0, json: false }, io)
 */
export async function runFake(command: FakeCommand, io: CliIO): Promise<number> {
  let testing: typeof import('../testing/serve.js') & typeof import('../testing/faults.js')
  try {
    testing = { ...(await import('../testing/serve.js')), ...(await import('../testing/faults.js')) }
  } catch (error) {
    io.err(`isosdk fake needs msw (and graphql for Wiki.js): npm install --save-dev msw graphql\n(${messageOf(error)})`)
    return 1
  }

  // Listen for Ctrl-C / SIGTERM from the start: one during start-up stops right after it.
  const stopRequested = new Promise<void>((resolve) => io.onStop(resolve))
  const servers: ServedFake[] = []
  const infos: ServiceInfo[] = []
  const closeAll = () => Promise.all(servers.map((s) => s.close()))
  try {
    for (const [i, service] of command.services.entries()) {
      const fake = await createServiceFake(service, { seed: command.seed })
      const handlers = command.faults ? testing.withFaults(fake.handlers, { ...command.faults, seed: (command.seed ?? 0x1505_d1ce) + i }) : fake.handlers
      const port = command.port === 0 ? 0 : command.port + i
      const server = await testing
        .serve(handlers, { port, onRequest: (request) => io.out(logLine(command.json, service, request)) })
        .catch((error: unknown) => {
          throw new Error((error as { code?: string }).code === 'EADDRINUSE' ? `port ${port} is in use (${service})` : `cannot serve ${service} on port ${port}: ${messageOf(error)}`)
        })
      servers.push(server)
      infos.push(fake.describe(server.url))
    }
  } catch (error) {
    await closeAll()
    io.err(`isosdk fake: ${messageOf(error)}`)
    return 1
  }

  printReady(command, infos, io)
  await stopRequested
  await Promise.race([closeAll(), new Promise((resolve) => setTimeout(resolve, CLOSE_TIMEOUT_MS).unref())])
  io.out(command.json ? JSON.stringify({ event: 'stopped' }) : 'isosdk fake: stopped')
  return 0
}

function printReady(command: FakeCommand, infos: ServiceInfo[], io: CliIO): void {
  if (command.json) {
    io.out(JSON.stringify({ event: 'ready', services: infos }))
    return
  }
  const faults = command.faults ? ` with faults ${JSON.stringify(command.faults)}` : ''
  io.out(`isosdk fake: ${infos.length === 1 ? 'a fake' : `${infos.length} fakes`} on 127.0.0.1${faults}; Ctrl-C stops ${infos.length === 1 ? 'it' : 'them'}`)
  for (const info of infos) {
    io.out('')
    io.out(`${info.service.padEnd(10)} ${info.url}`)
    const rows: [string, string][] = []
    if (info.baseURLs) rows.push(['base URLs', Object.entries(info.baseURLs).map(([k, v]) => `${k} ${v}`).join(', ')])
    else rows.push(['base URL', info.baseURL])
    if (info.loginURL) rows.push(['login URL', info.loginURL])
    if (info.tokenURL) rows.push(['token URL', info.tokenURL])
    rows.push(['credentials', Object.entries(info.credentials).map(([k, v]) => `${k}=${v}`).join(' ')])
    rows.push(['client', info.client])
    for (const [label, value] of rows) io.out(`  ${label.padEnd(12)} ${value}`)
  }
  io.out('')
}

/** One request as one log line (text, or a JSON object with `--json`); secret-looking query values hidden. */
export function logLine(json: boolean, service: ServiceName, request: ServedRequest): string {
  const path = hideSecrets(request.path)
  if (json) return JSON.stringify({ event: 'request', service, method: request.method, path, status: request.status, ms: request.ms })
  const time = new Date().toISOString().slice(11, 23)
  const status = request.status === 0 ? 'dropped' : String(request.status)
  return `${time} ${service.padEnd(10)} ${request.method} ${path} -> ${status} ${request.ms} ms`
}

function hideSecrets(path: string): string {
  const at = path.indexOf('?')
  if (at < 0) return path
  const query = path
    .slice(at + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=')
      return eq > 0 && SECRET_QUERY.test(decodeSafe(pair.slice(0, eq))) ? `${pair.slice(0, eq)}=***` : pair
    })
    .join('&')
  return `${path.slice(0, at)}?${query}`
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
