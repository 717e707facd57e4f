/** The JSON Schema subset the Workiva OpenAPI facts use (no prose). `$ref` values are `api:Name` keys of {@link SpecTable.schemas}. */
export interface JsonSchema {
  $ref?: string
  type?: string
  format?: string
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  additionalProperties?: boolean | JsonSchema
  allOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  anyOf?: JsonSchema[]
  enum?: unknown[]
  nullable?: boolean
  readOnly?: boolean
  writeOnly?: boolean
  default?: unknown
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number | boolean
  exclusiveMaximum?: number | boolean
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  pattern?: string
  uniqueItems?: boolean
  deprecated?: boolean
}

export type SpecApi = 'platform' | 'chains' | 'wdata'

/** One parameter of an operation, resolved (no `$ref`). */
export interface SpecParam {
  in: 'path' | 'query' | 'header'
  /** The name on the wire (`$filter`, `fileId`, `Wk-Service-Provider`). */
  name: string
  required: boolean
  schema: JsonSchema
  /** `false` for a comma-joined array (`style: form, explode: false`). */
  explode?: boolean
}

/** One operation of the Workiva APIs, as the spec-checking fake and the generator see it. */
export interface SpecOperation {
  api: SpecApi
  /** The spec's `operationId`. */
  operationId: string
  /** The generated function's name (`getFiles`, `wdataGetFiles`). */
  fn: string
  /** The namespace (generated module) the function lives in. */
  namespace: string
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  params: SpecParam[]
  body?: { contentType: 'application/json' | 'application/x-www-form-urlencoded' | 'multipart/form-data'; required: boolean; schema: JsonSchema }
  /** The success response: its status, what it carries, and its headers. */
  response: { status: number; kind: 'json' | 'binary' | 'none'; schema?: JsonSchema; headers?: string[] }
  /** How a list operation pages: A `@nextLink`/`$next`, B JSON:API `links.next`, C Chains `data.cursor`, E Wdata `cursor`. */
  paging?: 'A' | 'B' | 'C' | 'E'
  /** Answers 202 with `Location` + `Retry-After` (a long-running operation). */
  longRunning?: boolean
  deprecated?: boolean
}

export interface SpecTable {
  operations: SpecOperation[]
  schemas: Record<string, JsonSchema>
}
