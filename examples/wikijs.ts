/**
 * Wiki.js with isosdk: the Python SDK's "Complete Example" (wikijs-python-sdk async guide) in
 * TypeScript — test the connection, create, update, fetch concurrently, search, delete — against
 * the Wiki.js fake served on 127.0.0.1. Point `url` and `apiKey` at a real Wiki.js 2.x instead
 * and the same code runs there.
 *
 * Run: npx tsx examples/wikijs.ts
 */
import { mapConcurrent } from 'isosdk'
import { serve, wikijsFake } from 'isosdk/testing'
import {
  createPage,
  deletePage,
  getPage,
  listPages,
  listPagesByTags,
  searchPages,
  testConnection,
  updatePage,
  wikijs,
} from 'isosdk/wikijs'

const fake = wikijsFake({ pages: 300 })
await using server = await serve(fake.handlers)
await using wiki = wikijs({ url: server.url, apiKey: fake.state.apiKey, concurrency: 10 })

console.log(`Wiki.js fake on ${server.url}`)
console.log('Testing connection...')
console.log(`Connected: ${await testConnection(wiki)}`)

console.log('\nCreating page...')
const page = await createPage(wiki, { title: 'Test Page', path: 'test-page', content: '# Test\n\nContent here.', tags: ['test'] })
console.log(`Created page ${page.id}: ${page.title}`)

console.log('\nUpdating page...')
const updated = await updatePage(wiki, page.id, { title: 'Updated Test Page' })
console.log(`Updated: ${updated.title} (content kept: ${JSON.stringify(updated.content)})`)

console.log('\nFetching multiple pages...')
const [listed, searched, tagged] = await Promise.all([
  listPages(wiki, { limit: 5 }),
  searchPages(wiki, 'test'),
  listPagesByTags(wiki, ['test']),
])
console.log(`Listed: ${listed.length}`)
console.log(`Searched: ${searched.results.length}`)
console.log(`By tags: ${tagged.length}`)

console.log('\nFetching 100 pages concurrently (10 at a time)...')
const ids = Array.from({ length: 100 }, (_, i) => i + 1)
const started = performance.now()
const pages = await mapConcurrent(ids, (id, _index, signal) => getPage(wiki, id, { signal }), { concurrency: 10 })
console.log(`Fetched ${pages.length} pages in ${Math.round(performance.now() - started)} ms; first: "${pages[0]?.title}"`)

console.log('\nA batch with a missing page keeps every result (settle: true)...')
const outcomes = await mapConcurrent([1, 2, 999, 4, 5], (id) => getPage(wiki, id), { concurrency: 5, settle: true })
outcomes.forEach((outcome, i) => {
  if (outcome.status === 'fulfilled') console.log(`Page ${i}: ${outcome.value.title}`)
  else console.log(`Page ${i}: Error - ${outcome.reason instanceof Error ? `${outcome.reason.name}: ${outcome.reason.message}` : String(outcome.reason)}`)
})

console.log('\nDeleting test page...')
await deletePage(wiki, page.id)
console.log(`Done! (${fake.stats.requests} requests, ${fake.stats.writes} writes)`)

if (listed.length !== 5 || tagged.length !== 1 || pages.length !== 100 || fake.state.pages.has(page.id)) {
  throw new Error('The example did not do what it says')
}
