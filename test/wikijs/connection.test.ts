import { http, HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { NetworkError, NotFoundError } from '../../src/index.js'
import { ForbiddenError, testConnection } from '../../src/wikijs/index.js'
import { useWikiFake } from './setup.js'

const t = useWikiFake({ pages: 5 })

describe('testConnection', () => {
  it('resolves true with a valid key, in one request', async () => {
    await expect(testConnection(t.wiki)).resolves.toBe(true)
    expect(t.fake.stats.requests).toBe(1)
  })

  it('throws ForbiddenError saying why for a bad key (Wiki.js answers as Guest, never 401)', async () => {
    const error = await testConnection(t.client({ apiKey: 'eyJ.bad.key' })).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ForbiddenError)
    expect((error as Error).message).toMatch(/refused the API key.*invalid, expired or revoked/)
    expect((error as Error).message).not.toContain('eyJ.bad.key')
    expect((error as ForbiddenError).errors[0]).toMatchObject({ message: 'Forbidden', path: ['pages', 'list'] })
  })

  it('throws ForbiddenError once the key has expired', async () => {
    await expect(testConnection(t.wiki)).resolves.toBe(true)
    t.fake.expireCredentials()
    await expect(testConnection(t.wiki)).rejects.toBeInstanceOf(ForbiddenError)
  })

  it('resolves true for a Guest when Guests may read pages (a bad key cannot be told apart then)', async () => {
    t.fake.state.guestPermissions = ['read:pages']
    await expect(testConnection(t.client({ apiKey: 'eyJ.bad.key' }))).resolves.toBe(true)
  })

  it('throws NetworkError when the wiki is unreachable', async () => {
    t.server.resetHandlers(http.post('*/graphql', () => HttpResponse.error()))
    await expect(testConnection(t.client({ retry: false }))).rejects.toBeInstanceOf(NetworkError)
  })

  it('throws NotFoundError when there is no GraphQL endpoint at {url}/graphql', async () => {
    t.server.resetHandlers(http.post('*/graphql', () => new HttpResponse('Not Found', { status: 404 })))
    await expect(testConnection(t.wiki)).rejects.toBeInstanceOf(NotFoundError)
  })
})
