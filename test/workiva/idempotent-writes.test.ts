// Per-call opt-in to retries of Workiva POST/PATCH functions (`WriteOptions.idempotent`), on the
// wire against the stateful fake (and the spec-checking fake), with faults injected in front of it.
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { NetworkError, ServerError } from '../../src/core/errors.js'
import { createFaults, type FaultOptions, type Faults } from '../../src/testing/faults.js'
import { workivaFake, workivaSpecFake } from '../../src/testing/workiva/index.js'
import { partiallyUpdateFileById, partiallyUpdateOrganizationById, trashFileById } from '../../src/workiva/index.js'
import { fakeClient, recordingServer } from './helpers.js'

/** Retries on, with delays short enough for a unit test. */
const RETRY = { retry: { limit: 2, baseDelay: 1, maxDelay: 5 } }

/** Faults that hit exactly the first `count` requests with `method` (and nothing else: the token request passes). */
function firstRequests(method: string, kind: 'serverErrorRate' | 'dropRate', count = 1): Faults {
  let left = count
  const options: FaultOptions = { [kind]: 1, match: (request) => request.method === method && left-- > 0 }
  return createFaults(options)
}

const rename = (fileId: string, name: string) => ({ fileId, body: [{ op: 'replace', path: '/name', value: name }] })

describe('PATCH on the stateful fake', () => {
  const fake = workivaFake({ retryAfter: 0 })
  const { server, seen } = recordingServer(fake.handlers)
  const client = fakeClient(RETRY)
  const patches = () => seen.filter((s) => s.method === 'PATCH')

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    seen.length = 0
  })
  afterAll(async () => {
    server.close()
    await client.close()
  })

  it('by default one injected 503 fails the call with ServerError: 1 request, nothing applied', async () => {
    const faults = firstRequests('PATCH', 'serverErrorRate')
    server.use(...faults.handlers)
    const writes = fake.stats.writes
    const before = fake.state.files.get('file-001')!.name

    const error = await partiallyUpdateFileById(client, rename('file-001', 'Renamed 001')).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ServerError)
    expect((error as ServerError).status).toBe(503)
    expect(faults.stats.serverErrors).toBe(1)
    expect(patches()).toHaveLength(1)
    expect(fake.stats.writes - writes).toBe(0)
    expect(fake.state.files.get('file-001')!.name).toBe(before)
  })

  it('with { idempotent: true } the same call is retried and succeeds: 2 requests, applied once', async () => {
    const faults = firstRequests('PATCH', 'serverErrorRate')
    server.use(...faults.handlers)
    const writes = fake.stats.writes

    const file = await partiallyUpdateFileById(client, rename('file-001', 'Renamed 001'), { idempotent: true })

    expect(file).toMatchObject({ id: 'file-001', name: 'Renamed 001' })
    expect(faults.stats.serverErrors).toBe(1)
    expect(patches()).toHaveLength(2)
    // Both requests carried the same JSON Patch.
    expect(patches().map((p) => p.url)).toEqual([patches()[0]!.url, patches()[0]!.url])
    expect(fake.stats.writes - writes).toBe(1)
    expect(fake.state.files.get('file-001')!.name).toBe('Renamed 001')
  })

  it('a dropped connection: NetworkError after 1 request by default, retried with { idempotent: true }', async () => {
    const writes = fake.stats.writes
    const dropped = firstRequests('PATCH', 'dropRate')
    server.use(...dropped.handlers)
    await expect(partiallyUpdateFileById(client, rename('file-002', 'Renamed 002'))).rejects.toBeInstanceOf(NetworkError)
    expect(dropped.stats.dropped).toBe(1)
    expect(patches()).toHaveLength(1)
    expect(fake.stats.writes - writes).toBe(0)

    server.resetHandlers()
    seen.length = 0
    const droppedAgain = firstRequests('PATCH', 'dropRate')
    server.use(...droppedAgain.handlers)
    const file = await partiallyUpdateFileById(client, rename('file-002', 'Renamed 002'), { idempotent: true })
    expect(file.name).toBe('Renamed 002')
    expect(droppedAgain.stats.dropped).toBe(1)
    expect(patches()).toHaveLength(2)
    expect(fake.stats.writes - writes).toBe(1)
  })

  it('{ idempotent: true } stays within the retry limit: three 503s in a row still fail after 3 requests', async () => {
    const faults = firstRequests('PATCH', 'serverErrorRate', 3)
    server.use(...faults.handlers)
    const writes = fake.stats.writes
    await expect(partiallyUpdateFileById(client, rename('file-003', 'Never'), { idempotent: true })).rejects.toBeInstanceOf(ServerError)
    expect(patches()).toHaveLength(3)
    expect(fake.stats.writes - writes).toBe(0)
  })

  it('{ idempotent: false } is the default: no retry', async () => {
    const faults = firstRequests('PATCH', 'serverErrorRate')
    server.use(...faults.handlers)
    await expect(partiallyUpdateFileById(client, rename('file-004', 'Renamed 004'), { idempotent: false })).rejects.toBeInstanceOf(ServerError)
    expect(patches()).toHaveLength(1)
  })

  it('a long-running POST takes it too (LroOptions): trash retried after a 503, then waited for', async () => {
    const faults = firstRequests('POST', 'serverErrorRate')
    server.use(...faults.handlers)
    const operation = await trashFileById(client, { fileId: 'file-005', body: {} }, { idempotent: true, wait: { interval: 5, minInterval: 5 } })
    expect(operation.status).toBe('completed')
    expect(seen.filter((s) => s.method === 'POST' && s.url.endsWith('/files/file-005/trash'))).toHaveLength(2)
    expect(fake.state.files.get('file-005')!.state).toBe('Trashed')

    server.resetHandlers()
    seen.length = 0
    server.use(...firstRequests('POST', 'serverErrorRate').handlers)
    await expect(trashFileById(client, { fileId: 'file-006', body: {} })).rejects.toBeInstanceOf(ServerError)
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(1)
    expect(fake.state.files.get('file-006')!.state).toBe('Active')
  })

  it('the soak case: 40 same-value renames under 20% injected 503s all succeed with { idempotent: true }', async () => {
    const faults = createFaults({ serverErrorRate: 0.2, seed: 11, match: (request) => request.method === 'PATCH' })
    server.use(...faults.handlers)
    const writes = fake.stats.writes
    // One call after the other, so each request meets the same draw of the seeded PRNG on every run.
    const failures: unknown[] = []
    for (let i = 0; i < 40; i++) {
      await partiallyUpdateFileById(client, rename(`file-0${10 + (i % 10)}`, `Soak ${i % 10}`), { idempotent: true }).catch((e: unknown) => failures.push(e))
    }
    expect(failures).toEqual([])
    expect(faults.stats.serverErrors).toBeGreaterThan(0)
    expect(patches()).toHaveLength(40 + faults.stats.serverErrors)
    expect(fake.stats.writes - writes).toBe(40)
    for (let i = 0; i < 10; i++) expect(fake.state.files.get(`file-0${10 + i}`)!.name).toBe(`Soak ${i}`)
  })
})

