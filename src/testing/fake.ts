import type { RequestHandler } from 'msw'

/** Counters every fake keeps, read by tests, the soak run and the demo. */
export interface FakeStats {
  /** Requests the fake answered (token/login requests included). */
  requests: number
  /** Token or login exchanges (OAuth token, SOAP/session login, refresh). */
  logins: number
  /** Writes that changed state, keyed by the caller's idempotency key or a content hash, to spot duplicates. */
  writes: number
}

/**
 * A stateful fake of one API: msw handlers plus the state they serve.
 * Handlers match any origin (`'*\/path'`) and build absolute URLs from the request's own origin,
 * so the same fake answers in process (msw `setupServer`) and over `serve()` on 127.0.0.1.
 */
export interface Fake<State> {
  readonly name: string
  readonly handlers: RequestHandler[]
  readonly state: State
  readonly stats: FakeStats
  /** Makes every issued token/session invalid, as an expiry would; the next call must re-authenticate. */
  expireCredentials(): void
}

/**
 * Fresh zeroed counters for a fake of your own, so it reports like the built-in ones.
 *
 * @example
 * const stats = createStats()
 * const handlers = [http.get('*\/items', () => (stats.requests++, HttpResponse.json([])))]
 * const fake: Fake<{}> = { name: 'items', handlers, state: {}, stats, expireCredentials() {} }
 */
export function createStats(): FakeStats {
  return { requests: 0, logins: 0, writes: 0 }
}
