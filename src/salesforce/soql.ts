import { ValidationError } from '../core/errors.js'

/**
 * A piece of SOQL built by {@link soql} (or {@link soqlField} / {@link soqlLike}): values inside
 * were escaped, so it can be inlined in another `soql` template as is. `String(q)` gives the text.
 */
export interface Soql {
  readonly soql: string
  toString(): string
}

/** What a `soql` template accepts as a value. */
export type SoqlValue = string | number | bigint | boolean | null | undefined | Date | Soql | readonly (string | number | bigint | boolean | Date | null)[]

const ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' }

// Fragments this module made: only they are inlined as raw SOQL. An object that merely has a
// `soql` key (say, parsed from a request body) is not in the set and is refused.
const fragments = /* @__PURE__ */ new WeakSet<object>()

function fragment(text: string): Soql {
  const made: Soql = Object.freeze({ soql: text, toString: () => text })
  fragments.add(made)
  return made
}

function isSoql(value: unknown): value is Soql {
  return typeof value === 'object' && value !== null && fragments.has(value)
}

/**
 * Escapes text for use inside a SOQL string literal (without the quotes): backslash, quotes,
 * line breaks and other control characters.
 *
 * @example
 * `SELECT Id FROM Account WHERE Name = '${escapeSoql("O'Brien")}'` // Name = 'O\'Brien'
 */
export function escapeSoql(text: string): string {
  // eslint-disable-next-line no-control-regex
  return String(text).replace(/[\\'"\u0000-\u001f\u007f]/g, (ch) => ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/**
 * One value as a SOQL literal: strings quoted and escaped, numbers, booleans, `null`, dates as
 * `YYYY-MM-DDThh:mm:ssZ`, arrays as `('a','b')` for `IN`. Anything else is a `ValidationError`.
 *
 * @example
 * soqlLiteral("it's") // "'it\\'s'"
 * soqlLiteral(['a', 'b']) // "('a','b')"
 */
export function soqlLiteral(value: SoqlValue): string {
  if (isSoql(value)) return value.soql
  if (value === null || value === undefined) return 'null'
  if (typeof value === 'string') return `'${escapeSoql(value)}'`
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ValidationError('soql', [{ path: 'value', message: `not a finite number: ${value}` }])
    return String(value)
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new ValidationError('soql', [{ path: 'value', message: 'an invalid Date' }])
    return value.toISOString().replace(/\.\d{3}Z$/, 'Z')
  }
  if (Array.isArray(value)) {
    if (value.length === 0) throw new ValidationError('soql', [{ path: 'value', message: 'an empty list cannot be used with IN' }])
    return `(${value.map((item) => soqlLiteral(item as SoqlValue)).join(',')})`
  }
  throw new ValidationError('soql', [{ path: 'value', message: `cannot be a SOQL literal: ${typeof value}` }])
}

/**
 * Builds SOQL from a template: every `${value}` becomes an escaped literal (never raw text), except
 * fragments made by `soql`, `soqlField` or `soqlLike`, which are inlined.
 *
 * @example
 * const q = soql`SELECT Id, Name FROM Account WHERE Name = ${name} AND Industry IN ${industries} LIMIT ${10}`
 * const rows = await query(sf, q)
 */
export function soql(strings: TemplateStringsArray, ...values: SoqlValue[]): Soql {
  let text = strings[0] ?? ''
  values.forEach((value, i) => {
    text += soqlLiteral(value) + (strings[i + 1] ?? '')
  })
  return fragment(text)
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*$/

/**
 * A field or object name for a `soql` template, checked to be an API name (letters, digits, `_`,
 * dotted relationships): a `ValidationError` otherwise. Use it for names that come from input.
 *
 * @example
 * soql`SELECT Id FROM Account ORDER BY ${soqlField(sortBy)}`
 */
export function soqlField(name: string): Soql {
  if (typeof name !== 'string' || !FIELD_NAME.test(name)) throw new ValidationError('soqlField', [{ path: 'name', message: `not a SOQL field name: ${JSON.stringify(name)}` }])
  return fragment(name)
}

/**
 * A `LIKE` pattern from plain text: `%` and `_` in the text match themselves, and the text is
 * wrapped for `contains` (default), `startsWith`, `endsWith` or `exact`.
 *
 * @example
 * soql`SELECT Id FROM Account WHERE Name LIKE ${soqlLike(term, 'startsWith')}`
 */
export function soqlLike(text: string, mode: 'contains' | 'startsWith' | 'endsWith' | 'exact' = 'contains'): Soql {
  const escaped = escapeSoql(text).replace(/[%_]/g, (ch) => `\\${ch}`)
  const before = mode === 'contains' || mode === 'endsWith' ? '%' : ''
  const after = mode === 'contains' || mode === 'startsWith' ? '%' : ''
  return fragment(`'${before}${escaped}${after}'`)
}
