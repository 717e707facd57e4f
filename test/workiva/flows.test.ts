import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { NotFoundError, OperationFailedError, TimeoutError, ValidationError } from '../../src/core/errors.js'
import { workivaFake } from '../../src/testing/workiva/index.js'
import {
  OperationCancelledError,
  chainRunHistory,
  chainsGetWorkspaces,
  copyFile,
  createTable,
  exportFileById,
  getChains,
  getCopyFileResults,
  getFileById,
  getFiles,
  getImportFileResults,
  getTable,
  getTables,
  getTrashedFiles,
  getWorkspaces,
  importFile,
  restoreFileById,
  startChain,
  trashFileById,
  wait,
  type OperationState,
} from '../../src/workiva/index.js'
import { fakeClient, recordingServer } from './helpers.js'

const ORG = '6f1b0c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f'
const fake = workivaFake({ retryAfter: 0, failFiles: ['file-003'], cancelFiles: ['file-004'], hangFiles: ['file-005'] })
const { server, seen } = recordingServer(fake.handlers)
const client = fakeClient()
// Polls as fast as the fake allows (it sends Retry-After: 0) but never in a hot loop.
const fast = { minInterval: 5, interval: 5 }

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  seen.length = 0
})
afterAll(async () => {
  server.close()
  await client.close()
})

const requests = (method: string, pattern: RegExp) => seen.filter((s) => s.method === method && pattern.test(new URL(s.url).pathname))

describe('files across pages', () => {
  it('await gives every file of every page, following @nextLink', async () => {
    const files = await getFiles(client, { maxpagesize: 10 })
    expect(files).toHaveLength(27)
    expect(new Set(files.map((f) => f.id)).size).toBe(27)
    expect(files.slice(0, 3).map((f) => f.id)).toEqual(['folder-1', 'folder-2', 'file-001'])
    expect(requests('GET', /\/files$/)).toHaveLength(3)
    // The second request is the @nextLink URL itself (same origin): it carries the server's $next.
    expect(new URL(requests('GET', /\/files$/)[1]!.url).searchParams.get('$next')).toBe('o10')
  })

  it('streams items with for await and pages with .pages(), reporting progress', async () => {
    const progress: number[] = []
    const sizes: number[] = []
    for await (const page of getFiles(client, { maxpagesize: 12 }, { onProgress: (p) => progress.push(p.items) }).pages()) sizes.push(page.length)
    expect(sizes).toEqual([12, 12, 3])
    expect(progress).toEqual([12, 24, 27])
    let count = 0
    for await (const file of getFiles(client, { maxpagesize: 5 })) if (file.kind === 'Folder') count++
    expect(count).toBe(2)
  })

  it('passes $filter through', async () => {
    const folders = await getFiles(client, { filter: "kind eq 'Folder'" })
    expect(folders.map((f) => f.name)).toEqual(['Reports', 'Archive'])
    expect(new URL(requests('GET', /\/files$/)[0]!.url).searchParams.get('$filter')).toBe("kind eq 'Folder'")
  })

  it('checks params before sending anything', async () => {
    await expect(getFiles(client, { maxpagesize: 5000 })).rejects.toMatchObject({ name: 'ValidationError', issues: [expect.objectContaining({ path: 'maxpagesize' })] })
    await expect(getFileById(client, { fileId: '' })).rejects.toBeInstanceOf(ValidationError)
    // @ts-expect-error the body is required
    await expect(copyFile(client, { fileId: 'file-001' })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'body' })] })
    expect(seen).toHaveLength(0)
  })

  it('encodes path parameters', async () => {
    const error = await getFileById(client, { fileId: 'a/b c' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as NotFoundError).message).toContain('404NotFound: No file a/b c')
    expect(new URL(seen.at(-1)!.url).pathname).toBe('/files/a%2Fb%20c')
  })
})

