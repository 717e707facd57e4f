import * as v from 'valibot'
import { ValidationError, type ValidationIssue } from '../core/errors.js'
import { formatPath } from '../core/validate.js'
import { AttributesSchema } from './schemas.js'

/** `attributes` on every record the API returns. */
export interface SObjectAttributes {
  type: string
  url?: string
}

/** The system part of every stored record. */
export interface RecordBase {
  Id: string
  attributes: SObjectAttributes
}

/** A record of an object described only by its name: any fields. */
export type SObjectRecord = RecordBase & { [field: string]: unknown }

/** A typed sObject description made by {@link sobject}. */
export interface SObject<Name extends string = string, Fields extends v.ObjectEntries = v.ObjectEntries> {
  readonly kind: 'sobject'
  /** API name, e.g. `Account` or `Invoice__c`. */
  readonly name: Name
  /** The valibot schema of each declared field. */
  readonly fields: Fields
  /** `Id` plus the declared field names: what `fetchRecord` asks for by default. */
  readonly fieldNames: readonly string[]
  /** Validates a fetched record (declared fields, `Id`, `attributes`; other fields pass through). */
  readonly schema: v.LooseObjectSchema<Fields & { Id: v.StringSchema<undefined>; attributes: typeof AttributesSchema }, undefined>
}

/** An `sobject(...)` description or a plain API name such as `'Account'`. */
export type SObjectRef = string | SObject

/** The record type of an object reference: typed fields for an `sobject`, any fields for a name. */
export type RecordOf<T extends SObjectRef> =
  T extends SObject<string, infer F> ? v.InferOutput<v.LooseObjectSchema<F, undefined>> & RecordBase : SObjectRecord

/** What a write accepts: any subset of the declared fields (Salesforce checks required ones), `Id` where it applies. */
export type RecordInput<T extends SObjectRef> =
  T extends SObject<string, infer F>
    ? Partial<v.InferInput<v.ObjectSchema<F, undefined>>> & { Id?: string; attributes?: SObjectAttributes; [field: string]: unknown }
    : { Id?: string; attributes?: SObjectAttributes; [field: string]: unknown }

const NAME = /^[A-Za-z][A-Za-z0-9_]*$/

/**
 * Describes an sObject with valibot field schemas, so the record functions infer and validate its records.
 * Undeclared fields still pass through; fields Salesforce may leave empty should be `v.nullish(...)`.
 *
 * @example
 * import * as v from 'valibot'
 * const Account = sobject('Account', { Name: v.string(), Industry: v.nullish(v.string()), NumberOfEmployees: v.nullish(v.number()) })
 * const acct = await fetchRecord(sf, Account, '001…') // acct.Name: string
 */
// @__NO_SIDE_EFFECTS__
export function sobject<const Name extends string, const Fields extends v.ObjectEntries>(name: Name, fields: Fields): SObject<Name, Fields> {
  if (typeof name !== 'string' || !NAME.test(name)) throw new ValidationError('sobject', [{ path: 'name', message: `not an sObject API name: ${JSON.stringify(name)}` }])
  if (!fields || typeof fields !== 'object') throw new ValidationError('sobject', [{ path: 'fields', message: 'expected an object of valibot schemas' }])
  return {
    kind: 'sobject',
    name,
    fields,
    fieldNames: ['Id', ...Object.keys(fields).filter((key) => key !== 'Id' && key !== 'attributes')],
    schema: v.looseObject({ ...fields, Id: v.string(), attributes: AttributesSchema }),
  }
}

/** The API name of an object reference. */
export function _typeName(ref: SObjectRef): string {
  return typeof ref === 'string' ? ref : ref.name
}

function isSObject(value: unknown): value is SObject {
  return typeof value === 'object' && value !== null && (value as SObject).kind === 'sobject'
}

/** Checks an object reference; a `ValidationError` naming `path` otherwise. */
export function _checkRef(ref: unknown, context: string, path = 'type'): asserts ref is SObjectRef {
  const name = typeof ref === 'string' ? ref : isSObject(ref) ? ref.name : undefined
  if (name === undefined || !NAME.test(name)) throw new ValidationError(context, [{ path, message: `expected an sobject(...) or an API name like 'Account', got ${_describe(ref)}` }])
}

/** Problems with a record given to a write: not an object, or a declared field of the wrong type. */
export function _recordIssues(ref: SObjectRef, record: unknown, path: string): ValidationIssue[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return [{ path, message: `expected a record object, got ${_describe(record)}` }]
  if (typeof ref === 'string') return []
  const issues: ValidationIssue[] = []
  for (const [key, value] of Object.entries(record)) {
    const schema = ref.fields[key]
    if (!schema || value === undefined) continue
    const result = v.safeParse(schema, value)
    if (!result.success) {
      for (const issue of result.issues) {
        const sub = formatPath(issue.path?.map((item) => item.key as PropertyKey))
        issues.push({ path: `${path}.${key}${sub ? (sub.startsWith('[') ? sub : `.${sub}`) : ''}`, message: issue.message })
      }
    }
  }
  return issues
}

/** The fields of a record to send: without `attributes`, `undefined` values, and the given keys. */
export function _writableFields(record: Record<string, unknown>, omit: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const skip = new Set(['attributes', ...omit].map((key) => key.toLowerCase()))
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined || skip.has(key.toLowerCase())) continue
    out[key] = value
  }
  return out
}

const ID = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/

/** Whether a string looks like a Salesforce record id (15 or 18 alphanumerics). */
export function _isRecordId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value)
}

export function _describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  return typeof value
}
