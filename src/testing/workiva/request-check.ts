/**
 * Checks a request against the Workiva operation it claims to be: which operation a method and
 * path are, then its path, query and header parameters and its body, as the spec declares them.
 * Shared by the spec-checking fake (every operation) and the stateful fake (the ones it serves).
 */
import { checkValue, coerceWire, type CheckOptions } from './check.js'
import { workivaSpecTable } from './generated/operations.js'
import { resolveSchema } from './sample.js'
import type { JsonSchema, SpecApi, SpecOperation } from './spec-types.js'

const CHECK_REQUEST: CheckOptions = { schemas: workivaSpecTable.schemas, mode: 'request' }

export interface CompiledOp {
  op: SpecOperation
  regex: RegExp
  names: string[]
  /** Literal characters in the template: the more, the more specific. */
  weight: number
}

/** Every operation of the table as a path regex per API (build once per fake). */
/* @__NO_SIDE_EFFECTS__ */
export function compileOperations(): Map<SpecApi, CompiledOp[]> {
  const byApi = new Map<SpecApi, CompiledOp[]>()
  for (const op of workivaSpecTable.operations) {
    const names: string[] = []
    const source = op.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const m = /^\{(.+)\}$/.exec(part)
        if (m) {
          names.push(m[1]!)
          return '([^/]+)'
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      })
      .join('')
    const weight = op.path.replace(/\{[^}]+\}/g, '').length
    const list = byApi.get(op.api) ?? []
    list.push({ op, regex: new RegExp(`^${source}$`), names, weight })
    byApi.set(op.api, list)
  }
  return byApi
}

/**
 * The operation of `api` that `method` + a path ending in `pathname`'s tail is (the stateful
 * fake serves each API under its base path, e.g. Wdata's `/s/wdata/prep`): the most specific
 * template that matches a suffix of the path starting at a `/`. Undefined when no operation
 * has that method and path.
 */
export function findOperation(compiled: Map<SpecApi, CompiledOp[]>, api: SpecApi, method: string, pathname: string): { compiled: CompiledOp; match: RegExpExecArray } | undefined {
  let best: { compiled: CompiledOp; match: RegExpExecArray } | undefined
  for (const candidate of compiled.get(api) ?? []) {
    if (candidate.op.method !== method) continue
    for (let at = 0; at >= 0 && at < pathname.length; at = pathname.indexOf('/', at + 1)) {
      const match = candidate.regex.exec(pathname.slice(at))
      if (match) {
        if (!best || candidate.weight > best.compiled.weight) best = { compiled: candidate, match }
        break
      }
    }
  }
  return best
}

/**
 * The problems with a request's path, query and header parameters for `op` (empty when none):
 * a required one missing, an unknown query parameter, a value of the wrong type or range.
 * `match` is the path regex's match (its groups are the path parameters, in `names` order).
 */
export function checkParameters(op: SpecOperation, names: readonly string[], match: RegExpExecArray, url: URL, headers: Headers): string[] {
  const problems: string[] = []
  names.forEach((name, i) => {
    const param = op.params.find((p) => p.in === 'path' && p.name === name)
    let raw = match[i + 1] ?? ''
    try {
      raw = decodeURIComponent(raw)
    } catch {
      return void problems.push(`path {${name}}: is not valid percent-encoding`)
    }
    if (!param) return void problems.push(`path parameter {${name}} is not declared`)
    checkParam(param.schema, [raw], `path {${name}}`, problems)
  })
  const queryParams = op.params.filter((p) => p.in === 'query')
  for (const name of new Set(url.searchParams.keys())) {
    if (!queryParams.some((p) => p.name === name)) problems.push(`query ${name}: is not a parameter of ${op.operationId}`)
  }
  for (const p of queryParams) {
    let raw = url.searchParams.getAll(p.name)
    if (!raw.length) {
      if (p.required) problems.push(`query ${p.name}: is required`)
      continue
    }
    if (p.explode === false) raw = raw.flatMap((r) => r.split(','))
    checkParam(p.schema, raw, `query ${p.name}`, problems)
  }
  for (const p of op.params.filter((x) => x.in === 'header')) {
    const value = headers.get(p.name)
    if (value === null) {
      if (p.required) problems.push(`header ${p.name}: is required`)
      continue
    }
    checkParam(p.schema, [value], `header ${p.name}`, problems)
  }
  return problems
}

function checkParam(schema: JsonSchema, raw: string[], label: string, problems: string[]): void {
  const { value, problem } = coerceWire(schema, raw, label, CHECK_REQUEST)
  if (problem) problems.push(problem)
  else checkValue(schema, value, label, CHECK_REQUEST, problems)
}

/** Adds the problems with a request's body for `op` (content type, JSON, schema) to `problems`. */
export async function checkBody(op: SpecOperation, request: Request, problems: string[]): Promise<void> {
  const contentType = request.headers.get('content-type') ?? ''
  const spec = op.body
  if (!spec) {
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text()
    if (text !== '') problems.push(`${op.operationId} takes no body`)
    return
  }
  if (spec.contentType === 'multipart/form-data') {
    if (!contentType.startsWith('multipart/form-data')) {
      if (spec.required || contentType) problems.push(`body: expected multipart/form-data, got ${contentType || 'nothing'}`)
      return
    }
    const form = await request.formData()
    const value: Record<string, unknown> = {}
    form.forEach((v, k) => {
      value[k] = v
    })
    checkWireObject(spec.schema, value, problems)
    return
  }
  const text = await request.text()
  if (text === '') {
    if (spec.required) problems.push('body: is required')
    return
  }
  if (spec.contentType === 'application/x-www-form-urlencoded') {
    if (!contentType.startsWith('application/x-www-form-urlencoded')) return void problems.push(`body: expected application/x-www-form-urlencoded, got ${contentType || 'nothing'}`)
    checkWireObject(spec.schema, Object.fromEntries(new URLSearchParams(text)), problems)
    return
  }
  if (!/^application\/(.+\+)?json/.test(contentType)) return void problems.push(`body: expected application/json, got ${contentType || 'nothing'}`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return void problems.push('body: is not valid JSON')
  }
  checkValue(spec.schema, value, 'body', CHECK_REQUEST, problems)
}

/** A form body: every field arrives as a string (or a file); coerce each to its property's type, then check. */
function checkWireObject(schema: JsonSchema, fields: Record<string, unknown>, problems: string[]): void {
  const s = resolveSchema(schema, workivaSpecTable.schemas)
  const value: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) {
    const prop = s.properties?.[k]
    if (prop && typeof v === 'string') {
      const r = coerceWire(prop, [v], `body.${k}`, CHECK_REQUEST)
      if (r.problem) problems.push(r.problem)
      else value[k] = r.value
    } else value[k] = v
  }
  checkValue(s, value, 'body', CHECK_REQUEST, problems)
}
