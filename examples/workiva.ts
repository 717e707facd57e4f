/**
 * The Workiva Python guide's complete example ("procesar archivos en paralelo") with isosdk:
 * export four files at once, wait for each export, and report every file's outcome — one
 * failure does not lose the others (the guide's `asyncio.gather(..., return_exceptions=True)`).
 * Against the Workiva fake served on 127.0.0.1, where `file-003`'s export fails on purpose.
 *
 *   npm run build && npx tsx examples/workiva.ts
 *
 * To run it against Workiva, set WORKIVA_CLIENT_ID, WORKIVA_CLIENT_SECRET, WORKIVA_FILE_IDS
 * (comma-separated) and optionally WORKIVA_REGION (us, eu, apac).
 */
import { IsoSdkError, OperationFailedError } from 'isosdk'
import { serve, workivaFake, workivaFakeBaseURLs } from 'isosdk/testing'
import { OperationCancelledError, exportFileById, wait, workiva, type Operation, type WorkivaRegion } from 'isosdk/workiva'

const live = process.env.WORKIVA_CLIENT_ID !== undefined
const fake = live ? undefined : workivaFake({ failFiles: ['file-003'] })
const server = fake ? await serve(fake.handlers) : undefined

const client = workiva({
  clientId: process.env.WORKIVA_CLIENT_ID ?? 'workiva-client',
  clientSecret: process.env.WORKIVA_CLIENT_SECRET ?? 'workiva-secret',
  ...(server ? { baseURLs: workivaFakeBaseURLs(server.url) } : { region: (process.env.WORKIVA_REGION ?? 'us') as WorkivaRegion }),
})

/** Exports one file as PDF and waits for the export (the guide's `export_file`). */
async function exportFile(fileId: string): Promise<Operation> {
  const accepted = await exportFileById(client, { fileId, body: { kind: 'Document', documentExport: { format: 'pdf' } } })
  console.log(`  ${fileId}: accepted as operation ${accepted.operationId}`)
  const poller = wait(client, accepted, { onProgress: (state) => console.log(`  ${fileId}: ${state.status}`) })
  return poller.result({ timeout: 120_000 })
}

const fileIds = process.env.WORKIVA_FILE_IDS?.split(',').map((id) => id.trim()) ?? ['file-001', 'file-002', 'file-003', 'file-004']
try {
  console.log(`Exporting ${fileIds.length} files in parallel via ${client.baseURL}`)
  const results = await Promise.allSettled(fileIds.map(exportFile))

  console.log('Results:')
  results.forEach((result, i) => {
    const fileId = fileIds[i]
    if (result.status === 'fulfilled') console.log(`  ${fileId}: OK - ${result.value.resourceUrl}`)
    else if (result.reason instanceof OperationCancelledError) console.log(`  ${fileId}: CANCELLED - ${result.reason.message}`)
    else if (result.reason instanceof OperationFailedError) console.log(`  ${fileId}: FAILED - ${result.reason.message}`)
    else if (result.reason instanceof IsoSdkError) console.log(`  ${fileId}: ERROR - ${result.reason.message}`)
    else throw result.reason
  })
  const ok = results.filter((r) => r.status === 'fulfilled').length
  console.log(`${ok} of ${fileIds.length} exports finished${fake ? ` (${fake.stats.requests} requests, ${fake.stats.logins} token)` : ''}`)
} finally {
  await client.close()
  await server?.close()
}
