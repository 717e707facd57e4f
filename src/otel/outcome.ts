import { SpanStatusCode, type Attributes, type Span } from '@opentelemetry/api'
import type { TelemetryOutcome } from '../core/types.js'

/**
 * `error.type` as the HTTP conventions define it: the status code for an error status, else the
 * error's class name (`TimeoutError`, `NetworkError`); undefined for a success. Never the message:
 * class names and status codes cannot carry a secret.
 *
 * @example
 * errorType({ status: 404 }) // '404'
 * errorType({ error: new TimeoutError('…') }) // 'TimeoutError'
 */
export function errorType(outcome: TelemetryOutcome): string | undefined {
  if (outcome.status !== undefined && outcome.status >= 400) return String(outcome.status)
  const error = outcome.error
  if (!error) return undefined
  const status = (error as { status?: unknown }).status
  if (typeof status === 'number' && status >= 400) return String(status)
  return error.name || '_OTHER'
}

/**
 * Puts an outcome in the metric attributes and on a span (when there is one), and ends the span. A 4xx is an error
 * for a client span (the conventions' rule); no exception event, no status message: the
 * attributes say what failed, and a message could quote a server's body.
 *
 * @example
 * endSpan(span, { status: 200 }, metricAttributes)
 */
export function endSpan(span: Span | undefined, outcome: TelemetryOutcome, metricAttributes: Attributes, status = outcome.status): void {
  if (status !== undefined) metricAttributes['http.response.status_code'] = status
  const type = errorType(outcome)
  if (type !== undefined) metricAttributes['error.type'] = type
  if (!span) return
  if (status !== undefined) span.setAttribute('http.response.status_code', status)
  if (type !== undefined) {
    span.setAttribute('error.type', type)
    span.setStatus({ code: SpanStatusCode.ERROR })
  }
  span.end()
}
