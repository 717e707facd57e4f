// What every resolver of the Wiki.js fake shares: who the request runs as, permission checks, and
// Wiki.js 2.x's error types and `responseResult` shapes (`server/helpers/error.js`, `graph/helpers.js`).
import type { WikijsFakeState, WikijsFakeUser } from './state.js'

/** Who a request runs as: the API key's user with every permission, or Guest. */
export interface WikijsContext {
  readonly state: WikijsFakeState
  /** `null` for Guest. */
  readonly user: WikijsFakeUser | null
  /** `'all'` for a full-access API key. */
  readonly permissions: ReadonlySet<string> | 'all'
  /** Called once per change to state (counts `stats.writes`). */
  onWrite(): void
  /** Called once per successful `authentication.login` (counts `stats.logins`). */
  onLogin?(): void
}

/** Wiki.js's `checkAccess`: any one of `permissions` suffices. */
export function can(ctx: WikijsContext, permissions: readonly string[]): boolean {
  const held = ctx.permissions
  return held === 'all' || permissions.some((p) => held.has(p))
}

/** A `WIKI.Error.*` (custom-error-instance): `name` is the slug, `code` the Wiki.js error code. */
export class WikiError extends Error {
  readonly code: number
  constructor(name: string, message: string, code: number) {
    super(message)
    this.name = name
    this.code = code
  }
}

export const wikiError = {
  PageNotFound: () => new WikiError('PageNotFound', 'This page does not exist.', 6003),
  PageDuplicateCreate: () => new WikiError('PageDuplicateCreate', 'Cannot create this page because an entry already exists at the same path.', 6002),
  PageEmptyContent: () => new WikiError('PageEmptyContent', 'Page content cannot be empty.', 6004),
  PageIllegalPath: () => new WikiError('PageIllegalPath', 'Page path cannot contain illegal characters.', 6005),
  PagePathCollision: () => new WikiError('PagePathCollision', 'Destination page path already exists.', 6006),
  PageMoveForbidden: () => new WikiError('PageMoveForbidden', 'You are not authorized to move this page.', 6007),
  PageUpdateForbidden: () => new WikiError('PageUpdateForbidden', 'You are not authorized to update this page.', 6009),
  PageDeleteForbidden: () => new WikiError('PageDeleteForbidden', 'You are not authorized to delete this page.', 6010),
  PageViewForbidden: () => new WikiError('PageViewForbidden', 'You are not authorized to view this page.', 6013),
  PageRestoreForbidden: () => new WikiError('PageRestoreForbidden', 'You are not authorized to restore this page version.', 6011),
  PageHistoryForbidden: () => new WikiError('PageHistoryForbidden', 'You are not authorized to view the history of this page.', 6012),
  AuthLoginFailed: () => new WikiError('AuthLoginFailed', 'Invalid email / username or password.', 1002),
  AuthProviderInvalid: () => new WikiError('AuthProviderInvalid', 'Invalid authentication provider.', 1003),
}

export interface ResponseStatus {
  succeeded: boolean
  errorCode: number
  slug: string
  message: string
}

export function success(message: string): ResponseStatus {
  return { succeeded: true, errorCode: 0, slug: 'ok', message }
}

/** `graphHelper.generateError` of 2.x: `{ responseResult: { succeeded: false, errorCode, slug, message } }`. */
export function failure(error: unknown): { responseResult: ResponseStatus } {
  const err = error instanceof Error ? error : new Error(String(error))
  const code = (err as { code?: unknown }).code
  return {
    responseResult: {
      succeeded: false,
      errorCode: typeof code === 'number' && Number.isFinite(code) ? code : 1,
      slug: err.name,
      message: err.message || 'An unexpected error occured.',
    },
  }
}

export type Args = Record<string, unknown>
export type Resolver = (source: unknown, args: Args, ctx: WikijsContext) => unknown

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

/** A field of the real schema the fake has no resolver for: a GraphQL error, never a silent null. */
export class NotImplementedByFake extends Error {
  readonly extensions = { code: 'NOT_IMPLEMENTED_BY_FAKE' }
  constructor(field: string) {
    super(`${field} is in the Wiki.js 2.5 schema but not implemented by isosdk's fake`)
    this.name = 'NotImplementedByFake'
  }
}
