import { serve, withFaults, type Fake, type ServedFake } from 'isosdk/testing'

/**
 * Serves a fake on 127.0.0.1 with a little weather: 2–20 ms of latency and 3 % of GETs answered
 * 503, so the tour shows retries doing their job (writes are left alone: they are not retried).
 */
export function serveWithWeather(fake: Fake<unknown>, seed: number): Promise<ServedFake> {
  return serve(withFaults(fake.handlers, { latency: [2, 20], serverErrorRate: 0.03, seed, match: (r) => r.method === 'GET' && !r.url.includes('token') }))
}
