import { mapConcurrent } from 'isosdk'
import { wikijsFake } from 'isosdk/testing'
import { createPage, deletePage, getPage, listPages, searchPages, wikijs } from 'isosdk/wikijs'
import { serveWithWeather } from '../fakes.js'
import { timed, type DemoTask } from '../stats.js'

/** Wiki.js: create, search, read 60 pages one by one and 10 at a time, delete. */
export const wikijsTask: DemoTask = {
  name: 'Wiki.js   create / search / delete',
  async run({ stats, progress }) {
    const fake = wikijsFake({ pages: 300 })
    await using server = await serveWithWeather(fake, 5)
    await using wiki = wikijs({ url: server.url, apiKey: fake.state.apiKey, hooks: stats.hooks })
    progress('creating a page')
    const page = await createPage(wiki, { title: 'isosdk demo', path: `isosdk-demo-${Date.now()}`, content: '# Hello from isosdk', tags: ['isosdk-demo'] })
    progress(`created page ${page.id}; searching`)
    const found = await searchPages(wiki, 'isosdk')
    const ids = (await listPages(wiki, { limit: 60 })).map((p) => p.id)
    const [, sequentialMs] = await timed(async () => {
      for (const [i, id] of ids.entries()) {
        await getPage(wiki, id)
        progress(`reading pages one by one: ${i + 1}/${ids.length}`)
      }
    })
    const [, concurrentMs] = await timed(() =>
      mapConcurrent(ids, (id, _i, signal) => getPage(wiki, id, { signal }), { concurrency: 10, onProgress: (p) => progress(`reading pages 10 at a time: ${p.done}/${p.total}`) }),
    )
    await deletePage(wiki, page.id)
    return { summary: `page ${page.id} created, found in ${found.totalHits} hits, deleted; ${ids.length} pages read twice`, sequentialMs, concurrentMs }
  },
}
