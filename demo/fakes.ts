import { serve, withFaults, type Fake, type ServedFake } from 'isosdk/testing'
import type { RequestHandler } from 'msw'

/**
 * A fake's handlers with a little weather: 2–20 ms of latency and 3 % of GETs answered 503, so
 * the tour shows retries doing their job (writes and token exchanges are left alone: a write that
 * may have been applied is not retried).
 */
export function withWeather(fake: Fake<unknown>, seed: number): RequestHandler[] {
  return withFaults(fake.handlers, { latency: [2, 20], serverErrorRate: 0.03, seed, match: (r) => r.method === 'GET' && !r.url.includes('token') })
}

/** Serves a fake with weather on 127.0.0.1. */
export function serveWithWeather(fake: Fake<unknown>, seed: number): Promise<ServedFake> {
  return serve(withWeather(fake, seed))
}
