import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AuthenticationError, BadRequestError, ConflictError, HttpError, RateLimitError, ServerError, ValidationError } from '../../src/core/errors.js'
import { createClient } from '../../src/core/client.js'
import { workivaFake, workivaSpecFake } from '../../src/testing/workiva/index.js'
import { chainsGetWorkspaces, getFiles, getOrganizations, getTables, mapWorkivaError, workiva, WORKIVA_REGIONS } from '../../src/workiva/index.js'
import { CLIENT, fakeClient, ORIGIN, recordingServer } from './helpers.js'

describe('workiva() against the real hosts layout (spec-checking fake on every origin)', () => {
  const fake = workivaSpecFake()
  const { server, seen } = recordingServer(fake.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    seen.length = 0
  })
  afterAll(() => server.close())

  it.each(['us', 'eu', 'apac'] as const)('region %s: Platform, Chains and Wdata hosts, one token from {platform}/oauth2/token', async (region) => {
    const client = workiva({ clientId: 'id', clientSecret: 'secret', region, retry: false })
    try {
      await Promise.all([getFiles(client), chainsGetWorkspaces(client), getTables(client)])
      const hosts = WORKIVA_REGIONS[region]
      expect(client.baseURL).toBe(hosts.platform)
      const token = seen.filter((s) => s.url.endsWith('/oauth2/token'))
      expect(token.map((s) => s.url)).toEqual([`${hosts.platform}/oauth2/token`])
      const api = seen.filter((s) => !s.url.endsWith('/oauth2/token'))
      expect(api.map((s) => s.url.split('?')[0]).sort()).toEqual([`${hosts.platform}/files`, `${hosts.chains}/v1/metadata/workspace`, `${hosts.wdata}/api/v1/table`].sort())
      for (const s of seen) expect(s.headers.get('x-version')).toBe('2026-01-01')
      // The same bearer goes to all three hosts (Chains/Wdata are trusted origins).
      expect(new Set(api.map((s) => s.headers.get('authorization'))).size).toBe(1)
      expect(api[0]!.headers.get('authorization')).toMatch(/^Bearer spec-token-/)
    } finally {
      await client.close()
    }
  })

  it('the default region is us', () => {
    const client = workiva({ clientId: 'id', clientSecret: 'secret' })
    expect(client.baseURL).toBe('https://api.app.wdesk.com')
    void client.close()
  })

  it('a required header parameter is sent as a header', async () => {
    const client = workiva({ clientId: 'id', clientSecret: 'secret', retry: false })
    try {
      const orgs = await getOrganizations(client, { 'Wk-Service-Provider': 'provider-1' })
      expect(orgs).toHaveLength(1)
      expect(seen.at(-1)!.headers.get('wk-service-provider')).toBe('provider-1')
      expect(fake.state.calls.at(-1)).toMatchObject({ operation: 'getOrganizations', problems: [] })
    } finally {
      await client.close()
    }
  })

  it('a plain createClient client works too (operations go to its baseURL)', async () => {
    const token = await workiva({ clientId: 'id', clientSecret: 'secret' }).request<{ access_token: string }>({
      method: 'POST',
      path: '/oauth2/token',
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    })
    const plain = createClient({ baseURL: 'https://proxy.example', headers: { 'X-Version': '2026-01-01', Authorization: `Bearer ${token.access_token}` } })
    const files = await getFiles(plain)
    expect(files).toHaveLength(1)
    expect(seen.at(-1)!.url).toMatch(/^https:\/\/proxy\.example\/files/)
  })
})

describe('workiva() options', () => {
  it.each([
    [{ clientSecret: 's' }, 'clientId'],
    [{ clientId: '', clientSecret: 's' }, 'clientId'],
    [{ clientId: 'c' }, 'clientSecret'],
    [{ ...CLIENT, region: 'mars' }, 'region'],
    [{ ...CLIENT, baseURLs: { platform: 'not a url', chains: 'https://c', wdata: 'https://w' } }, 'baseURLs.platform'],
    [{ ...CLIENT, baseURLs: { platform: 'https://p', chains: 'https://c' } }, 'baseURLs.wdata'],
  ])('%j is refused naming %s', (options, path) => {
    const error = (() => {
      try {
        workiva(options as Parameters<typeof workiva>[0])
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(TypeError)
    expect(((error as Error).cause as ValidationError).issues[0]!.path).toBe(path)
  })
})

describe('tokens against the stateful fake', () => {
  const fake = workivaFake()
  const { server, seen } = recordingServer(fake.handlers)
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterAll(() => server.close())

  it('a custom tokenUrl (the documented /iam/v1/oauth2/token) is used', async () => {
    const client = fakeClient({ tokenUrl: '/iam/v1/oauth2/token' })
    await getTables(client)
    expect(seen.filter((s) => s.method === 'POST').map((s) => s.url)).toEqual([`${ORIGIN}/iam/v1/oauth2/token`])
    await client.close()
  })

  it('a wrong secret is an AuthenticationError that never shows the secret', async () => {
    const client = fakeClient({ clientSecret: 'super-secret-value' })
    const error = await getTables(client).then(undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect(String((error as Error).message)).toContain('invalid_client')
    expect(JSON.stringify({ m: (error as Error).message, e: error })).not.toContain('super-secret-value')
    await client.close()
  })
})

describe('mapWorkivaError', () => {
  const request = { method: 'GET', url: 'https://api.app.wdesk.com/files' }
  const map = (status: number, body: unknown, headers?: HeadersInit) => mapWorkivaError(new Response(null, { status, headers }), body, request)

  it('maps the Platform body to the typed error with code and message', () => {
    const error = map(409, { code: '409Conflict', message: 'The file is locked', target: 'name' })
    expect(error).toBeInstanceOf(ConflictError)
    expect(error!.message).toBe('GET https://api.app.wdesk.com/files → 409 409Conflict: The file is locked')
    expect(error!.body).toEqual({ code: '409Conflict', message: 'The file is locked', target: 'name' })
  })

  it('reads the nested, IAM, Chains and Wdata shapes', () => {
    expect(map(400, { error: { code: 'InvalidOrder', message: 'bad' } })!.message).toContain('InvalidOrder: bad')
    expect(map(401, { error: 'invalid_client', error_description: 'nope' })).toBeInstanceOf(AuthenticationError)
    expect(map(400, { code: 400, body: ['name is required', 'type is required'] })!.message).toContain('400: name is required; type is required')
    expect(map(503, { code: '503ServiceUnavailable', message: 'down' })).toBeInstanceOf(ServerError)
    expect(map(400, { code: '400BadRequest', message: 'x' })).toBeInstanceOf(BadRequestError)
  })

  it('keeps Retry-After on a 429', () => {
    const error = map(429, { code: '429TooManyRequests', message: 'slow down' }, { 'Retry-After': '3' })
    expect(error).toBeInstanceOf(RateLimitError)
    expect((error as RateLimitError).retryAfter).toBe(3000)
  })

  it('leaves unknown bodies to the core', () => {
    expect(map(500, 'Internal error')).toBeUndefined()
    expect(map(500, { unrelated: true })).toBeUndefined()
    expect(map(418, { code: 'Teapot', message: 'short and stout' })).toBeInstanceOf(HttpError)
  })
})
