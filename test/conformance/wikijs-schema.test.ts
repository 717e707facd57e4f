// The Wiki.js fake's schema, as its own introspection answers it on the wire, against the real
// Wiki.js 2.5 schema files (`../shared/services/wikijs/schema/*.graphql` + the @rateLimit directive):
// every type both ways, with its kind, fields, arguments (types and defaults), enum values, input
// fields and directives; and every `@auth` list of the fake's SDL against the files'.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { setupServer } from 'msw/node'
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  valueFromASTUntyped,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SCHEMA_DIR, RATE_LIMIT_DIRECTIVE } from '../../scripts/generate-wikijs-sdl.js'
import { WIKIJS_SDL, wikijsFake } from '../../src/testing/wikijs/index.js'

function kind(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object'
  if (isInputObjectType(type)) return 'input'
  if (isEnumType(type)) return 'enum'
  if (isScalarType(type)) return 'scalar'
  if (isInterfaceType(type)) return 'interface'
  if (isUnionType(type)) return 'union'
  return 'unknown'
}

function describeArgs(args: readonly GraphQLArgument[]): string[] {
  return args.map((a) => `${a.name}: ${String(a.type)}${a.defaultValue === undefined ? '' : ` = ${JSON.stringify(a.defaultValue)}`}`).sort()
}

/** One line per field, argument, enum value, member: what a type looks like, comparable as text. */
function shape(type: GraphQLNamedType): string[] {
  if (isObjectType(type) || isInterfaceType(type)) {
    return [
      ...type.getInterfaces().map((i) => `implements ${i.name}`),
      ...Object.values(type.getFields()).map((f) => `${f.name}(${describeArgs(f.args).join(', ')}): ${String(f.type)}`),
    ].sort()
  }
  if (isInputObjectType(type)) return Object.values(type.getFields()).map((f) => `${f.name}: ${String(f.type)}${f.defaultValue === undefined ? '' : ` = ${JSON.stringify(f.defaultValue)}`}`).sort()
  if (isEnumType(type)) return type.getValues().map((v) => v.name).sort()
  if (isUnionType(type)) return type.getTypes().map((t) => t.name).sort()
  return []
}

/** Every difference between two schemas, type by type, both ways (empty when they are the same). */
function differences(fake: GraphQLSchema, real: GraphQLSchema): string[] {
  const problems: string[] = []
  const names = new Set([...Object.keys(fake.getTypeMap()), ...Object.keys(real.getTypeMap())].filter((n) => !n.startsWith('__')))
  for (const name of [...names].sort()) {
    const mine = fake.getType(name)
    const theirs = real.getType(name)
    if (!mine) problems.push(`type ${name} is missing from the fake`)
    else if (!theirs) problems.push(`type ${name} is not in the real schema`)
    else if (kind(mine) !== kind(theirs)) problems.push(`type ${name} is ${kind(mine)} in the fake, ${kind(theirs)} in the real schema`)
    else {
      const a = shape(mine)
      const b = shape(theirs)
      for (const line of a) if (!b.includes(line)) problems.push(`${name}: the fake has ${line}`)
      for (const line of b) if (!a.includes(line)) problems.push(`${name}: the fake lacks ${line}`)
    }
  }
  const roots = (s: GraphQLSchema) => [s.getQueryType()?.name, s.getMutationType()?.name, s.getSubscriptionType()?.name].join()
  if (roots(fake) !== roots(real)) problems.push(`root types: ${roots(fake)} in the fake, ${roots(real)} in the real schema`)
  const directives = (s: GraphQLSchema) => s.getDirectives().map((d) => `@${d.name}(${describeArgs(d.args).join(', ')}) on ${[...d.locations].sort().join(' | ')}`).sort()
  for (const line of directives(fake)) if (!directives(real).includes(line)) problems.push(`the fake has directive ${line}`)
  for (const line of directives(real)) if (!directives(fake).includes(line)) problems.push(`the fake lacks directive ${line}`)
  return problems
}

