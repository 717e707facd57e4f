// Navigation data of the Wiki.js fake: `pages.tree` (the `pageTree` table that 2.5's `rebuildTree`
// job builds from every page path) and `pages.links` (the `pageLinks` its render pipeline extracts).
import { can, str, type Resolver, type WikijsContext } from './kit.js'
import type { WikijsFakePage } from './state.js'

interface TreeNode {
  id: number
  path: string
  depth: number
  title: string
  isPrivate: boolean
  isFolder: boolean
  privateNS: string | null
  parent: number | null
  pageId: number | null
  locale: string
  ancestors: number[]
}

/** `rebuildTree`: pages by locale and path; a node per path prefix; a page's own node carries its id and title. */
function buildTree(pages: Iterable<WikijsFakePage>): TreeNode[] {
  const sorted = [...pages].sort((a, b) => (a.locale + '\u0000' + a.path < b.locale + '\u0000' + b.path ? -1 : 1))
  const tree: TreeNode[] = []
  const byKey = new Map<string, TreeNode>()
  for (const page of sorted) {
    const parts = page.path.split('/')
    let currentPath = ''
    let parent: number | null = null
    const ancestors: number[] = []
    parts.forEach((part, index) => {
      const isFolder = index < parts.length - 1
      currentPath = currentPath ? `${currentPath}/${part}` : part
      const key = `${page.locale}\u0000${currentPath}`
      const found = byKey.get(key)
      if (!found) {
        const node: TreeNode = {
          id: tree.length + 1,
          path: currentPath,
          depth: index + 1,
          title: isFolder ? part : page.title,
          isPrivate: !isFolder && page.isPrivate,
          isFolder,
          privateNS: isFolder ? null : page.privateNS,
          parent,
          pageId: isFolder ? null : page.id,
          locale: page.locale,
          ancestors: [...ancestors],
        }
        tree.push(node)
        byKey.set(key, node)
        parent = node.id
      } else {
        if (isFolder) found.isFolder = true
        parent = found.id
      }
      ancestors.push(parent)
    })
  }
  return tree
}

function byFolderThenTitle(a: TreeNode, b: TreeNode): number {
  if (a.isFolder !== b.isFolder) return a.isFolder ? -1 : 1
  return a.title < b.title ? -1 : a.title > b.title ? 1 : 0
}

const LOCALE_SEGMENT = /^[a-z]{2}(-[a-z]{2})?$/i

/** The internal links of a page's render: `href="/…"` (not `//…`), locale from a leading language segment, else the page's. */
export function pageLinks(page: WikijsFakePage): { locale: string; path: string }[] {
  const out: { locale: string; path: string }[] = []
  for (const match of page.render.matchAll(/<a [^>]*href="(\/[^"#?]*)[^"]*"/g)) {
    const href = match[1]!
    if (href.startsWith('//')) continue
    const segments = href.slice(1).split('/').filter((s) => s !== '')
    if (segments.length === 0) continue
    const locale = segments.length > 1 && LOCALE_SEGMENT.test(segments[0]!) ? segments.shift()!.toLowerCase() : page.locale
    const path = segments.join('/')
    if (/\.[a-z0-9]+$/i.test(path)) continue // an asset, not a page
    if (!out.some((l) => l.locale === locale && l.path === path)) out.push({ locale, path })
  }
  return out
}

export const treeQuery: Record<string, Resolver> = {
  tree(_source, args, ctx: WikijsContext) {
    const locale = str(args['locale']) || 'en'
    const tree = buildTree(ctx.state.pages.values())
    let parent = typeof args['parent'] === 'number' ? args['parent'] : 0
    let current: TreeNode | undefined
    const path = str(args['path'])
    if (path && !parent) {
      current = tree.find((n) => n.path === path && n.locale === locale)
      if (!current) return []
      parent = current.parent ?? 0
    }
    const mode = args['mode']
    // SQL: `locale AND mode AND parent OR id IN ancestors` — the ancestors come whatever the mode.
    const results = tree.filter((n) => {
      if (args['includeAncestors'] === true && parent >= 1 && current?.ancestors.includes(n.id)) return true
      if (n.locale !== locale) return false
      if (mode === 'FOLDERS' && !n.isFolder) return false
      if (mode === 'PAGES' && n.pageId === null) return false
      if (parent < 1) return n.parent === null
      return n.parent === parent
    })
    return results
      .sort(byFolderThenTitle)
      .filter(() => can(ctx, ['read:pages']))
      .map(({ ancestors: _ancestors, ...node }) => ({ ...node, parent: node.parent ?? 0 }))
  },

  links(_source, args, ctx: WikijsContext) {
    const locale = args['locale'] as string
    if (!can(ctx, ['read:pages'])) return []
    return [...ctx.state.pages.values()]
      .filter((p) => p.locale === locale)
      .sort((a, b) => a.id - b.id)
      .map((p) => ({ id: p.id, title: p.title, path: `${locale}/${p.path}`, links: pageLinks(p).map((l) => `${l.locale}/${l.path}`) }))
  },
}
