import { http, HttpResponse } from 'msw'
import { _checkOrigin, _scopeHandlers, createStats, type Fake } from '../fake.js'
import { checkValue, coerceWire, type CheckOptions } from './check.js'
import { workivaSpecTable } from './generated/operations.js'
import { resolveSchema, sampleValue } from './sample.js'
import type { JsonSchema, SpecApi, SpecOperation } from './spec-types.js'

/** Where each API lives under the fake's origin: the real hosts' path layout by default. */
export type WorkivaBasePaths = Record<SpecApi, string>

export const WORKIVA_FAKE_BASE_PATHS: Readonly<WorkivaBasePaths> = { platform: '', chains: '/s/wdata/oc/api', wdata: '/s/wdata/prep' }

/**
 * The `baseURLs` to give `workiva()` so its three APIs reach a fake served at `origin`
 * (msw in process: any origin, e.g. `https://workiva.test`; `serve()`: the server's `url`).
 *
 * @example
 * const client = workiva({ clientId: 'client', clientSecret: 'secret', baseURLs: workivaFakeBaseURLs(served.url) })
 */
export function workivaFakeBaseURLs(origin: string, basePaths: Partial<WorkivaBasePaths> = {}): { platform: string; chains: string; wdata: string } {
  const o = origin.replace(/\/$/, '')
  const p = { ...WORKIVA_FAKE_BASE_PATHS, ...basePaths }
  return { platform: `${o}${p.platform}`, chains: `${o}${p.chains}`, wdata: `${o}${p.wdata}` }
}

/** One request the spec-checking fake saw: the operation it matched (if any), its answer, and what did not match. */
export interface SpecCall {
  method: string
  /** Path as received (without the origin). */
  path: string
  api?: SpecApi
  /** The generated function's name of the matched operation (`getFiles`, `wdataGetFiles`). */
  operation?: string
  status: number
  /** Why the request was refused (empty when it matched the operation). */
  problems: string[]
}

export interface WorkivaSpecFakeState {
  /** Every request, in order. */
  calls: SpecCall[]
}

export interface WorkivaSpecFakeOptions {
  /** Path prefixes of the three APIs under the fake's origin. Default {@link WORKIVA_FAKE_BASE_PATHS}. */
  basePaths?: Partial<WorkivaBasePaths>
  /** Refuse requests without `X-Version` (every Workiva request carries it). Default true. */
  requireVersion?: boolean
  /**
   * The only origin the fake answers (e.g. `https://workiva.test`). Default: any origin — and as it
   * answers every path (refusing unknown ones with a 400), give it an origin beside other fakes.
   */
  origin?: string
}

interface CompiledOp {
  op: SpecOperation
  regex: RegExp
  names: string[]
  /** Literal characters in the template: the more, the more specific. */
  weight: number
}

const CHECK_REQUEST: CheckOptions = { schemas: workivaSpecTable.schemas, mode: 'request' }

