import { http, HttpResponse } from 'msw'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { BadRequestError, IsoSdkError, NetworkError, ServerError, ValidationError } from '../../src/index.js'
import { createFaults } from '../../src/testing/faults.js'
import { ForbiddenError, GraphQLError, graphql } from '../../src/wikijs/index.js'
import { _isMutation } from '../../src/wikijs/graphql.js'
import { useWikiFake } from './setup.js'

const t = useWikiFake({ pages: 30 })

const TagsData = v.object({ pages: v.object({ tags: v.array(v.object({ id: v.number(), tag: v.string() })) }) })

describe('graphql', () => {
  it('runs a document with variables and parses data with the given schema', async () => {
    const data = await graphql(t.wiki, '{ pages { tags { id tag } } }', {}, TagsData)
    expect(data.pages.tags.map((tag) => tag.tag)).toEqual([...t.fake.state.tags.values()].map((tag) => tag.tag).sort())
    const one = await graphql<{ pages: { single: { title: string } } }>(t.wiki, 'query($id: Int!) { pages { single(id: $id) { title } } }', { id: 2 })
    expect(one.pages.single.title).toBe(t.fake.state.pages.get(2)!.title)
  })

  it('throws ValidationError when data does not match the schema, unless the client has validate: false', async () => {
    const Wrong = v.object({ pages: v.object({ tags: v.array(v.object({ id: v.string() })) }) })
    const error = await graphql(t.wiki, '{ pages { tags { id } } }', {}, Wrong).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues[0]?.path).toBe('pages.tags[0].id')
    const raw = t.client({ validate: false })
    const data = await graphql(raw, '{ pages { tags { id } } }', {}, Wrong)
    expect(typeof data.pages.tags[0]?.id).toBe('number')
    await raw.close()
  })

  it('turns GraphQL errors in a 200 into GraphQLError with every message, path and extension', async () => {
    const query = '{ pages { a: single(id: 1000) { id } b: single(id: 1001) { id } c: single(id: 1) { title } } }'
    const error = await graphql(t.wiki, query).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(GraphQLError)
    expect(error).not.toBeInstanceOf(ForbiddenError)
    const { errors, data } = error as GraphQLError
    expect(errors.map((e) => [e.message, e.path])).toEqual([
      ['This page does not exist.', ['pages', 'a']],
      ['This page does not exist.', ['pages', 'b']],
    ])
    expect(errors[0]?.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', exception: { code: 6003 } })
    expect(data).toEqual({ pages: { a: null, b: null, c: { title: 'Home' } } })
    expect((error as Error).message).toContain('(at pages.a)')
  })

  it('throws ForbiddenError when every error is Wiki.js\'s Forbidden', async () => {
    const guest = t.client({ apiKey: 'guest-key-00' })
    const error = await graphql(guest, '{ pages { list { id } } }').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ForbiddenError)
    expect((error as ForbiddenError).errors[0]).toMatchObject({ message: 'Forbidden', path: ['pages', 'list'] })
  })

  it('maps a query the schema rejects (HTTP 400) to BadRequestError naming the problem', async () => {
    const error = await graphql(t.wiki, '{ pages { list(offset: 10) { id content } } }').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BadRequestError)
    expect((error as BadRequestError).status).toBe(400)
    expect((error as Error).message).toContain('GRAPHQL_VALIDATION_FAILED: Unknown argument "offset"')
    const body = (error as BadRequestError).body as { errors: { message: string; extensions: { code: string } }[] }
    expect(body.errors.map((e) => e.message)).toEqual([
      'Unknown argument "offset" on field "PageQuery.list".',
      'Cannot query field "content" on type "PageListItem".',
    ])
  })

  it('maps a syntax error to BadRequestError (GRAPHQL_PARSE_FAILED)', async () => {
    await expect(graphql(t.wiki, '{ pages { list { id }')).rejects.toThrow(/400: GRAPHQL_PARSE_FAILED: Syntax Error/)
  })

  it.each([
    ['', undefined],
    ['  ', undefined],
    [42 as unknown as string, undefined],
    ['{ site { config { title } } }', [] as unknown as Record<string, unknown>],
  ])('refuses query %j / variables %j with ValidationError, sending nothing', async (query, variables) => {
    await expect(graphql(t.wiki, query, variables)).rejects.toBeInstanceOf(ValidationError)
    expect(t.fake.stats.requests).toBe(0)
  })

  it('retries a query after a 503 but never a mutation', async () => {
    const faults = createFaults({ serverErrorRate: 1, match: () => faults.stats.serverErrors < 1 })
    t.server.resetHandlers(...faults.handlers, ...t.fake.handlers)
    const data = await graphql<{ site: { config: { title: string } } }>(t.wiki, '{ site { config { title } } }')
    expect(data.site.config.title).toBe('Example Wiki')
    expect(faults.stats.serverErrors).toBe(1)

    const always = createFaults({ serverErrorRate: 1 })
    t.server.resetHandlers(...always.handlers, ...t.fake.handlers)
    const mutation = 'mutation { pages { deleteTag(id: 1) { responseResult { succeeded } } } }'
    await expect(graphql(t.wiki, mutation)).rejects.toBeInstanceOf(ServerError)
    expect(always.stats.serverErrors).toBe(1)
    // A query can be forced not to retry, a mutation forced to.
    await expect(graphql(t.wiki, '{ site { config { title } } }', {}, undefined, { idempotent: false })).rejects.toBeInstanceOf(ServerError)
    expect(always.stats.serverErrors).toBe(2)
    await expect(graphql(t.wiki, mutation, {}, undefined, { idempotent: true })).rejects.toBeInstanceOf(ServerError)
    expect(always.stats.serverErrors).toBe(5)
  })

  it('reports a dropped connection as NetworkError', async () => {
    t.server.resetHandlers(http.post('*/graphql', () => HttpResponse.error()))
    await expect(graphql(t.client({ retry: false }), '{ site { config { title } } }')).rejects.toBeInstanceOf(NetworkError)
  })

  it('refuses a 200 without data or errors', async () => {
    t.server.resetHandlers(http.post('*/graphql', () => HttpResponse.json({})))
    const error = await graphql(t.wiki, '{ site { config { title } } }').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(IsoSdkError)
    expect((error as Error).message).toContain('without data or errors')
  })

  it('checks the envelope by hand, with validate: false too', async () => {
    const raw = t.client({ validate: false })
    t.server.resetHandlers(http.post('*/graphql', () => HttpResponse.json({ errors: 'boom' })))
    const error = await graphql(raw, '{ site { config { title } } }').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues).toEqual([{ path: 'errors', message: 'must be an array' }])
    t.server.resetHandlers(http.post('*/graphql', () => HttpResponse.json({ errors: [{ message: 'ok' }, { text: 'no message' }] })))
    await expect(graphql(raw, '{ site { config { title } } }')).rejects.toThrow('errors[1].message: must be a string')
    t.server.resetHandlers(http.post('*/graphql', () => HttpResponse.json([{ data: {} }])))
    await expect(graphql(raw, '{ site { config { title } } }')).rejects.toThrow('is not a GraphQL response object')
    await raw.close()
  })

  it('sends operationName', async () => {
    const doc = 'query A { site { config { title } } } query B { site { config { company } } }'
    const data = await graphql<{ site: { config: { company: string } } }>(t.wiki, doc, {}, undefined, { operationName: 'B' })
    expect(data.site.config).toEqual({ company: 'Example Corp' })
  })
})

describe('_isMutation', () => {
  it.each([
    ['mutation { pages { delete(id: 1) { responseResult { succeeded } } } }', true],
    ['  # a comment\n mutation Named($id: Int!) { x }', true],
    ['query { a } mutation { b }', true],
    ['{ pages { list { id } } }', false],
    ['query Mutation { site { config { title } } }', false],
    ['query { pages { search(query: "mutation") { totalHits } } }', false],
    ['# mutation\nquery { a }', false],
  ])('%j → %s', (doc, expected) => {
    expect(_isMutation(doc)).toBe(expected)
  })
})
