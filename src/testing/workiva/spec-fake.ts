import { http, HttpResponse } from 'msw'
import { _atBase, _checkOrigin, createStats, type Fake } from '../fake.js'
import { workivaSpecTable } from './generated/operations.js'
import { checkBody, checkParameters, compileOperations } from './request-check.js'
import { sampleValue } from './sample.js'
import type { SpecApi } from './spec-types.js'

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
  const compiled = compileOperations()
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

    const problems = checkParameters(op, names, best.m!, url, request.headers)
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
    handlers: origin === undefined ? [handler] : _atBase([handler], origin, ''),
    state,
    stats,
    expireCredentials() {
      tokens.clear()
    },
  }
}

