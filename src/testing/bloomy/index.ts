import type { RequestHandler } from 'msw'
import { _atBase, _checkOrigin, type Fake, type FakeStats } from '../fake.js'
import { createTraffic, type BloomyFailure, type BloomyLatency, type BloomyTraffic, type Kit } from './kit.js'
import { peopleRoutes } from './routes-people.js'
import { workRoutes } from './routes-work.js'
import { FAKE_BLOOMY_API_KEY, FAKE_BLOOMY_PASSWORD, FAKE_BLOOMY_USERNAME, seedState, type BloomyState } from './state.js'

export type { BloomyFailure, BloomyLatency, BloomyTraffic, BloomyTrafficEntry } from './kit.js'
export {
  FAKE_BLOOMY_API_KEY,
  FAKE_BLOOMY_USERNAME,
  FAKE_BLOOMY_PASSWORD,
  type BloomyState,
  type FakeBloomUser,
  type FakeBloomMeeting,
  type FakeBloomTodo,
  type FakeBloomIssue,
  type FakeBloomGoal,
  type FakeGoalCompletion,
  type FakeBloomHeadline,
  type FakeBloomMeasurable,
  type FakeBloomCredential,
} from './state.js'

export interface BloomyFakeOptions {
  /** The API key the fake accepts (belongs to user 1, Ada Lovelace). Default `FAKE_BLOOMY_API_KEY`. */
  apiKey?: string
  /** Login accepted by `POST /Token`. Default `FAKE_BLOOMY_USERNAME`. */
  username?: string
  /** Default `FAKE_BLOOMY_PASSWORD`. */
  password?: string
  /** ms every API answer is held (abort-aware), to observe concurrency; or a function choosing per request. Default 0. */
  latency?: BloomyLatency
  /** Answers to inject instead of the routes (e.g. a 500 on one path); `fake.failures` can be changed later. */
  failures?: BloomyFailure[]
  /**
   * The only origin the fake answers (e.g. `https://bloom.test`), so it can share one msw server
   * with other fakes. Default: any origin. Either way, paths count from the origin's root:
   * `/api/v1/…` and `/Token`, as on `https://app.bloomgrowth.com`.
   */
  origin?: string
}

/** The Bloom Growth fake: the `Fake` contract plus request traffic and injectable failures. */
export interface BloomyFake extends Fake<BloomyState> {
  /** The key to pass to `bloomy({ apiKey })`. */
  readonly apiKey: string
  readonly traffic: BloomyTraffic
  /** Injected failures, checked before every route (mutable). */
  readonly failures: BloomyFailure[]
  /** ms every answer is held (or a function of `{ method, path }`); changeable between calls. */
  latency: BloomyLatency
}

/**
 * A stateful fake of the Bloom Growth API v1 (`/api/v1/...` and `/Token` under any origin, or only
 * under `options.origin`):
 * users with direct reports and seats, L10 meetings with attendees, issues, todos, goals (rocks),
 * headlines and scorecard measurables; bearer-key check (401 otherwise).
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { bloomyFake } from 'isosdk/testing'
 * import { bloomy, getCurrentUser } from 'isosdk/bloomy'
 *
 * const fake = bloomyFake()
 * const server = setupServer(...fake.handlers)
 * server.listen({ onUnhandledRequest: 'error' })
 * const me = await getCurrentUser(bloomy({ apiKey: fake.apiKey, baseURL: 'https://bloom.test/api/v1' }))
 */
export function bloomyFake(options: BloomyFakeOptions = {}): BloomyFake {
  const apiKey = options.apiKey ?? FAKE_BLOOMY_API_KEY
  const state = seedState({
    apiKey,
    username: options.username ?? FAKE_BLOOMY_USERNAME,
    password: options.password ?? FAKE_BLOOMY_PASSWORD,
  })
  const stats: FakeStats = { requests: 0, logins: 0, writes: 0 }
  const kit: Kit = { state, stats, traffic: createTraffic(), latency: options.latency ?? 0, failures: [...(options.failures ?? [])] }
  const origin = options.origin === undefined ? undefined : _checkOrigin(options.origin, 'bloomyFake: options.origin')
  const routes: RequestHandler[] = [...peopleRoutes(kit), ...workRoutes(kit)]
  // Anchored at the origin's root, as on app.bloomgrowth.com: `/api/v1/…` and `/Token`, under no other prefix.
  const handlers = _atBase(routes, origin, '')
  return {
    name: 'bloomy',
    handlers,
    state,
    stats,
    apiKey,
    traffic: kit.traffic,
    failures: kit.failures,
    get latency() {
      return kit.latency
    },
    set latency(value: BloomyLatency) {
      kit.latency = value
    },
    expireCredentials() {
      state.tokens.clear()
    },
  }
}
