// Object metadata: what the fake knows about each sObject and its fields, resolved from the
// standard catalogue and the objects a test declares. Everything the fake refuses as unknown
// (INVALID_TYPE, INVALID_FIELD, NOT_FOUND) is decided here.

/** A field's type, as `describe` names it. */
export type SalesforceFieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'reference'
  | 'base64'
  | 'address'

/** A field of a fake object: its type, or the type with more detail. */
export interface SalesforceFakeField {
  type: SalesforceFieldType
  /** An insert must set it (`REQUIRED_FIELD_MISSING` otherwise). */
  required?: boolean
  /** Neither createable nor updateable (`INVALID_FIELD_FOR_INSERT_UPDATE` on a write). */
  readOnly?: boolean
  /** Objects a `reference` field points to. */
  referenceTo?: string[]
  /** The parent relationship (`Account` for `AccountId`, `Parent__r` for `Parent__c`); derived when absent. */
  relationshipName?: string
  /** The parent's name for the list of records pointing to it (`Contacts` for `Contact.AccountId`); custom references get `<Object>s__r`. */
  childRelationshipName?: string
  /** An external id (usable for upsert). */
  externalId?: boolean
  /** Maximum length of a text value (`STRING_TOO_LONG` past it). */
  length?: number
  label?: string
}

/**
 * An object the fake serves. Standard objects come with their real fields; declaring a standard
 * object adds fields (say, your org's custom fields) to it; declaring any other name makes a custom
 * object with the system fields (`Id`, `Name`, `OwnerId`, `CreatedDate`, …) plus `fields`.
 *
 * @example
 * salesforceFake({ objects: {
 *   Invoice__c: { fields: { Amount__c: { type: 'currency', required: true }, Account__c: { type: 'reference', referenceTo: ['Account'] } } },
 *   Account: { fields: { Rank__c: 'double' } },
 * } })
 */
export interface SalesforceFakeObject {
  /** Three-character id prefix (`001` for Account); custom objects get one. */
  prefix?: string
  label?: string
  fields?: Record<string, SalesforceFakeField | SalesforceFieldType>
  /** More fields an insert must set (else `REQUIRED_FIELD_MISSING`). */
  required?: string[]
  /** Whether records can be deleted (User cannot). Default true. */
  deletable?: boolean
  /** Whether the API can create records. Default true. */
  createable?: boolean
}

/** A field as the fake resolved it (what `describe` reports and writes are checked against). */
export interface FieldMeta {
  name: string
  label: string
  type: SalesforceFieldType
  required: boolean
  readOnly: boolean
  custom: boolean
  referenceTo: string[]
  relationshipName: string | null
  childRelationshipName: string | null
  externalId: boolean
  length: number
}

/** An object as the fake resolved it: standard fields, declared fields, system fields. */
export interface ObjectMeta {
  name: string
  label: string
  prefix: string
  custom: boolean
  deletable: boolean
  createable: boolean
  /** lower-cased name → field, in declaration order. */
  fields: Map<string, FieldMeta>
}

const TEXT_TYPES = new Set<SalesforceFieldType>(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'base64'])

export function isText(field: FieldMeta): boolean {
  return TEXT_TYPES.has(field.type) || field.type === 'id' || field.type === 'reference'
}

export function isNumeric(field: FieldMeta): boolean {
  return field.type === 'int' || field.type === 'double' || field.type === 'currency' || field.type === 'percent'
}

