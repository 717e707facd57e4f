import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthenticationError, BadRequestError } from '../../src/core/errors.js'
import { createClient } from '../../src/core/client.js'
import { workivaSpecFake, workivaSpecTable } from '../../src/testing/workiva/index.js'
import { fakeClient, recordingServer } from './helpers.js'

const fake = workivaSpecFake()
const { server } = recordingServer(fake.handlers)
const client = fakeClient()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(async () => {
  server.close()
  await client.close()
})

/** Sends a raw request and returns the problems the fake named (it must refuse with 400). */
async function refused(op: Parameters<typeof client.request>[0]): Promise<string[]> {
  const error = await client.request(op).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(BadRequestError)
  const call = fake.state.calls.at(-1)!
  expect(call.status).toBe(400)
  return call.problems
}

describe('the spec-checking fake', () => {
  it('holds all 359 operations', () => {
    expect(workivaSpecTable.operations).toHaveLength(359)
    expect(new Set(workivaSpecTable.operations.map((o) => o.fn)).size).toBe(359)
  })

  it('answers a request that matches its operation', async () => {
    const file = await client.request<{ id: string }>({ path: '/files/abc' })
    expect(file.id).toBe('id-1')
    expect(fake.state.calls.at(-1)).toMatchObject({ operation: 'getFileById', status: 200, problems: [] })
  })

  it('refuses an unknown path', async () => {
    expect(await refused({ path: '/filez' })).toEqual(['no platform operation has the path /filez'])
  })

  it('refuses a method the path does not have', async () => {
    const problems = await refused({ method: 'DELETE', path: '/files' })
    expect(problems[0]).toMatch(/DELETE is not an operation of \/files \(allowed: GET, POST\)/)
  })

  it('refuses unknown, missing and mistyped query parameters', async () => {
    expect(await refused({ path: '/files', query: { $top: 5 } })).toEqual(['query $top: is not a parameter of getFiles'])
    expect(await refused({ path: '/files', query: { $maxpagesize: 'ten' } })).toEqual(['query $maxpagesize: "ten" is not a number'])
    expect(await refused({ path: '/files', query: { $maxpagesize: 5000 } })).toEqual(['query $maxpagesize: must be ≤ 1000'])
    // Wdata uploadFile needs tableId.
    const form = new FormData()
    form.append('file', new Blob(['a,b']), 'data.csv')
    expect(await refused({ method: 'POST', path: 'https://workiva.test/s/wdata/prep/api/v1/file', body: form })).toEqual(['query tableId: is required'])
  })

  it('refuses a missing required header', async () => {
    expect(await refused({ path: '/organizations' })).toEqual(['header Wk-Service-Provider: is required'])
  })

  it('refuses path parameters of the wrong format', async () => {
    expect(await refused({ path: '/organizations/not-a-uuid' })).toEqual(['path {organizationId}: is not a UUID'])
  })

  it('refuses bodies that are missing, mistyped, or have unknown properties', async () => {
    expect(await refused({ method: 'POST', path: '/files/abc/copy' })).toEqual(['body: is required'])
    expect(await refused({ method: 'POST', path: '/files/abc/copy', body: { destinationContainer: 5 } })).toEqual(['body.destinationContainer: expected a string'])
    expect(await refused({ method: 'POST', path: '/files/abc/copy', body: { destination: 'folder' } })).toEqual(['body.destination: is not a known property'])
    expect(await refused({ method: 'POST', path: '/files/abc/export', body: { kind: 'Movie' } })).toEqual([
      'body.kind: "Movie" is not one of "Document", "Spreadsheet", "Presentation", "SupportingDocument", "Folder", "Workiva"',
    ])
    expect(await refused({ method: 'POST', path: '/files/abc/copy', body: 'destinationContainer=x', headers: { 'content-type': 'text/plain' } })).toEqual([
      'body: expected application/json, got text/plain',
    ])
    expect(await refused({ method: 'POST', path: '/files/abc/restore/', body: {} })).toHaveLength(1)
  })

  it('refuses a body on an operation that takes none', async () => {
    expect(await refused({ method: 'DELETE', path: '/tasks/t1', body: { force: true } })).toEqual(['deleteTaskById takes no body'])
  })

  it('needs its own bearer token and X-Version', async () => {
    const anonymous = createClient({ baseURL: 'https://workiva.test', headers: { 'X-Version': '2026-01-01' }, retry: false })
    await expect(anonymous.request({ path: '/files' })).rejects.toBeInstanceOf(AuthenticationError)
    const token = await client.request<{ access_token: string }>({ method: 'POST', path: '/oauth2/token', body: new URLSearchParams({ grant_type: 'client_credentials' }) })
    const noVersion = createClient({ baseURL: 'https://workiva.test', headers: { Authorization: `Bearer ${token.access_token}` }, retry: false })
    await expect(noVersion.request({ path: '/files' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('X-Version') })
    fake.expireCredentials()
    const stale = createClient({ baseURL: 'https://workiva.test', headers: { 'X-Version': '2026-01-01', Authorization: `Bearer ${token.access_token}` }, retry: false })
    await expect(stale.request({ path: '/files' })).rejects.toBeInstanceOf(AuthenticationError)
  })

  it('refuses a token request without grant_type', async () => {
    expect(await refused({ method: 'POST', path: '/oauth2/token', body: new URLSearchParams({ client_id: 'x' }) })).toEqual(['body.grant_type: is required'])
  })
})
