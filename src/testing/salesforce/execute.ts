import { parseSoql, matches, sortRecords, SoqlError, type SoqlQuery } from './soql.js'
import { getField, resolveObject, type SalesforceFakeState, type StoredRecord } from './state.js'
import { findById } from './store.js'

export interface QueryRun {
  query: SoqlQuery
  object: string
  records: StoredRecord[]
  totalSize: number
}

/** Reads a field, following one relationship (`Account.Name` via `AccountId`, `Parent__r.Name` via `Parent__c`). */
export function readField(state: SalesforceFakeState, record: Record<string, unknown>, field: string): unknown {
  const dot = field.indexOf('.')
  if (dot < 0) return getField(record, field)
  const relation = field.slice(0, dot)
  const key = relation.endsWith('__r') ? `${relation.slice(0, -3)}__c` : `${relation}Id`
  const id = getField(record, key)
  if (typeof id !== 'string') return null
  const related = findById(state, id)
  return related ? readField(state, related.record, field.slice(dot + 1)) : null
}

/** Runs a SOQL query over the stored records (`all`: include the recycle bin, as `queryAll`). */
export function runQuery(state: SalesforceFakeState, text: string, all: boolean): QueryRun {
  const query = parseSoql(text)
  const object = resolveObject(state, query.object)
  if (!object) throw new SoqlError(`sObject type '${query.object}' is not supported.`)
  let records = [...(state.records.get(object)?.values() ?? [])]
  if (all) records.push(...(state.recycleBin.get(object)?.values() ?? []))
  records = records.filter((record) => matches(query.where, (field) => readField(state, record, field)))
  records = sortRecords(records, query.orderBy, (record, field) => readField(state, record, field))
  const offset = query.offset ?? 0
  records = records.slice(offset, query.limit !== undefined ? offset + query.limit : undefined)
  return { query, object, records, totalSize: records.length }
}

/** A query result row for the REST API: `attributes`, then the selected fields (related records nested). */
export function restRow(state: SalesforceFakeState, object: string, record: StoredRecord, fields: string[], version: string): Record<string, unknown> {
  const row: Record<string, unknown> = { attributes: { type: object, url: `/services/data/v${version}/sobjects/${object}/${record.Id}` } }
  for (const field of fields) {
    const dot = field.indexOf('.')
    if (dot < 0) {
      const key = Object.keys(record).find((k) => k.toLowerCase() === field.toLowerCase()) ?? field
      row[key] = getField(record, field) ?? null
      continue
    }
    const relation = field.slice(0, dot)
    const value = readField(state, record, field)
    const nested = (row[relation] ??= { attributes: { type: relation.replace(/__r$/, '__c') } }) as Record<string, unknown>
    nested[field.slice(dot + 1)] = value
  }
  return row
}

/** A result row for Bulk CSV: the selected fields as strings (empty for null). */
export function csvRow(state: SalesforceFakeState, record: StoredRecord, fields: string[]): string[] {
  return fields.map((field) => {
    const value = readField(state, record, field)
    return value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
  })
}
