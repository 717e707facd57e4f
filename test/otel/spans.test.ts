// isosdk/otel against a loopback server: the spans, events and metrics of each kind of call,
// what goes on the wire (traceparent only to trusted origins), and that no credential is recorded.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api'
import { AlwaysOffSampler, type ReadableSpan } from '@opentelemetry/sdk-trace-base'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiKey } from '../../src/auth/index.js'
import { createClient, NotFoundError, paginate, TimeoutError, type ClientOptions } from '../../src/index.js'
import { childrenOf, createRecorder, everyRecordedText } from './_setup.js'
import { startServer, type TestServer } from './_server.js'

const KEY = 'sk_live_otel-key-4242'
let api: TestServer
let other: TestServer

beforeAll(async () => {
  ;[api, other] = await Promise.all([startServer(), startServer()])
})
afterAll(async () => {
  await Promise.all([api.close(), other.close()])
})

function setup(options: Partial<ClientOptions> & { propagate?: boolean } = {}) {
  const recorder = createRecorder()
  const { propagate, ...rest } = options
  const client = createClient({ baseURL: api.origin, auth: apiKey({ key: KEY }), retry: false, telemetry: recorder.telemetry({ propagate }), ...rest })
  return { recorder, client }
}

/** The spans called `name`. */
function byName(spans: ReadableSpan[], name: string): ReadableSpan[] {
  return spans.filter((s) => s.name === name)
}

const port = () => Number(new URL(api.origin).port)

describe('a call that succeeds', () => {
  it('is one CLIENT span under the caller, with one attempt span and the HTTP attributes', async () => {
    const { recorder, client } = setup({ service: 'files-api' })
    const body = await recorder.tracer.startActiveSpan('job', async (job) => {
      try {
        return await client.request({ path: '/files', operation: 'getFiles' })
      } finally {
        job.end()
      }
    })
    expect(body).toEqual([{ id: 1, name: 'report' }])
    const spans = recorder.spans()
    const [job] = byName(spans, 'job')
    const [call] = childrenOf(spans, job!)
    expect(call).toMatchObject({ name: 'GET /files', kind: SpanKind.CLIENT, status: { code: SpanStatusCode.UNSET } })
    expect(call!.spanContext().traceId).toBe(job!.spanContext().traceId)
    const shared = { 'http.request.method': 'GET', 'server.address': '127.0.0.1', 'server.port': port(), 'isosdk.service': 'files-api', 'isosdk.operation': 'getFiles' }
    expect(call!.attributes).toEqual({ ...shared, 'url.full': `${api.origin}/files`, 'http.response.status_code': 200 })
    const attempts = childrenOf(spans, call!)
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({ name: 'GET /files', kind: SpanKind.CLIENT })
    expect(attempts[0]!.attributes).toEqual({ ...shared, 'url.full': `${api.origin}/files`, 'http.response.status_code': 200 })
    expect(spans).toHaveLength(3)

    const metrics = await recorder.metrics()
    const [duration] = metrics.get('http.client.request.duration') ?? []
    expect(metrics.get('http.client.request.duration')).toHaveLength(1)
    expect(duration!.attributes).toEqual({ ...shared, 'http.response.status_code': 200 })
    expect(duration!.value).toMatchObject({ count: 1 })
    const { sum } = duration!.value as { sum: number }
    expect(sum).toBeGreaterThan(0)
    expect(sum).toBeLessThan(5) // seconds, not milliseconds
  })

  it('is a root span when the caller has none', async () => {
    const { recorder, client } = setup()
    await client.request({ path: '/files' })
    const [call, attempt] = [...recorder.spans()].reverse()
    expect(call!.parentSpanContext).toBeUndefined()
    expect(attempt!.parentSpanContext?.spanId).toBe(call!.spanContext().spanId)
    expect(call!.attributes['isosdk.service']).toBeUndefined()
  })
})

