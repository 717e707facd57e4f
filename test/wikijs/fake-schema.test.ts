// The Wiki.js fake serves the whole real 2.5 schema: every operation of it is a valid query, answered
// with data or with a NOT_IMPLEMENTED_BY_FAKE GraphQL error — never refused as invalid, never a silent null.
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql'
import { describe, expect, it } from 'vitest'
import { WIKIJS_SDL } from '../../src/testing/wikijs/index.js'
import { post, useWikiFake } from './setup.js'

const t = useWikiFake({ pages: 10 })
const schema = buildSchema(WIKIJS_SDL)

/** A literal of `type` (required input fields filled in), so the document validates. */
function literal(type: GraphQLInputType): string {
  const inner = getNullableType(type)
  if (isListType(inner)) return '[]'
  if (isEnumType(inner)) return inner.getValues()[0]!.name
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type))
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`
  }
  if (isScalarType(inner)) return ({ Int: '1', Float: '1.5', Boolean: 'true', ID: '"1"', Date: '"2025-01-01T00:00:00Z"' } as Record<string, string>)[inner.name] ?? '"x"'
  throw new Error(`no literal for ${String(type)}`)
}

/** Every operation of the schema: `[root field, namespace type, field]`, with a valid document for it. */
function operations(kind: 'query' | 'mutation'): { name: string; document: string }[] {
  const root = kind === 'query' ? schema.getQueryType()! : schema.getMutationType()!
  return Object.values(root.getFields()).flatMap((ns) => {
    const type = getNamedType(ns.type) as GraphQLObjectType
    return Object.values(type.getFields()).map((field) => {
      const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${literal(a.type)}`)
      const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : ''
      return { name: `${ns.name}.${field.name}`, document: `${kind} { ${ns.name} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} } }` }
    })
  })
}

const SERVED = [
  'authentication.activeStrategies', 'authentication.apiKeys', 'authentication.apiState', 'authentication.login',
  'pages.checkConflicts', 'pages.conflictLatest', 'pages.create', 'pages.delete', 'pages.deleteTag', 'pages.history', 'pages.links', 'pages.list', 'pages.move', 'pages.render',
  'pages.restore', 'pages.search', 'pages.searchTags', 'pages.single', 'pages.singleByPath', 'pages.tags', 'pages.tree', 'pages.update',
  'pages.updateTag', 'pages.version', 'site.config',
]

describe('every operation of the real schema is a valid query', () => {
  const all = [...operations('query'), ...operations('mutation')]

  it('covers the whole schema: the 119 operations of 2.5\'s 18 query and 17 mutation namespaces', () => {
    expect(all.length).toBe(119)
  })

  it('answers each in HTTP 200: data, a Wiki.js error, or NOT_IMPLEMENTED_BY_FAKE — never a validation error', async () => {
    const notImplemented: string[] = []
    for (const { name, document } of all) {
      const { status, json } = await post({ query: document }, t.fake.state.apiKey)
      expect(status, `${name}: ${JSON.stringify(json.errors)}`).toBe(200)
      const codes = (json.errors ?? []).map((e: { extensions: { code: string } }) => e.extensions.code)
      expect(codes.every((c: string) => c === 'NOT_IMPLEMENTED_BY_FAKE' || c === 'INTERNAL_SERVER_ERROR'), name).toBe(true)
      if (codes.includes('NOT_IMPLEMENTED_BY_FAKE')) notImplemented.push(name)
    }
    const served = all.map((o) => o.name).filter((n) => !notImplemented.includes(n))
    expect(served.sort()).toEqual([...SERVED].sort())
  })

  it('a part without resolvers answers the error on its path, with null data beside what is served', async () => {
    const { status, json } = await post({ query: '{ users { list { id name } } pages { list(limit: 1) { id } } }' }, t.fake.state.apiKey)
    expect(status).toBe(200)
    expect(json.data).toEqual({ users: { list: null }, pages: { list: [{ id: 1 }] } })
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: "UserQuery.list is in the Wiki.js 2.5 schema but not implemented by isosdk's fake",
        path: ['users', 'list'],
        extensions: expect.objectContaining({ code: 'NOT_IMPLEMENTED_BY_FAKE' }),
      }),
    ])
  })

  it('still checks @auth first: Guest gets Forbidden on a protected part the fake does not implement', async () => {
    const { json } = await post({ query: '{ users { list { id } } }' }, 'not-the-key')
    expect(json.errors[0]).toMatchObject({ message: 'Forbidden', path: ['users', 'list'] })
  })
})
