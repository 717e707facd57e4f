import { ValidationError } from './errors.js'

/**
 * Builds a URL path from a template, encoding every interpolated value as one path segment:
 * `/`, `?`, `#`, `%`, spaces and unicode are escaped. `.`, `..` and `''` are refused with a
 * `ValidationError`: URLs treat them (even percent-encoded) as "this" or "parent" directory.
 *
 * @example
 * client.request({ path: encodePath`/sobjects/${type}/${id}` })   // id '../x?y' stays one segment
 */
export function encodePath(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  let out = strings[0] ?? ''
  for (let i = 0; i < values.length; i++) out += encodeSegment(values[i]!) + (strings[i + 1] ?? '')
  return out
}

/**
 * One path segment, encoded.
 *
 * @example
 * encodeSegment('a/b c') // 'a%2Fb%20c'; '', '.' and '..' throw ValidationError
 */
export function encodeSegment(value: string | number): string {
  const text = String(value)
  if (text === '' || text === '.' || text === '..') {
    throw new ValidationError('path', [{ path: '', message: `${JSON.stringify(text)} cannot be a path segment` }])
  }
  return encodeURIComponent(text)
}
