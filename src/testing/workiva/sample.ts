import type { JsonSchema } from './spec-types.js'

/** Marks a binary value in a request sample (a multipart `file`); the generator prints it as a `Blob`. */
export const BINARY: unique symbol = Symbol('binary')

export interface SampleOptions {
  /** Every schema by `api:Name` key. */
  schemas: Record<string, JsonSchema>
  /** `request` leaves out read-only properties; `response` leaves out write-only ones and paging cursors. */
  mode: 'request' | 'response'
  /** Optional properties are included down to this depth (required ones always). Default 3 (responses), 2 (requests). */
  optionalDepth?: number
}

/** Known `pattern`s of the spec and a value that matches each. */
const PATTERN_SAMPLES: Record<string, string> = {
  '[a-f0-9]{12}4[a-f0-9]{3}[89aAbB][a-f0-9]{15}': '0123456789ab4cde8f0123456789abcd',
  '\\w+': 'name_1',
  '^#(?:[0-9a-fA-F]{3}){1,2}$': '#000000',
  '^[^\\ue000-\\uf8ff]*$': 'text',
}

/** Properties a response sample never has: a fake page is always the last one. */
const PAGING_KEYS = new Set(['@nextLink', 'cursor', 'next'])

/** Resolves `$ref` and merges `allOf` into one schema (outer keywords win).
 *
 * @example
 * resolveSchema({ $ref: 'platform:File' }, workivaSpecTable.schemas).properties?.name // { type: 'string' }
 */
export function resolveSchema(schema: JsonSchema, schemas: Record<string, JsonSchema>, seen = 0): JsonSchema {
  if (seen > 32) throw new Error('schema reference chain too deep')
  if (schema.$ref) {
    const target = schemas[schema.$ref]
    if (!target) throw new Error(`unknown schema ${schema.$ref}`)
    const { $ref: _ref, ...outer } = schema
    return { ...resolveSchema(target, schemas, seen + 1), ...outer }
  }
  if (schema.allOf) {
    const { allOf, ...outer } = schema
    const merged: JsonSchema = {}
    for (const part of allOf) {
      const r = resolveSchema(part, schemas, seen + 1)
      Object.assign(merged, r, {
        properties: { ...merged.properties, ...r.properties },
        required: [...(merged.required ?? []), ...(r.required ?? [])],
      })
    }
    const properties = { ...merged.properties, ...outer.properties }
    const required = [...(merged.required ?? []), ...(outer.required ?? [])]
    const out: JsonSchema = { ...merged, ...outer }
    if (Object.keys(properties).length) out.properties = properties
    else delete out.properties
    if (required.length) out.required = required
    else delete out.required
    if (!out.type && out.properties) out.type = 'object'
    return out
  }
  return schema
}

/** A value that satisfies `schema` (deterministic: the same schema always gives the same value).
 *
 * @example
 * sampleValue({ $ref: 'platform:File' }, { schemas: workivaSpecTable.schemas, mode: 'response' }) // { container: '', id: 'id-1', … }
 */
export function sampleValue(schema: JsonSchema, options: SampleOptions, depth = 0, name = ''): unknown {
  const s = resolveSchema(schema, options.schemas)
  const optionalDepth = options.optionalDepth ?? (options.mode === 'response' ? 3 : 2)
  if (s.enum && s.enum.length) return s.enum.find((e) => e !== null) ?? s.enum[0]
  const type = s.type ?? (s.properties || s.additionalProperties ? 'object' : s.items ? 'array' : undefined)
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {}
      const required = new Set(s.required ?? [])
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        const p = resolveSchema(prop, options.schemas)
        const isRequired = required.has(key)
        if (options.mode === 'request' && (prop.readOnly || p.readOnly) && !isRequired) continue
        if (options.mode === 'response' && (prop.writeOnly || p.writeOnly) && !isRequired) continue
        if (options.mode === 'response' && PAGING_KEYS.has(key) && !isRequired) continue
        if (!isRequired && depth >= optionalDepth) continue
        if (depth > 12) {
          if (isRequired && (prop.nullable || p.nullable)) out[key] = null
          else if (isRequired) throw new Error(`required property ${key} recurses too deep`)
          continue
        }
        out[key] = sampleValue(prop, options, depth + 1, key)
      }
      return out
    }
    case 'array': {
      const count = depth >= optionalDepth + 2 && !s.minItems ? 0 : Math.max(1, s.minItems ?? 0)
      const items: unknown[] = []
      for (let i = 0; i < Math.min(count, s.maxItems ?? count); i++) items.push(s.items ? sampleValue(s.items, options, depth + 1, name) : 'item')
      return items
    }
    case 'integer':
    case 'number': {
      if (typeof s.default === 'number') return s.default
      let n = 1
      if (typeof s.minimum === 'number') n = Math.max(n, s.minimum)
      if (typeof s.maximum === 'number') n = Math.min(n, s.maximum)
      return n
    }
    case 'boolean':
      return typeof s.default === 'boolean' ? s.default : true
    case 'string':
      return sampleString(s, options, name)
    default:
      return options.mode === 'request' ? 'value' : null
  }
}

function sampleString(s: JsonSchema, options: SampleOptions, name: string): unknown {
  if (s.format === 'binary') return options.mode === 'request' ? BINARY : 'binary'
  if (typeof s.default === 'string' && (!s.pattern || new RegExp(s.pattern, 'u').test(s.default))) return s.default
  if (s.pattern) {
    const known = PATTERN_SAMPLES[s.pattern]
    if (known === undefined) throw new Error(`no sample for pattern ${s.pattern}`)
    return known
  }
  let value: string
  switch (s.format) {
    case 'date-time':
      value = '2026-01-01T00:00:00Z'
      break
    case 'date':
      value = '2026-01-01'
      break
    case 'uuid':
      value = '00000000-0000-4000-8000-000000000001'
      break
    case 'uri':
      value = 'https://example.com/resource'
      break
    default:
      value = name ? `${name}-1` : 'string'
  }
  if (s.maxLength !== undefined && value.length > s.maxLength) value = value.slice(0, s.maxLength)
  if (s.minLength !== undefined && value.length < s.minLength) value = value.padEnd(s.minLength, 'x')
  return value
}
