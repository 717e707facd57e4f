import { serve, withFaults, type Fake, type ServedFake } from 'isosdk/testing'
import type { RequestHandler } from 'msw'

/**
 * A fake's handlers with a little weather: 2–20 ms of latency and 3 % of GETs answered 503, so
 * the tour shows retries doing their job (writes and token exchanges are left alone: a write that
 * may have been applied is not retried). A URL that just got a 503 is answered on its next
 * request: the tour shows one retry succeeding, never a call that chance failed three times in a
 * row (about one run in twenty otherwise, with 3 attempts per call over ~1,200 GETs).
 */
export function withWeather(fake: Fake<unknown>, seed: number): RequestHandler[] {
  const justFailed = new Set<string>()
  return withFaults(fake.handlers, {
    latency: [2, 20],
    serverErrorRate: 0.03,
    seed,
    match: (request) => request.method === 'GET' && !request.url.includes('token') && !justFailed.delete(request.url),
    onFault: (kind, request) => {
      if (kind === 'serverError') justFailed.add(request.url)
    },
  })
}

/** Serves a fake with weather on 127.0.0.1. */
export function serveWithWeather(fake: Fake<unknown>, seed: number): Promise<ServedFake> {
  return serve(withWeather(fake, seed))
}
