// Running parsed SOQL over the stored records: every object, field, relationship and value is
// checked against the metadata first (INVALID_TYPE, INVALID_FIELD, …), then rows are filtered,
// grouped or counted, sorted, sliced, and shaped as the REST API or Bulk CSV shows them.
import { childRelationships, fieldOf, isNumeric, isText, relationshipOf, type FieldMeta, type ObjectMeta } from './meta.js'
import { parseSoql, SoqlError, type Condition, type Literal, type OrderKey, type SelectItem, type SoqlQuery } from './soql.js'
import { comparableValue, matches, sortRows } from './soql-eval.js'
import { objectMeta, type SalesforceFakeState, type StoredRecord } from './state.js'
import { findById, shown } from './store.js'

const CUSTOM_FIELD_HINT = "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names."
const CUSTOM_RELATIONSHIP_HINT = "If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names."
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/

/** A field path resolved against the metadata: the reference fields to follow, then the field. */
interface Path {
  text: string
  hops: FieldMeta[]
  field: FieldMeta
}

/** A plan: the query with every path resolved. */
interface Plan {
  query: SoqlQuery
  object: ObjectMeta
  /** Output columns of a plain (not aggregate) query, subqueries included. */
  columns: ({ kind: 'path'; path: Path } | { kind: 'subquery'; name: string; child: ObjectMeta; via: FieldMeta; plan: Plan })[]
  aggregate: boolean
  paths: Map<string, Path>
}

export interface QueryRun {
  query: SoqlQuery
  object: string
  /** Rows as the REST API shows them. */
  rows: Record<string, unknown>[]
  /** For Bulk CSV: column names and string cells. */
  columns: string[]
  cells: () => string[][]
  totalSize: number
  /** Whether a compound (address) field is selected. */
  compound?: boolean
}

/** Resolves `Account.Owner.Name`; a leading object name or alias (`a.Name` in `FROM Account a`) is dropped. */
function resolvePath(state: SalesforceFakeState, object: ObjectMeta, text: string, at: number, qualifiers: readonly string[] = []): Path {
  let parts = text.split('.')
  if (parts.length > 1 && qualifiers.some((q) => q.toLowerCase() === parts[0]!.toLowerCase()) && !relationshipOf(object, parts[0]!)) parts = parts.slice(1)
  const hops: FieldMeta[] = []
  let current = object
  for (const [i, part] of parts.entries()) {
    const last = i === parts.length - 1
    if (last) {
      const field = fieldOf(current, part)
      if (!field) throw new SoqlError(`No such column '${part}' on entity '${current.name}'. ${CUSTOM_FIELD_HINT}`, 'INVALID_FIELD', at)
      return { text: parts.join('.'), hops, field }
    }
    const hop = relationshipOf(current, part)
    if (!hop) throw new SoqlError(`Didn't understand relationship '${part}' in field path. ${CUSTOM_RELATIONSHIP_HINT}`, 'INVALID_FIELD', at)
    const next = parts[i + 1]!
    const targets = hop.referenceTo.map((name) => objectMeta(state, name)).filter((o): o is ObjectMeta => o !== undefined)
    const target = targets.find((o) => i + 1 < parts.length - 1 ? relationshipOf(o, next) : fieldOf(o, next)) ?? targets[0]
    if (!target) throw new SoqlError(`Didn't understand relationship '${part}' in field path. ${CUSTOM_RELATIONSHIP_HINT}`, 'INVALID_FIELD', at)
    hops.push(hop)
    current = target
  }
  throw new SoqlError('empty field path', 'MALFORMED_QUERY', at)
}

function soapType(field: FieldMeta): string {
  if (field.type === 'datetime') return 'dateTime'
  if (field.type === 'int' || field.type === 'boolean' || field.type === 'date' || field.type === 'time') return field.type
  if (isNumeric(field)) return 'double'
  return 'string'
}

function checkLiteral(field: FieldMeta, literal: Literal, at: number): void {
  if (literal.kind === 'null') return
  const wrong = () => new SoqlError(`value of filter criterion for field '${field.name}' must be of type ${soapType(field)} and should ${isText(field) ? '' : 'not '}be enclosed in quotes`, 'INVALID_FIELD', at)
  if (field.type === 'id' || field.type === 'reference') {
    if (literal.kind !== 'string') throw wrong()
    if (!ID.test(literal.value)) throw new SoqlError(`invalid ID field: ${literal.value}`, 'INVALID_QUERY_FILTER_OPERATOR', at)
    return
  }
  if (isText(field) || field.type === 'address') {
    if (literal.kind !== 'string') throw wrong()
    return
  }
  if (isNumeric(field) && literal.kind !== 'number') throw wrong()
  if (field.type === 'boolean' && literal.kind !== 'boolean') throw wrong()
  if (field.type === 'date' && literal.kind !== 'date' && literal.kind !== 'dateLiteral') throw wrong()
  if (field.type === 'datetime' && literal.kind !== 'datetime' && literal.kind !== 'dateLiteral') throw wrong()
  if (field.type === 'time' && literal.kind !== 'string') throw wrong()
}