/* @__NO_SIDE_EFFECTS__ */
function compile(): Map<SpecApi, CompiledOp[]> {
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

/** The response body the fake sends for generated function `fn`, and for a list function its items.
 *
 * @example
 * expect(await getFileById(client, { fileId })).toEqual(workivaSpecSample('getFileById').body)
 */
export function workivaSpecSample(fn: string): { body?: unknown; items?: unknown[] } {
  const op = workivaSpecTable.operations.find((o) => o.fn === fn)
  if (!op) throw new Error(`workivaSpecSample: no operation ${fn}`)
  if (op.response.kind !== 'json' || !op.response.schema) return {}
  const body = sampleValue(op.response.schema, { schemas: workivaSpecTable.schemas, mode: 'response' })
  if (!op.paging) return { body }
  const b = body as Record<string, Record<string, unknown> | undefined>
  const items = op.paging === 'E' ? b.body : op.paging === 'C' ? b.data?.chainExecutors : b.data
  return { body, items: Array.isArray(items) ? items : [] }
}

function workivaError(status: number, code: string, message: string, details?: string[]): Response {
  return HttpResponse.json({ code, message, ...(details && { details: details.map((m) => ({ code: 'InvalidRequest', message: m })) }) }, { status })
}

/**
 * A fake of all 359 Workiva operations that checks every request against the operation it
 * claims to be (method, path, path/query/header parameters, body) and answers with a response
 * shaped like the operation's schema; anything that does not match gets a 400 naming each problem.
 * Requests need a bearer token from its `POST /oauth2/token` (401 otherwise) and, by default,
 * an `X-Version` header. `state.calls` records which operation each request matched.
 *
 * @example
 * import { setupServer } from 'msw/node'
 * import { workivaSpecFake, workivaFakeBaseURLs } from 'isosdk/testing'
 *
 * const fake = workivaSpecFake()
 * setupServer(...fake.handlers).listen()
 * const client = workiva({ clientId: 'id', clientSecret: 'secret', baseURLs: workivaFakeBaseURLs('https://workiva.test') })
 */
export function workivaSpecFake(options: WorkivaSpecFakeOptions = {}): Fake<WorkivaSpecFakeState> {
  const basePaths = { ...WORKIVA_FAKE_BASE_PATHS, ...options.basePaths }
  const requireVersion = options.requireVersion ?? true
  const origin = options.origin === undefined ? undefined : _checkOrigin(options.origin, 'workivaSpecFake: options.origin')
  const compiled = compile()
  const state: WorkivaSpecFakeState = { calls: [] }
  const stats = createStats()
  const tokens = new Set<string>()
  let tokenCount = 0
  let operationCount = 0
  // The longest prefix first, so `/s/wdata/oc/api` is not taken for a shorter one.
  const prefixes = (Object.entries(basePaths) as [SpecApi, string][]).filter(([, p]) => p !== '').sort((a, b) => b[1].length - a[1].length)

  function locate(pathname: string): { api: SpecApi; rest: string } {
    for (const [api, prefix] of prefixes) {
      if (pathname === prefix || pathname.startsWith(`${prefix}/`)) return { api, rest: pathname.slice(prefix.length) || '/' }
    }
    const platform = basePaths.platform
    return { api: 'platform', rest: platform && pathname.startsWith(platform) ? pathname.slice(platform.length) || '/' : pathname }
  }

  const handler = http.all('*', async ({ request }) => {
    stats.requests++
    const url = new URL(request.url)
    const call: SpecCall = { method: request.method, path: url.pathname + url.search, status: 400, problems: [] }
    state.calls.push(call)
    const refuse = (problems: string[]) => {
      call.problems = problems
      call.status = 400
      return workivaError(400, '400BadRequest', problems.join('; '), problems)
    }

    const { api, rest } = locate(url.pathname)
    call.api = api
    const candidates = (compiled.get(api) ?? []).map((c) => ({ c, m: c.regex.exec(rest) })).filter((x) => x.m)
    if (!candidates.length) return refuse([`no ${api} operation has the path ${rest}`])
    const sameMethod = candidates.filter((x) => x.c.op.method === request.method).sort((a, b) => b.c.weight - a.c.weight)
    const best = sameMethod[0]
    if (!best) return refuse([`${request.method} is not an operation of ${rest} (allowed: ${[...new Set(candidates.map((x) => x.c.op.method))].join(', ')})`])
    const { op, names } = best.c
    call.operation = op.fn

    const isToken = op.operationId === 'tokenRequest' && op.api === 'platform'
    if (!isToken) {
      const auth = request.headers.get('authorization') ?? ''
      const token = /^Bearer (.+)$/i.exec(auth)?.[1]
      if (!token || !tokens.has(token)) {
        call.status = 401
        call.problems = ['no valid bearer token']
        return workivaError(401, '401Unauthorized', 'No valid API token provided')
      }
      if (requireVersion && !request.headers.get('x-version')) return refuse(['the X-Version header is required'])
    }

    const problems: string[] = []
    // Path parameters.
    names.forEach((name, i) => {
      const param = op.params.find((p) => p.in === 'path' && p.name === name)
      const raw = decodeURIComponent(best.m![i + 1]!)
      if (!param) return void problems.push(`path parameter {${name}} is not declared`)
      checkParam(param.schema, [raw], `path {${name}}`, problems)
    })
    // Query parameters.
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
    // Header parameters.
    for (const p of op.params.filter((x) => x.in === 'header')) {
      const value = request.headers.get(p.name)
      if (value === null) {
        if (p.required) problems.push(`header ${p.name}: is required`)
        continue
      }
      checkParam(p.schema, [value], `header ${p.name}`, problems)
    }
    // Body.
    await checkBody(op, request, problems)
    if (problems.length) return refuse(problems)

    call.status = op.response.status
    if (op.method !== 'GET') stats.writes++
    if (isToken) {
      const token = `spec-token-${++tokenCount}`
      tokens.add(token)
      stats.logins++
      return HttpResponse.json({ access_token: token, expires_in: 3600, scope: 'file:read file:write', token_type: 'Bearer' })
    }
    const headers = new Headers()
    if (op.longRunning) {
      headers.set('Location', `${url.origin}${basePaths.platform}/operations/op-${++operationCount}`)
      headers.set('Retry-After', '1')
    }
    if (op.response.kind === 'binary') {
      headers.set('Content-Type', 'application/octet-stream')
      return new HttpResponse(new TextEncoder().encode(`file of ${op.operationId}`), { status: op.response.status, headers })
    }
    if (op.response.kind === 'none' || !op.response.schema) return new HttpResponse(null, { status: op.response.status, headers })
    return HttpResponse.json(workivaSpecSample(op.fn).body as Record<string, unknown>, { status: op.response.status, headers })
  })

  return {
    name: 'workiva-spec',
    handlers: origin === undefined ? [handler] : _scopeHandlers([handler], (url) => url.origin === origin),
    state,
    stats,
    expireCredentials() {
      tokens.clear()
    },
  }
}

function checkParam(schema: JsonSchema, raw: string[], label: string, problems: string[]): void {
  const { value, problem } = coerceWire(schema, raw, label, CHECK_REQUEST)
  if (problem) problems.push(problem)
  else checkValue(schema, value, label, CHECK_REQUEST, problems)
}

async function checkBody(op: SpecOperation, request: Request, problems: string[]): Promise<void> {
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
