import type { Counter, Histogram, Meter } from '@opentelemetry/api'

/** The metric instruments `otel()` records to, created once per `otel()` value. */
export interface Instruments {
  duration: Histogram
  retries: Counter
  rateLimitWaits: Counter
  tokenExchanges: Counter
}

/** The HTTP semantic conventions' advised buckets for `http.client.request.duration` (seconds). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10]

/**
 * Creates the instruments on `meter`.
 *
 * @example
 * const instruments = createInstruments(metrics.getMeter('isosdk'))
 * instruments.retries.add(1, { 'isosdk.retry.reason': 'ServerError' })
 */
export function createInstruments(meter: Meter): Instruments {
  return {
    duration: meter.createHistogram('http.client.request.duration', {
      unit: 's',
      description: 'Duration of HTTP client requests (one per attempt, token and login exchanges included).',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    retries: meter.createCounter('isosdk.client.retries', { unit: '{retry}', description: 'Requests retried by the client (after an error status, a timeout or a dropped connection).' }),
    rateLimitWaits: meter.createCounter('isosdk.client.rate_limit_waits', { unit: '{wait}', description: 'Times a call waited for the rate limit (its own quota, or a 429 with Retry-After).' }),
    tokenExchanges: meter.createCounter('isosdk.client.token_exchanges', { unit: '{exchange}', description: 'Token, login, refresh, logout and revoke exchanges.' }),
  }
}