function checkCondition(condition: Condition | undefined, resolve: (text: string, at: number) => Path, paths: Map<string, Path>): void {
  if (!condition) return
  switch (condition.kind) {
    case 'and':
    case 'or':
      checkCondition(condition.left, resolve, paths)
      checkCondition(condition.right, resolve, paths)
      return
    case 'not':
      checkCondition(condition.inner, resolve, paths)
      return
    default: {
      const path = resolve(condition.field, condition.at)
      paths.set(condition.field.toLowerCase(), path)
      if (condition.kind === 'compare') checkLiteral(path.field, condition.value, condition.at)
      if (condition.kind === 'in') for (const value of condition.values) checkLiteral(path.field, value, condition.at)
      if (condition.kind === 'like' && !isText(path.field)) throw new SoqlError(`invalid operator on ${soapType(path.field)} field: ${path.field.name}`, 'INVALID_FIELD', condition.at)
    }
  }
}

function expandFields(object: ObjectMeta, item: Extract<SelectItem, { kind: 'fields' }>): SelectItem[] {
  return [...object.fields.values()]
    .filter((field) => item.which === 'ALL' || (item.which === 'CUSTOM') === field.custom)
    .map((field) => ({ kind: 'field', path: field.name, at: item.at }))
}

function plan(state: SalesforceFakeState, query: SoqlQuery, object: ObjectMeta, nested: boolean): Plan {
  const paths = new Map<string, Path>()
  const qualifiers = [query.object, ...(query.alias ? [query.alias] : [])]
  const resolve = (text: string, at: number) => resolvePath(state, object, text, at, qualifiers)
  const fieldsFn = query.items.find((item) => item.kind === 'fields')
  if (fieldsFn && fieldsFn.kind === 'fields' && fieldsFn.which !== 'STANDARD' && (query.limit === undefined || query.limit > 200)) {
    throw new SoqlError('The SOQL FIELDS function must have a LIMIT of at most 200', 'MALFORMED_QUERY', fieldsFn.at)
  }
  const items = query.items.flatMap((item) => (item.kind === 'fields' ? expandFields(object, item) : [item]))
  const aggregate = query.groupBy.length > 0 || items.some((item) => item.kind === 'aggregate')
  const columns: Plan['columns'] = []
  for (const item of items) {
    if (item.kind === 'field') {
      const path = resolve(item.path, item.at)
      paths.set(item.path.toLowerCase(), path)
      if (aggregate && !query.groupBy.some((g) => g.path.toLowerCase() === item.path.toLowerCase())) {
        throw new SoqlError(`Field must be grouped or aggregated: ${path.field.name}`, 'MALFORMED_QUERY', item.at)
      }
      if (!columns.some((c) => c.kind === 'path' && c.path.text.toLowerCase() === item.path.toLowerCase())) columns.push({ kind: 'path', path })
    } else if (item.kind === 'aggregate') {
      if (nested) throw new SoqlError('Aggregate functions are not allowed in a subquery', 'MALFORMED_QUERY', item.at)
      const path = resolve(item.path!, item.at)
      if ((item.fn === 'SUM' || item.fn === 'AVG') && !isNumeric(path.field)) throw new SoqlError(`Invalid field ${path.field.name} for ${item.fn} function`, 'MALFORMED_QUERY', item.at)
      paths.set(item.path!.toLowerCase(), path)
    } else if (item.kind === 'subquery') {
      const relation = childRelationships(state.objects, object.name).find((r) => r.name.toLowerCase() === item.query.object.toLowerCase())
      if (!relation) throw new SoqlError(`Didn't understand relationship '${item.query.object}' in FROM part of query call. ${CUSTOM_RELATIONSHIP_HINT}`, 'INVALID_TYPE', item.query.objectAt)
      if (aggregate) throw new SoqlError('Subqueries are not allowed in an aggregate query', 'MALFORMED_QUERY', item.at)
      columns.push({ kind: 'subquery', name: relation.name, child: relation.object, via: relation.field, plan: plan(state, item.query, relation.object, true) })
    }
  }
  for (const group of query.groupBy) paths.set(group.path.toLowerCase(), resolve(group.path, group.at))
  for (const key of query.orderBy) {
    if (key.fn) {
      if (!aggregate) throw new SoqlError(`Ordering by ${key.fn}() needs an aggregate query`, 'MALFORMED_QUERY', key.at)
      continue
    }
    const path = resolve(key.field, key.at)
    if (aggregate && !query.groupBy.some((g) => g.path.toLowerCase() === key.field.toLowerCase())) throw new SoqlError(`Ordered field must be grouped or aggregated: ${path.field.name}`, 'MALFORMED_QUERY', key.at)
    paths.set(key.field.toLowerCase(), path)
  }
  checkCondition(query.where, resolve, paths)
  return { query: { ...query, items }, object, columns, aggregate, paths }
}

