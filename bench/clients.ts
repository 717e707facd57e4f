// The HTTP clients compared by the throughput and latency benchmarks. Each makes one GET of a
// JSON body, sends the same `Authorization` header, and parses the body.
import ky from 'ky'
import { ofetch } from 'ofetch'
import { fetch as undiciFetch, request as undiciRequest } from 'undici'
import { ItemSchema } from './fixtures.js'
import { loadIsosdk } from './load.js'
import { benchTelemetry } from './otel-sdk.js'

export const API_KEY = 'bench-api-key-0123456789'
const AUTH = { authorization: `Bearer ${API_KEY}` }

/** Makes one call of `path` (relative to `origin`); resolves once the body is parsed. */
export type Caller = (path: string) => Promise<unknown>

export interface ClientSpec {
  /** Shown in tables. */
  label: string
  /** A reference point (anchor) rather than isosdk. */
  anchor: boolean
  create(origin: string): Promise<Caller>
}

async function loadTransport() {
  const { undiciTransport } = await loadIsosdk()
  if (!undiciTransport) throw new Error('isosdk/node (undiciTransport) is missing')
  return undiciTransport
}

export const CLIENTS: Record<string, ClientSpec> = {
  fetch: {
    label: 'global fetch + res.json()',
    anchor: true,
    async create(origin) {
      return async (path) => (await fetch(origin + path, { headers: AUTH })).json()
    },
  },
  'fetch-timeout': {
    label: 'global fetch + 30 s timeout signal',
    anchor: true,
    async create(origin) {
      // What any client with timeouts does: an AbortController per request, handed to fetch.
      return async (path) => {
        const controller = new AbortController()
        const timer = setTimeout(() => controller.abort(), 30_000)
        try {
          return await (await fetch(origin + path, { headers: AUTH, signal: controller.signal })).json()
        } finally {
          clearTimeout(timer)
        }
      }
    },
  },
  ofetch: {
    label: 'ofetch',
    anchor: true,
    async create(origin) {
      return (path) => ofetch(origin + path, { headers: AUTH })
    },
  },
  ky: {
    label: 'ky',
    anchor: true,
    async create(origin) {
      const api = ky.create({ prefixUrl: origin, headers: AUTH })
      return (path) => api.get(path.slice(1)).json()
    },
  },
  'undici-fetch': {
    label: '`fetch` from the undici package',
    anchor: true,
    async create(origin) {
      return async (path) => (await undiciFetch(origin + path, { headers: AUTH })).json()
    },
  },
  'undici-request': {
    label: '`undici.request` (floor)',
    anchor: true,
    async create(origin) {
      return async (path) => (await undiciRequest(origin + path, { headers: AUTH })).body.json()
    },
  },
  isosdk: {
    label: 'isosdk `client.request`, no schema',
    anchor: false,
    async create(origin) {
      const { createClient, apiKey } = await loadIsosdk()
      const client = createClient({ baseURL: origin, auth: apiKey({ key: API_KEY }) })
      return (path) => client.request({ path })
    },
  },
  'isosdk-otel': {
    label: 'isosdk `client.request` + `otel()` on a recording SDK',
    anchor: false,
    async create(origin) {
      const { createClient, apiKey } = await loadIsosdk()
      const { telemetry } = await benchTelemetry(true)
      const client = createClient({ baseURL: origin, auth: apiKey({ key: API_KEY }), telemetry })
      return (path) => client.request({ path })
    },
  },
  'isosdk-validate': {
    label: 'isosdk + schema, validate on',
    anchor: false,
    async create(origin) {
      const { createClient, apiKey } = await loadIsosdk()
      const client = createClient({ baseURL: origin, auth: apiKey({ key: API_KEY }) })
      return (path) => client.request({ path, schema: ItemSchema })
    },
  },
  'isosdk-novalidate': {
    label: 'isosdk + schema, validate off',
    anchor: false,
    async create(origin) {
      const { createClient, apiKey } = await loadIsosdk()
      const client = createClient({ baseURL: origin, auth: apiKey({ key: API_KEY }), validate: false })
      return (path) => client.request({ path, schema: ItemSchema })
    },
  },
  'isosdk-undici': {
    label: 'isosdk + schema + `undiciTransport()`',
    anchor: false,
    async create(origin) {
      const { createClient, apiKey } = await loadIsosdk()
      const undiciTransport = await loadTransport()
      const client = createClient({ baseURL: origin, auth: apiKey({ key: API_KEY }), fetch: undiciTransport() })
      return (path) => client.request({ path, schema: ItemSchema })
    },
  },
  'undici-transport': {
    label: '`undiciTransport()` + res.json()',
    anchor: false,
    async create(origin) {
      const undiciTransport = await loadTransport()
      const transport = undiciTransport()
      return async (path) => (await transport(origin + path, { headers: AUTH })).json()
    },
  },
}
