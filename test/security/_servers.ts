// Real loopback servers for the security tests: each one is its own origin (another port, another
// host name, http or https) and records every request it gets, headers and body included.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Agent, fetch as undiciFetch } from 'undici'

/** One request as the server saw it. */
export interface Recorded {
  method: string
  /** Path and query as sent on the request line. */
  path: string
  /** The origin the client addressed (scheme + `Host` header). */
  origin: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

export type Handler = (req: Recorded, res: ServerResponse, raw?: IncomingMessage) => unknown

export interface TestServer {
  /** `http://127.0.0.1:41234` (or `https://…`, `http://localhost:…`, `http://[::1]:…`); no trailing slash. */
  readonly origin: string
  readonly port: number
  /** Every request received, in order. */
  readonly requests: Recorded[]
  /** Replaces the handler (default: 404). */
  handle(handler: Handler): void
  /** Everything received, as one text (request lines, headers and bodies), for secret searches. */
  received(): string
  /** Forgets recorded requests. */
  reset(): void
  close(): Promise<void>
}

export type Host = '127.0.0.1' | 'localhost' | '::1'

export interface ServerOptions {
  host?: Host
  /** Serve https with this key and certificate (see {@link selfSignedCert}). */
  tls?: { key: string; cert: string }
  handler?: Handler
}

const notFound: Handler = (_req, res) => {
  res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
}

/** Starts a server on a free port; `localhost` listens on 127.0.0.1 and, when it can, ::1 on the same port. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const host = options.host ?? '127.0.0.1'
  const scheme = options.tls ? 'https' : 'http'
  const requests: Recorded[] = []
  let handler = options.handler ?? notFound
  const listener = (raw: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    raw.on('data', (chunk: Buffer) => chunks.push(chunk))
    raw.on('error', () => undefined)
    raw.on('end', () => {
      const req: Recorded = {
        method: raw.method ?? 'GET',
        path: raw.url ?? '/',
        origin: `${scheme}://${raw.headers.host ?? ''}`,
        headers: { ...raw.headers },
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(req)
      Promise.resolve(handler(req, res, raw)).catch(() => res.socket?.destroy())
    })
  }
  const make = (): Server => (options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createHttpServer(listener))
  const servers: Server[] = [make()]
  const bind = host === 'localhost' ? '127.0.0.1' : host
  await listen(servers[0]!, 0, bind)
  const port = (servers[0]!.address() as { port: number }).port
  if (host === 'localhost' && (await ipv6Loopback())) {
    const second = make()
    try {
      await listen(second, port, '::1')
      servers.push(second)
    } catch {
      // Port taken on ::1: localhost still reaches 127.0.0.1 (Node tries both families).
    }
  }
  const shownHost = host === '::1' ? '[::1]' : host
  return {
    origin: `${scheme}://${shownHost}:${port}`,
    port,
    requests,
    handle(next) {
      handler = next
    },
    received() {
      return requests.map((r) => `${r.method} ${r.origin}${r.path}\n${JSON.stringify(r.headers)}\n${r.body}`).join('\n')
    },
    reset() {
      requests.length = 0
    },
    async close() {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve())
              s.closeAllConnections()
            }),
        ),
      )
    },
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

let v6: Promise<boolean> | undefined
/** Whether this machine has an IPv6 loopback (`::1`) to listen on. */
export function ipv6Loopback(): Promise<boolean> {
  v6 ??= new Promise((resolve) => {
    const probe = createNetServer()
    probe.once('error', () => resolve(false))
    probe.listen(0, '::1', () => probe.close(() => resolve(true)))
  })
  return v6
}

const OPENSSL = '/usr/bin/openssl'

/** A self-signed certificate for 127.0.0.1, made now with openssl; undefined when openssl is missing. */
export async function selfSignedCert(): Promise<{ key: string; cert: string } | undefined> {
  if (!existsSync(OPENSSL)) return undefined
  const dir = await mkdtemp(join(tmpdir(), 'isosdk-sec-'))
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        OPENSSL,
        ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-days', '2'],
        { timeout: 15_000 },
        (error) => (error ? reject(error) : resolve()),
      )
    })
    return { key: await readFile(join(dir, 'key.pem'), 'utf8'), cert: await readFile(join(dir, 'cert.pem'), 'utf8') }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A `fetch` that trusts `ca` (undici's own fetch on an Agent with that CA), and a way to close its pool. */
export function fetchTrusting(ca: string): { fetch: typeof fetch; close(): Promise<void> } {
  const agent = new Agent({ connect: { ca } })
  const trusted = ((input: RequestInfo | URL, init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher: agent })) as unknown as typeof fetch
  return { fetch: trusted, close: () => agent.close() }
}

/** A JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
}

/** A redirect to `location`. */
export function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, 'content-type': 'text/plain' }).end('moved')
}

/** Never answers (the socket stays open until the server closes). */
export function hang(): void {}

/** Ends the connection without an answer. */
export function drop(res: ServerResponse): void {
  res.socket?.destroy()
}

/** A promise that rejects after `ms`, to bound a call a test awaits. */
export function within<T>(promise: Promise<T>, ms: number, what = 'the call'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms)
  })
  return Promise.race([promise, bound]).finally(() => clearTimeout(timer))
}

/** The settled error of a call (sync throw or rejection); fails the test when it resolved. */
export async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to fail, it succeeded')
}
