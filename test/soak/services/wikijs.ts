import { wikijsFake } from '../../../src/testing/index.js'
import { createPage, getPage, listPages, updatePage, wikijs } from '../../../src/wikijs/index.js'
import { expectResult, marker, plan } from '../plan.js'

const PAGES = 50
const API_KEY = 'eyJhbGciOiJSUzI1NiJ9.soak-wikijs-api-key.c2lnbmF0dXJl'

/** Wiki.js: an API key (never expires), pages read, listed, created and re-titled over GraphQL. */
export function wikijsPlan() {
  const fake = wikijsFake({ pages: PAGES, apiKey: API_KEY })
  const titles = new Map([...fake.state.pages.values()].map((p) => [p.id, p.title]))
  const pageId = (i: number) => (i % PAGES) + 1
  return plan({
    service: 'wikijs',
    fake,
    expires: false,
    staticSecrets: [API_KEY],
    client: (url, options) => wikijs({ url, apiKey: API_KEY, ...options }),
    async call(client, kind, i, signal) {
      if (kind === 'get') {
        const page = await getPage(client, pageId(i), { signal })
        expectResult(page.id === pageId(i), `getPage(${pageId(i)}) gave ${page.id}`)
      } else if (kind === 'list') {
        const pages = await listPages(client, { limit: 5, signal })
        expectResult(pages.length === 5, `listPages(limit 5) gave ${pages.length}`)
      } else if (kind === 'create') {
        const page = await createPage(client, { title: marker('wikijs', i), path: `soak/page-${i}`, content: `# ${marker('wikijs', i)}` }, { signal })
        expectResult(page.title === marker('wikijs', i), `createPage gave ${page.title}`)
      } else {
        // The same title every time: the result is the same however often it is applied.
        const id = pageId(i)
        const page = await updatePage(client, id, { title: titles.get(id)! }, { signal })
        expectResult(page.id === id && page.title === titles.get(id), `updatePage(${id}) gave ${page.title}`)
      }
    },
    markers: () => [...fake.state.pages.values()].map((p) => p.title).filter((title) => title.startsWith('soak-wikijs-')),
    issuedSecrets: () => [fake.state.apiKey],
  })
}
