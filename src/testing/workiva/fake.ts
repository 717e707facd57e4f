import { _atBase, _checkOrigin, createStats, type Fake } from '../fake.js'
import { adminHandlers } from './admin.js'
import { tokenHandlers } from './auth.js'
import { chainsHandlers } from './chains.js'
import type { FakeContext, WorkivaFakeOptions } from './context.js'
import { fileHandlers } from './files.js'
import { compileOperations } from './request-check.js'
import { WORKIVA_FAKE_BASE_PATHS } from './spec-fake.js'
import { seedState, type WorkivaFakeState } from './state.js'
import { wdataHandlers } from './wdata.js'

/**
 * A stateful fake of the Workiva APIs: OAuth2 client credentials (`/oauth2/token` and
 * `/iam/v1/oauth2/token`, tokens that expire), files and folders with `@nextLink` paging, copy /
 * export / trash / restore / import as 202 operations that move queued → started → completed
 * (or failed / cancelled / never, per file) one step per poll, copy results and export downloads,
 * admin organizations and workspaces, Wdata tables (`cursor`) and Chains (run history with
 * `data.cursor`). Each API answers at its place in the real hosts' layout, which
 * `workivaFakeBaseURLs(url)` gives a client (Platform at the root, Chains under `/s/wdata/oc/api`,
 * Wdata under `/s/wdata/prep`), under any origin unless `options.origin` names the only one.
 * Seeded deterministically.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { workivaFake, workivaFakeBaseURLs } from 'isosdk/testing'
 * import { workiva, getFiles } from 'isosdk/workiva'
 *
 * const fake = workivaFake({ files: 30 })
 * setupServer(...fake.handlers).listen()
 * const client = workiva({ clientId: 'workiva-client', clientSecret: 'workiva-secret', baseURLs: workivaFakeBaseURLs('https://workiva.test') })
 * const files = await getFiles(client, { maxpagesize: 10 }) // 32 files (with the 2 folders), 4 pages
 */
export function workivaFake(options: WorkivaFakeOptions = {}): Fake<WorkivaFakeState> {
  const state = seedState({ files: options.files ?? 25, tables: options.tables ?? 5, chainRuns: options.chainRuns ?? 5 })
  const ctx: FakeContext = {
    state,
    stats: createStats(),
    operations: compileOperations(),
    options: {
      clientId: options.clientId ?? 'workiva-client',
      clientSecret: options.clientSecret ?? 'workiva-secret',
      tokenLifetime: options.tokenLifetime ?? 599,
      nextLink: options.nextLink ?? 'url',
      retryAfter: options.retryAfter ?? 1,
      advance: options.advance ?? 'poll',
      requireVersion: options.requireVersion ?? true,
      failFiles: options.failFiles,
      cancelFiles: options.cancelFiles,
      hangFiles: options.hangFiles,
      nextLinkOrigin: options.nextLinkOrigin,
    },
  }
  const origin = options.origin === undefined ? undefined : _checkOrigin(options.origin, 'workivaFake: options.origin')
  // Each API at its place in the layout `workivaFakeBaseURLs` gives clients, and nowhere else.
  const paths = WORKIVA_FAKE_BASE_PATHS
  const handlers = [
    ..._atBase([...tokenHandlers(ctx), ...fileHandlers(ctx), ...adminHandlers(ctx)], origin, paths.platform),
    ..._atBase(wdataHandlers(ctx), origin, paths.wdata),
    ..._atBase(chainsHandlers(ctx), origin, paths.chains),
  ]
  return {
    name: 'workiva',
    handlers,
    state,
    stats: ctx.stats,
    expireCredentials() {
      state.tokens.clear()
    },
  }
}
