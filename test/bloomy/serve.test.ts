// The Bloom Growth fake over a real loopback socket (no msw interception in this file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AuthenticationError } from '../../src/index.js'
import { bloomy, bloomyToken, createTodos, getCurrentUser, getMeetingDetails } from '../../src/bloomy/index.js'
import { serve, type ServedFake } from '../../src/testing/serve.js'
import { FAKE_BLOOMY_PASSWORD, FAKE_BLOOMY_USERNAME, bloomyFake } from '../../src/testing/bloomy/index.js'

const fake = bloomyFake({ latency: 10 })
let server: ServedFake
beforeAll(async () => {
  server = await serve(fake.handlers)
})
afterAll(() => server.close())

describe('bloomyFake over serve()', () => {
  it('token → key → calls, with absolute URLs built from the server origin', async () => {
    let fetches = 0
    const countingFetch: typeof fetch = (input, init) => {
      fetches++
      return fetch(input, init)
    }
    const { apiKey } = await bloomyToken({
      username: FAKE_BLOOMY_USERNAME,
      password: FAKE_BLOOMY_PASSWORD,
      baseURL: `${server.url}/api/v1`,
      fetch: countingFetch,
    })
    expect(fetches).toBe(1)
    await using bloom = bloomy({ apiKey, baseURL: `${server.url}/api/v1` })
    const me = await getCurrentUser(bloom)
    expect(me.imageUrl).toBe(`${server.url}/i/userplaceholder/1.png`)
    const details = await getMeetingDetails(bloom, 10)
    expect(details.todos[0]?.detailsUrl).toBe(`${server.url}/Todo/Pad/100`)
    expect(details.metrics).toHaveLength(2)
  })

  it('bulk create over the socket keeps every outcome', async () => {
    await using bloom = bloomy({ apiKey: fake.apiKey, baseURL: `${server.url}/api/v1` })
    const inputs = Array.from({ length: 20 }, (_, i) => ({ title: `Socket todo ${i}`, meetingId: i % 10 === 9 ? 999 : 11 }))
    const { successful, failed } = await createTodos(bloom, inputs, { concurrency: 4 })
    expect(successful).toHaveLength(18)
    expect(failed.map((f) => f.index)).toEqual([9, 19])
  })

  it('a wrong key is a 401 over HTTP too', async () => {
    await using bloom = bloomy({ apiKey: 'not-a-key-at-all', baseURL: `${server.url}/api/v1` })
    await expect(getCurrentUser(bloom)).rejects.toBeInstanceOf(AuthenticationError)
  })
})
