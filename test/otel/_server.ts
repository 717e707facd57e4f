// A loopback HTTP server for the otel tests: each route is one scenario, and every request's
// headers are kept so a test can see what went on the wire (traceparent or not).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Seen {
  path: string
  headers: IncomingHttpHeaders
}

export interface TestServer {
  origin: string
  seen: Seen[]
  close(): Promise<void>
}

const SLOW_MS = 3_000

/** Starts the server on 127.0.0.1 (a free port). */
export async function startServer(): Promise<TestServer> {
  const seen: Seen[] = []
  const hits = new Map<string, number>()
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    seen.push({ path: url.pathname + url.search, headers: req.headers })
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    const hit = (hits.get(url.pathname) ?? 0) + 1
    hits.set(url.pathname, hit)
    if (url.pathname === '/files') return json(200, [{ id: 1, name: 'report' }])
    // 503 twice, then 200 (each path counts on its own).
    if (url.pathname.startsWith('/flaky/')) return hit <= 2 ? json(503, { error: 'busy' }) : json(200, { ok: true })
    // 429 with Retry-After: 0 once, then 200.
    if (url.pathname.startsWith('/limited/')) return hit <= 1 ? json(429, { error: 'slow down' }, { 'retry-after': '0' }) : json(200, { ok: true })
    if (url.pathname === '/missing') return json(404, { error: 'no such thing' })
    if (url.pathname === '/slow') {
      const timer = setTimeout(() => json(200, { late: true }), SLOW_MS)
      res.on('close', () => clearTimeout(timer))
      return
    }
    if (url.pathname === '/items') {
      const page = Number(url.searchParams.get('page') ?? 1)
      return json(200, { items: [page * 10 + 1, page * 10 + 2], next: page < 3 ? page + 1 : undefined })
    }
    if (url.pathname === '/redirect') return json(302, {}, { location: url.searchParams.get('to') ?? '/files' })
    json(404, { error: 'no route' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
