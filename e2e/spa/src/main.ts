/**
 * A small SPA on isosdk: the core, the `apiKey` strategy, a paginated list, a typed 404 and
 * a cancellable request, against the e2e fake API on another origin (CORS); and, when the build
 * has it, the first service module (`isosdk/wikijs`, loaded on demand).
 * The API origin comes from the query string: `/?api=http://127.0.0.1:PORT`.
 */
import { AbortError, createClient, HttpError, NotFoundError, paginate } from 'isosdk'
import { apiKey } from 'isosdk/auth'
import type { AppWindow } from './globals.js'
import { loadWiki } from './wiki.js'

interface Item {
  id: number
  name: string
}

const api = new URLSearchParams(location.search).get('api') ?? 'http://127.0.0.1:4010'
const $ = (id: string): HTMLElement => {
  const element = document.querySelector<HTMLElement>(`[data-testid="${id}"]`)
  if (!element) throw new Error(`no element ${id}`)
  return element
}
const show = (id: string, text: string) => void ($(id).textContent = text)
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error))

const client = createClient({ baseURL: api, auth: apiKey({ key: 'e2e-api-key' }), retry: false })
const app = { client, NotFoundError, HttpError } as AppWindow['app']
;(window as unknown as AppWindow).app = app
show('api', api)
show('origin', location.origin)

async function loadMe() {
  try {
    const me = await client.request<{ name: string; authorizedBy: string }>({ path: '/api/me' })
    show('me', `${me.name} (${me.authorizedBy})`)
  } catch (error) {
    show('me', describe(error))
  }
}

async function loadItems() {
  const list = $('items')
  let pages = 0
  try {
    const items = paginate<Item, number>(
      async (offset = 0, signal) => {
        const page = await client.request<{ items: Item[]; next?: number }>({ path: '/api/items', query: { offset, limit: 10 }, signal })
        return { items: page.items, next: page.next }
      },
      { onProgress: (progress) => void (pages = progress.pages) },
    )
    let count = 0
    for await (const item of items) {
      const li = document.createElement('li')
      li.textContent = item.name
      list.append(li)
      count++
    }
    show('items-summary', `${count} items in ${pages} pages`)
  } catch (error) {
    show('items-summary', describe(error))
  }
}

async function loadMissing() {
  try {
    await client.request({ path: '/api/items/404' })
    show('not-found', 'unexpectedly found')
  } catch (error) {
    app.lastNotFound = error
    show('not-found', error instanceof NotFoundError ? `NotFoundError ${error.status}` : describe(error))
  }
}

let slow: AbortController | undefined
$('slow-start').addEventListener('click', () => {
  slow?.abort()
  const controller = (slow = new AbortController())
  const started = performance.now()
  show('slow-status', 'waiting…')
  client.request({ path: '/api/slow', signal: controller.signal }).then(
    () => show('slow-status', 'finished (not cancelled)'),
    (error: unknown) => {
      const ms = Math.round(performance.now() - started)
      show('slow-status', error instanceof AbortError ? `AbortError after ${ms} ms` : describe(error))
    },
  )
})
$('slow-cancel').addEventListener('click', () => slow?.abort())

async function loadService() {
  try {
    show('wiki', await loadWiki(api))
  } catch (error) {
    show('wiki', describe(error))
  }
}

async function loadOtel() {
  try {
    const { runOtelCheck } = await import('./otel.js')
    show('otel', await runOtelCheck(api))
  } catch (error) {
    show('otel', describe(error))
  }
}

await Promise.all([loadMe(), loadItems(), loadMissing(), loadService(), loadOtel()])
document.body.dataset.ready = 'true'
