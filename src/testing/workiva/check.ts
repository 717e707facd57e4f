import { resolveSchema } from './sample.js'
import type { JsonSchema } from './spec-types.js'

export interface CheckOptions {
  schemas: Record<string, JsonSchema>
  /** `request`: unknown properties are refused, read-only ones may be left out. */
  mode: 'request' | 'response'
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Checks `value` against `schema`; returns one message per problem (empty when it fits).
 * `path` names the value in the messages (`body.options.shallowCopy`).
 *
 * @example
 * checkValue({ type: 'integer', maximum: 1000 }, 5000, 'query $maxpagesize', options) // ['query $maxpagesize: must be ≤ 1000']
 */
export function checkValue(schema: JsonSchema, value: unknown, path: string, options: CheckOptions, problems: string[] = []): string[] {
  if (problems.length >= 10) return problems
  const s = resolveSchema(schema, options.schemas)
  if (value === null) {
    if (!s.nullable && s.type !== undefined) problems.push(`${path}: must not be null`)
    return problems
  }
  if (s.enum && !s.enum.includes(value)) {
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`)
    return problems
  }
  const type = s.type ?? (s.properties || s.additionalProperties ? 'object' : s.items ? 'array' : undefined)
  switch (type) {
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return push(problems, `${path}: expected an object`)
      const record = value as Record<string, unknown>
      const properties = s.properties ?? {}
      for (const key of s.required ?? []) {
        const prop = properties[key]
        const readOnly = prop && (prop.readOnly || resolveSchema(prop, options.schemas).readOnly)
        if (record[key] === undefined && !(options.mode === 'request' && readOnly)) problems.push(`${join(path, key)}: is required`)
      }
      for (const [key, item] of Object.entries(record)) {
        if (item === undefined) continue
        const prop = properties[key]
        if (prop) checkValue(prop, item, join(path, key), options, problems)
        else if (s.additionalProperties && typeof s.additionalProperties === 'object') checkValue(s.additionalProperties, item, join(path, key), options, problems)
        else if (options.mode === 'request' && s.additionalProperties === undefined && s.properties) problems.push(`${join(path, key)}: is not a known property`)
        else if (s.additionalProperties === false) problems.push(`${join(path, key)}: is not a known property`)
      }
      return problems
    }
    case 'array': {
      if (!Array.isArray(value)) return push(problems, `${path}: expected an array`)
      if (s.minItems !== undefined && value.length < s.minItems) problems.push(`${path}: needs at least ${s.minItems} items`)
      if (s.maxItems !== undefined && value.length > s.maxItems) problems.push(`${path}: allows at most ${s.maxItems} items`)
      if (s.items) value.forEach((item, i) => checkValue(s.items!, item, `${path}[${i}]`, options, problems))
      return problems
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return push(problems, `${path}: expected a number`)
      if (type === 'integer' && !Number.isInteger(value)) problems.push(`${path}: expected an integer`)
      if (s.minimum !== undefined && value < s.minimum) problems.push(`${path}: must be ≥ ${s.minimum}`)
      if (s.maximum !== undefined && value > s.maximum) problems.push(`${path}: must be ≤ ${s.maximum}`)
      return problems
    }
    case 'boolean':
      if (typeof value !== 'boolean') problems.push(`${path}: expected a boolean`)
      return problems
    case 'string': {
      if (s.format === 'binary') {
        if (!(typeof Blob !== 'undefined' && value instanceof Blob) && typeof value !== 'string') problems.push(`${path}: expected a file`)
        return problems
      }
      if (typeof value !== 'string') return push(problems, `${path}: expected a string`)
      if (s.minLength !== undefined && value.length < s.minLength) problems.push(`${path}: shorter than ${s.minLength}`)
      if (s.maxLength !== undefined && value.length > s.maxLength) problems.push(`${path}: longer than ${s.maxLength}`)
      if (s.pattern && !new RegExp(s.pattern, 'u').test(value)) problems.push(`${path}: does not match ${s.pattern}`)
      if (s.format === 'uuid' && !UUID.test(value)) problems.push(`${path}: is not a UUID`)
      if (s.format === 'date-time' && Number.isNaN(Date.parse(value))) problems.push(`${path}: is not a date-time`)
      return problems
    }
    default:
      return problems
  }
}

/**
 * Turns a wire string (query, path or header value) into the type its schema asks for, or
 * returns a problem message. Arrays come in as several values (or comma-joined).
 *
 * @example
 * coerceWire({ type: 'boolean' }, ['true'], 'query includeShared', options) // { value: true }
 */
export function coerceWire(schema: JsonSchema, raw: string[], path: string, options: CheckOptions): { value?: unknown; problem?: string } {
  const s = resolveSchema(schema, options.schemas)
  if (s.type === 'array') {
    const items = s.items ?? {}
    const out: unknown[] = []
    for (const one of raw) {
      const r = coerceOne(items, one, path, options)
      if (r.problem) return r
      out.push(r.value)
    }
    return { value: out }
  }
  if (raw.length > 1) return { problem: `${path}: given ${raw.length} times` }
  return coerceOne(s, raw[0] ?? '', path, options)
}

function coerceOne(schema: JsonSchema, raw: string, path: string, options: CheckOptions): { value?: unknown; problem?: string } {
  const s = resolveSchema(schema, options.schemas)
  if (s.type === 'integer' || s.type === 'number') {
    if (!/^-?\d+(\.\d+)?$/.test(raw)) return { problem: `${path}: ${JSON.stringify(raw)} is not a number` }
    return { value: Number(raw) }
  }
  if (s.type === 'boolean') {
    if (raw !== 'true' && raw !== 'false') return { problem: `${path}: ${JSON.stringify(raw)} is not true or false` }
    return { value: raw === 'true' }
  }
  return { value: raw }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key
}

function push(problems: string[], message: string): string[] {
  problems.push(message)
  return problems
}
