/**
 * A tiny stateful API written with msw, used to exercise `serve()` and the fault wrappers:
 * items with ids, a Location header built from the request's own origin, query filtering,
 * a token that `expireCredentials()` invalidates.
 */
import { http, HttpResponse, type RequestHandler } from 'msw'
import type { Fake, FakeStats } from '../../src/testing/fake.js'

export interface Item {
  id: number
  name: string
  tag?: string
}

export interface ItemsState {
  items: Map<number, Item>
  nextId: number
  token: string
  generation: number
}

export function itemsFake(): Fake<ItemsState> {
  const state: ItemsState = { items: new Map(), nextId: 1, token: 'tok-1', generation: 1 }
  const stats: FakeStats = { requests: 0, logins: 0, writes: 0 }
  const authorized = (request: Request): boolean =>
    request.headers.get('authorization') === `Bearer ${state.token}`

  const handlers: RequestHandler[] = [
    http.post('*/token', () => {
      stats.requests++
      stats.logins++
      return HttpResponse.json({ access_token: state.token, expires_in: 3600 })
    }),
    http.get('*/items', ({ request }) => {
      stats.requests++
      if (!authorized(request)) return HttpResponse.json({ error: 'unauthorized' }, { status: 401 })
      const tag = new URL(request.url).searchParams.get('tag')
      const items = [...state.items.values()].filter((item) => tag === null || item.tag === tag)
      return HttpResponse.json({ items })
    }),
    http.post('*/items', async ({ request }) => {
      stats.requests++
      if (!authorized(request)) return HttpResponse.json({ error: 'unauthorized' }, { status: 401 })
      const input = (await request.json()) as Omit<Item, 'id'>
      const item: Item = { id: state.nextId++, ...input }
      state.items.set(item.id, item)
      stats.writes++
      return HttpResponse.json(item, {
        status: 201,
        headers: { Location: `${new URL(request.url).origin}/items/${item.id}`, 'X-Request-Id': `req-${item.id}` },
      })
    }),
    http.get('*/items/:id', ({ request, params }) => {
      stats.requests++
      if (!authorized(request)) return HttpResponse.json({ error: 'unauthorized' }, { status: 401 })
      const item = state.items.get(Number(params.id))
      return item ? HttpResponse.json(item) : HttpResponse.json({ error: 'not found' }, { status: 404 })
    }),
    http.delete('*/items/:id', ({ request, params }) => {
      stats.requests++
      if (!authorized(request)) return HttpResponse.json({ error: 'unauthorized' }, { status: 401 })
      const existed = state.items.delete(Number(params.id))
      if (existed) stats.writes++
      return new HttpResponse(null, { status: existed ? 204 : 404 })
    }),
  ]

  return {
    name: 'items',
    handlers,
    state,
    stats,
    expireCredentials() {
      state.generation++
      state.token = `tok-${state.generation}`
    },
  }
}
