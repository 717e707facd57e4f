/**
 * The SPA's optional service-module section: `isosdk/wikijs` loaded on demand (its own chunk),
 * listing a few pages from the Wiki.js fake the e2e server also serves. Optional on purpose: when
 * the packed package has no `./wikijs` entry the build maps the import to a module that throws,
 * and when the server has no Wiki.js fake the section says so.
 */
const WIKI_API_KEY = 'e2e-wiki-api-key' // e2e/fixtures/api.ts

export async function loadWiki(api: string): Promise<string> {
  let mod: typeof import('isosdk/wikijs')
  try {
    mod = await import('isosdk/wikijs')
  } catch {
    return 'isosdk/wikijs is not in this build'
  }
  const served = (await (await fetch(`${api}/__services`)).json()) as string[]
  if (!served.includes('wikijs')) return 'the e2e server has no Wiki.js fake'
  const wiki = mod.wikijs({ url: api, apiKey: WIKI_API_KEY, retry: false })
  try {
    const pages = await mod.listPages(wiki, { limit: 5, orderBy: 'ID' })
    return `${pages.length} wiki pages: ${pages.map((page) => `#${page.id}`).join(' ')}`
  } finally {
    await wiki.close()
  }
}
