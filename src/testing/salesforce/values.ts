// Field values as Salesforce takes them: JSON bodies (REST, collections), CSV cells (Bulk) and
// the fake's own seeding. A value of the wrong type is refused as Salesforce refuses it.
import type { FieldMeta } from './meta.js'

/** How a write arrived: a JSON body, a Bulk CSV cell, or `fake.insert` seeding. */
export type WriteMode = 'api' | 'bulk' | 'seed'

export type Coerced = { ok: true; value: unknown } | { ok: false; statusCode: string; message: string }

const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/
const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const TIME = /^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z?$/

const JSON_NAMES: Partial<Record<FieldMeta['type'], string>> = { boolean: 'boolean', int: 'int', double: 'double', currency: 'double', percent: 'double', date: 'date', datetime: 'datetime', time: 'time' }

/** `2024-01-02T03:04:05.000+0000`, the form Salesforce returns datetimes in. */
export function formatDatetime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000')
}

function validDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** Milliseconds of a datetime value (`Date.parse` with Salesforce's `+0000` offsets). */
export function datetimeMs(value: string): number {
  return Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))
}

function wrongType(field: FieldMeta, value: unknown, mode: WriteMode): Coerced {
  const shown = typeof value === 'string' ? value : JSON.stringify(value)
  if (mode === 'bulk') return { ok: false, statusCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', message: `${field.label}: value not of required type: ${shown}` }
  const token = typeof value === 'string' ? 'VALUE_STRING' : typeof value === 'number' ? 'VALUE_NUMBER_INT' : typeof value === 'boolean' ? `VALUE_${String(value).toUpperCase()}` : Array.isArray(value) ? 'START_ARRAY' : 'START_OBJECT'
  return { ok: false, statusCode: 'JSON_PARSER_ERROR', message: `Cannot deserialize instance of ${JSON_NAMES[field.type] ?? 'string'} from ${token} value ${shown} or request may be missing a required field` }
}

/** The stored form of `value` for `field`, or the error Salesforce answers. `null` clears a field. */
export function coerce(field: FieldMeta, value: unknown, mode: WriteMode): Coerced {
  if (value === null || value === undefined) return { ok: true, value: null }
  if (typeof value === 'object') return wrongType(field, value, mode)
  const text = String(value)
  switch (field.type) {
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value }
      if (/^(true|false)$/i.test(text)) return { ok: true, value: text.toLowerCase() === 'true' }
      if (mode === 'bulk' && /^[01]$/.test(text)) return { ok: true, value: text === '1' }
      return wrongType(field, value, mode)
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      if (typeof value === 'boolean') return wrongType(field, value, mode)
      const number = typeof value === 'number' ? value : text.trim() === '' ? Number.NaN : Number(text)
      if (!Number.isFinite(number) || (field.type === 'int' && !Number.isInteger(number))) return wrongType(field, value, mode)
      return { ok: true, value: number }
    }
    case 'date':
      if (typeof value !== 'string' || !DATE.test(text) || !validDate(text)) return wrongType(field, value, mode)
      return { ok: true, value: text }
    case 'datetime': {
      const normal = text.length === 10 ? `${text}T00:00:00Z` : /(?:Z|[+-]\d{2}:?\d{2})$/.test(text) ? text : `${text}Z`
      const ms = datetimeMs(normal)
      if (typeof value !== 'string' || !DATETIME.test(text) || !validDate(text) || Number.isNaN(ms)) return wrongType(field, value, mode)
      return { ok: true, value: formatDatetime(ms) }
    }
    case 'time':
      if (typeof value !== 'string' || !TIME.test(text)) return wrongType(field, value, mode)
      return { ok: true, value: text }
    case 'id':
    case 'reference':
      if (text === '' && mode === 'bulk') return { ok: true, value: null }
      if (typeof value !== 'string' && mode !== 'bulk') return wrongType(field, value, mode)
      if (!ID.test(text)) return { ok: false, statusCode: 'MALFORMED_ID', message: `${field.label} ID: id value of incorrect type: ${text}` }
      return { ok: true, value: text }
    default:
      if (field.length > 0 && text.length > field.length) {
        return { ok: false, statusCode: 'STRING_TOO_LONG', message: `${field.label}: data value too large: ${text.length > 40 ? `${text.slice(0, 40)}...` : text} (max length=${field.length})` }
      }
      return { ok: true, value: text }
  }
}
