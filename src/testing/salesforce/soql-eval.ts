// Evaluating parsed SOQL conditions over stored values, by the field's type: numbers as
// numbers, datetimes as instants, dates as days, text case-insensitively; date literals as
// ranges of days (UTC, weeks starting on Sunday).
import type { FieldMeta } from './meta.js'
import type { Condition, Literal, OrderKey } from './soql.js'
import { datetimeMs } from './values.js'

const DAY = 86_400_000

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY) * DAY
}

function addMonths(ms: number, months: number): number {
  const date = new Date(ms)
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1)
}

/** `[start, end)` in ms of a date literal, relative to `now`. */
export function dateRange(literal: { value: string; n?: number }, now: number): [number, number] {
  const today = startOfDay(now)
  const week = today - new Date(today).getUTCDay() * DAY
  const month = addMonths(today, 0)
  const year = Date.UTC(new Date(today).getUTCFullYear(), 0, 1)
  const n = literal.n ?? 0
  switch (literal.value) {
    case 'TODAY':
      return [today, today + DAY]
    case 'YESTERDAY':
      return [today - DAY, today]
    case 'TOMORROW':
      return [today + DAY, today + 2 * DAY]
    case 'LAST_WEEK':
      return [week - 7 * DAY, week]
    case 'THIS_WEEK':
      return [week, week + 7 * DAY]
    case 'NEXT_WEEK':
      return [week + 7 * DAY, week + 14 * DAY]
    case 'LAST_MONTH':
      return [addMonths(month, -1), month]
    case 'THIS_MONTH':
      return [month, addMonths(month, 1)]
    case 'NEXT_MONTH':
      return [addMonths(month, 1), addMonths(month, 2)]
    case 'LAST_90_DAYS':
      return [today - 90 * DAY, today + DAY]
    case 'NEXT_90_DAYS':
      return [today + DAY, today + 91 * DAY]
    case 'THIS_YEAR':
      return [year, addMonths(year, 12)]
    case 'LAST_YEAR':
      return [addMonths(year, -12), year]
    case 'NEXT_YEAR':
      return [addMonths(year, 12), addMonths(year, 24)]
    case 'LAST_N_DAYS':
      return [today - n * DAY, today + DAY]
    case 'NEXT_N_DAYS':
      return [today + DAY, today + (n + 1) * DAY]
    case 'N_DAYS_AGO':
      return [today - n * DAY, today - (n - 1) * DAY]
    default:
      throw new Error(`no range for ${literal.value}`)
  }
}

/** A stored value in comparable form for its field: ms for dates/datetimes, lower-case text, numbers. */
export function comparableValue(field: FieldMeta | undefined, value: unknown): unknown {
  if (value === null || value === undefined) return null
  if (field?.type === 'datetime' && typeof value === 'string') return datetimeMs(value)
  if (field?.type === 'date' && typeof value === 'string') return Date.parse(`${value.slice(0, 10)}T00:00:00Z`)
  if (typeof value === 'string') return value.toLowerCase()
  return value
}

function literalValue(field: FieldMeta | undefined, literal: Literal): unknown {
  if (literal.kind === 'datetime' || literal.kind === 'date') return comparableValue(field?.type === 'date' || field?.type === 'datetime' ? field : { type: literal.kind } as FieldMeta, literal.value)
  return comparableValue(field, literal.value)
}

function compareValues(x: unknown, op: string, y: unknown): boolean {
  if (op === '=') return x === y
  if (op === '!=') return x !== y
  if (x === null || y === null) return false
  const a = x as number | string
  const b = y as number | string
  if (op === '<') return a < b
  if (op === '<=') return a <= b
  if (op === '>') return a > b
  return a >= b
}

function compare(field: FieldMeta | undefined, stored: unknown, op: string, literal: Literal, now: number): boolean {
  const value = comparableValue(field, stored)
  if (literal.kind === 'dateLiteral') {
    if (value === null) return op === '!='
    const [start, end] = dateRange(literal, now)
    const at = value as number
    if (op === '=') return at >= start && at < end
    if (op === '!=') return at < start || at >= end
    if (op === '<') return at < start
    if (op === '<=') return at < end
    if (op === '>') return at >= end
    return at >= start
  }
  return compareValues(value, op, literalValue(field, literal))
}

function likeToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (ch === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      source += pattern[++i]
      continue
    }
    if (ch === '%') source += '[\\s\\S]*'
    else if (ch === '_') source += '[\\s\\S]'
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, 'i')
}

/** What a condition reads: a field's metadata and a record's value for it. */
export type Reader = (path: string) => { field: FieldMeta | undefined; value: unknown }

/** Whether a record matches a condition. */
export function matches(condition: Condition | undefined, read: Reader, now: number): boolean {
  if (!condition) return true
  switch (condition.kind) {
    case 'and':
      return matches(condition.left, read, now) && matches(condition.right, read, now)
    case 'or':
      return matches(condition.left, read, now) || matches(condition.right, read, now)
    case 'not':
      return !matches(condition.inner, read, now)
    case 'compare': {
      const { field, value } = read(condition.field)
      return compare(field, value, condition.op, condition.value, now)
    }
    case 'like': {
      const { value } = read(condition.field)
      return typeof value === 'string' && likeToRegExp(condition.pattern).test(value)
    }
    case 'in': {
      const { field, value } = read(condition.field)
      const found = condition.values.some((item) => compare(field, value, '=', item, now))
      return condition.negate ? !found : found
    }
  }
}

/** Sorts rows by ORDER BY keys (stable; nulls placed as asked). */
export function sortRows<R>(rows: R[], orderBy: readonly OrderKey[], get: (row: R, key: OrderKey) => { field: FieldMeta | undefined; value: unknown }): R[] {
  if (orderBy.length === 0) return rows
  return [...rows].sort((a, b) => {
    for (const key of orderBy) {
      const left = get(a, key)
      const x = comparableValue(left.field, left.value)
      const right = get(b, key)
      const y = comparableValue(right.field, right.value)
      if (x === y) continue
      if (x === null) return key.nullsLast ? 1 : -1
      if (y === null) return key.nullsLast ? -1 : 1
      const order = (x as number) < (y as number) ? -1 : 1
      return key.desc ? -order : order
    }
    return 0
  })
}
