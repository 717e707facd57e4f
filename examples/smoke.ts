/**
 * The one smoke script every runtime runs (Node ESM and CJS, Node 22/24, Bun, Deno, workerd):
 * the packed `isosdk` package against the e2e fake API (`e2e/fixtures/api.ts`) on 127.0.0.1.
 *
 * It takes the package's modules as arguments instead of importing them, so each runtime's
 * entry imports them its own way (`import 'isosdk'`, `require('isosdk')`, `npm:isosdk`) and
 * this file needs no import map. Plain TypeScript with nothing runtime-specific: no Node
 * built-ins, no `process`.
 *
 * @example
 * import * as core from 'isosdk'
 * import * as auth from 'isosdk/auth'
 * import { runSmoke } from '../smoke.ts'
 * const report = await runSmoke({ core, auth }, 'http://127.0.0.1:4010')
 */
import type * as Core from 'isosdk'
import type * as Auth from 'isosdk/auth'
import type * as Otel from 'isosdk/otel'
import type * as OtelApi from '@opentelemetry/api'

/** The package's two default entries, as the runtime's entry imported them. */
export interface SmokeModules {
  core: typeof Core
  auth: typeof Auth
  /** `isosdk/otel` and the `@opentelemetry/api` it runs on (its optional peer), when the runtime's entry has them. */
  otel?: { otel: typeof Otel.otel; api: typeof OtelApi }
}

/** What one smoke run found. */
export interface SmokeReport {
  runtime: string
  version: string
  ok: boolean
  /** Names of the checks that passed, in order. */
  passed: string[]
  /** The first failing check and why (absent when `ok`). */
  failure?: { check: string; message: string }
  ms: number
}

/** Must match `e2e/fixtures/api.ts`. */
const API_KEY = 'e2e-api-key'
const CLIENT_SECRET = 'e2e-client-secret'
const ITEM_COUNT = 25

interface Me {
  id: number
  name: string
  authorizedBy: string
}
interface Item {
  id: number
  name: string
}
interface ItemPage {
  items: Item[]
  next?: number
}

/** Name and version of the JavaScript runtime this runs on, found by feature tests. */
export function describeRuntime(): { runtime: string; version: string } {
  const g = globalThis as {
    Deno?: { version: { deno: string } }
    Bun?: { version: string }
    process?: { versions?: { node?: string } }
    navigator?: { userAgent?: string }
  }
  if (g.Deno) return { runtime: 'deno', version: g.Deno.version.deno }
  if (g.Bun) return { runtime: 'bun', version: g.Bun.version }
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return { runtime: 'workerd', version: 'Cloudflare-Workers' }
  if (g.process?.versions?.node) return { runtime: 'node', version: g.process.versions.node }
  return { runtime: 'unknown', version: g.navigator?.userAgent ?? '?' }
}

class CheckFailed extends Error {}

/** A span as {@link recordingTracer} keeps it. */
interface RecordedSpan {
  name: string
  kind: number
  attributes: Record<string, unknown>
  spanId: string
  parentId?: string
  ended: boolean
}

/**
 * A tracer written against `@opentelemetry/api` alone, so the check needs no SDK in the consumer
 * project: it keeps each span's name, kind, attributes and parent.
 */
function recordingTracer(api: typeof OtelApi): { tracer: OtelApi.Tracer; spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = []
  const hex = (bytes: number) => Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => b.toString(16).padStart(2, '0')).join('')
  const startSpan = (name: string, options: OtelApi.SpanOptions = {}, ctx: OtelApi.Context = api.context.active()): OtelApi.Span => {
    const parent = api.trace.getSpanContext(ctx)
    const record: RecordedSpan = { name, kind: options.kind ?? api.SpanKind.INTERNAL, attributes: { ...options.attributes }, spanId: hex(8), parentId: parent?.spanId, ended: false }
    spans.push(record)
    const spanContext: OtelApi.SpanContext = { traceId: parent?.traceId ?? hex(16), spanId: record.spanId, traceFlags: api.TraceFlags.SAMPLED }
    const span: OtelApi.Span = {
      spanContext: () => spanContext,
      setAttribute: (key, value) => ((record.attributes[key] = value), span),
      setAttributes: (attributes) => (Object.assign(record.attributes, attributes), span),
      addEvent: () => span,
      addLink: () => span,
      addLinks: () => span,
      setStatus: () => span,
      updateName: (newName) => ((record.name = newName), span),
      end: () => void (record.ended = true),
      isRecording: () => !record.ended,
      recordException: () => undefined,
    }
    return span
  }
  const startActiveSpan = (name: string, ...rest: unknown[]) => {
    const fn = rest.at(-1) as (span: OtelApi.Span) => unknown
    const span = startSpan(name)
    return api.context.with(api.trace.setSpan(api.context.active(), span), fn, undefined, span)
  }
  return { tracer: { startSpan, startActiveSpan: startActiveSpan as OtelApi.Tracer['startActiveSpan'] }, spans }
}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message)
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new CheckFailed('expected the call to reject, it resolved')
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}