describe('long-running operations', () => {
  it('copy, then wait: queued → started → completed, and the copy exists', async () => {
    const accepted = await copyFile(client, { fileId: 'file-001', body: { destinationContainer: 'folder-1' } })
    expect(accepted).toMatchObject({ status: 202, operationId: expect.stringMatching(/^op-\d+$/), location: expect.stringContaining('/operations/'), retryAfter: 0 })
    const statuses: string[] = []
    const operation = await wait(client, accepted, { ...fast, onProgress: (s: OperationState) => statuses.push(s.status) }).result()
    expect(statuses).toEqual(['queued', 'started', 'completed'])
    expect(operation.status).toBe('completed')
    expect(operation.resourceUrl).toBe(`https://workiva.test/operations/${accepted.operationId}/copyFileResults`)
    const results = await getCopyFileResults(client, { operationId: accepted.operationId })
    expect(results).toEqual([{ id: expect.stringMatching(/^file-copy-/), container: 'folder-1', kind: 'Document' }])
    const copy = await getFileById(client, { fileId: results[0]!.id! })
    expect(copy).toMatchObject({ name: 'Report 001 (copy)', container: 'folder-1', state: 'Active' })
  })

  it('copy with { wait: true } resolves with the finished operation', async () => {
    const operation = await copyFile(client, { fileId: 'file-002', body: { destinationContainer: '' } }, { wait: fast })
    expect(operation).toMatchObject({ status: 'completed', resourceUrl: expect.stringContaining('copyFileResults') })
  })

  it('export, wait, and download the result with the same token', async () => {
    const operation = await exportFileById(client, { fileId: 'file-006', body: { kind: 'Document', documentExport: { format: 'pdf' } } }, { wait: fast })
    expect(operation.resourceUrl).toMatch(/\/downloads\/op-\d+$/)
    const pdf = await client.request<string>({ path: operation.resourceUrl!, responseType: 'text' })
    expect(pdf).toContain('fake export of file-006 (Report 006) as pdf')
  })

  it('a failed operation rejects with OperationFailedError and its details', async () => {
    const accepted = await exportFileById(client, { fileId: 'file-003', body: { kind: 'Document', documentExport: { format: 'pdf' } } })
    const error = await wait(client, accepted, fast).result().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OperationFailedError)
    expect(error).not.toBeInstanceOf(OperationCancelledError)
    expect((error as OperationFailedError).details).toEqual([{ code: 'ExportFailed', target: 'file-003', message: 'The export of file-003 could not be completed' }])
    expect((error as Error).message).toContain('ExportFailed (file-003)')
    expect((error as OperationFailedError).operation).toMatchObject({ id: accepted.operationId, status: 'failed' })
  })

  it('a cancelled operation rejects with OperationCancelledError', async () => {
    const error = await copyFile(client, { fileId: 'file-004', body: {} }, { wait: fast }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OperationCancelledError)
    expect(error).toBeInstanceOf(OperationFailedError)
    expect((error as OperationCancelledError).name).toBe('OperationCancelledError')
  })

  it('a wait past its timeout rejects with TimeoutError carrying the last status', async () => {
    const accepted = await copyFile(client, { fileId: 'file-005', body: {} })
    const started = Date.now()
    const error = await wait(client, accepted, { minInterval: 50 }).result({ timeout: 400 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TimeoutError)
    expect((error as TimeoutError).lastStatus).toBe('started')
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(fake.state.operations.get(accepted.operationId)!.polls).toBeGreaterThan(1)
  })

  it('polls by hand with done() / poll()', async () => {
    const poller = wait(client, await copyFile(client, { fileId: 'file-007', body: {} }))
    const statuses: string[] = []
    for (let i = 0; i < 10 && !poller.done(); i++) statuses.push((await poller.poll()).status)
    expect(statuses).toEqual(['queued', 'started', 'completed'])
    expect(poller.latest()?.operation.status).toBe('completed')
    // result() after the end does not poll again.
    const before = seen.length
    await expect(poller.result()).resolves.toMatchObject({ status: 'completed' })
    expect(seen.length).toBe(before)
  })

  it('waits on a raw 202 Response and on an operation id', async () => {
    const response = await client.request<Response>({ method: 'POST', path: '/files/file-008/copy', body: {}, responseType: 'response' })
    expect(response.status).toBe(202)
    const operation = await wait(client, response, fast).result()
    await expect(wait(client, operation.id!, fast).result()).resolves.toMatchObject({ id: operation.id, status: 'completed' })
  })

  it('trash and restore', async () => {
    await trashFileById(client, { fileId: 'file-009', body: {} }, { wait: fast })
    expect(await getFileById(client, { fileId: 'file-009' })).toMatchObject({ state: 'Trashed' })
    expect((await getTrashedFiles(client)).map((f) => f.id)).toContain('file-009')
    await restoreFileById(client, { fileId: 'file-009', body: {} }, { wait: fast })
    expect(await getFileById(client, { fileId: 'file-009' })).toMatchObject({ state: 'Active' })
  })

  it('import: the 202 body carries the upload URL', async () => {
    const accepted = await importFile(client, { body: { fileName: 'q4.docx', kind: 'Document' } })
    expect(accepted.body).toEqual({ uploadUrl: 'https://workiva.test/uploads/q4.docx' })
    await wait(client, accepted, fast).result()
    const imported = await getImportFileResults(client, { operationId: accepted.operationId })
    expect(imported).toHaveLength(1)
    expect(await getFileById(client, { fileId: imported[0]!.id! })).toMatchObject({ name: 'q4.docx' })
  })
})

