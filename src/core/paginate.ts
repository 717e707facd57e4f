import { redactText } from './redact.js'
import { AbortError, IsoSdkError } from './errors.js'
import type { Page, PageProgress, Paginated } from './types.js'

export interface PaginateOptions {
  signal?: AbortSignal
  onProgress?: (progress: PageProgress) => void
  /** Stop with an error after this many pages (a server that never ends). Default 100_000. */
  maxPages?: number
}

/**
 * Turns a page fetcher into a `Paginated<T>`: `await` collects every item of every page,
 * `for await` streams items with one page in memory at a time, `.pages()` streams pages.
 * Iteration is lazy: nothing is fetched until it is awaited or iterated.
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
  const maxPages = options.maxPages ?? 100_000

  async function* pages(): AsyncGenerator<T[]> {
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
      options.onProgress?.({ ...progress })
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

function cursorKey(cursor: unknown): string {
  if (typeof cursor === 'string') return cursor
  try {
    return JSON.stringify(cursor) ?? String(cursor)
  } catch {
    return String(cursor)
  }
}