/**
 * Runs every check in order and stops at the first failure; never throws.
 * `clientId` names this run's OAuth client on the fake (token requests are counted per client).
 */
export async function runSmoke(
  modules: SmokeModules,
  apiURL: string,
  options: {
    clientId?: string
    label?: string
    /** Where the runtime resolved `isosdk` (`import.meta.resolve`…): checked to be an installed package, not the repo's source. */
    resolvedFrom?: string
  } = {},
): Promise<SmokeReport> {
  const { core, auth } = modules
  const { runtime, version } = describeRuntime()
  const started = Date.now()
  const passed: string[] = []
  const clientId = options.clientId ?? `smoke-${runtime}-${Math.random().toString(36).slice(2, 10)}`
  const client = core.createClient({ baseURL: apiURL, auth: auth.apiKey({ key: API_KEY }), retry: false })

  const checks: [string, () => Promise<void>][] = []
  if (options.resolvedFrom !== undefined) {
    const from = options.resolvedFrom
    checks.push(['installed package', async () => {
      // node_modules/isosdk/dist/… (npm, Bun) or …/npm/<registry>/isosdk/<version>/dist/… (Deno's cache).
      expect(/\/node_modules\/isosdk\/dist\/|\/npm\/[^/]+\/isosdk\/[^/]+\/dist\//.test(from), `isosdk resolved to ${from}, not to an installed package`)
    }])
  }
  checks.push(
    ['api key call', async () => {
      const me = await client.request<Me>({ path: '/api/me' })
      expect(me.name === 'Ada Lovelace' && me.authorizedBy === 'api-key', `unexpected /api/me body ${JSON.stringify(me)}`)
    }],

    ['paginated list', async () => {
      let pages = 0
      const list = core.paginate<Item, number>(
        async (offset = 0, signal) => {
          const page = await client.request<ItemPage>({ path: '/api/items', query: { offset, limit: 10 }, signal })
          return { items: page.items, next: page.next }
        },
        { onProgress: (progress) => void (pages = progress.pages) },
      )
      const all = await list
      expect(all.length === ITEM_COUNT && pages === 3, `expected ${ITEM_COUNT} items in 3 pages, got ${all.length} in ${pages}`)
      expect(all.every((item, i) => item.id === i + 1), 'items out of order')
      const streamed: number[] = []
      for await (const item of list) streamed.push(item.id)
      expect(streamed.join() === all.map((item) => item.id).join(), `for await streamed ${streamed.length} items`)
    }],

    ['typed 404', async () => {
      const error = await rejection(client.request({ path: '/api/items/999' }))
      expect(error instanceof core.NotFoundError, `expected NotFoundError, got ${describe(error)}`)
      expect(error instanceof core.HttpError && error.status === 404, 'NotFoundError is not an HttpError with status 404')
      expect(!JSON.stringify({ m: error.message, h: error.headers }).includes(API_KEY), 'the API key leaked into the error')
    }],

    ['abort', async () => {
      const controller = new AbortController()
      const t0 = Date.now()
      const pending = client.request({ path: '/api/slow', signal: controller.signal })
      setTimeout(() => controller.abort(), 50)
      const error = await rejection(pending)
      expect(error instanceof core.AbortError, `expected AbortError, got ${describe(error)}`)
      expect(Date.now() - t0 < 5_000, `abort took ${Date.now() - t0} ms`)
    }],

    ['schema validation', async () => {
      const idIsText: Core.StandardSchemaV1<unknown, Me> = {
        '~standard': {
          version: 1,
          vendor: 'smoke',
          validate: (value) =>
            typeof (value as Me).id === 'string' ? { value: value as Me } : { issues: [{ message: 'expected a string', path: ['id'] }] },
        },
      }
      const error = await rejection(client.request({ path: '/api/me', schema: idIsText }))
      expect(error instanceof core.ValidationError, `expected ValidationError, got ${describe(error)}`)
      expect(error.issues[0]?.path === 'id', `issue path ${JSON.stringify(error.issues)}`)
    }],

    ['mapConcurrent settle', async () => {
      const outcomes = await core.mapConcurrent(
        [1, 2, 3, 998, 4, 5],
        (id, _index, signal) => client.request<Item>({ path: `/api/items/${id}`, signal }),
        { concurrency: 3, settle: true },
      )
      const ok = outcomes.filter((o) => o.status === 'fulfilled').map((o) => (o.status === 'fulfilled' ? o.value.id : 0))
      const failed = outcomes[3]
      expect(ok.join() === '1,2,3,4,5', `fulfilled ids ${ok.join()}`)
      expect(failed?.status === 'rejected' && failed.reason instanceof core.NotFoundError, 'item 998 did not fail with NotFoundError')
    }],

    ['oauth single flight', async () => {
      const oauth = core.createClient({
        baseURL: apiURL,
        auth: auth.oauthClientCredentials({ tokenUrl: '/oauth/token', clientId, clientSecret: CLIENT_SECRET, store: auth.memoryTokenStore() }),
        retry: false,
      })
      const all = await Promise.all(Array.from({ length: 20 }, () => oauth.request<Me>({ path: '/api/me' })))
      expect(all.every((me) => me.authorizedBy === `oauth:${clientId}`), `not authorised by the token: ${JSON.stringify(all[0])}`)
      const stats = await fetch(`${apiURL}/__stats?client=${encodeURIComponent(clientId)}`).then((r) => r.json() as Promise<{ tokenRequests: number }>)
      expect(stats.tokenRequests === 1, `20 concurrent calls made ${stats.tokenRequests} token requests`)
      await oauth.close()
    }],

    ...(modules.otel ? [['otel spans', () => checkOtel(modules, modules.otel!, apiURL)] as [string, () => Promise<void>]] : []),

    ['close', async () => {
      await client.close()
      const error = await rejection(client.request({ path: '/api/me' }))
      expect(error instanceof core.ClientClosedError, `expected ClientClosedError, got ${describe(error)}`)
    }],
  )

  for (const [name, check] of checks) {
    try {
      await check()
      passed.push(name)
    } catch (error) {
      await client.close()
      return { runtime: options.label ?? runtime, version, ok: false, passed, failure: { check: name, message: describe(error) }, ms: Date.now() - started }
    }
  }
  return { runtime: options.label ?? runtime, version, ok: true, passed, ms: Date.now() - started }
}

/**
 * `otel()` on this runtime: a call span and its attempt span, with the HTTP attributes and no key;
 * a 404 as error.type. Throws on the first difference (the SPA runs it on its own too).
 */
export async function checkOtel(
  { core, auth }: { core: Pick<typeof Core, 'createClient'>; auth: Pick<typeof Auth, 'apiKey'> },
  { otel, api }: NonNullable<SmokeModules['otel']>,
  apiURL: string,
): Promise<void> {
  const { tracer, spans } = recordingTracer(api)
  const traced = core.createClient({ baseURL: apiURL, auth: auth.apiKey({ key: API_KEY }), retry: false, telemetry: otel({ tracer }) })
  try {
    await traced.request({ path: '/api/me' })
    const [call, attempt] = spans
    expect(spans.length === 2 && call && attempt, `expected a call span and an attempt span, got ${JSON.stringify(spans)}`)
    expect(call.name === 'GET /api/me' && call.kind === api.SpanKind.CLIENT && call.ended, `call span ${JSON.stringify(call)}`)
    expect(attempt.parentId === call.spanId && attempt.ended, 'the attempt span is not a child of the call span')
    expect(attempt.attributes['http.response.status_code'] === 200 && attempt.attributes['url.full'] === `${apiURL}/api/me`, `attempt attributes ${JSON.stringify(attempt.attributes)}`)
    await rejection(traced.request({ path: '/api/items/999' }))
    expect(spans[2]?.attributes['error.type'] === '404', `404 call span ${JSON.stringify(spans[2])}`)
    expect(!JSON.stringify(spans).includes(API_KEY), 'the API key is in a span')
  } finally {
    await traced.close()
  }
}

/** One line per run: `PASS node 20.20.2 (esm): 8 checks in 120 ms`, or the failing check. */
export function formatReport(report: SmokeReport): string {
  const head = `${report.ok ? 'PASS' : 'FAIL'} ${report.runtime} ${report.version}`
  return report.ok
    ? `${head}: ${report.passed.length} checks (${report.passed.join(', ')}) in ${report.ms} ms`
    : `${head}: "${report.failure?.check}" failed after ${report.passed.length} passed, in ${report.ms} ms: ${report.failure?.message}`
}