describe('tokens', () => {
  it('a token expiring mid-run: the calls keep working with one new token', async () => {
    const before = fake.stats.logins
    const files = await getFiles(client, { maxpagesize: 10 }, { onProgress: (p) => p.pages === 1 && fake.expireCredentials() })
    expect(files).toHaveLength(fake.state.files.size - [...fake.state.files.values()].filter((f) => f.state !== 'Active').length)
    expect(fake.stats.logins).toBe(before + 1)
    // Several calls in flight when the token dies: still one new token.
    fake.expireCredentials()
    const results = await Promise.all([getFileById(client, { fileId: 'file-010' }), getTables(client), chainsGetWorkspaces(client), getFileById(client, { fileId: 'file-011' })])
    expect(results).toHaveLength(4)
    expect(fake.stats.logins).toBe(before + 2)
    expect(requests('POST', /\/oauth2\/token$/)).toHaveLength(2)
  })
})

describe('admin, wdata and chains', () => {
  it('three namespaces at once (Promise.all), with one token', async () => {
    const fresh = fakeClient()
    const logins = fake.stats.logins
    try {
      const [files, workspaces, tables] = await Promise.all([getFiles(fresh), getWorkspaces(fresh, { organizationId: ORG }), getTables(fresh)])
      expect(files.length).toBeGreaterThanOrEqual(27)
      expect(workspaces.map((w) => w.name)).toEqual(['Finance', 'Sustainability', 'Audit'])
      expect(tables.map((t) => t.name)).toHaveLength(5)
      expect(fake.stats.logins).toBe(logins + 1)
      // Wdata lives on its own host path, with the same bearer.
      const tableCall = requests('GET', /\/api\/v1\/table$/)[0]!
      expect(tableCall.url).toMatch(/^https:\/\/workiva\.test\/s\/wdata\/prep\/api\/v1\/table/)
      expect(tableCall.headers.get('authorization')).toMatch(/^Bearer wk-token-/)
    } finally {
      await fresh.close()
    }
  })

  it('wdata: tables across cursor pages, create and read', async () => {
    const tables = await getTables(client, { limit: 2 })
    expect(tables.map((t) => t.id)).toEqual(['table-001', 'table-002', 'table-003', 'table-004', 'table-005'])
    expect(requests('GET', /\/api\/v1\/table$/).map((s) => new URL(s.url).searchParams.get('cursor'))).toEqual([null, 'c2', 'c4'])
    const created = await createTable(client, {
      body: { name: 'FX rates', type: 'lookup', isShared: false, uniqueTableConstraints: [], tableSchema: { columns: [{ name: 'currency', type: 'string' }] } },
    })
    expect(created.code).toBe(201)
    const read = await getTable(client, { tableId: created.body!.id! })
    expect(read.body).toMatchObject({ name: 'FX rates', type: 'lookup' })
  })

  it('chains: workspaces, chains, run history across data.cursor pages, start a run', async () => {
    const workspaces = await chainsGetWorkspaces(client)
    expect(workspaces.data?.map((w) => w.name)).toEqual(['Close automation'])
    const chains = await getChains(client, { environment_id: 'env-1' })
    expect(chains.data?.map((c) => c.name)).toEqual(['Monthly close', 'Trial balance import'])
    const runs = await chainRunHistory(client, { environment_id: 'env-1', chain_id: 'chain-1', limit: '2' }) // the spec types Chains `limit` as a string
    expect(runs.map((r) => r.id)).toEqual(['run-001', 'run-002', 'run-003', 'run-004', 'run-005'])
    expect(requests('GET', /\/history$/)).toHaveLength(3)
    expect(requests('GET', /\/history$/)[0]!.url).toMatch(/^https:\/\/workiva\.test\/s\/wdata\/oc\/api\/v1\/execute\//)
    const started = await startChain(client, { environment_id: 'env-1', chain_id: 'chain-2', body: {} })
    expect(started.data).toMatchObject({ chainId: 'chain-2', state: 'enqueueing' })
  })

  it('errors of each API become typed errors with the API message', async () => {
    await expect(getTable(client, { tableId: 'missing' })).rejects.toThrow(/404 404: No table missing/)
    await expect(getChains(client, { environment_id: 'nope' })).rejects.toMatchObject({ name: 'NotFoundError', message: expect.stringContaining('not_found: No environment nope') })
    await expect(getWorkspaces(client, { organizationId: '00000000-0000-4000-8000-000000000000' })).rejects.toBeInstanceOf(NotFoundError)
  })
})
