import { paginate } from '../core/paginate.js'
import type { CallOptions, Client, PageProgress, Paginated, RequestOp } from '../core/types.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { buildRequest, opLabel, type OpSpec } from './call.js'

/** Options of a list function: the call options plus page progress. */
export interface ListOptions extends CallOptions {
  /** Called after each page with the pages and items seen so far. May be async (the next page waits); a throw or rejection rejects the listing. */
  onProgress?: (progress: PageProgress) => void
}

const LIST_OPTION_KEYS: OptionKeys<ListOptions> = { signal: 1, timeout: 1, deadline: 1, onProgress: 1 }

type Body = Record<string, unknown> | undefined

/** Per paging style (`OpSpec.paging`): where the items are, where the next cursor is, and the query parameter that sends a bare cursor back. */
const STYLES: Record<NonNullable<OpSpec['paging']>, [items: (body: Body) => unknown, next: (body: Body) => unknown, param: string]> = {
  nextLink: [(b) => b?.data, (b) => b?.['@nextLink'], '$next'],
  links: [(b) => b?.data, (b) => (b?.links as Body)?.next, 'page[after]'],
  chains: [(b) => (b?.data as Body)?.chainExecutors, (b) => (b?.data as Body)?.cursor, 'cursor'],
  wdata: [(b) => b?.body, (b) => b?.cursor, 'cursor'],
}

/**
 * Points `op` at the next page. A full URL on the request's own origin is followed as is; a full
 * URL on another origin is never requested (credentials stay home): its query parameters are
 * sent to the operation's own path instead; a bare token goes back in the style's cursor
 * parameter (`$next`, `cursor`, …).
 *
 * @example
 * applyCursor(client, op, 'o10', '$next') // op.query.$next === 'o10'
 */
export function applyCursor(client: Client<unknown>, op: RequestOp, cursor: string, param: string): void {
  if (/^https?:\/\//i.test(cursor)) {
    const next = new URL(cursor)
    if (next.origin === new URL(op.path, client.baseURL).origin) {
      op.path = cursor
      op.query = undefined
    } else {
      op.query = { ...op.query, ...Object.fromEntries(next.searchParams) }
    }
    return
  }
  op.query = { ...op.query, [param]: cursor }
  // A cursor carries its own position; an `offset` as well would skip twice.
  if (param === 'cursor') delete op.query.offset
}

/**
 * Runs a generated list operation as a `Paginated<T>`: `await` gives every item of every page,
 * `for await` streams them, `.pages()` streams pages. Nothing is sent until it is awaited or
 * iterated; wrong `params` then reject with a `ValidationError` (an unknown option key with a
 * `TypeError`) before the first request.
 *
 * @example
 * const files = await listOperation<File>(client, getFilesSpec, { maxpagesize: 100 })
 */
export function listOperation<T>(client: Client<unknown>, o: OpSpec, params?: object, options?: ListOptions): Paginated<T> {
  const [items, next, param] = STYLES[o.paging ?? 'nextLink']
  return paginate<T, string>(
    async (cursor, signal) => {
      checkOptionKeys(opLabel(o), options, LIST_OPTION_KEYS)
      const op = buildRequest(client, o, params, { signal, timeout: options?.timeout, deadline: options?.deadline })
      if (cursor !== undefined) applyCursor(client, op, cursor, param)
      const body = (await client.request(op)) as Body
      const found = items(body)
      const cursorOut = next(body)
      return { items: Array.isArray(found) ? (found as T[]) : [], next: typeof cursorOut === 'string' && cursorOut.trim() !== '' ? cursorOut : undefined }
    },
    { signal: options?.signal, onProgress: options?.onProgress },
  )
}
