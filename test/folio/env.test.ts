import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ClientClosedError, PermissionDeniedError, ServerError, ValidationError } from '../../src/index.js'
import { folio, folioConfigFromEnv, folioGet, folioGetAll } from '../../src/folio/index.js'
import { PASSWORD, URL_BASE, client, mountFake } from './_helpers.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const fast = { FOLIOCLIENT_SERVER_ERROR_RETRY_DELAY: '0.001', FOLIOCLIENT_AUTH_ERROR_RETRY_DELAY: '0.001' }

describe('folioConfigFromEnv', () => {
  it('maps FolioClient\'s variables (seconds → ms)', () => {
    expect(
      folioConfigFromEnv({
        FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES: '3',
        FOLIOCLIENT_SERVER_ERROR_RETRY_DELAY: '1.5',
        FOLIOCLIENT_SERVER_ERROR_MAX_WAIT: '20',
        FOLIOCLIENT_MAX_AUTH_ERROR_RETRIES: '2',
        FOLIOCLIENT_AUTH_ERROR_RETRY_DELAY: '10.0',
        FOLIOCLIENT_AUTH_ERROR_RETRY_FACTOR: '3.0',
        FOLIOCLIENT_AUTH_ERROR_MAX_WAIT: '60',
        FOLIOCLIENT_HTTP_TIMEOUT: '45',
        UNRELATED: 'x',
      }),
    ).toEqual({
      retry: { limit: 3, baseDelay: 1500, maxDelay: 20_000 },
      authRetry: { limit: 2, delay: 10_000, factor: 3, maxDelay: 60_000 },
      timeout: 45_000,
    })
    expect(folioConfigFromEnv({})).toEqual({})
    expect(folioConfigFromEnv({ SERVER_ERROR_RETRIES_MAX: '4' })).toEqual({ retry: { limit: 4 } })
  })

  it('a malformed value is a ValidationError naming the variable', () => {
    const error = (() => {
      try {
        folioConfigFromEnv({ FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES: 'three' })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]!.path).toBe('FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES')
    expect(() => folioConfigFromEnv({ FOLIOCLIENT_MAX_AUTH_ERROR_RETRIES: '1.5' })).toThrow(/FOLIOCLIENT_MAX_AUTH_ERROR_RETRIES/)
    expect(() => folioConfigFromEnv({ FOLIOCLIENT_SERVER_ERROR_RETRY_DELAY: '-1' })).toThrow(/FOLIOCLIENT_SERVER_ERROR_RETRY_DELAY/)
  })
})

describe('retries configured from an env object', () => {
  it('server-error retries: 2 failures are retried through; 3 are reported after 3 attempts', async () => {
    const fake = mountFake(server)
    const c = client({ retry: undefined, env: { FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES: '2', ...fast } })
    await folioGet(c, '/groups')
    fake.failNext(2, 503)
    await expect(folioGet<unknown[]>(c, '/groups', 'usergroups')).resolves.toHaveLength(4)
    expect(fake.state.counters.failed).toBe(2)
    fake.failNext(3, 502)
    const error = await folioGet(c, '/groups').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ServerError)
    expect((error as ServerError).status).toBe(502)
    expect(fake.state.counters.failed).toBe(5)
  })

  it('0 server-error retries turns them off; explicit options win over env', async () => {
    const fake = mountFake(server)
    const off = client({ retry: undefined, env: { FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES: '0' } })
    await folioGet(off, '/groups')
    fake.failNext(1)
    await expect(folioGet(off, '/groups')).rejects.toBeInstanceOf(ServerError)
    const explicit = client({ retry: { limit: 1, baseDelay: 1 }, env: { FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES: '0' } })
    await folioGet(explicit, '/groups')
    fake.failNext(1)
    await expect(folioGet<unknown[]>(explicit, '/groups', 'usergroups')).resolves.toHaveLength(4)
  })

  it('the env object is read when the client is created, not at import and not later', async () => {
    const fake = mountFake(server)
    const env: Record<string, string | undefined> = { ...fast }
    const before = client({ retry: undefined, env })
    env.FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES = '0' // too late for `before`, in time for `after`
    const after = client({ retry: undefined, env })
    await folioGet(before, '/groups')
    await folioGet(after, '/groups')
    fake.failNext(1)
    await expect(folioGet<unknown[]>(before, '/groups', 'usergroups')).resolves.toHaveLength(4) // core default: 2 retries
    fake.failNext(1)
    await expect(folioGet(after, '/groups')).rejects.toBeInstanceOf(ServerError)
  })

  it('auth-error retries: a 403 re-authenticates and replays, up to the limit', async () => {
    const fake = mountFake(server)
    const c = client({ env: { FOLIOCLIENT_MAX_AUTH_ERROR_RETRIES: '2', ...fast } })
    await folioGet(c, '/groups')
    fake.forbidNext(2)
    await expect(folioGet<unknown[]>(c, '/groups', 'usergroups')).resolves.toHaveLength(4)
    expect(fake.state.counters.forbidden).toBe(2)
    expect(fake.state.counters.refreshes).toBe(2)
    fake.forbidNext(3)
    await expect(folioGet(c, '/groups')).rejects.toBeInstanceOf(PermissionDeniedError)
    expect(fake.state.counters.forbidden).toBe(5)
  })

  it('without auth-error retries a 403 is reported at once, with no re-authentication', async () => {
    const fake = mountFake(server)
    const c = client()
    await folioGet(c, '/groups')
    fake.forbidNext(1)
    await expect(folioGet(c, '/groups')).rejects.toBeInstanceOf(PermissionDeniedError)
    expect(fake.state.counters.refreshes + fake.state.counters.logins).toBe(1)
  })

  it('50 concurrent 403s with auth retries share one re-authentication', async () => {
    const fake = mountFake(server)
    const c = client({ authRetry: { limit: 1, delay: 5 } })
    await folioGet(c, '/groups')
    fake.forbidNext(50)
    const results = await Promise.all(Array.from({ length: 50 }, () => folioGet<unknown[]>(c, '/groups', 'usergroups')))
    expect(results.every((r) => r.length === 4)).toBe(true)
    expect(fake.state.counters.refreshes).toBe(1)
  })

  it('close() ends 50 calls waiting to retry a 403 at once, with ClientClosedError and no listener warning', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    try {
      const fake = mountFake(server)
      const c = client({ authRetry: { limit: 1, delay: 60_000 } })
      await folioGet(c, '/groups')
      fake.forbidNext(50)
      const calls = Array.from({ length: 50 }, () => folioGet(c, '/groups').then(() => 'ok', (error: unknown) => error))
      // Every call has had its 403 and is waiting the 60 s before its retry.
      await expect.poll(() => fake.state.counters.forbidden, { timeout: 5_000 }).toBe(50)
      const started = Date.now()
      await c.close()
      const outcomes = await Promise.all(calls)
      expect(Date.now() - started).toBeLessThan(5_000)
      expect(outcomes.every((outcome) => outcome instanceof ClientClosedError)).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 20))
      expect(warnings.filter((name) => name === 'MaxListenersExceededWarning')).toEqual([])
    } finally {
      process.off('warning', onWarning)
    }
  })

  it('retries keep a 10,000-user iteration going through 5xx blips', async () => {
    const fake = mountFake(server, { users: 10_000 })
    const c = client({ retry: undefined, env: { FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES: '3', ...fast } })
    const ids = new Set<string>()
    let n = 0
    for await (const user of folioGetAll<{ id: string }>(c, '/users', 'users', { limit: 500 })) {
      ids.add(user.id)
      if (++n % 2000 === 0) fake.failNext(2, 504)
    }
    expect(ids.size).toBe(10_000)
    expect(fake.state.counters.failed).toBe(10)
  })

  it('the core\'s own variable names apply too', () => {
    const c = client({ env: { ISOSDK_TIMEOUT: '1234', ISOSDK_CONCURRENCY: '3' } })
    expect(c.options.timeout).toBe(1234)
    expect(c.options.concurrency).toBe(3)
    expect(client({ env: { ISOSDK_TIMEOUT: '1234', FOLIOCLIENT_HTTP_TIMEOUT: '2' } }).options.timeout).toBe(2000)
  })
})

describe('folio() options', () => {
  it('bad options are TypeErrors naming the field (the ValidationError with the issues is their cause)', () => {
    const base = { url: URL_BASE, tenant: 'diku', username: 'u', password: PASSWORD }
    const path = (options: object) => {
      try {
        folio({ ...base, ...options } as Parameters<typeof folio>[0])
      } catch (e) {
        return e instanceof TypeError && e.cause instanceof ValidationError ? e.cause.issues[0]!.path : String(e)
      }
      return 'no error'
    }
    expect(path({ url: 'folio.example.org' })).toBe('url')
    expect(path({ url: 'ftp://folio.example.org' })).toBe('url')
    expect(path({ tenant: '' })).toBe('tenant')
    expect(path({ tenant: 'a b' })).toBe('tenant')
    expect(path({ username: undefined })).toBe('username')
    expect(path({ password: '' })).toBe('password')
    expect(path({ authRetry: { limit: -1 } })).toBe('authRetry.limit')
    expect(path({ authRetry: { factor: 0.5 } })).toBe('authRetry.factor')
    expect(path({ legacyLogin: 'yes' })).toBe('legacyLogin')
    expect(path({ env: 'FOO=1' })).toBe('env')
    expect(path({})).toBe('no error')
  })
})
