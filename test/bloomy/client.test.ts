import { describe, expect, it } from 'vitest'
import {
  AuthenticationError,
  BadRequestError,
  NotFoundError,
  RateLimitError,
  ServerError,
  ValidationError,
  createClient,
} from '../../src/index.js'
import { apiKey } from '../../src/auth/index.js'
import {
  BLOOMY_BASE_URL,
  bloomy,
  bloomyToken,
  getCurrentUser,
  getMeetingDetails,
  getTodo,
  listTodos,
} from '../../src/bloomy/index.js'
import { FAKE_BLOOMY_PASSWORD, FAKE_BLOOMY_USERNAME } from '../../src/testing/bloomy/index.js'
import { BASE, calls, useBloomy } from './_setup.js'

const ctx = useBloomy()

describe('bloomy()', () => {
  it('defaults to the Bloom Growth API base and sends the key as a bearer token', async () => {
    const client = bloomy({ apiKey: ctx.fake.apiKey })
    expect(client.baseURL).toBe(BLOOMY_BASE_URL)
    const me = await getCurrentUser(client) // the fake answers under any origin
    expect(me.name).toBe('Ada Lovelace')
    expect(ctx.sent[0]?.headers.get('authorization')).toBe(`Bearer ${ctx.fake.apiKey}`)
    expect(ctx.sent[0]?.headers.get('content-type')).toBeNull()
    await client.close()
  })

  it('refuses a missing key or a bad base URL', () => {
    // Configuration errors are TypeErrors everywhere (issue 18 item 7); the issues stay on `cause`.
    expect(() => bloomy({ apiKey: '' })).toThrow(TypeError)
    // The message's word after `apiKey:` is scrubbed by the core's redaction; the issue keeps it.
    const blank = (() => {
      try {
        bloomy({ apiKey: '  ' })
      } catch (e) {
        return e as TypeError
      }
    })()
    expect(blank).toBeInstanceOf(TypeError)
    expect((blank?.cause as ValidationError).issues).toEqual([{ path: 'apiKey', message: 'must not be empty' }])
    expect(() => bloomy({ apiKey: 'k', baseURL: 'bloom' })).toThrow(/baseURL/)
  })

  it('a plain createClient client fits too', async () => {
    const client = createClient({ baseURL: BASE, auth: apiKey({ key: ctx.fake.apiKey }) })
    expect((await getTodo(client, 100)).name).toBe('Send board deck')
    await client.close()
  })

  it('validate: false skips parsing but still returns camelCase objects', async () => {
    const fast = ctx.clientWith({ validate: false })
    const strict = ctx.client
    expect(await getMeetingDetails(fast, 10)).toEqual(await getMeetingDetails(strict, 10))
    expect(await listTodos(fast)).toEqual(await listTodos(strict))
  })
})

describe('errors map to the typed taxonomy', () => {
  it('a wrong key ⇒ AuthenticationError (401), with the key redacted', async () => {
    const client = ctx.clientWith({ apiKey: 'wrong-key-1234567' })
    const error = await getCurrentUser(client).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as AuthenticationError).status).toBe(401)
    expect(String(error)).not.toContain('wrong-key-1234567')
    expect(JSON.stringify((error as AuthenticationError).headers)).not.toContain('wrong-key-1234567')
  })

  it('expired credentials ⇒ AuthenticationError on the next call', async () => {
    await getCurrentUser(ctx.client)
    ctx.fake.expireCredentials()
    await expect(getTodo(ctx.client, 100)).rejects.toBeInstanceOf(AuthenticationError)
  })

  it('404 ⇒ NotFoundError carrying the API message', async () => {
    const error = (await getTodo(ctx.client, 31337).catch((e: unknown) => e)) as NotFoundError
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error.body).toEqual({ Message: 'No todo with id 31337' })
    expect(error.method).toBe('GET')
    // Readable: the API's own words, not its JSON (issue 18 item 11).
    expect(error.message).toBe(`GET ${BASE}/todo/31337 → 404: No todo with id 31337`)
    expect(error.message).not.toContain('{')
  })

  it('an error body without a message keeps the default description; a mapError of the caller wins', async () => {
    ctx.fake.failures.push({ path: '/users/mine', status: 500, body: { Code: 17 }, times: 10 })
    const plain = (await getCurrentUser(ctx.clientWith({ retry: false })).catch((e: unknown) => e)) as ServerError
    expect(plain).toBeInstanceOf(ServerError)
    expect(plain.message).toContain('{"Code":17}')
    const custom = ctx.clientWith({ retry: false, mapError: (response) => new Error(`custom ${response.status}`) })
    await expect(getCurrentUser(custom)).rejects.toThrow('custom 500')
  })

  it('429 is retried by the core (Retry-After honoured), then succeeds', async () => {
    ctx.fake.failures.push({ path: '/users/mine', status: 429, headers: { 'Retry-After': '0' }, times: 2 })
    const me = await getCurrentUser(ctx.client)
    expect(me.id).toBe(1)
    expect(calls(ctx)).toEqual(['GET /users/mine', 'GET /users/mine', 'GET /users/mine'])
  })

  it('429 past the retry limit ⇒ RateLimitError; 5xx ⇒ ServerError', async () => {
    ctx.fake.failures.push({ path: '/users/mine', status: 429, headers: { 'Retry-After': '0' } })
    const limited = ctx.clientWith({ retry: { limit: 1, baseDelay: 1 } })
    await expect(getCurrentUser(limited)).rejects.toBeInstanceOf(RateLimitError)
    ctx.fake.failures.push({ path: '/todo/100', status: 503 })
    await expect(getTodo(limited, 100)).rejects.toBeInstanceOf(ServerError)
    expect(calls(ctx).filter((c) => c === 'GET /todo/100')).toHaveLength(2)
  })

  it('a response that does not match the schema ⇒ ValidationError naming the field', async () => {
    ctx.fake.failures.push({ path: '/todo/100', status: 200, body: { Id: 'one hundred', Name: 'x' } })
    const error = (await getTodo(ctx.client, 100).catch((e: unknown) => e)) as ValidationError
    expect(error).toBeInstanceOf(ValidationError)
    expect(error.issues.map((i) => i.path)).toContain('Id')
  })
})

