import { describe, expect, it } from 'vitest'
import { BadRequestError, ClientClosedError, ConflictError, ValidationError, type RequestInfo } from '../../src/index.js'
import { getPage, graphql, wikijs } from '../../src/wikijs/index.js'
import { useWikiFake, WIKI_URL } from './setup.js'

const t = useWikiFake({ pages: 5 })

interface Seen {
  method: string
  url: string
  authorization: string | null
  contentType: string | null
  trace: string | null
  body: { query: string; variables: Record<string, unknown> }
}

function record(): Seen[] {
  const seen: Seen[] = []
  t.server.events.removeAllListeners()
  t.server.events.on('request:start', async ({ request }) => {
    const clone = request.clone()
    seen.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get('authorization'),
      contentType: request.headers.get('content-type'),
      trace: request.headers.get('x-trace'),
      body: (await clone.json()) as Seen['body'],
    })
  })
  return seen
}

describe('wikijs()', () => {
  it('POSTs JSON { query, variables } to {url}/graphql with the key as Authorization: Bearer', async () => {
    const seen = record()
    await getPage(t.wiki, 2)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ method: 'POST', url: `${WIKI_URL}/graphql`, authorization: `Bearer ${t.fake.state.apiKey}` })
    expect(seen[0]?.contentType).toMatch(/^application\/json/)
    expect(seen[0]?.body.variables).toEqual({ id: 2 })
    expect(seen[0]?.body.query).toMatch(/^query WikiGetPage\(\$id: Int!\)/)
  })

  it('keeps a sub-path of url and a trailing slash', async () => {
    const seen = record()
    const underPath = wikijs({ url: `${WIKI_URL}/wiki/`, apiKey: t.fake.state.apiKey })
    await getPage(underPath, 1)
    expect(seen[0]?.url).toBe(`${WIKI_URL}/wiki/graphql`)
    await underPath.close()
  })

  it('passes core options through (headers, hooks) and never shows the key in hook payloads', async () => {
    const seen = record()
    const requests: RequestInfo[] = []
    const wiki = wikijs({ url: WIKI_URL, apiKey: t.fake.state.apiKey, headers: { 'x-trace': 'abc' }, hooks: { onRequest: (info) => requests.push(info) } })
    await getPage(wiki, 1)
    expect(seen[0]?.trace).toBe('abc')
    expect(JSON.stringify(requests)).not.toContain(t.fake.state.apiKey)
    await wiki.close()
  })

  it('uses the caller\'s mapError first, then its own', async () => {
    const wiki = wikijs({
      url: WIKI_URL,
      apiKey: t.fake.state.apiKey,
      mapError: (response, _body, request) =>
        response.status === 400 && request.url.endsWith('/graphql') ? new ConflictError({ status: 400, method: request.method, url: request.url }) : undefined,
    })
    await expect(graphql(wiki, '{ nope }')).rejects.toBeInstanceOf(ConflictError)
    await expect(graphql(t.wiki, '{ nope }')).rejects.toThrow(BadRequestError)
    await expect(graphql(t.wiki, '{ nope }')).rejects.toThrow('GRAPHQL_VALIDATION_FAILED: Cannot query field "nope" on type "Query".')
    await wiki.close()
  })

  it('rejects every call after close()', async () => {
    await t.wiki.close()
    await expect(getPage(t.wiki, 1)).rejects.toBeInstanceOf(ClientClosedError)
  })

  it.each([
    [{ url: '', apiKey: 'k' }, 'url'],
    [{ url: 'wiki.example.com', apiKey: 'k' }, 'url'],
    [{ url: 'ftp://wiki.example.com', apiKey: 'k' }, 'url'],
    [{ url: WIKI_URL, apiKey: '' }, 'apiKey'],
    [{ url: WIKI_URL, apiKey: undefined as unknown as string }, 'apiKey'],
  ])('refuses %j with a TypeError naming %s (issues on its cause)', (options, field) => {
    let error: unknown
    try {
      wikijs(options)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toContain(field)
    expect(((error as Error).cause as ValidationError).issues[0]?.path).toBe(field)
  })
})
