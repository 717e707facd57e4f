import { SpanKind, context as contextAPI, metrics, propagation, trace, type Attributes, type Context, type Meter, type Span, type TextMapSetter, type Tracer } from '@opentelemetry/api'
import type { CallTelemetry, Telemetry, TelemetryAttempt, TelemetryOutcome, TelemetryScope } from '../core/types.js'
import { createInstruments, type Instruments } from './instruments.js'
import { endSpan } from './outcome.js'
import { parseTarget, type Target } from './target.js'

/** Options of {@link otel}. */
export interface OtelOptions {
  /** Where spans go. Default: the global tracer provider's `isosdk` tracer, looked up at the first call. */
  tracer?: Tracer
  /** Where metrics go. Default: the global meter provider's `isosdk` meter, looked up at the first call. */
  meter?: Meter
  /**
   * Adds the global propagator's headers (`traceparent`, W3C Trace Context) to each attempt, only
   * when it goes to the client's own or trusted origins: never to another origin, a token
   * endpoint elsewhere or a redirect target outside them. Default `false`.
   */
  propagate?: boolean
}

const SCOPE = 'isosdk'

/** Puts propagation fields on the attempt's `Headers` (the API's default setter writes plain objects). */
const headerSetter: TextMapSetter<Headers> = {
  set: (headers, key, value) => headers.set(key, value),
}

/**
 * OpenTelemetry traces and metrics for every call of a client, on `@opentelemetry/api` alone
 * (bring your own SDK and exporter): a CLIENT span per logical call (`GET /files`) under the
 * caller's active span, a child span per attempt with the HTTP client conventions' attributes,
 * events for retries and rate-limit waits, a span per token or login exchange, and the
 * `http.client.request.duration` histogram with retry, rate-limit-wait and token-exchange
 * counters. URLs are the core's redacted ones; no header, body or error message is recorded.
 *
 * @example
 * import { createClient } from 'isosdk'
 * import { otel } from 'isosdk/otel'
 * import { workiva } from 'isosdk/workiva'
 *
 * const client = createClient({ baseURL: 'https://api.example.com', telemetry: otel() })
 * const wdesk = workiva({ clientId, clientSecret, telemetry: otel({ propagate: true }) })
 */
export function otel(options: OtelOptions = {}): Telemetry {
  let tracer: Tracer | undefined
  let instruments: Instruments | undefined
  const propagate = options.propagate === true
  return {
    call(info) {
      // Looked up at the first call, not here: a meter provider registered after `otel()` still counts.
      tracer ??= options.tracer ?? trace.getTracer(SCOPE)
      instruments ??= createInstruments(options.meter ?? metrics.getMeter(SCOPE))
      return observeCall(tracer, instruments, propagate, info)
    },
  }
}

function observeCall(
  tracer: Tracer,
  instruments: Instruments,
  propagate: boolean,
  info: { method: string; url: string; service?: string; operation?: string; template?: string },
): CallTelemetry {
  const parent = contextAPI.active()
  const target = parseTarget(info.url)
  const { service, operation, template } = info
  // `{method} {url.template}` when the module knows the template: span names that do not grow with every id.
  const spanName = (method: string, at: Target) => `${method} ${at === target && template ? template : at.path}`
  /**
   * The attributes every span and metric point of the call shares, for the method and server a
   * request really used (a redirect or an instance URL may move it); `url.full` only on spans
   * (metrics never get it: unbounded). A fresh literal each time: the SDK keeps the object of a
   * point, and `timed` adds the outcome to it. (Literals, not spreads of a shared object: on Node 20
   * a spread copy costs ~1 µs, three per call.)
   */
  const attributesOf = (method: string, at: Target, url?: string): Attributes => {
    const attributes: Attributes = { 'http.request.method': method, 'server.address': at.address, 'server.port': at.port }
    if (service) attributes['isosdk.service'] = service
    if (operation) attributes['isosdk.operation'] = operation
    if (url !== undefined) attributes['url.full'] = url
    return attributes
  }
  const callAttributes = attributesOf(info.method, target, target.full)
  if (template) callAttributes['url.template'] = template
  const span = tracer.startSpan(spanName(info.method, target), { kind: SpanKind.CLIENT, attributes: callAttributes }, parent)
  // The context attempts and exchanges start in; made once, and only when something needs it.
  let context: Context | undefined
  const inCall = () => (context ??= trace.setSpan(parent, span))
  let lastStatus: number | undefined

  // Sampled out, or no SDK: the attempts need no spans of their own (the call's context still propagates).
  const recording = span.isRecording()

  return {
    attempt(attempt: TelemetryAttempt): TelemetryScope {
      const at = attempt.url === info.url ? target : parseTarget(attempt.url)
      let child = span
      if (recording) {
        const spanAttributes = attributesOf(attempt.method, at, at.full)
        if (attempt.attempt > 0) spanAttributes['http.request.resend_count'] = attempt.attempt
        if (at === target && template) spanAttributes['url.template'] = template
        child = tracer.startSpan(spanName(attempt.method, at), { kind: SpanKind.CLIENT, attributes: spanAttributes }, inCall())
      }
      if (propagate && attempt.trusted) propagation.inject(recording ? trace.setSpan(inCall(), child) : inCall(), attempt.headers, headerSetter)
      return timed(recording ? child : undefined, attributesOf(attempt.method, at), instruments, (outcome) => {
        if (outcome.status !== undefined) lastStatus = outcome.status
      })
    },
    event(name, attributes) {
      if (name === 'retry') {
        const reason = String(attributes.reason ?? '_OTHER')
        const event: Attributes = { 'isosdk.retry.delay_ms': Number(attributes.delayMs ?? 0), 'isosdk.retry.reason': reason }
        if (typeof attributes.status === 'number') event['http.response.status_code'] = attributes.status
        span.addEvent('isosdk.retry', event)
        const point = attributesOf(info.method, target)
        point['isosdk.retry.reason'] = reason
        instruments.retries.add(1, point)
      } else if (name === 'rate-limit-wait') {
        span.addEvent('isosdk.rate_limit_wait', { 'isosdk.rate_limit.wait_ms': Number(attributes.waitMs ?? 0) })
        instruments.rateLimitWaits.add(1, attributesOf(info.method, target))
      }
    },
    exchange(exchange) {
      // Not from the request path: redacted again here rather than trusted.
      const at = parseTarget(exchange.url, true)
      const kind = (attributes: Attributes) => {
        attributes['isosdk.exchange.kind'] = exchange.kind
        return attributes
      }
      const child = recording ? tracer.startSpan(`${exchange.method} ${at.path}`, { kind: SpanKind.CLIENT, attributes: kind(attributesOf(exchange.method, at, at.full)) }, inCall()) : undefined
      instruments.tokenExchanges.add(1, kind(attributesOf(exchange.method, at)))
      return timed(child, kind(attributesOf(exchange.method, at)), instruments)
    },
    end(outcome) {
      endSpan(span, outcome, {}, lastStatus)
    },
  }
}

/** A scope that ends `span` (if any) and records its duration in `http.client.request.duration` (`attributes` is the point's own copy). */
function timed(span: Span | undefined, attributes: Attributes, instruments: Instruments, onEnd?: (outcome: TelemetryOutcome) => void): TelemetryScope {
  const started = performance.now()
  return {
    end(outcome) {
      onEnd?.(outcome)
      endSpan(span, outcome, attributes)
      instruments.duration.record((performance.now() - started) / 1000, attributes)
    },
  }
}