function labelOf(name: string): string {
  return name
    .replace(/__c$/, '')
    .replace(/Id$/, '')
    .replace(/_/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim()
}

function defaultRelationship(name: string): string | null {
  if (name.endsWith('__c')) return `${name.slice(0, -3)}__r`
  if (name.endsWith('Id') && name.length > 2) return name.slice(0, -2)
  return null
}

function defaultLength(type: SalesforceFieldType): number {
  if (type === 'id' || type === 'reference') return 18
  if (type === 'textarea') return 32_000
  if (type === 'base64') return 0
  if (type === 'multipicklist') return 4099
  if (TEXT_TYPES.has(type)) return 255
  return 0
}

function resolveField(objectName: string, name: string, spec: SalesforceFakeField | SalesforceFieldType): FieldMeta {
  const field = typeof spec === 'string' ? { type: spec } : spec
  const reference = field.type === 'reference'
  const custom = name.endsWith('__c')
  return {
    name,
    label: field.label ?? labelOf(name),
    type: field.type,
    required: field.required ?? false,
    readOnly: field.readOnly ?? false,
    custom,
    referenceTo: reference ? (field.referenceTo ?? []) : [],
    relationshipName: reference ? (field.relationshipName ?? defaultRelationship(name)) : null,
    childRelationshipName: reference ? (field.childRelationshipName ?? (custom ? `${objectName.replace(/__c$/, '')}s__r` : null)) : null,
    externalId: field.externalId ?? false,
    length: field.length ?? defaultLength(field.type),
  }
}

/** Fields every object has (User and a few others have no IsDeleted; close enough for the fake). */
const SYSTEM_FIELDS: Record<string, SalesforceFakeField> = {
  Id: { type: 'id', readOnly: true },
  IsDeleted: { type: 'boolean', readOnly: true },
  CreatedDate: { type: 'datetime', readOnly: true },
  CreatedById: { type: 'reference', readOnly: true, referenceTo: ['User'] },
  LastModifiedDate: { type: 'datetime', readOnly: true },
  LastModifiedById: { type: 'reference', readOnly: true, referenceTo: ['User'] },
  SystemModstamp: { type: 'datetime', readOnly: true },
}

const CUSTOM_OBJECT_FIELDS: Record<string, SalesforceFakeField> = {
  OwnerId: { type: 'reference', referenceTo: ['User'] },
  Name: { type: 'string', length: 80 },
}

/**
 * Merges the standard catalogue with what the test declares: a declared standard object gains
 * the declared fields; any other declared name is a custom object.
 */
export function resolveObjects(standard: Record<string, SalesforceFakeObject>, declared: Record<string, SalesforceFakeObject> = {}): Map<string, ObjectMeta> {
  const out = new Map<string, ObjectMeta>()
  const used = new Set(Object.values(standard).map((o) => o.prefix))
  let next = 1
  const customPrefix = () => {
    for (;;) {
      const prefix = `a${(next++).toString(36).toUpperCase().padStart(2, '0')}`
      if (!used.has(prefix)) return (used.add(prefix), prefix)
    }
  }
  const names = [...Object.keys(standard), ...Object.keys(declared).filter((name) => !Object.keys(standard).some((s) => s.toLowerCase() === name.toLowerCase()))]
  for (const name of names) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new TypeError(`salesforceFake: options.objects: '${name}' is not an sObject API name`)
    const base = standard[name]
    const extra = Object.entries(declared).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1]
    const custom = !base
    const fields = new Map<string, FieldMeta>()
    const add = (specs: Record<string, SalesforceFakeField | SalesforceFieldType> | undefined) => {
      for (const [field, spec] of Object.entries(specs ?? {})) {
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(field)) throw new TypeError(`salesforceFake: options.objects.${name}.fields: '${field}' is not a field API name`)
        fields.set(field.toLowerCase(), resolveField(name, field, spec))
      }
    }
    add(SYSTEM_FIELDS)
    if (custom) add(CUSTOM_OBJECT_FIELDS)
    add(base?.fields)
    add(extra?.fields)
    for (const required of [...(base?.required ?? []), ...(extra?.required ?? [])]) {
      const field = fields.get(required.toLowerCase())
      if (!field) throw new TypeError(`salesforceFake: options.objects.${name}.required: no field '${required}'`)
      field.required = true
    }
    out.set(name, {
      name,
      label: extra?.label ?? base?.label ?? labelOf(name),
      prefix: extra?.prefix ?? base?.prefix ?? customPrefix(),
      custom,
      deletable: extra?.deletable ?? base?.deletable ?? true,
      createable: extra?.createable ?? base?.createable ?? true,
      fields,
    })
  }
  return out
}

/** The field of an object by API name, case-insensitively. */
export function fieldOf(object: ObjectMeta, name: string): FieldMeta | undefined {
  return object.fields.get(name.toLowerCase())
}

/** The reference field behind a parent relationship name (`Account` → `AccountId`). */
export function relationshipOf(object: ObjectMeta, relationship: string): FieldMeta | undefined {
  const lower = relationship.toLowerCase()
  for (const field of object.fields.values()) if (field.relationshipName?.toLowerCase() === lower) return field
  return undefined
}

/** Child relationships of an object: `Contacts` on Account → (Contact, AccountId). */
export function childRelationships(objects: Map<string, ObjectMeta>, parent: string): { name: string; object: ObjectMeta; field: FieldMeta }[] {
  const out: { name: string; object: ObjectMeta; field: FieldMeta }[] = []
  for (const object of objects.values()) {
    for (const field of object.fields.values()) {
      if (field.childRelationshipName && field.referenceTo.includes(parent)) out.push({ name: field.childRelationshipName, object, field })
    }
  }
  return out
}
