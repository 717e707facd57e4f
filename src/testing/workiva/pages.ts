import type { FakeContext } from './context.js'

/**
 * One `@nextLink` page of `items`: `$maxpagesize` (1–1000, default 1000) and `$next`, which may be
 * the fake's bare token or a whole `@nextLink` URL sent back as is. Returns the body, or an error message.
 *
 * @example
 * const page = nextLinkPage(ctx, new URL(request.url), files) // { data, '@nextLink'? } or an error message
 */
export function nextLinkPage<T>(ctx: FakeContext, url: URL, items: T[]): { data: T[]; '@nextLink'?: string } | string {
  const raw = url.searchParams.get('$maxpagesize')
  const size = raw === null ? 1000 : Number(raw)
  if (!Number.isInteger(size) || size < 1 || size > 1000) return '$maxpagesize must be an integer from 1 to 1000'
  let next = url.searchParams.get('$next')
  if (next && /^https?:\/\//.test(next)) next = new URL(next).searchParams.get('$next')
  let offset = 0
  if (next !== null) {
    const m = /^o(\d+)$/.exec(next)
    if (!m) return `$next ${JSON.stringify(next)} is not a cursor this server issued`
    offset = Number(m[1])
  }
  const data = items.slice(offset, offset + size)
  const end = offset + data.length
  if (end >= items.length) return { data }
  const token = `o${end}`
  if (ctx.options.nextLink === 'token') return { data, '@nextLink': token }
  const link = new URL(url.pathname, ctx.options.nextLinkOrigin ?? url.origin)
  for (const [k, v] of url.searchParams) if (k !== '$next') link.searchParams.append(k, v)
  link.searchParams.set('$next', token)
  return { data, '@nextLink': link.href }
}

/** One cursor page (Wdata `cursor` + `limit`, Chains `cursor` + `limit`).
 *
 * @example
 * const page = cursorPage(new URL(request.url), tables, 1000) // { items, cursor? } or an error message
 */
export function cursorPage<T>(url: URL, items: T[], maxLimit: number): { items: T[]; cursor?: string } | string {
  const raw = url.searchParams.get('limit')
  const limit = raw === null ? maxLimit : Number(raw)
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) return `limit must be an integer from 1 to ${maxLimit}`
  const cursor = url.searchParams.get('cursor')
  let offset = Number(url.searchParams.get('offset') ?? 0)
  if (cursor !== null) {
    const m = /^c(\d+)$/.exec(cursor)
    if (!m) return `cursor ${JSON.stringify(cursor)} is not a cursor this server issued`
    offset = Number(m[1])
  }
  const page = items.slice(offset, offset + limit)
  const end = offset + page.length
  return end >= items.length ? { items: page } : { items: page, cursor: `c${end}` }
}