/** A value along a path: follows each reference to the related record (`null` when one is empty). */
function readPath(state: SalesforceFakeState, record: StoredRecord, path: Path): unknown {
  let current: StoredRecord | undefined = record
  for (const hop of path.hops) {
    const id: unknown = current[hop.name]
    current = typeof id === 'string' ? findById(state, id)?.record : undefined
    if (!current) return null
  }
  return current[path.field.name] ?? null
}

function reader(state: SalesforceFakeState, planned: Plan, record: StoredRecord) {
  return (text: string) => {
    const path = planned.paths.get(text.toLowerCase())!
    return { field: path.field, value: readPath(state, record, path) }
  }
}

function filtered(state: SalesforceFakeState, planned: Plan, records: StoredRecord[], now: number): StoredRecord[] {
  const { query } = planned
  const kept = records.filter((record) => matches(query.where, reader(state, planned, record), now))
  return sortRows(kept, query.orderBy, (record, key) => reader(state, planned, record)(key.field))
}

function slice<T>(rows: T[], query: SoqlQuery): T[] {
  const offset = query.offset ?? 0
  return rows.slice(offset, query.limit !== undefined ? offset + query.limit : undefined)
}

/** Sets a value in a REST row, nesting related records (`Account: { attributes, Name }`, or `null`). */
function place(state: SalesforceFakeState, row: Record<string, unknown>, object: ObjectMeta, record: StoredRecord, path: Path, version: string): void {
  let target = row
  let current = { object, record }
  for (const hop of path.hops) {
    const key = hop.relationshipName!
    const id: unknown = current.record[hop.name]
    const related = typeof id === 'string' ? findById(state, id) : undefined
    if (!related) {
      if (!(key in target)) target[key] = null
      return
    }
    const existing = target[key]
    const nested = (existing && typeof existing === 'object' ? existing : { attributes: { type: related.type, url: `/services/data/v${version}/sobjects/${related.type}/${related.record.Id}` } }) as Record<string, unknown>
    target[key] = nested
    target = nested
    current = { object: objectMeta(state, related.type)!, record: related.record }
  }
  target[path.field.name] = shown(current.object, current.record, path.field.name, version)
}

function restRows(state: SalesforceFakeState, planned: Plan, records: StoredRecord[], version: string, now: number): Record<string, unknown>[] {
  return records.map((record) => {
    const row: Record<string, unknown> = { attributes: { type: planned.object.name, url: `/services/data/v${version}/sobjects/${planned.object.name}/${record.Id}` } }
    for (const column of planned.columns) {
      if (column.kind === 'path') {
        place(state, row, planned.object, record, column.path, version)
        continue
      }
      const children = [...(state.records.get(column.child.name)?.values() ?? [])].filter((child) => child[column.via.name] === record.Id)
      const rows = restRows(state, column.plan, slice(filtered(state, column.plan, children, now), column.plan.query), version, now)
      row[column.name] = rows.length ? { totalSize: rows.length, done: true, records: rows } : null
    }
    return row
  })
}