/** `Type.field` → its `@auth(requires:)` list, from SDL (introspection does not carry directives). */
function authLists(schema: GraphQLSchema): Map<string, string> {
  const out = new Map<string, string>()
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue
    for (const field of Object.values(type.getFields())) {
      const requires = field.astNode?.directives?.find((d) => d.name.value === 'auth')?.arguments?.find((a) => a.name.value === 'requires')
      if (requires) out.set(`${type.name}.${field.name}`, JSON.stringify(valueFromASTUntyped(requires.value)))
    }
  }
  return out
}

if (!DEFAULT_SCHEMA_DIR) {
  it.skip('the Wiki.js fake against the real 2.5 schema: ../shared/services/wikijs/schema is absent on this checkout (set WIKIJS_SCHEMA_DIR), so there is nothing to compare with', () => {})
} else {
  const dir = DEFAULT_SCHEMA_DIR
  const files = readdirSync(dir).filter((f) => f.endsWith('.graphql')).sort()
  const real = buildSchema([RATE_LIMIT_DIRECTIVE, ...files.map((f) => readFileSync(join(dir, f), 'utf8'))].join('\n'))

  describe('the Wiki.js fake serves the real 2.5 schema, type by type', () => {
    const fake = wikijsFake({ pages: 3 })
    const server = setupServer(...fake.handlers)
    let served: GraphQLSchema
    beforeAll(async () => {
      server.listen({ onUnhandledRequest: 'error' })
      const response = await fetch('https://wiki.conformance.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${fake.state.apiKey}` },
        body: JSON.stringify({ query: getIntrospectionQuery() }),
      })
      expect(response.status).toBe(200)
      const body = (await response.json()) as { data: IntrospectionQuery; errors?: unknown }
      expect(body.errors).toBeUndefined()
      served = buildClientSchema(body.data)
    })
    afterAll(() => server.close())

    it('reads all 20 schema files of 2.5 (pages, users, assets, …)', () => {
      expect(files).toHaveLength(20)
      expect(files).toEqual(expect.arrayContaining(['page.graphql', 'user.graphql', 'asset.graphql', 'authentication.graphql', 'scalars.graphql']))
    })

    it('introspection shows every type of the real schema and nothing else, each with the same fields, arguments and types', () => {
      expect(Object.keys(served.getTypeMap()).filter((n) => !n.startsWith('__')).length).toBe(Object.keys(real.getTypeMap()).filter((n) => !n.startsWith('__')).length)
      expect(differences(served, real)).toEqual([])
    })

    it('every @auth list of the fake is the real one (the fake enforces them)', () => {
      const mine = authLists(buildSchema(WIKIJS_SDL))
      const theirs = authLists(real)
      expect(mine.size).toBeGreaterThan(100)
      expect([...mine]).toEqual([...theirs])
    })

    it('would catch a drift either way (the comparison itself can fail)', () => {
      const drifted = buildSchema(
        WIKIJS_SDL.replace('  tags: [PageTag]!\n', '  tags: [String]!\n')
          .replace('  totalHits: Int!\n', '  totalHits: Int!\n  offset: Int\n')
          .replace(/type PageConflictLatest \{[^}]*\}\n/, '')
          .replace('conflictLatest(id: Int!): PageConflictLatest!', 'conflictLatest(id: Int!): Boolean'),
      )
      expect(differences(drifted, real).sort()).toEqual([
        'Page: the fake has tags(): [String]!',
        'Page: the fake lacks tags(): [PageTag]!',
        'PageQuery: the fake has conflictLatest(id: Int!): Boolean',
        'PageQuery: the fake lacks conflictLatest(id: Int!): PageConflictLatest!',
        'PageSearchResponse: the fake has offset(): Int',
        'type PageConflictLatest is missing from the fake',
      ])
    })
  })
}
