// The fake's SDL against the real Wiki.js 2.5 schema (`../shared/services/wikijs/schema/*.graphql`):
// every type, field, argument, enum value and `@auth` list of the fake must exist, identical, there.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isUnionType,
  valueFromASTUntyped,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql'
import { describe, expect, it } from 'vitest'
import { WIKIJS_SDL } from '../../src/testing/wikijs/index.js'

const SCHEMA_DIR = join(import.meta.dirname, '..', '..', '..', 'shared', 'services', 'wikijs', 'schema')
// The real server adds graphql-rate-limit-directive's definition to the files' SDL.
const RATE_LIMIT_DIRECTIVE = 'directive @rateLimit(limit: Int! = 60, duration: Int! = 60) on OBJECT | FIELD_DEFINITION\n'

function kind(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'object'
  if (isInputObjectType(type)) return 'input'
  if (isEnumType(type)) return 'enum'
  if (isScalarType(type)) return 'scalar'
  if (isInterfaceType(type)) return 'interface'
  if (isUnionType(type)) return 'union'
  return 'unknown'
}

function auth(field: GraphQLField<unknown, unknown>): unknown {
  const directive = field.astNode?.directives?.find((d) => d.name.value === 'auth')
  const requires = directive?.arguments?.find((a) => a.name.value === 'requires')
  return requires ? valueFromASTUntyped(requires.value) : undefined
}

/** Every difference of `fake` from `real`, as readable lines (empty when the fake conforms). */
function differences(fake: GraphQLSchema, real: GraphQLSchema): string[] {
  const problems: string[] = []
  for (const type of Object.values(fake.getTypeMap())) {
    if (type.name.startsWith('__')) continue
    const other = real.getType(type.name)
    if (!other) {
      problems.push(`type ${type.name} is not in the real schema`)
      continue
    }
    if (kind(type) !== kind(other)) problems.push(`type ${type.name} is ${kind(type)} here, ${kind(other)} there`)
    if (isEnumType(type) && isEnumType(other)) {
      for (const value of type.getValues()) if (!other.getValue(value.name)) problems.push(`enum value ${type.name}.${value.name} is not in the real schema`)
    }
    if ((isObjectType(type) && isObjectType(other)) || (isInputObjectType(type) && isInputObjectType(other))) {
      const otherFields = other.getFields()
      for (const field of Object.values(type.getFields())) {
        const twin = otherFields[field.name]
        if (!twin) {
          problems.push(`field ${type.name}.${field.name} is not in the real schema`)
          continue
        }
        if (String(field.type) !== String(twin.type)) problems.push(`field ${type.name}.${field.name}: ${String(field.type)} here, ${String(twin.type)} there`)
        if ('args' in field && 'args' in twin) {
          for (const arg of field.args) {
            const twinArg = twin.args.find((a) => a.name === arg.name)
            if (!twinArg) problems.push(`argument ${type.name}.${field.name}(${arg.name}) is not in the real schema`)
            else if (String(arg.type) !== String(twinArg.type)) problems.push(`argument ${type.name}.${field.name}(${arg.name}): ${String(arg.type)} here, ${String(twinArg.type)} there`)
          }
          const fakeAuth = JSON.stringify(auth(field as GraphQLField<unknown, unknown>))
          const realAuth = JSON.stringify(auth(twin as GraphQLField<unknown, unknown>))
          if (fakeAuth !== realAuth) problems.push(`@auth of ${type.name}.${field.name}: ${fakeAuth} here, ${realAuth} there`)
        }
      }
    }
  }
  for (const directive of fake.getDirectives()) {
    const twin = real.getDirective(directive.name)
    if (!twin) problems.push(`directive @${directive.name} is not in the real schema`)
    else if (directive.args.map((a) => `${a.name}: ${String(a.type)}`).join() !== twin.args.map((a) => `${a.name}: ${String(a.type)}`).join()) {
      problems.push(`directive @${directive.name} has other arguments there`)
    }
  }
  return problems
}

if (!existsSync(SCHEMA_DIR)) {
  it.skip(`conformance with the real Wiki.js schema: ${SCHEMA_DIR} is absent on this checkout (CI has ../shared), so it cannot be compared`, () => {})
} else {
  describe('the fake\'s SDL conforms to the real Wiki.js 2.5 schema', () => {
    const files = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.graphql'))
    const real = buildSchema(RATE_LIMIT_DIRECTIVE + files.map((f) => readFileSync(join(SCHEMA_DIR, f), 'utf8')).join('\n'))
    const fake = buildSchema(WIKIJS_SDL)

    it('reads the real schema (page.graphql, common.graphql, site.graphql among the files)', () => {
      expect(files).toEqual(expect.arrayContaining(['page.graphql', 'common.graphql', 'site.graphql', 'scalars.graphql']))
      expect(real.getType('PageListItem')).toBeDefined()
    })

    it('has every type, field, argument, enum value and @auth of the fake, with the same types', () => {
      expect(differences(fake, real)).toEqual([])
    })

    it('serves the part the module uses: pages (list, single, singleByPath, search, tags, create, update, delete) and site', () => {
      const query = fake.getType('PageQuery')
      const mutation = fake.getType('PageMutation')
      expect(isObjectType(query) && Object.keys(query.getFields())).toEqual(expect.arrayContaining(['list', 'single', 'singleByPath', 'search', 'tags', 'searchTags']))
      expect(isObjectType(mutation) && Object.keys(mutation.getFields())).toEqual(expect.arrayContaining(['create', 'update', 'delete', 'updateTag', 'deleteTag']))
      expect(fake.getQueryType()?.getFields()['site']).toBeDefined()
    })

    it('would catch a drift (the check itself can fail)', () => {
      const drifted = buildSchema(
        WIKIJS_SDL.replace('  contentType: String!\n  isPublished: Boolean!', '  contentType: String!\n  content: String\n  isPublished: Boolean!')
          .replace('creatorId: Int\n    authorId: Int', 'creatorId: Int\n    authorId: Int\n    offset: Int')
          .replace('totalHits: Int!', 'totalHits: String!')
          .replace('  single(\n    id: Int!\n  ): Page @auth(requires: ["read:pages", "manage:system"])', '  single(\n    id: Int!\n  ): Page @auth(requires: ["read:pages"])'),
      )
      expect(differences(drifted, real).sort()).toEqual([
        '@auth of PageQuery.single: ["read:pages"] here, ["read:pages","manage:system"] there',
        'argument PageQuery.list(offset) is not in the real schema',
        'field PageListItem.content is not in the real schema',
        'field PageSearchResponse.totalHits: String! here, Int! there',
      ])
    })
  })
}
