// Page history of the Wiki.js fake, after `server/models/pageHistory.js` (`getHistory`, `getVersion`)
// and the `history`/`version` resolvers of `server/graph/resolvers/page.js` (2.5).
import { can, wikiError, type Resolver, type WikijsContext } from './kit.js'
import type { WikijsFakeVersion } from './state.js'

function authorName(ctx: WikijsContext, id: number): string {
  return ctx.state.users.get(id)?.name ?? 'Unknown'
}

/** The page's versions, newest first (`orderBy versionDate desc`, then newest row). */
function versionsOf(ctx: WikijsContext, pageId: number): WikijsFakeVersion[] {
  return [...ctx.state.versions.values()]
    .filter((v) => v.pageId === pageId)
    .sort((a, b) => (a.versionDate < b.versionDate ? 1 : a.versionDate > b.versionDate ? -1 : b.id - a.id))
}

/**
 * `getHistory({ pageId, offsetPage, offsetSize })`: one page of the trail, newest first. Walking it
 * oldest first, a version whose path differs from the one before it is a `move` (with
 * `valueBefore`/`valueAfter`), the very first version of the whole trail is `initial`, the rest `edit`.
 */
function history(ctx: WikijsContext, pageId: number, offsetPage: number, offsetSize: number) {
  const all = versionsOf(ctx, pageId)
  const upperLimit = (offsetPage + 1) * offsetSize
  const slice = all.slice(offsetPage * offsetSize, upperLimit)
  let previous: WikijsFakeVersion | undefined = all.length >= upperLimit ? all[upperLimit] : undefined
  const trail: unknown[] = []
  for (const version of [...slice].reverse()) {
    let actionType = 'edit'
    let valueBefore: string | null = null
    let valueAfter: string | null = null
    if (!previous && all.length < upperLimit) actionType = 'initial'
    else if ((previous?.path ?? '') !== version.path) {
      actionType = 'move'
      valueBefore = previous?.path ?? ''
      valueAfter = version.path
    }
    trail.unshift({
      versionId: version.id,
      authorId: version.authorId,
      authorName: authorName(ctx, version.authorId),
      actionType,
      valueBefore,
      valueAfter,
      versionDate: version.versionDate,
    })
    previous = version
  }
  return { trail, total: all.length }
}

export const historyQuery: Record<string, Resolver> = {
  history(_source, args, ctx) {
    const page = ctx.state.pages.get(args['id'] as number)
    // 2.5 reads `page.path` of a missing row.
    if (!page) throw new TypeError("Cannot read properties of undefined (reading 'path')")
    if (!can(ctx, ['read:history'])) throw wikiError.PageHistoryForbidden()
    const offsetPage = typeof args['offsetPage'] === 'number' ? args['offsetPage'] : 0
    const offsetSize = typeof args['offsetSize'] === 'number' && args['offsetSize'] > 0 ? args['offsetSize'] : 100
    return history(ctx, page.id, offsetPage, offsetSize)
  },

  version(_source, args, ctx) {
    const version = ctx.state.versions.get(args['versionId'] as number)
    if (!version || version.pageId !== args['pageId']) throw new TypeError("Cannot read properties of null (reading 'path')")
    if (!can(ctx, ['read:history'])) throw wikiError.PageHistoryForbidden()
    const { id, authorId, ...fields } = version
    // `getVersion` maps the row: `authorId` is a String in the schema, tags are not kept per version.
    return { ...fields, versionId: id, authorId: String(authorId), authorName: authorName(ctx, authorId), tags: [] }
  },
}
