// The Wiki.js fake over real HTTP on 127.0.0.1 (the kit's serve()), as a browser or another runtime uses it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BadRequestError, mapConcurrent, NotFoundError } from '../../src/index.js'
import { serve, type ServedFake } from '../../src/testing/serve.js'
import { wikijsFake } from '../../src/testing/wikijs/index.js'
import { createPage, deletePage, ForbiddenError, getPage, graphql, testConnection, wikijs } from '../../src/wikijs/index.js'

const fake = wikijsFake({ pages: 120 })
let server: ServedFake

beforeAll(async () => {
  server = await serve(fake.handlers)
})
afterAll(async () => {
  await server.close()
})

describe('wikijsFake over serve()', () => {
  it('answers the module end to end on loopback', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await using wiki = wikijs({ url: server.url, apiKey: fake.state.apiKey, concurrency: 8 })
    expect(await testConnection(wiki)).toBe(true)
    const pages = await mapConcurrent(Array.from({ length: 100 }, (_, i) => i + 1), (id) => getPage(wiki, id), { concurrency: 16 })
    expect(pages.map((p) => p.id)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
    const created = await createPage(wiki, { title: 'Over HTTP', path: 'over-http', content: 'served' })
    expect(fake.state.pages.get(created.id)?.title).toBe('Over HTTP')
    await deletePage(wiki, created.id)
    await expect(getPage(wiki, created.id)).rejects.toBeInstanceOf(NotFoundError)
    await expect(graphql(wiki, '{ pages { list(offset: 1) { id } } }')).rejects.toBeInstanceOf(BadRequestError)
  })

  it('runs a bad key as Guest', async () => {
    await using guest = wikijs({ url: server.url, apiKey: 'nope-nope-nope' })
    await expect(testConnection(guest)).rejects.toBeInstanceOf(ForbiddenError)
  })
})
