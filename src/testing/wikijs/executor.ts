// The GraphQL side of the Wiki.js fake: the fake's SDL built with `graphql`, every request parsed
// and validated against it (answering as apollo-server 2 does), `@auth` enforced, then executed.
import {
  buildSchema,
  defaultFieldResolver,
  execute,
  getNamedType,
  GraphQLError,
  isObjectType,
  parse,
  validate,
  valueFromASTUntyped,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql'
import { can, NotImplementedByFake, resolvers, WikiError, type WikijsContext } from './resolvers.js'
import { WIKIJS_SDL } from './sdl.js'

/** What the HTTP layer sends back. */
export interface GraphQLHttpResult {
  status: number
  body: { data?: unknown; errors?: GraphQLFormattedError[] }
}

/** The fake's schema plus each field's `@auth(requires: [...])`, by `Type.field`. */
export interface WikijsExecutor {
  readonly schema: GraphQLSchema
  run(body: unknown, ctx: WikijsContext): Promise<GraphQLHttpResult>
}

const MAX_CACHED_DOCUMENTS = 200

function authRequirements(schema: GraphQLSchema): Map<string, string[]> {
  const out = new Map<string, string[]>()
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue
    for (const field of Object.values(type.getFields())) {
      const auth = field.astNode?.directives?.find((d) => d.name.value === 'auth')
      const requires = auth?.arguments?.find((a) => a.name.value === 'requires')
      if (requires) out.set(`${type.name}.${field.name}`, valueFromASTUntyped(requires.value) as string[])
    }
  }
  return out
}

function requestError(status: number, message: string, code: string, extra?: Partial<GraphQLFormattedError>): GraphQLHttpResult {
  return { status, body: { errors: [{ message, ...extra, extensions: { code } }] } }
}

/** apollo-server 2's error format: `extensions.code`, and a Wiki.js error's code under `extensions.exception`. */
function formatError(error: GraphQLError, fallbackCode: string): GraphQLFormattedError {
  const formatted = error.toJSON()
  const original = error.originalError
  const code = typeof error.extensions['code'] === 'string' ? error.extensions['code'] : fallbackCode
  return {
    ...formatted,
    extensions: {
      ...formatted.extensions,
      code,
      ...(original instanceof WikiError && { exception: { code: original.code } }),
    },
  }
}

// The schema is immutable: built on the first fake, shared by every later one.
let cached: { schema: GraphQLSchema; requirements: Map<string, string[]> | undefined } | undefined

/** The root types and Wiki.js's namespaces under them (`PageQuery`, `UserMutation`, …): their fields are operations. */
function isOperationType(name: string): boolean {
  return /(Query|Mutation|Subscription)$/.test(name)
}

/** Builds the schema once per fake; `run` answers one HTTP request body. */
export function createExecutor(): WikijsExecutor {
  cached ??= { schema: buildSchema(WIKIJS_SDL), requirements: undefined }
  const schema = cached.schema
  const requirements = (cached.requirements ??= authRequirements(schema))

  const fieldResolver: GraphQLFieldResolver<unknown, WikijsContext> = (source, args, ctx, info) => {
    const requires = requirements.get(`${info.parentType.name}.${info.fieldName}`)
    // The `@auth` directive of Wiki.js 2.x: `throw new Error('Forbidden')` when no permission matches.
    if (requires && !can(ctx, requires)) throw new Error('Forbidden')
    const resolve = resolvers[info.parentType.name]?.[info.fieldName]
    if (resolve) return resolve(source, args, ctx)
    // `Query.users`, `Mutation.pages`, …: Wiki.js's namespaces resolve to an empty object.
    if (isOperationType(info.parentType.name) && isOperationType(getNamedType(info.returnType).name)) return {}
    if (isOperationType(info.parentType.name)) throw new NotImplementedByFake(`${info.parentType.name}.${info.fieldName}`)
    return defaultFieldResolver(source, args, ctx, info)
  }

  // Parsed and validated documents by query text (as apollo's document cache), bounded.
  const documents = new Map<string, { document: DocumentNode } | GraphQLHttpResult>()
  function check(query: string): { document: DocumentNode } | GraphQLHttpResult {
    const cached = documents.get(query)
    if (cached) return cached
    let outcome: { document: DocumentNode } | GraphQLHttpResult
    try {
      const document = parse(query)
      const invalid = validate(schema, document)
      outcome = invalid.length > 0
        ? { status: 400, body: { errors: invalid.map((e) => formatError(e, 'GRAPHQL_VALIDATION_FAILED')) } }
        : { document }
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error
      outcome = { status: 400, body: { errors: [formatError(error, 'GRAPHQL_PARSE_FAILED')] } }
    }
    if (documents.size >= MAX_CACHED_DOCUMENTS) documents.delete(documents.keys().next().value as string)
    documents.set(query, outcome)
    return outcome
  }

  async function run(body: unknown, ctx: WikijsContext): Promise<GraphQLHttpResult> {
    if (Array.isArray(body)) return requestError(400, 'Batched requests are not served by this fake', 'BAD_REQUEST')
    if (typeof body !== 'object' || body === null) return requestError(400, 'POST body missing or not a JSON object', 'BAD_REQUEST')
    const { query, variables, operationName } = body as Record<string, unknown>
    if (typeof query !== 'string' || query.trim() === '') return requestError(400, 'Must provide query string.', 'BAD_REQUEST')
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
      return requestError(400, 'Variables must be an object.', 'BAD_REQUEST')
    }
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
      return requestError(400, 'operationName must be a string.', 'BAD_REQUEST')
    }

    const checked = check(query)
    if (!('document' in checked)) return checked
    const document = checked.document

    const result = await execute({
      schema,
      document,
      contextValue: ctx,
      variableValues: (variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: (operationName ?? undefined) as string | undefined,
      fieldResolver,
    })
    // No data at all: the request never ran (bad variables, unknown operation) — apollo answers 400.
    if (!('data' in result) || result.data === undefined) {
      return { status: 400, body: { errors: (result.errors ?? []).map((e) => formatError(e, 'BAD_USER_INPUT')) } }
    }
    const errors = result.errors?.map((e) => formatError(e, 'INTERNAL_SERVER_ERROR'))
    return { status: 200, body: errors?.length ? { errors, data: result.data } : { data: result.data } }
  }

  return { schema, run }
}