describe('a call retried twice, then answered', () => {
  it('has three attempt spans (resend_count 1 and 2) and two retry events', async () => {
    const { recorder, client } = setup({ retry: { limit: 2, baseDelay: 1, maxDelay: 5 } })
    expect(await client.request({ path: '/flaky/a' })).toEqual({ ok: true })
    const spans = recorder.spans()
    const [call] = spans.filter((s) => !s.parentSpanContext)
    const attempts = childrenOf(spans, call!)
    expect(attempts.map((a) => a.attributes['http.response.status_code'])).toEqual([503, 503, 200])
    expect(attempts.map((a) => a.attributes['http.request.resend_count'])).toEqual([undefined, 1, 2])
    expect(attempts.map((a) => a.attributes['error.type'])).toEqual(['503', '503', undefined])
    expect(attempts.map((a) => a.status.code)).toEqual([SpanStatusCode.ERROR, SpanStatusCode.ERROR, SpanStatusCode.UNSET])
    expect(call!.status.code).toBe(SpanStatusCode.UNSET)
    expect(call!.attributes['http.response.status_code']).toBe(200)
    expect(call!.attributes['error.type']).toBeUndefined()
    expect(call!.events.map((e) => [e.name, e.attributes])).toEqual([
      ['isosdk.retry', { 'isosdk.retry.delay_ms': expect.any(Number), 'isosdk.retry.reason': 'ServerError', 'http.response.status_code': 503 }],
      ['isosdk.retry', { 'isosdk.retry.delay_ms': expect.any(Number), 'isosdk.retry.reason': 'ServerError', 'http.response.status_code': 503 }],
    ])

    const metrics = await recorder.metrics()
    const durations = metrics.get('http.client.request.duration')!
    expect(durations.map((p) => [p.attributes['http.response.status_code'], (p.value as { count: number }).count]).sort()).toEqual([
      [200, 1],
      [503, 2],
    ])
    expect(metrics.get('isosdk.client.retries')!.map((p) => [p.attributes['isosdk.retry.reason'], p.value])).toEqual([['ServerError', 2]])
  })

  it('a 429 with Retry-After records a rate-limit wait, as an event and a count', async () => {
    const { recorder, client } = setup({ retry: { limit: 2, baseDelay: 1, maxDelay: 5 } })
    await client.request({ path: '/limited/a' })
    const [call] = recorder.spans().filter((s) => !s.parentSpanContext)
    expect(call!.events.map((e) => [e.name, e.attributes])).toEqual([
      ['isosdk.rate_limit_wait', { 'isosdk.rate_limit.wait_ms': 0 }],
      ['isosdk.retry', { 'isosdk.retry.delay_ms': 0, 'isosdk.retry.reason': 'RateLimitError', 'http.response.status_code': 429 }],
    ])
    const metrics = await recorder.metrics()
    expect(metrics.get('isosdk.client.rate_limit_waits')!.map((p) => p.value)).toEqual([1])
  })
})

describe('calls that fail', () => {
  it('a 404: error.type "404" and an error status on the call and its attempt', async () => {
    const { recorder, client } = setup()
    await expect(client.request({ path: '/missing' })).rejects.toBeInstanceOf(NotFoundError)
    const spans = recorder.spans()
    expect(spans).toHaveLength(2)
    for (const span of spans) {
      expect(span.name).toBe('GET /missing')
      expect(span.status.code).toBe(SpanStatusCode.ERROR)
      expect(span.attributes).toMatchObject({ 'http.response.status_code': 404, 'error.type': '404' })
    }
    const [duration] = (await recorder.metrics()).get('http.client.request.duration')!
    expect(duration!.attributes).toMatchObject({ 'http.response.status_code': 404, 'error.type': '404' })
  })

  it('a timeout: error.type "TimeoutError", no status code', async () => {
    const { recorder, client } = setup({ timeout: 100 })
    await expect(client.request({ path: '/slow' })).rejects.toBeInstanceOf(TimeoutError)
    const spans = recorder.spans()
    expect(spans).toHaveLength(2)
    for (const span of spans) {
      expect(span.status.code).toBe(SpanStatusCode.ERROR)
      expect(span.attributes['error.type']).toBe('TimeoutError')
      expect(span.attributes['http.response.status_code']).toBeUndefined()
    }
    const [duration] = (await recorder.metrics()).get('http.client.request.duration')!
    expect(duration!.attributes['error.type']).toBe('TimeoutError')
    expect((duration!.value as { sum: number }).sum).toBeGreaterThanOrEqual(0.09)
  })
})

describe('a paginated list', () => {
  it('is one call span per page request, all under the caller\'s span', async () => {
    const { recorder, client } = setup()
    const items = await recorder.tracer.startActiveSpan('list everything', async (job) => {
      try {
        return await paginate<number, number>(async (page = 1, signal) => {
          const body = await client.request<{ items: number[]; next?: number }>({ path: '/items', query: { page }, signal })
          return { items: body.items, next: body.next }
        })
      } finally {
        job.end()
      }
    })
    expect(items).toEqual([11, 12, 21, 22, 31, 32])
    const spans = recorder.spans()
    const [job] = byName(spans, 'list everything')
    const calls = childrenOf(spans, job!)
    expect(calls.map((c) => [c.name, c.attributes['url.full']])).toEqual([1, 2, 3].map((page) => ['GET /items', `${api.origin}/items?page=${page}`]))
    for (const call of calls) expect(childrenOf(spans, call)).toHaveLength(1)
    expect(spans).toHaveLength(1 + 3 * 2)
  })
})

