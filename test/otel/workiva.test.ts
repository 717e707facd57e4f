// isosdk/otel on a service preset, in process against the Workiva fake (msw): a long-running
// operation (start, poll, result) is a set of call spans under the caller's span, each named and
// attributed with the service; the bearer token and the client secret are nowhere in them.
// (msw intercepts 127.0.0.1 while it listens: the loopback-server tests are in another file.)
import { SpanKind } from '@opentelemetry/api'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { workivaFake } from '../../src/testing/workiva/index.js'
import { copyFile, getCopyFileResults, wait } from '../../src/workiva/index.js'
import { CLIENT, fakeClient, recordingServer } from '../workiva/helpers.js'
import { childrenOf, createRecorder, everyRecordedText } from './_setup.js'

const fake = workivaFake({ retryAfter: 0 })
const { server, seen } = recordingServer(fake.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

it('a Workiva long-running operation: the copy (with its token exchange), each poll and the results are call spans under the caller\'s span', async () => {
  const recorder = createRecorder()
  const client = fakeClient({ telemetry: recorder.telemetry({ propagate: true }) })
  const results = await recorder.tracer.startActiveSpan('copy the report', async (job) => {
    try {
      const accepted = await copyFile(client, { fileId: 'file-001', body: { destinationContainer: 'folder-1' } })
      await wait(client, accepted, { minInterval: 5, interval: 5 }).result()
      return await getCopyFileResults(client, { operationId: accepted.operationId })
    } finally {
      job.end()
    }
  })
  await client.close()
  expect(results).toHaveLength(1)

  const spans = recorder.spans()
  const job = spans.find((s) => s.name === 'copy the report')!
  const calls = childrenOf(spans, job)
  const polls = calls.filter((c) => /^GET \/operations\/op-\d+$/.test(c.name))
  // Generated functions name their calls by the operation's path template (one span name however
  // many files), with the function's name; the poll URLs are the server's links, named by path.
  expect(calls[0]!.name).toBe('POST /files/{fileId}/copy')
  expect(calls[0]!.attributes).toMatchObject({ 'isosdk.operation': 'copyFile', 'url.template': '/files/{fileId}/copy', 'url.full': 'https://workiva.test/files/file-001/copy' })
  expect(childrenOf(spans, calls[0]!).find((s) => s.attributes['isosdk.exchange.kind'] === undefined)?.attributes['url.template']).toBe('/files/{fileId}/copy')
  expect(polls.length).toBeGreaterThanOrEqual(2) // queued → started → completed
  expect(calls.at(-1)!.name).toBe('GET /operations/{operationId}/copyFileResults')
  expect(calls.at(-1)!.attributes['isosdk.operation']).toBe('getCopyFileResults')
  expect(calls).toHaveLength(2 + polls.length)
  for (const call of calls) {
    expect(call.kind).toBe(SpanKind.CLIENT)
    expect(call.attributes).toMatchObject({ 'isosdk.service': 'workiva', 'server.address': 'workiva.test', 'server.port': 443 })
    expect(childrenOf(spans, call).length).toBeGreaterThanOrEqual(1)
  }
  expect(calls[0]!.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.response.status_code': 202 })

  // The client-credentials token request is an exchange span under the first call, beside its attempt.
  const exchanges = spans.filter((s) => s.attributes['isosdk.exchange.kind'] !== undefined)
  expect(exchanges.map((s) => [s.name, s.parentSpanContext?.spanId, s.attributes['http.response.status_code']])).toEqual([
    ['POST /oauth2/token', calls[0]!.spanContext().spanId, 200],
  ])
  expect(childrenOf(spans, calls[0]!).map((s) => s.name)).toEqual(['POST /oauth2/token', 'POST /files/{fileId}/copy'])
  const counted = (await recorder.metrics()).get('isosdk.client.token_exchanges')!
  expect(counted.map((p) => [p.attributes['server.address'], p.value])).toEqual([['workiva.test', 1]])

  // Every API request carried the caller's trace (the token request is an exchange, not an attempt).
  const apiRequests = seen.filter((s) => !s.url.includes('/oauth2/token'))
  expect(apiRequests.length).toBe(calls.length)
  for (const request of apiRequests) expect(request.headers.get('traceparent')).toMatch(new RegExp(`^00-${job.spanContext().traceId}-`))

  const token = [...fake.state.tokens.keys()][0]!
  expect(token).toMatch(/^wk-token-/)
  const leaks = everyRecordedText(spans).filter(({ text }) => text.includes(token) || text.includes(CLIENT.clientSecret))
  expect(leaks).toEqual([])
})
