/**
 * A Cloudflare Worker that calls an OAuth2-protected API with isosdk. The token lives in
 * Workers KV (`kvTokenStore(env.TOKENS)`), so every isolate of the Worker — and every other
 * Worker bound to the same namespace — reuses one token instead of asking for its own.
 *
 * Routes:
 * - `GET /me`          → the API's `/api/me`, `{ worker, me }`
 * - `GET /items`       → every item of the paginated `/api/items`, `{ worker, count, pages, ids }`
 * - `GET /items/:id`   → one item; a typed `NotFoundError` becomes a 404 `{ error, status }`
 * - `GET /smoke`       → the shared smoke script (`examples/smoke.ts`) run inside workerd
 *
 * Bindings (wrangler.toml): `API` (API origin), `CLIENT_ID`, `CLIENT_SECRET` (a secret), `WORKER_NAME`, KV `TOKENS`.
 */
import * as core from 'isosdk'
import * as auth from 'isosdk/auth'
import { otel } from 'isosdk/otel'
import * as otelApi from '@opentelemetry/api'
import type { KVNamespaceLike } from 'isosdk/auth'
import { runSmoke } from '../../smoke.js'

export interface Env {
  API: string
  CLIENT_ID: string
  CLIENT_SECRET: string
  WORKER_NAME?: string
  TOKENS: KVNamespaceLike
}

interface Item {
  id: number
  name: string
}

const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** One client per request: cheap, and the token comes from KV, not from this isolate's memory. */
function apiClient(env: Env) {
  return core.createClient({
    baseURL: env.API,
    auth: auth.oauthClientCredentials({
      tokenUrl: '/oauth/token',
      clientId: env.CLIENT_ID,
      clientSecret: env.CLIENT_SECRET,
      store: auth.kvTokenStore(env.TOKENS),
    }),
    timeout: 10_000,
  })
}

async function route(request: Request, env: Env): Promise<Response> {
  const url = new URL(request.url)
  const worker = env.WORKER_NAME ?? 'worker'
  if (url.pathname === '/smoke') {
    return json(await runSmoke({ core, auth, otel: { otel, api: otelApi } }, env.API, { label: 'workerd' }))
  }

  const client = apiClient(env)
  try {
    if (url.pathname === '/me') {
      const me = await client.request<{ id: number; name: string; authorizedBy: string }>({ path: '/api/me', signal: request.signal })
      return json({ worker, me })
    }
    if (url.pathname === '/items') {
      let pages = 0
      const items = await core.paginate<Item, number>(
        async (offset = 0, signal) => {
          const page = await client.request<{ items: Item[]; next?: number }>({ path: '/api/items', query: { offset, limit: 10 }, signal })
          return { items: page.items, next: page.next }
        },
        { signal: request.signal, onProgress: (progress) => void (pages = progress.pages) },
      )
      return json({ worker, count: items.length, pages, ids: items.map((item) => item.id) })
    }
    const match = /^\/items\/(\d+)$/.exec(url.pathname)
    if (match) {
      const item = await client.request<Item>({ path: `/api/items/${match[1]}`, signal: request.signal })
      return json({ worker, item })
    }
    return json({ error: 'no such route' }, 404)
  } catch (error) {
    if (error instanceof core.HttpError) return json({ worker, error: error.name, status: error.status }, error.status)
    throw error
  } finally {
    await client.close()
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    try {
      return await route(request, env)
    } catch (error) {
      return json({ error: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) }, 500)
    }
  },
}