describe('propagation', () => {
  const traceparent = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/

  it('sends traceparent from the attempt span to the client\'s origin when propagate is on', async () => {
    const { recorder, client } = setup({ propagate: true })
    const before = api.seen.length
    await client.request({ path: '/files' })
    const sent = api.seen.slice(before)[0]!.headers.traceparent
    const [attempt, call] = recorder.spans()
    expect(sent).toMatch(traceparent)
    const [, traceId, parentId] = traceparent.exec(String(sent))!
    expect(traceId).toBe(call!.spanContext().traceId)
    expect(parentId).toBe(attempt!.spanContext().spanId)
  })

  it('sends nothing to an origin outside the trusted ones, or when propagate is off', async () => {
    // No credentials, so the core lets the call go to another origin at all.
    const recorder = createRecorder()
    const client = createClient({ baseURL: api.origin, retry: false, telemetry: recorder.telemetry({ propagate: true }) })
    const start = { api: api.seen.length, other: other.seen.length }
    await client.request({ path: `${other.origin}/files` })
    await client.request({ path: '/files' })
    await setup({ propagate: false }).client.request({ path: '/files' })
    expect(other.seen.slice(start.other).map((s) => s.headers.traceparent)).toEqual([undefined])
    expect(api.seen.slice(start.api).map((s) => s.headers.traceparent)).toEqual([expect.stringMatching(traceparent), undefined])
    const [toOther] = recorder.spans()
    expect(toOther!.attributes).toMatchObject({ 'server.port': Number(new URL(other.origin).port), 'http.response.status_code': 200 })
  })

  it('a redirect the client follows itself is an attempt of its own, propagated from its own span to a trusted origin', async () => {
    const { recorder, client } = setup({ propagate: true, trustedOrigins: [other.origin] })
    const start = { api: api.seen.length, other: other.seen.length }
    await client.request({ path: '/redirect', query: { to: `${other.origin}/files` } })
    const [first] = api.seen.slice(start.api)
    const [second] = other.seen.slice(start.other)
    const spans = recorder.spans()
    const call = spans.find((s) => !s.parentSpanContext)!
    const attempts = childrenOf(spans, call)
    expect(attempts.map((a) => [a.attributes['server.port'], a.attributes['http.response.status_code']])).toEqual([
      [port(), 302],
      [Number(new URL(other.origin).port), 200],
    ])
    expect(traceparent.exec(String(first!.headers.traceparent))?.[2]).toBe(attempts[0]!.spanContext().spanId)
    expect(traceparent.exec(String(second!.headers.traceparent))?.[2]).toBe(attempts[1]!.spanContext().spanId)
  })

  // Without credentials the core lets fetch follow redirects itself (`redirect: 'follow'`), and fetch
  // keeps every header but Authorization across origins: a traceparent put on the first request would
  // reach a redirect target outside the trusted origins. Needs the core to follow by hand when telemetry is on.
  it.todo('a client without credentials: no traceparent to a redirect target outside the trusted origins')
})

describe('secrets', () => {
  it('no key appears in any span name, attribute or event, or metric attribute', async () => {
    const recorder = createRecorder()
    const telemetry = recorder.telemetry({ propagate: true })
    const header = createClient({ baseURL: api.origin, auth: apiKey({ key: KEY }), telemetry, retry: { limit: 2, baseDelay: 1, maxDelay: 5 } })
    const query = createClient({ baseURL: api.origin, auth: apiKey({ key: `${KEY}-q`, query: 'api_key' }), telemetry, retry: false, timeout: 100 })
    await header.request({ path: '/files', query: { access_token: 'tok-in-query-98765' } })
    await header.request({ path: '/flaky/secret' })
    await query.request({ path: '/files' })
    await expect(query.request({ path: '/missing' })).rejects.toBeInstanceOf(NotFoundError)
    await expect(query.request({ path: '/slow', query: { password: 'hunter2-pass' } })).rejects.toBeInstanceOf(TimeoutError)
    // Only the redacted form went to telemetry, though the key really was on the wire.
    expect(api.seen.some((s) => s.path.includes(`api_key=${KEY}-q`))).toBe(true)

    // An exchange reported by the core (its URL not trusted to be clean).
    const call = telemetry.call({ method: 'GET', url: `${api.origin}/files` })!
    call.exchange!({ kind: 'token', method: 'POST', url: `https://login.example.com/oauth2/token?client_secret=cs-0123456789&x=1` })!.end({ status: 200 })
    call.end({})

    const texts = everyRecordedText(recorder.spans())
    expect(texts.length).toBeGreaterThan(50)
    const leaks = texts.filter(({ text }) => [KEY, 'tok-in-query-98765', 'hunter2-pass', 'cs-0123456789'].some((secret) => text.includes(secret)))
    expect(leaks).toEqual([])
    const urls = texts.filter((t) => t.where.endsWith('url.full')).map((t) => t.text)
    expect(urls).toEqual(expect.arrayContaining([`${api.origin}/files?api_key=[redacted]`, `${api.origin}/files?access_token=[redacted]`, 'https://login.example.com/oauth2/token?client_secret=[redacted]&x=1']))
    for (const [, points] of await recorder.metrics()) {
      for (const point of points) expect(JSON.stringify(point.attributes)).not.toMatch(/sk_live|tok-in|hunter2|cs-0123|url\.full/)
    }
  })
})

