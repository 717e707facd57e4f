import { redactText } from './redact.js'
import { AbortError, IsoSdkError } from './errors.js'
import { checkOptionKeys, type OptionKeys } from './options.js'
import type { Page, PageProgress, Paginated } from './types.js'

export interface PaginateOptions {
  signal?: AbortSignal
  /** Called after each page; may be async (the next page waits for it). A throw or rejection ends the pagination with that error. */
  onProgress?: (progress: PageProgress) => void
  /** Stop with an error after this many pages (a server that never ends). Default 100_000. */
  maxPages?: number
}

const PAGINATE_KEYS: OptionKeys<PaginateOptions> = { signal: 1, onProgress: 1, maxPages: 1 }

/**
 * Turns a page fetcher into a `Paginated<T>`: `await` collects every item of every page,
 * `for await` streams items with one page in memory at a time, `.pages()` streams pages.
 * Iteration is lazy: nothing is fetched until it is awaited or iterated. Bad arguments reject
 * there too (a `TypeError`), never at the call.
 *
 * @example
 * const users = paginate<User, number>(async (offset = 0, signal) => {
 *   const body = await client.request<{ users: User[] }>({ path: '/users', query: { offset, limit: 100 }, signal })
 *   return { items: body.users, next: body.users.length === 100 ? offset + 100 : undefined }
 * })
 * for await (const user of users) console.log(user.id)
 */
export function paginate<T, C = unknown>(
  fetchPage: (cursor: C | undefined, signal?: AbortSignal) => Promise<Page<T, C>>,
  options: PaginateOptions = {},
): Paginated<T> {
  async function* pages(): AsyncGenerator<T[]> {
    checkOptionKeys('paginate', options, PAGINATE_KEYS)
    if (typeof fetchPage !== 'function') throw new TypeError('paginate: fetchPage must be a function')
    const maxPages = options.maxPages ?? 100_000
    const progress: PageProgress = { pages: 0, items: 0 }
    let cursor: C | undefined
    // Every cursor seen (as text, so equal objects match): a cycle A, B, A… stops at its first repeat.
    const seen = new Set<string>()
    do {
      // Stop here even when `fetchPage` ignores the signal it is given.
      const signal = options.signal
      if (signal?.aborted) throw signal.reason instanceof IsoSdkError ? signal.reason : new AbortError('Pagination was aborted', { cause: signal.reason })
      if (progress.pages >= maxPages) throw new IsoSdkError(`Pagination stopped after ${maxPages} pages`)
      const page = await fetchPage(cursor, options.signal)
      progress.pages++
      progress.items += page.items.length
      await options.onProgress?.({ ...progress })
      yield page.items
      if (cursor !== undefined) seen.add(cursorKey(cursor))
      cursor = page.next ?? undefined
      if (cursor !== undefined && seen.has(cursorKey(cursor))) {
        throw new IsoSdkError(`Pagination returned the same cursor twice (${redactText(cursorKey(cursor)).slice(0, 200)}); stopping to avoid an endless loop`)
      }
    } while (cursor !== undefined)
  }

  async function* items(): AsyncGenerator<T> {
    for await (const page of pages()) yield* page
  }

  async function all(): Promise<T[]> {
    const out: T[] = []
    for await (const page of pages()) for (const item of page) out.push(item)
    return out
  }

  return {
    then(onFulfilled, onRejected) {
      return all().then(onFulfilled, onRejected)
    },
    [Symbol.asyncIterator]: () => items(),
    pages,
  }
}

/**
 * A `Paginated<T>` whose setup (argument checks, then `paginate(...)`) runs when it is first
 * awaited or iterated: a function returning `Paginated` then never throws at the call — a bad
 * argument rejects the `await` or the first `next()`, like every promise-returning function.
 *
 * @example
 * return paginateLater(() => {
 *   checkOptionKeys('listThings', options, LIST_THINGS_KEYS)
 *   return paginate(fetchThingsPage, { signal: options?.signal })
 * })
 */
export function paginateLater<T>(setup: () => Paginated<T>): Paginated<T> {
  let made: Paginated<T> | undefined
  const get = () => (made ??= setup())
  return {
    then(onFulfilled, onRejected) {
      return new Promise<T[]>((resolve) => resolve(get())).then(onFulfilled, onRejected)
    },
    async *[Symbol.asyncIterator]() {
      yield* get()
    },
    async *pages() {
      yield* get().pages()
    },
  }
}

function cursorKey(cursor: unknown): string {
  if (typeof cursor === 'string') return cursor
  try {
    return JSON.stringify(cursor) ?? String(cursor)
  } catch {
    return String(cursor)
  }
}
