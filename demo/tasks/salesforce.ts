import { insertRecords, salesforce, sobject } from 'isosdk/salesforce'
import { salesforceFake } from 'isosdk/testing'
import * as v from 'valibot'
import { serveWithWeather } from '../fakes.js'
import { timed, type DemoTask } from '../stats.js'

const Account = sobject('Account', { Name: v.string(), Industry: v.nullish(v.string()) })

/** Salesforce: 450 accounts in batches of 200, one batch at a time and 3 at once. */
export const salesforceTask: DemoTask = {
  name: 'Salesforce 450 records in batches',
  async run({ stats, progress }) {
    const fake = salesforceFake({ latency: 40 })
    await using server = await serveWithWeather(fake, 13)
    await using sf = salesforce({ loginUrl: server.url, username: fake.username, password: fake.password, securityToken: fake.securityToken, hooks: stats.hooks })
    const rows = (run: string) => Array.from({ length: 450 }, (_, i) => ({ Name: `isosdk demo ${run} ${i + 1}`, Industry: i % 3 ? 'Energy' : 'Media' }))
    const insert = (run: string, concurrency: number) =>
      insertRecords(sf, Account, rows(run), { concurrency, onProgress: (p) => progress(`${run}: ${p.done}/${p.total} records`) })
    const [first, sequentialMs] = await timed(() => insert('one batch at a time', 1))
    const [second, concurrentMs] = await timed(() => insert('3 batches at once', 3))
    const ok = [...first, ...second].filter((r) => r.success).length
    if (ok !== 900) throw new Error(`${900 - ok} of 900 inserts failed`)
    return { summary: `900 accounts inserted (2 × 450 in batches of 200), one result per record, in order`, sequentialMs, concurrentMs }
  },
}