describe('bloomyToken()', () => {
  it('exchanges username + password (form-encoded password grant at /Token) for a working key', async () => {
    const token = await bloomyToken({ username: FAKE_BLOOMY_USERNAME, password: FAKE_BLOOMY_PASSWORD, baseURL: BASE })
    expect(token).toMatchObject({ tokenType: 'bearer', expiresIn: 1_209_599, userName: FAKE_BLOOMY_USERNAME })
    expect(token.apiKey).toMatch(/^bloomy-fake-token-/)
    expect(token.expiresAt).toBeGreaterThan(Date.now() + 1_209_000_000)
    const sent = ctx.sent[0]
    expect(sent?.method).toBe('POST')
    expect(sent?.url).toBe('https://bloom.test/Token')
    expect(sent?.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/)
    expect(Object.fromEntries(new URLSearchParams(sent?.body))).toEqual({
      grant_type: 'password',
      userName: FAKE_BLOOMY_USERNAME,
      password: FAKE_BLOOMY_PASSWORD,
    })
    expect(sent?.headers.get('authorization')).toBeNull()
    expect(ctx.fake.stats.logins).toBe(1)

    const client = ctx.clientWith({ apiKey: token.apiKey })
    expect((await getCurrentUser(client)).name).toBe('Ada Lovelace')
  })

  it('finds /Token at the root of the default base URL', async () => {
    await bloomyToken({ username: FAKE_BLOOMY_USERNAME, password: FAKE_BLOOMY_PASSWORD })
    expect(ctx.sent[0]?.url).toBe('https://app.bloomgrowth.com/Token')
  })

  it('a wrong password ⇒ AuthenticationError whose message and fields never show the password', async () => {
    const password = 'hunter2-but-longer'
    const error = await bloomyToken({ username: FAKE_BLOOMY_USERNAME, password, baseURL: BASE }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as AuthenticationError).status).toBe(400)
    expect((error as Error).message).toMatch(/refused the login for ada@example.com/)
    const everything = JSON.stringify({ ...(error as object), message: (error as Error).message, stack: (error as Error).stack })
    expect(everything).not.toContain(password)
  })

  it('a server error on /Token is a typed error too', async () => {
    ctx.fake.failures.push({ path: /^\/Token/, status: 503 })
    await expect(bloomyToken({ username: 'a@b.c', password: 'pw-123456', baseURL: BASE })).rejects.toBeInstanceOf(ServerError)
  })

  it('bad input is refused before any request', async () => {
    await expect(bloomyToken({ username: '', password: 'x' })).rejects.toThrow(/bloomyToken: username/)
    const noPassword = (await bloomyToken({ username: 'a', password: '' }).catch((e: unknown) => e)) as ValidationError
    expect(noPassword.issues).toEqual([{ path: 'password', message: 'must not be empty' }])
    await expect(bloomyToken({ username: 'a', password: 'b', baseURL: 'nope' })).rejects.toThrow(/baseURL/)
    expect(ctx.sent).toEqual([])
  })

  it('other 400s stay BadRequestError', async () => {
    ctx.fake.failures.push({ path: /^\/Token/, status: 400, body: { error: 'unsupported_grant_type' } })
    await expect(bloomyToken({ username: 'a@b.c', password: 'pw-123456', baseURL: BASE })).rejects.toBeInstanceOf(BadRequestError)
  })
})