describe('exchanges', () => {
  it('a token exchange is a CLIENT span under the call, counted by kind, never with a body', async () => {
    const recorder = createRecorder()
    const telemetry = recorder.telemetry()
    const call = telemetry.call({ method: 'GET', url: 'https://api.example.com/v1/files', service: 'workiva' })!
    const exchange = call.exchange!({ kind: 'token', method: 'POST', url: 'https://login.example.com/oauth2/token' })!
    exchange.end({ status: 200 })
    const refused = call.exchange!({ kind: 'refresh', method: 'POST', url: 'https://login.example.com/oauth2/token' })!
    refused.end({ status: 400 })
    call.end({ error: new TypeError('refused') })
    const [token, refresh, parent] = recorder.spans()
    for (const span of [token, refresh]) {
      expect(span!.parentSpanContext?.spanId).toBe(parent!.spanContext().spanId)
      expect(span).toMatchObject({ name: 'POST /oauth2/token', kind: SpanKind.CLIENT })
    }
    expect(token!.attributes).toEqual({
      'http.request.method': 'POST',
      'url.full': 'https://login.example.com/oauth2/token',
      'server.address': 'login.example.com',
      'server.port': 443,
      'isosdk.service': 'workiva',
      'isosdk.exchange.kind': 'token',
      'http.response.status_code': 200,
    })
    expect(refresh!.attributes).toMatchObject({ 'isosdk.exchange.kind': 'refresh', 'error.type': '400' })
    expect(parent!.attributes['error.type']).toBe('TypeError')
    const counts = (await recorder.metrics()).get('isosdk.client.token_exchanges')!
    expect(counts.map((p) => [p.attributes['isosdk.exchange.kind'], p.value]).sort()).toEqual([
      ['refresh', 1],
      ['token', 1],
    ])
  })
})

describe('a trace sampled out', () => {
  it('records no span, still counts the metrics, and propagates the unsampled context', async () => {
    const recorder = createRecorder({ sampler: new AlwaysOffSampler() })
    const client = createClient({ baseURL: api.origin, telemetry: recorder.telemetry({ propagate: true }), retry: { limit: 2, baseDelay: 1, maxDelay: 5 } })
    const before = api.seen.length
    await client.request({ path: '/flaky/sampled-out' })
    expect(recorder.spans()).toEqual([])
    const sent = api.seen.slice(before).map((s) => String(s.headers.traceparent))
    expect(sent).toHaveLength(3)
    for (const header of sent) expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/)
    expect(new Set(sent).size).toBe(1) // the call's context: no attempt spans
    const metrics = await recorder.metrics()
    expect(metrics.get('http.client.request.duration')!.map((p) => (p.value as { count: number }).count).reduce((a, b) => a + b)).toBe(3)
    expect(metrics.get('isosdk.client.retries')!.map((p) => p.value)).toEqual([2])
  })
})

describe('without an SDK', () => {
  it('otel() with no tracer or meter uses the global API (no-ops until a provider is registered) and the call still works', async () => {
    const { otel } = await import('../../src/otel/index.js')
    const client = createClient({ baseURL: api.origin, telemetry: otel({ propagate: true }), retry: false })
    const before = api.seen.length
    expect(await client.request({ path: '/files' })).toEqual([{ id: 1, name: 'report' }])
    // A non-recording span has an invalid context: the propagator sends nothing.
    expect(api.seen[before]!.headers.traceparent).toBeUndefined()
  })
})
