import { ValidationError, type ValidationIssue } from './errors.js'
import type { StandardSchemaV1 } from './types.js'

/**
 * Formats a Standard Schema path as `data[0].name`.
 *
 * @example
 * formatPath(['records', 3, { key: 'email' }]) // 'records[3].email'
 */
export function formatPath(path: StandardSchemaV1.Issue['path']): string {
  let out = ''
  for (const segment of path ?? []) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment
    if (typeof key === 'number') out += `[${key}]`
    else out += out ? `.${String(key)}` : String(key)
  }
  return out
}

function toIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>): ValidationIssue[] {
  return issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }))
}

/**
 * Parses `value` with any Standard Schema (valibot, zod, arktype); throws `ValidationError`
 * naming every failing path. `context` starts the message (e.g. `getPage input`).
 *
 * @example
 * const input = await parseWith(v.object({ id: v.number() }), raw, 'getPage input')
 */
export async function parseWith<T>(schema: StandardSchemaV1<unknown, T>, value: unknown, context: string | (() => string)): Promise<T> {
  return parseNow(schema, value, context)
}

/** Like `parseWith`, but a synchronous schema's value comes back as is: the request path awaits only when it must. */
export function parseNow<T>(schema: StandardSchemaV1<unknown, T>, value: unknown, context: string | (() => string)): T | Promise<T> {
  const result = schema['~standard'].validate(value)
  return result instanceof Promise ? result.then((r) => checked(r, context)) : checked(result, context)
}

function checked<T>(result: StandardSchemaV1.Result<T>, context: string | (() => string)): T {
  if (result.issues) throw new ValidationError(typeof context === 'function' ? context() : context, toIssues(result.issues))
  return result.value
}

/**
 * Checks input synchronously before a request is built; throws `ValidationError` naming the field.
 * Async schemas are refused here (input checks must not wait).
 *
 * @example
 * const { id } = validateInput(v.object({ id: v.pipe(v.number(), v.integer(), v.minValue(1)) }), { id }, 'getPage')
 */
export function validateInput<T>(schema: StandardSchemaV1<unknown, T>, value: unknown, context: string): T {
  const result = schema['~standard'].validate(value)
  if (result instanceof Promise) throw new TypeError(`${context}: input schemas must be synchronous`)
  if (result.issues) throw new ValidationError(context, toIssues(result.issues))
  return result.value
}
