/**
 * The Bloomy Python guide's FastAPI integration (`GET /user`, `GET /meetings`, and the
 * `asyncio.gather` of user + meetings + todos) as a Worker-style `fetch` handler: the same code
 * runs on Cloudflare Workers, Deno, Bun or Node. One client per request, closed by `await using`
 * (the `async with AsyncClient(...)` of the guide).
 *
 * Run: `npm run build && npx tsx examples/bloomy.ts` — the bottom of the file serves the
 * Bloom Growth fake on 127.0.0.1 with `serve()`, calls the handler, prints the JSON and exits 0.
 */
import { bloomy, getCurrentUser, listMeetings, listTodos } from 'isosdk/bloomy'
import { AuthenticationError, HttpError, IsoSdkError, ValidationError } from 'isosdk'

/** The Worker's bindings (`wrangler.toml` vars / secrets). */
export interface Env {
  BG_API_KEY: string
  /** Defaults to `https://app.bloomgrowth.com/api/v1`. */
  BG_BASE_URL?: string
}

export const handler = {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url)
    try {
      await using bloom = bloomy({ apiKey: env.BG_API_KEY, baseURL: env.BG_BASE_URL })
      const call = { signal: request.signal }
      switch (pathname) {
        case '/user': {
          const user = await getCurrentUser(bloom, call)
          return Response.json({ name: user.name, id: user.id })
        }
        case '/meetings': {
          const meetings = await listMeetings(bloom, call)
          return Response.json(meetings.map((m) => ({ id: m.id, name: m.name })))
        }
        case '/': {
          // The guide's fetch_all_data(): three calls at once.
          const [user, meetings, todos] = await Promise.all([
            getCurrentUser(bloom, call),
            listMeetings(bloom, call),
            listTodos(bloom, call),
          ])
          return Response.json({ user, meetings, todos: todos.length })
        }
        default:
          return Response.json({ error: `no route for ${pathname}` }, { status: 404 })
      }
    } catch (error) {
      return errorResponse(error)
    }
  },
}

/** Typed errors become honest HTTP answers (the Python SDK raises raw `httpx` errors here). */
function errorResponse(error: unknown): Response {
  if (error instanceof ValidationError) return Response.json({ error: error.message, issues: error.issues }, { status: 400 })
  if (error instanceof AuthenticationError) return Response.json({ error: 'Bloom Growth refused the API key' }, { status: 502 })
  if (error instanceof HttpError) return Response.json({ error: error.message, upstreamStatus: error.status }, { status: 502 })
  if (error instanceof IsoSdkError) return Response.json({ error: error.message }, { status: 504 })
  throw error
}

// ── Run it against the fake (only when this file is the program, so a Worker can import `handler`). ──
const isMain = typeof process !== 'undefined' && /examples[\\/]bloomy\.ts$/.test(process.argv[1] ?? '')
if (isMain) {
  const { bloomyFake, serve } = await import('isosdk/testing')
  const fake = bloomyFake()
  await using server = await serve(fake.handlers)
  const env: Env = { BG_API_KEY: fake.apiKey, BG_BASE_URL: `${server.url}/api/v1` }

  for (const path of ['/user', '/meetings', '/']) {
    const response = await handler.fetch(new Request(`http://worker.local${path}`), env)
    const body: unknown = await response.json()
    console.log(`GET ${path} → ${response.status}\n${JSON.stringify(body, null, 2)}`)
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`)
  }

  // A revoked key is a typed AuthenticationError, answered as 502 — not a crash.
  const refused = await handler.fetch(new Request('http://worker.local/user'), { ...env, BG_API_KEY: 'revoked-key-000' })
  console.log(`GET /user with a revoked key → ${refused.status} ${JSON.stringify(await refused.json())}`)
  if (refused.status !== 502) throw new Error('expected 502 for a refused key')
  console.log(`fake served ${fake.stats.requests} requests`)
}
