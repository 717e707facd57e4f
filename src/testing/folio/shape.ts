/**
 * The JSON-schema shape of a FOLIO record type, small enough to write by hand from the module's
 * `ramls/*.json`: types, `required`, `enum`, and `additionalProperties: false` (`closed`).
 * `checkShape` lists every violation with the field's dotted path, as RMB's 422 `parameters` do.
 */
export type Shape =
  | { type: 'string'; enum?: readonly string[] }
  | { type: 'boolean' | 'integer' | 'number' | 'any' }
  | { type: 'array'; items?: Shape }
  | { type: 'object'; properties?: Record<string, Shape>; required?: readonly string[]; closed?: boolean }

/** One violation: what RMB puts in an `errors[]` entry. */
export interface ShapeError {
  message: string
  /** Dotted path of the field (`personal.lastName`, `addresses[0].addressTypeId` → `personal.addresses.addressTypeId`). */
  key: string
  value: unknown
}

export const str: Shape = { type: 'string' }
export const bool: Shape = { type: 'boolean' }
export const int: Shape = { type: 'integer' }
export const num: Shape = { type: 'number' }
export const any: Shape = { type: 'any' }
export const strings: Shape = { type: 'array', items: str }
export const oneOf = (values: readonly string[]): Shape => ({ type: 'string', enum: values })
export const list = (items: Shape): Shape => ({ type: 'array', items })
/** `additionalProperties: false`: a field not in `properties` is refused. */
export const closed = (properties: Record<string, Shape>, required: readonly string[] = []): Shape => ({ type: 'object', properties, required, closed: true })
/** No `additionalProperties: false` in the schema: unknown fields pass. */
export const open = (properties: Record<string, Shape> = {}, required: readonly string[] = []): Shape => ({ type: 'object', properties, required })

/** RMB's `metadata.schema`, set by the server on every write (whatever the client sent). */
export const metadata: Shape = open({ createdDate: str, createdByUserId: str, createdByUsername: str, updatedDate: str, updatedByUserId: str, updatedByUsername: str })

const TYPE_NAME = { string: 'a string', boolean: 'a boolean', integer: 'an integer', number: 'a number', array: 'an array', object: 'an object' } as const

function typeOk(shape: Shape, value: unknown): boolean {
  switch (shape.type) {
    case 'any':
      return true
    case 'string':
      return typeof value === 'string'
    case 'boolean':
      return typeof value === 'boolean'
    case 'integer':
      return Number.isInteger(value)
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
    case 'array':
      return Array.isArray(value)
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value)
  }
}

/** Every violation of `value` against `shape`; `null` counts as absent, as Jackson reads it. */
export function checkShape(shape: Shape, value: unknown, path = ''): ShapeError[] {
  if (!typeOk(shape, value)) return [{ message: `must be ${TYPE_NAME[shape.type as keyof typeof TYPE_NAME]}`, key: path, value }]
  if (shape.type === 'string' && shape.enum && !shape.enum.includes(value as string)) {
    return [{ message: `must be one of [${shape.enum.join(', ')}]`, key: path, value }]
  }
  if (shape.type === 'array' && shape.items) return (value as unknown[]).flatMap((item) => checkShape(shape.items!, item, path))
  if (shape.type !== 'object') return []
  const record = value as Record<string, unknown>
  const properties = shape.properties ?? {}
  const errors: ShapeError[] = []
  const at = (name: string) => (path ? `${path}.${name}` : name)
  for (const [name, field] of Object.entries(record)) {
    const known = properties[name]
    if (!known) {
      if (shape.closed) errors.push({ message: `Unrecognized field "${name}", not marked as ignorable`, key: at(name), value: field })
    } else if (field !== null) errors.push(...checkShape(known, field, at(name)))
  }
  for (const name of shape.required ?? []) {
    if (record[name] === undefined || record[name] === null) errors.push({ message: 'must not be null', key: at(name), value: null })
  }
  return errors
}
