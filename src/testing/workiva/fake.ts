import { _checkOrigin, _scopeHandlers, createStats, type Fake } from '../fake.js'
import { adminHandlers } from './admin.js'
import { tokenHandlers } from './auth.js'
import { chainsHandlers } from './chains.js'
import type { FakeContext, WorkivaFakeOptions } from './context.js'
import { fileHandlers } from './files.js'
import { compileOperations } from './request-check.js'
import { seedState, type WorkivaFakeState } from './state.js'
import { wdataHandlers } from './wdata.js'

/**
 * A stateful fake of the Workiva APIs: OAuth2 client credentials (`/oauth2/token` and
 * `/iam/v1/oauth2/token`, tokens that expire), files and folders with `@nextLink` paging, copy /
 * export / trash / restore / import as 202 operations that move queued → started → completed
 * (or failed / cancelled / never, per file) one step per poll, copy results and export downloads,
 * admin organizations and workspaces, Wdata tables (`cursor`) and Chains (run history with
 * `data.cursor`). Paths match under any prefix, so `workivaFakeBaseURLs(url)` or any other layout
 * reaches it, and under any origin unless `options.origin` names the only one. Seeded deterministically.
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
  const handlers = [...tokenHandlers(ctx), ...fileHandlers(ctx), ...adminHandlers(ctx), ...wdataHandlers(ctx), ...chainsHandlers(ctx)]
  return {
    name: 'workiva',
    handlers: origin === undefined ? handlers : _scopeHandlers(handlers, (url) => url.origin === origin),
    state,
    stats: ctx.stats,
    expireCredentials() {
      state.tokens.clear()
    },
  }
}
