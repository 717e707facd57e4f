/**
 * The stateful Workiva fake refuses what the real API refuses on parameters: every request it
 * serves is checked against the spec operation it is — required headers (`Wk-Service-Provider`
 * on `GET /organizations`), required and unknown query parameters, types and ranges, path formats —
 * with the real 400 bodies. The SDK's own functions send what the spec requires, so they pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BadRequestError } from '../../src/core/errors.js'
import { workivaFake } from '../../src/testing/workiva/index.js'
import { getOrganizations, getTables, getWorkspaces } from '../../src/workiva/index.js'
import { CLIENT, fakeClient, ORIGIN, recordingServer } from './helpers.js'

const ORG = '6f1b0c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f'
const fake = workivaFake({ origin: ORIGIN, files: 2, tables: 3 })
const { server } = recordingServer(fake.handlers)
const client = fakeClient()
let token = ''

beforeAll(async () => {
  server.listen({ onUnhandledRequest: 'error' })
  const response = await fetch(`${ORIGIN}/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }),
  })
  token = ((await response.json()) as { access_token: string }).access_token
})
afterAll(async () => {
  server.close()
  await client.close()
})

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${ORIGIN}${path}`, { headers: { Authorization: `Bearer ${token}`, 'X-Version': '2026-01-01', ...headers } })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('stateful Workiva fake: spec parameters', () => {
  it('GET /organizations without Wk-Service-Provider: the real 400 body, naming the header', async () => {
    const { status, body } = await get('/organizations')
    expect(status).toBe(400)
    expect(body).toEqual({
      code: '400BadRequest',
      message: 'header Wk-Service-Provider: is required',
      details: [{ code: 'InvalidRequest', message: 'header Wk-Service-Provider: is required' }],
    })
    const ok = await get('/organizations', { 'Wk-Service-Provider': 'provider-1' })
    expect(ok.status).toBe(200)
    expect((ok.body.data as { id: string }[]).map((o) => o.id)).toEqual([ORG])
  })

  it('refuses unknown and out-of-range query parameters and a malformed path id', async () => {
    const provider = { 'Wk-Service-Provider': 'provider-1' }
    expect((await get('/organizations?$maxpagesize=5000', provider)).body.message).toBe('query $maxpagesize: must be ≤ 1000')
    expect((await get('/organizations?pageSize=5', provider)).body.message).toBe('query pageSize: is not a parameter of getOrganizations')
    expect((await get('/organizations/not-a-uuid')).body.message).toBe('path {organizationId}: is not a UUID')
    expect((await get(`/organizations/${ORG}/workspaces?$maxpagesize=0`)).status).toBe(400)
    expect((await get(`/organizations/${ORG}/workspaces?$maxpagesize=2`)).status).toBe(200)
  })

  it('answers Wdata parameter problems in the Wdata error shape', async () => {
    const { status, body } = await get('/s/wdata/prep/api/v1/table?limit=0')
    expect(status).toBe(400)
    expect(body).toEqual({ code: 400, body: 'query limit: must be ≥ 1' })
  })

  it("the SDK's functions send what the spec requires", async () => {
    const orgs = await getOrganizations(client, { 'Wk-Service-Provider': 'provider-1' })
    expect(orgs.map((o) => o.id)).toEqual([ORG])
    expect(await getWorkspaces(client, { organizationId: ORG, maxpagesize: 2 })).toHaveLength(3)
    expect(await getTables(client, { limit: 2 })).toHaveLength(3)
    // A hand-built call without the header is refused on the wire, as the real API would.
    await expect(client.request({ path: '/organizations' })).rejects.toBeInstanceOf(BadRequestError)
  })
})
