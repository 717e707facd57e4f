import { serve, workivaFake, workivaFakeBaseURLs } from 'isosdk/testing'
import { exportFileById, wait, workiva, type WorkivaRegion } from 'isosdk/workiva'
import { withWeather } from '../fakes.js'
import { timed, type DemoTask } from '../stats.js'

/** Workiva: export four files and wait for each, one after another and then in parallel. WORKIVA_CLIENT_ID/SECRET/FILE_IDS use the real API. */
export const workivaTask: DemoTask = {
  name: 'Workiva   export four files and wait',
  async run({ stats, progress, env }) {
    const fake = env.WORKIVA_CLIENT_ID ? undefined : workivaFake({ advance: 'poll', retryAfter: 0 })
    await using server = fake ? await serve(withWeather(fake, 3)) : undefined
    await using client = workiva({
      clientId: env.WORKIVA_CLIENT_ID ?? 'workiva-client',
      clientSecret: env.WORKIVA_CLIENT_SECRET ?? 'workiva-secret',
      ...(server ? { baseURLs: workivaFakeBaseURLs(server.url) } : { region: (env.WORKIVA_REGION ?? 'us') as WorkivaRegion }),
      hooks: stats.hooks,
    })
    const fileIds = env.WORKIVA_FILE_IDS?.split(',') ?? ['file-001', 'file-002', 'file-003', 'file-004']
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
