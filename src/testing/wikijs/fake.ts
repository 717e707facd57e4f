import { http, HttpResponse } from 'msw'
import { _atBase, _checkOrigin, createStats, type Fake } from '../fake.js'
import { createExecutor } from './executor.js'
import type { WikijsContext } from './resolvers.js'
import { seedState, USERS_GROUP, type WikijsFakeState } from './state.js'

/** Options of {@link wikijsFake}. */
export interface WikijsFakeOptions {
  /**
   * The only origin the fake answers (e.g. `https://wiki.test`), so it can share one msw server with
   * other fakes without catching their routes. Default: any origin.
   */
  origin?: string
  /** Seeded pages (ids 1…n, in `en`, `de`, `fr`, with tags). Default 300. */
  pages?: number
  /** The valid API key (full access, acting as user 1 "Administrator"). Default `wikijs-fake-api-key`. */
  apiKey?: string
  /** Permissions Guest holds (a bad, expired or missing key runs as Guest). Default none, so every protected field is `Forbidden`. */
  guestPermissions?: string[]
}

/** The Wiki.js fake: `Fake<WikijsFakeState>`. */
export type WikijsFake = Fake<WikijsFakeState>

function bearer(header: string | null): string | undefined {
  const match = header?.match(/^Bearer\s+(.+)$/i)
  return match?.[1]?.trim()
}

/**
 * A stateful Wiki.js 2.x fake: `POST *\/graphql` (any origin) serving the whole real Wiki.js 2.5
 * schema (every type of `server/graph/schemas/*.graphql`, field for field). Every query is parsed
 * and validated with the `graphql` package — a syntax error answers HTTP 400 `GRAPHQL_PARSE_FAILED`,
 * an unknown field or argument HTTP 400 `GRAPHQL_VALIDATION_FAILED`, as apollo-server 2 does — then
 * executed against stateful pages with Wiki.js's own checks and `responseResult` shapes
 * (`PageDuplicateCreate` 6002, `PageEmptyContent` 6004, `PageIllegalPath` 6005, `PageNotFound` 6003, …).
 * Served: pages (list, single, singleByPath, search, tags, searchTags, history, version, tree, links,
 * checkConflicts, conflictLatest, create, update, delete, move, render, restore, updateTag, deleteTag), site config, `authentication { apiKeys
 * apiState activeStrategies login }`; any other operation of the schema answers a GraphQL error
 * with `extensions.code: 'NOT_IMPLEMENTED_BY_FAKE'`. The API key gets full access; a JWT from
 * `authentication.login` acts as its user; any other key (or none, or either after
 * `expireCredentials()`) runs as Guest, and every `@auth` field then fails with the GraphQL error
 * `Forbidden` in an HTTP 200, never a 401.
 * Deterministic: the same seed data on every run and a logical clock for writes.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { wikijsFake } from 'isosdk/testing'
 * import { wikijs, getPage } from 'isosdk/wikijs'
 *
 * const fake = wikijsFake({ pages: 50 })
 * const server = setupServer(...fake.handlers)
 * server.listen({ onUnhandledRequest: 'error' })
 * const wiki = wikijs({ url: 'https://wiki.test', apiKey: fake.state.apiKey })
 * console.log((await getPage(wiki, 1)).title) // "Home"
 */
export function wikijsFake(options: WikijsFakeOptions = {}): WikijsFake {
  const count = options.pages ?? 300
  if (!Number.isInteger(count) || count < 0) throw new TypeError(`wikijsFake: pages must be an integer ≥ 0, got ${count}`)
  const state = seedState(count, options.apiKey ?? 'wikijs-fake-api-key', [...(options.guestPermissions ?? [])])
  const stats = createStats()
  const executor = createExecutor()
  const admin = state.users.get(1) ?? null

  const routes = [
    http.post('*/graphql', async ({ request }) => {
      stats.requests++
      const key = bearer(request.headers.get('authorization'))
      const valid = key !== undefined && key === state.apiKey && !state.credentialsExpired
      const sessionUser = key !== undefined && !valid ? state.users.get(state.sessions.get(key) ?? 0) : undefined
      const user = valid ? admin : (sessionUser ?? null)
      const ctx: WikijsContext = {
        state,
        user,
        permissions: valid || user?.permissions === 'all' ? 'all' : new Set(user ? (user.permissions ?? USERS_GROUP) : state.guestPermissions),
        onWrite: () => {
          stats.writes++
        },
        onLogin: () => {
          stats.logins++
        },
      }
      let body: unknown
      try {
        body = JSON.parse(await request.text())
      } catch {
        return HttpResponse.json({ errors: [{ message: 'POST body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }, { status: 400 })
      }
      const result = await executor.run(body, ctx)
      return HttpResponse.json(result.body, { status: result.status })
    }),
  ]
  const handlers = options.origin === undefined ? routes : _atBase(routes, _checkOrigin(options.origin, 'wikijsFake: options.origin'), '')

  return {
    name: 'wikijs',
    handlers,
    state,
    stats,
    expireCredentials() {
      state.credentialsExpired = true
      state.sessions.clear()
    },
  }
}
