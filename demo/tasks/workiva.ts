import { workivaFake, workivaFakeBaseURLs } from 'isosdk/testing'
import { exportFileById, wait, workiva } from 'isosdk/workiva'
import { serveWithWeather } from '../fakes.js'
import { timed, type DemoTask } from '../stats.js'

/** Workiva: export four files and wait for each, one after another and then in parallel. */
export const workivaTask: DemoTask = {
  name: 'Workiva   export four files and wait',
  async run({ stats, progress }) {
    const fake = workivaFake({ advance: 'poll', retryAfter: 0 })
    await using server = await serveWithWeather(fake, 3)
    await using client = workiva({ clientId: 'workiva-client', clientSecret: 'workiva-secret', baseURLs: workivaFakeBaseURLs(server.url), hooks: stats.hooks })
    const fileIds = ['file-001', 'file-002', 'file-003', 'file-004']
    const status = new Map<string, string>()
    const show = () => progress([...status].map(([id, s]) => `${id} ${s}`).join(', '))
    const exportOne = async (fileId: string) => {
      const accepted = await exportFileById(client, { fileId, body: { kind: 'Document', documentExport: { format: 'pdf' } } })
      return wait(client, accepted, { minInterval: 50, onProgress: (s) => (status.set(fileId, s.status), show()) }).result({ timeout: 60_000 })
    }
    const [, sequentialMs] = await timed(async () => {
      for (const id of fileIds) await exportOne(id)
    })
    const [done, concurrentMs] = await timed(() => Promise.all(fileIds.map(exportOne)))
    return { summary: `${done.length} exports completed twice (one by one, then in parallel)`, sequentialMs, concurrentMs }
  },
}
