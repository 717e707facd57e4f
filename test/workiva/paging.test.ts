import { afterEach, describe, expect, it } from 'vitest'
import { workivaFake } from '../../src/testing/workiva/index.js'
import { getCopyFileResults, getFiles, getOrgReportUsers, getTables, getWorkspaces } from '../../src/workiva/index.js'
import { fakeClient, ORIGIN, recordingServer } from './helpers.js'
import { http, HttpResponse } from 'msw'

const ORG = '6f1b0c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f'
const servers: { close(): void }[] = []

function start(options: Parameters<typeof workivaFake>[0], extra: Parameters<typeof http.get>[] = []) {
  const fake = workivaFake({ retryAfter: 0, ...options })
  const { server, seen } = recordingServer([...extra.map((args) => http.get(...args)), ...fake.handlers])
  server.listen({ onUnhandledRequest: 'error' })
  servers.push(server)
  const client = fakeClient()
  return { fake, seen, client }
}

afterEach(() => {
  for (const s of servers.splice(0)) s.close()
})

describe('@nextLink paging', () => {
  it('a bare @nextLink token goes back as $next with the same params', async () => {
    const { seen, client } = start({ nextLink: 'token' })
    const files = await getFiles(client, { maxpagesize: 10, orderBy: 'name' })
    expect(files).toHaveLength(27)
    const urls = seen.filter((s) => s.method === 'GET').map((s) => new URL(s.url))
    expect(urls.map((u) => u.searchParams.get('$next'))).toEqual([null, 'o10', 'o20'])
    expect(urls.every((u) => u.searchParams.get('$maxpagesize') === '10' && u.searchParams.get('$orderBy') === 'name')).toBe(true)
    await client.close()
  })

  it('an @nextLink on another origin is never requested: its query goes to our own host, with our token', async () => {
    const { seen, client } = start({ nextLinkOrigin: 'https://elsewhere.example' })
    const workspaces = await getWorkspaces(client, { organizationId: ORG, maxpagesize: 1 })
    expect(workspaces.map((w) => w.name)).toEqual(['Finance', 'Sustainability', 'Audit'])
    const api = seen.filter((s) => s.method === 'GET')
    expect(api).toHaveLength(3)
    for (const s of api) {
      expect(new URL(s.url).origin).toBe(ORIGIN)
      expect(s.headers.get('authorization')).toMatch(/^Bearer /)
    }
    expect(new URL(api[1]!.url).searchParams.get('$next')).toBe('o1')
    expect(seen.some((s) => s.url.startsWith('https://elsewhere.example'))).toBe(false)
    await client.close()
  })

  it('an explicit next starts from that cursor', async () => {
    const { client } = start({ nextLink: 'token' })
    const rest = await getFiles(client, { maxpagesize: 10, next: 'o20' })
    expect(rest).toHaveLength(7)
    await client.close()
  })

  it('a page the server refuses rejects the whole list with the typed error', async () => {
    const { client } = start({})
    await expect(getCopyFileResults(client, { operationId: 'op-404' })).rejects.toMatchObject({ name: 'NotFoundError', status: 404 })
    await client.close()
  })
})

describe('JSON:API links.next paging', () => {
  it('follows links.next on the same origin until it is null', async () => {
    const pages: Record<string, { data: unknown[]; links: { next: string | null } }> = {
      '': { data: [{ id: 'u1', type: 'orgReportUser' }, { id: 'u2', type: 'orgReportUser' }], links: { next: `${ORIGIN}/organizations/${ORG}/orgReportUsers?page%5Bafter%5D=p2` } },
      p2: { data: [{ id: 'u3', type: 'orgReportUser' }], links: { next: null } },
    }
    const { seen, client } = start({}, [
      [`*/organizations/:org/orgReportUsers`, ({ request }) => HttpResponse.json(pages[new URL(request.url).searchParams.get('page[after]') ?? ''])],
    ])
    const users = await getOrgReportUsers(client, { organizationId: ORG, 'page[size]': 2 })
    expect(users.map((u) => u.id)).toEqual(['u1', 'u2', 'u3'])
    const api = seen.filter((s) => s.method === 'GET')
    expect(new URL(api[1]!.url).searchParams.get('page[after]')).toBe('p2')
    await client.close()
  })
})

describe('Wdata cursor paging', () => {
  it('drops offset once a cursor takes over', async () => {
    const { seen, client } = start({ tables: 7 })
    const tables = await getTables(client, { limit: 3, offset: 1 })
    expect(tables.map((t) => t.id)).toEqual(['table-002', 'table-003', 'table-004', 'table-005', 'table-006', 'table-007'])
    const urls = seen.filter((s) => s.method === 'GET').map((s) => new URL(s.url).searchParams)
    expect(urls.map((q) => [q.get('cursor'), q.get('offset')])).toEqual([
      [null, '1'],
      ['c4', null],
    ])
    await client.close()
  })
})
