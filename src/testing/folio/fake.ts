import { _atBase, _checkOrigin, createStats, type Fake } from '../fake.js'
import { authHandlers, tokenIssuer } from './auth.js'
import { RECORD_TYPES } from './record-types.js'
import { okapiHandlers } from './okapi.js'
import { collectionHandlers, type FolioFaults } from './records.js'
import { seedTenant, uuid, type FolioCollectionName, type FolioFakeState } from './state.js'
import { seededRandom } from '../faults.js'

/** Options of `folioFake`. */
export interface FolioFakeOptions {
  /**
   * The only origin the fake answers (e.g. `https://folio.test`), so it can share one msw server with
   * other fakes without catching their routes. Default: any origin.
   */
  origin?: string
  /** Tenant ids, each seeded with its own data. Default `['diku']`. */
  tenants?: string[]
  /** Users per tenant, the admin account included. Default 10_000. */
  users?: number
  /** Each patron gets 0…this many open loans (each on its own item). Default 3. */
  maxLoansPerUser?: number
  /** PRNG seed of the data and tokens. Default 7. */
  seed?: number
  /** The account that can log in (in every tenant). Default `diku_admin` / `admin`. */
  username?: string
  password?: string
  /** Access token lifetime in ms. Default 600_000 (FOLIO's 10 minutes). */
  accessTokenTtl?: number
  /** Refresh token lifetime in ms. Default one week. */
  refreshTokenTtl?: number
  /** Refresh tokens work once (mod-login rotates them). Default true. */
  rotateRefreshTokens?: boolean
  /** `limit` of a list request that has none. Default 10 (FOLIO's). */
  defaultLimit?: number
  /** The fake's clock (epoch ms). Default `Date.now`. */
  now?: () => number
}

/** The FOLIO fake: `Fake<FolioFakeState>` plus switches for 403s, 5xxs and revoked sessions. */
export interface FolioFake extends Fake<FolioFakeState> {
  /** The next `count` authenticated data calls answer 403 (a permission problem). */
  forbidNext(count?: number): void
  /** The next `count` authenticated data calls answer `status` (default 503). */
  failNext(count?: number, status?: number): void
  /** Revokes every token, refresh tokens included: the client must log in with its password again. */
  revokeSessions(): void
}

// Longer paths first, so `/locations/:id` never shadows `/location-units/…` and the like.
const COLLECTIONS = (Object.keys(RECORD_TYPES) as FolioCollectionName[]).sort((a, b) => RECORD_TYPES[b].path.length - RECORD_TYPES[a].path.length)

/**
 * A stateful FOLIO (Okapi) fake as msw handlers: tenants (`x-okapi-tenant`; missing or unknown
 * ⇒ 400), `POST /authn/login-with-expiry` (cookies `folioAccessToken` / `folioRefreshToken` and
 * both expirations), legacy `/authn/login` (`x-okapi-token` header), `/authn/refresh` (single-use
 * refresh tokens), `/authn/logout`; the access token is accepted as `x-okapi-token` or cookie
 * (missing, expired, revoked or other tenant's ⇒ 401). Collections `/users` (`users`), `/groups`
 * (`usergroups`), `/locations`, `/circulation/loans` (`loans`), `/inventory/items` (`items`) and
 * FOLIO's common reference data (`/identifier-types`, `/contributor-types`, `/instance-types`,
 * `/material-types`, `/loan-types`, `/location-units/*`, `/service-points`, `/statistical-codes`, …:
 * every table FolioClient's reference-data properties read) with list (CQL subset: `==`, `=`,
 * `<>`, `<`, `>`, `and`/`or`/`not`, parentheses, `cql.allRecords=1`, `sortBy`; `limit` default 10,
 * `offset`, `totalRecords`), create and replace (204), each checked against the record type's real
 * JSON schema shape — required fields, types, enums, and `additionalProperties: false` (an unknown
 * field is refused) — with RMB's 422 `errors[]` naming every offending field; get and delete
 * (204, 404 as text). Seeded deterministically: by default 10,000 users per tenant (the first is
 * `diku_admin` / `admin`); reference data as a fresh tenant ships it, with the same ids everywhere.
 * Also what FolioClient asks on its own: `GET /consortia` (404, no mod-consortia: not an ECS tenant)
 * and `GET /bl-users/by-username/{username}` (`{ user }`).
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { folioFake } from 'isosdk/testing'
 * const fake = folioFake({ users: 500, accessTokenTtl: 120_000 })
 * const server = setupServer(...fake.handlers)
 * server.listen({ onUnhandledRequest: 'error' })
 */
export function folioFake(options: FolioFakeOptions = {}): FolioFake {
  const now = options.now ?? (() => Date.now())
  const seed = options.seed ?? 7
  const users = options.users ?? 10_000
  if (!Number.isInteger(users) || users < 1) throw new TypeError('folioFake: `users` must be an integer ≥ 1 (the admin account is one)')
  const tenants = options.tenants ?? ['diku']
  const username = options.username ?? 'diku_admin'
  const password = options.password ?? 'admin'
  const state: FolioFakeState = {
    tenants: new Map(
      tenants.map((id, i) => [
        id,
        seedTenant(id, { users, maxLoansPerUser: options.maxLoansPerUser ?? 3, seed: seed + i * 7919, username, password, now: now() }),
      ]),
    ),
    tokens: new Map(),
    counters: { logins: 0, legacyLogins: 0, refreshes: 0, refusedRefreshes: 0, logouts: 0, rejected: 0, forbidden: 0, failed: 0 },
    accessTokenTtl: options.accessTokenTtl ?? 600_000,
    refreshTokenTtl: options.refreshTokenTtl ?? 7 * 86_400_000,
    rotateRefreshTokens: options.rotateRefreshTokens ?? true,
    defaultLimit: options.defaultLimit ?? 10,
    now,
  }
  const stats = createStats()
  const faults: FolioFaults = { forbid: 0, fail: 0, failStatus: 503 }
  const random = seededRandom(seed ^ 0x5eed)
  const issue = tokenIssuer(state, random)
  const newId = () => uuid(random)
  const routes = [
    ...authHandlers(state, stats, issue),
    ...okapiHandlers(state, stats),
    ...COLLECTIONS.flatMap((name) => collectionHandlers(name, state, stats, faults, newId)),
  ]
  // Okapi may sit under a path prefix (`https://folio.test/okapi`): only the origin is pinned.
  const handlers = options.origin === undefined ? routes : _atBase(routes, _checkOrigin(options.origin, 'folioFake: options.origin'), '')
  return {
    name: 'folio',
    handlers,
    state,
    stats,
    expireCredentials() {
      const at = state.now() - 1
      for (const token of state.tokens.values()) if (token.kind !== 'refresh') token.expiresAt = Math.min(token.expiresAt, at)
    },
    revokeSessions() {
      for (const token of state.tokens.values()) token.revoked = true
    },
    forbidNext(count = 1) {
      faults.forbid = count
    },
    failNext(count = 1, status = 503) {
      faults.fail = count
      faults.failStatus = status
    },
  }
}
