import { ValidationError } from '../core/errors.js'

/** A CQL fragment inserted into a `cql` template as it is (no quoting). Make one with `cqlRaw`. */
export interface CqlRaw {
  readonly cqlRaw: string
}

/** What a `cql` placeholder accepts: a value (quoted and escaped), a list (`"a" or "b"`), or a raw fragment. */
export type CqlValue = string | number | boolean | bigint | CqlRaw | readonly (string | number | boolean | bigint)[]

/**
 * Quotes one value for CQL: wraps it in `"` and backslash-escapes `"`, `\` and the masking
 * characters `*`, `?`, `^`, so user input always means itself.
 *
 * @example
 * cqlQuote('a"b*') // → "a\"b\*"
 */
export function cqlQuote(value: string | number | boolean | bigint): string {
  return `"${String(value).replace(/["\\*?^]/g, (c) => `\\${c}`)}"`
}

/**
 * Marks trusted CQL text (an index name, a relation, an already built query) to be inserted
 * into a `cql` template without quoting.
 *
 * @example
 * const sort = cqlRaw('sortBy personal.lastName')
 * const query = cql`active==${true} ${sort}` // → active=="true" sortBy personal.lastName
 */
export function cqlRaw(text: string): CqlRaw {
  if (typeof text !== 'string') throw new ValidationError('cqlRaw', [{ path: 'text', message: 'must be a string' }])
  return { cqlRaw: text }
}

function isRaw(value: unknown): value is CqlRaw {
  return typeof value === 'object' && value !== null && typeof (value as { cqlRaw?: unknown }).cqlRaw === 'string'
}

function isScalar(value: unknown): value is string | number | boolean | bigint {
  const t = typeof value
  return t === 'string' || t === 'bigint' || t === 'boolean' || (t === 'number' && Number.isFinite(value))
}

/**
 * Tagged template for CQL queries: every `${value}` is quoted and escaped (`"`, `\`, `*`, `?`, `^`),
 * so hostile input cannot change the query; an array becomes `"a" or "b"` (wrap it in parentheses);
 * `cqlRaw(text)` inserts trusted text as is. `undefined`, `null`, objects, `NaN` and empty arrays
 * throw a `ValidationError` naming the placeholder.
 *
 * @example
 * import { cql, folioGet } from 'isosdk/folio'
 * const users = await folioGet(client, '/users', 'users', { query: cql`username==${name}` })
 * const loans = cql`userId==(${userIds}) and status.name==${'Open'}`
 */
export function cql(strings: TemplateStringsArray, ...values: readonly CqlValue[]): string {
  let out = strings[0] ?? ''
  values.forEach((value, i) => {
    out += render(value, i) + (strings[i + 1] ?? '')
  })
  return out
}

function render(value: unknown, index: number): string {
  if (isRaw(value)) return value.cqlRaw
  if (isScalar(value)) return cqlQuote(value)
  if (Array.isArray(value)) {
    if (value.length === 0) throw invalid(index, 'is an empty list')
    return value
      .map((item: unknown) => {
        if (!isScalar(item)) throw invalid(index, 'must list strings, numbers or booleans')
        return cqlQuote(item)
      })
      .join(' or ')
  }
  throw invalid(index, `cannot be ${value === null ? 'null' : typeof value === 'number' ? String(value) : typeof value}`)
}

function invalid(index: number, message: string): ValidationError {
  return new ValidationError('cql', [{ path: `values[${index}]`, message }])
}
