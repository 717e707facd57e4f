import { mapConcurrent } from 'isosdk'
import { cql, folio, folioGet, folioGetAll } from 'isosdk/folio'
import { folioFake } from 'isosdk/testing'
import { serveWithWeather } from '../fakes.js'
import { timed, type DemoTask } from '../stats.js'

interface User { id: string }

/** FOLIO: every user (paged by id), then each one's loans at 10 in flight. */
export const folioTask: DemoTask = {
  name: 'FOLIO     users, then their loans',
  async run({ stats, progress }) {
    const fake = folioFake({ users: 1_000 })
    await using server = await serveWithWeather(fake, 7)
    await using client = folio({ url: server.url, tenant: 'diku', username: 'diku_admin', password: 'admin', hooks: stats.hooks })
    const users = await folioGetAll<User>(client, '/users', 'users', { limit: 200, onProgress: (p) => progress(`users: ${p.items} (page ${p.pages})`) })
    const loansOf = (user: User, signal?: AbortSignal) =>
      folioGet<unknown[]>(client, '/circulation/loans', 'loans', { query: cql`userId==${user.id}`, params: { limit: 100 }, signal })
    const sample = users.slice(0, 100)
    const [, sequentialMs] = await timed(async () => {
      for (const [i, user] of sample.entries()) {
        await loansOf(user)
        progress(`loans one by one: ${i + 1}/${sample.length}`)
      }
    })
    const [, concurrentMs] = await timed(() => mapConcurrent(sample, (u, _i, signal) => loansOf(u, signal), { concurrency: 10 }))
    const all = await mapConcurrent(users, (u, _i, signal) => loansOf(u, signal), {
      concurrency: 10,
      settle: true,
      onProgress: (p) => progress(`loans of every user, 10 in flight: ${p.done}/${p.total}`),
    })
    const loans = all.reduce((n, o) => n + (o.status === 'fulfilled' ? o.value.length : 0), 0)
    const failed = all.filter((o) => o.status === 'rejected')
    if (failed.length) throw new Error(`${failed.length} loan lookups failed`, { cause: failed[0]?.reason })
    return { summary: `${users.length} users, ${loans} open loans (timing: the first ${sample.length} users)`, sequentialMs, concurrentMs }
  },
}
