/**
 * A small fake for the hygiene tests: endpoints that hang until the client goes away (without a
 * timer of their own, so any timer left is the client's), fail once, page for ever, never finish,
 * rate-limit, and count every request by path.
 */
import { http, HttpResponse, type RequestHandler } from 'msw'

export interface HygieneFake {
  handlers: RequestHandler[]
  /** Requests seen, by `METHOD /path` (no query). */
  hits: Map<string, number>
  /** Requests to a hanging endpoint that the client aborted (their connection closed), by path. */
  abandoned: Map<string, number>
  count(key: string): number
}

/** Resolves when the request's connection goes away; no timer involved. */
function untilAborted(request: Request): Promise<void> {
  return new Promise((resolve) => {
    if (request.signal.aborted) return resolve()
    request.signal.addEventListener('abort', () => resolve(), { once: true })
  })
}

export function hygieneFake(): HygieneFake {
  const hits = new Map<string, number>()
  const abandoned = new Map<string, number>()
  const failedOnce = new Set<string>()
  const hang = async (request: Request) => {
    await untilAborted(request)
    const path = new URL(request.url).pathname
    abandoned.set(path, (abandoned.get(path) ?? 0) + 1)
    return HttpResponse.error()
  }
  const handlers: RequestHandler[] = [
    // Counts every request, then falls through to the handlers below.
    http.all('*', ({ request }) => {
      const key = `${request.method} ${new URL(request.url).pathname}`
      hits.set(key, (hits.get(key) ?? 0) + 1)
    }),
    http.get('*/slow', ({ request }) => hang(request)),
    http.post('*/token', ({ request }) => hang(request)),
    http.post('*/login', ({ request }) => hang(request)),
    http.post('*/logout', ({ request }) => hang(request)),
    http.get('*/flaky/:id', ({ params }) => {
      const id = String(params.id)
      if (failedOnce.has(id)) return HttpResponse.json({ id })
      failedOnce.add(id)
      return HttpResponse.json({ error: 'try again' }, { status: 503 })
    }),
    // Pages for ever: cursor n → items [2n, 2n + 1], next n + 1. `/pages/hang` hangs from page 1 on.
    http.get('*/pages/:mode', ({ request, params }) => {
      const n = Number(new URL(request.url).searchParams.get('cursor') ?? 0)
      if (params.mode === 'hang' && n >= 1) return hang(request)
      return HttpResponse.json({ items: [2 * n, 2 * n + 1], next: n + 1 })
    }),
    http.get('*/job', () => HttpResponse.json({ status: 'running' })),
    http.get('*/limited', () => HttpResponse.json({ error: 'slow down' }, { status: 429, headers: { 'Retry-After': '20' } })),
    http.get('*/ok/:n', ({ params }) => HttpResponse.json({ n: Number(params.n) })),
    http.get('*/missing/:n', () => HttpResponse.json({ error: 'no such thing' }, { status: 404 })),
  ]
  return { handlers, hits, abandoned, count: (key) => hits.get(key) ?? 0 }
}