describe('partiallyUpdateOrganizationById on the spec-checking fake', () => {
  const fake = workivaSpecFake()
  const server = setupServer(...fake.handlers)
  const client = fakeClient(RETRY)
  const ORG = '6f1b0c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f'
  const body = [{ op: 'replace', path: '/name', value: 'Acme' }]
  const orgCalls = () => fake.state.calls.filter((c) => c.operation === 'partiallyUpdateOrganizationById')

  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    server.resetHandlers()
    fake.state.calls.length = 0
  })
  afterAll(async () => {
    server.close()
    await client.close()
  })

  it('default: one 503 → ServerError, the fake never reached', async () => {
    const faults = firstRequests('PATCH', 'serverErrorRate')
    server.use(...faults.handlers)
    await expect(partiallyUpdateOrganizationById(client, { organizationId: ORG, body })).rejects.toBeInstanceOf(ServerError)
    expect(faults.stats.serverErrors).toBe(1)
    expect(orgCalls()).toHaveLength(0)
  })

  it('{ idempotent: true }: one 503, then the retry matches the operation (200)', async () => {
    const faults = firstRequests('PATCH', 'serverErrorRate')
    server.use(...faults.handlers)
    const organization = await partiallyUpdateOrganizationById(client, { organizationId: ORG, body }, { idempotent: true })
    expect(organization).toBeTypeOf('object')
    expect(faults.stats.serverErrors).toBe(1)
    expect(orgCalls()).toEqual([expect.objectContaining({ method: 'PATCH', status: 200, problems: [] })])
  })
})