function aggregateRows(state: SalesforceFakeState, planned: Plan, records: StoredRecord[]): Record<string, unknown>[] {
  const { query } = planned
  const groups = new Map<string, StoredRecord[]>()
  if (query.groupBy.length === 0) groups.set('', records)
  for (const record of query.groupBy.length ? records : []) {
    const key = JSON.stringify(query.groupBy.map((g) => comparableValue(planned.paths.get(g.path.toLowerCase())!.field, readPath(state, record, planned.paths.get(g.path.toLowerCase())!))))
    const group = groups.get(key)
    if (group) group.push(record)
    else groups.set(key, [record])
  }
  const rows = [...groups.values()].map((members) => {
    const row: Record<string, unknown> = { attributes: { type: 'AggregateResult' } }
    let expr = 0
    for (const item of query.items) {
      if (item.kind === 'field') {
        const path = planned.paths.get(item.path.toLowerCase())!
        row[path.field.name] = members.length ? readPath(state, members[0]!, path) : null
      } else if (item.kind === 'aggregate') {
        const path = planned.paths.get(item.path!.toLowerCase())!
        const values = members.map((m) => readPath(state, m, path)).filter((v) => v !== null && v !== undefined)
        row[item.alias ?? `expr${expr++}`] = aggregate(item.fn, values, path.field)
      }
    }
    return row
  })
  const sorted = sortRows(rows, query.orderBy, (row, key: OrderKey) => {
    if (!key.fn) {
      const path = planned.paths.get(key.field.toLowerCase())!
      return { field: path.field, value: row[path.field.name] }
    }
    const index = query.items.findIndex((i) => i.kind === 'aggregate' && i.fn === key.fn && i.path?.toLowerCase() === key.field.toLowerCase())
    const item = query.items[index]
    if (!item || item.kind !== 'aggregate') throw new SoqlError(`ORDER BY ${key.fn}(${key.field}) must also be in the SELECT list for the fake`, 'NOT_IMPLEMENTED_BY_FAKE', key.at)
    const unaliased = query.items.slice(0, index).filter((i) => i.kind === 'aggregate' && !i.alias).length
    return { field: undefined, value: row[item.alias ?? `expr${unaliased}`] }
  })
  return slice(sorted, query)
}

function aggregate(fn: string, values: unknown[], field: FieldMeta): unknown {
  if (fn === 'COUNT') return values.length
  if (fn === 'COUNT_DISTINCT') return new Set(values.map((v) => comparableValue(field, v))).size
  if (values.length === 0) return null
  if (fn === 'SUM') return (values as number[]).reduce((a, b) => a + b, 0)
  if (fn === 'AVG') return (values as number[]).reduce((a, b) => a + b, 0) / values.length
  const sorted = [...values].sort((a, b) => {
    const x = comparableValue(field, a) as number
    const y = comparableValue(field, b) as number
    return x < y ? -1 : x > y ? 1 : 0
  })
  return fn === 'MIN' ? sorted[0] : sorted.at(-1)
}

/** A Bulk CSV cell: empty for null; datetimes as Bulk writes them (`2024-01-02T03:04:05.000Z`, not REST's `+0000`). */
function cell(field: FieldMeta, value: unknown): string {
  if (value === null || value === undefined) return ''
  if (field.type === 'datetime' && typeof value === 'string') return value.replace(/\+0000$/, 'Z')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** Runs a SOQL query over the stored records (`all`: include the recycle bin, as `queryAll`). */
export function runQuery(state: SalesforceFakeState, text: string, all: boolean, options: { version?: string; now?: number; filter?: (object: ObjectMeta, record: StoredRecord) => boolean } = {}): QueryRun {
  const { version = '63.0', now = Date.now(), filter } = options
  const query = parseSoql(text)
  const object = objectMeta(state, query.object)
  if (!object) throw new SoqlError(`sObject type '${query.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`, 'INVALID_TYPE', query.objectAt)
  const planned = plan(state, query, object, false)
  const records = [...(state.records.get(object.name)?.values() ?? [])]
  if (all) records.push(...(state.recycleBin.get(object.name)?.values() ?? []))
  const kept = filtered(state, planned, filter ? records.filter((record) => filter(object, record)) : records, now)
  if (query.count) {
    const counted = slice(kept, query)
    return { query, object: object.name, rows: [], columns: [], cells: () => [], totalSize: counted.length }
  }
  if (planned.aggregate) {
    const rows = aggregateRows(state, planned, kept)
    return { query: planned.query, object: object.name, rows, columns: [], cells: () => [], totalSize: rows.length }
  }
  const page = slice(kept, query)
  const paths = planned.columns.flatMap((c) => (c.kind === 'path' ? [c.path] : []))
  return {
    query: planned.query,
    object: object.name,
    rows: restRows(state, planned, page, version, now),
    columns: paths.map((p) => p.text),
    cells: () => page.map((record) => paths.map((path) => cell(path.field, readPath(state, record, path)))),
    totalSize: page.length,
    compound: paths.some((path) => path.field.type === 'address'),
  }
}

/** Why Bulk API 2.0 refuses a query the REST API runs (`undefined` when it takes it). */
export function bulkRefusal(run: QueryRun): string | undefined {
  if (run.query.count || run.query.items.some((i) => i.kind === 'aggregate') || run.query.groupBy.length) return 'Aggregate queries are not supported by Bulk API 2.0 query'
  if (run.query.items.some((i) => i.kind === 'subquery')) return 'Aggregate Relationships not supported in Bulk Query'
  if (run.query.offset !== undefined) return 'OFFSET is not supported by Bulk API 2.0 query'
  if (run.compound) return 'Selecting compound data not supported in Bulk Query'
  return undefined
}
