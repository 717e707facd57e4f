import { HttpResponse } from 'msw'
import type { FakeStats } from '../fake.js'
import { checkParameters, findOperation, type CompiledOp } from './request-check.js'
import type { SpecApi } from './spec-types.js'
import type { WorkivaFakeState } from './state.js'

/** Options of the stateful fake (see `workivaFake`). */
export interface WorkivaFakeOptions {
  /** Accepted OAuth client. Defaults `workiva-client` / `workiva-secret`. */
  clientId?: string
  clientSecret?: string
  /** Token lifetime in seconds (`expires_in`). Default 599. */
  tokenLifetime?: number
  /** Seeded documents in the root folder (plus two folders). Default 25. */
  files?: number
  /** Seeded wdata tables. Default 5. */
  tables?: number
  /** Seeded runs of `chain-1`. Default 5. */
  chainRuns?: number
  /** `@nextLink` as a full URL (default) or a bare token. */
  nextLink?: 'url' | 'token'
  /** Origin of `@nextLink` URLs (default: the request's own), e.g. to play a proxy that rewrites hosts. */
  nextLinkOrigin?: string
  /** `Retry-After` seconds on 202s and operation polls. Default 1. */
  retryAfter?: number
  /** How operations move on: one status per poll (default), or one status per this many ms. */
  advance?: 'poll' | number
  /** Operations on these file ids end `failed` / `cancelled` / never finish (stay `started`). */
  failFiles?: string[]
  cancelFiles?: string[]
  hangFiles?: string[]
  /** Refuse API requests without `X-Version`. Default true. */
  requireVersion?: boolean
  /** The only origin the fake answers (e.g. `https://workiva.test`), so it can share one msw server with other fakes. Default: any origin. */
  origin?: string
}

export interface FakeContext {
  state: WorkivaFakeState
  stats: FakeStats
  /** The spec's operations, to check each request's parameters as the real API does. */
  operations: Map<SpecApi, CompiledOp[]>
  options: Required<Pick<WorkivaFakeOptions, 'clientId' | 'clientSecret' | 'tokenLifetime' | 'nextLink' | 'retryAfter' | 'advance' | 'requireVersion'>> &
    Pick<WorkivaFakeOptions, 'failFiles' | 'cancelFiles' | 'hangFiles' | 'nextLinkOrigin'>
}

/** A Workiva Platform error body.
 *
 * @example
 * return platformError(404, '404NotFound', 'No file abc')
 */
export function platformError(status: number, code: string, message: string, target?: string, details?: readonly string[]): Response {
  return HttpResponse.json(
    { code, message, ...(target && { target }), ...(details && { details: details.map((m) => ({ code: 'InvalidRequest', message: m })) }) },
    { status },
  )
}

/** A Wdata error body (`{ code, body }`).
 *
 * @example
 * return wdataError(404, 'No table t1')
 */
export function wdataError(status: number, message: string): Response {
  return HttpResponse.json({ code: status, body: message }, { status })
}

/** A Chains error body (`{ error, error_description }`).
 *
 * @example
 * return chainsError(404, 'not_found', 'No chain c1')
 */
export function chainsError(status: number, error: string, description: string): Response {
  return HttpResponse.json({ error, error_description: description }, { status })
}

/**
 * Counts the request and checks its bearer token (issued by this fake, not expired),
 * `X-Version`, and the path, query and header parameters the spec declares for the operation of
 * `api` it is (a required header such as `Wk-Service-Provider` included); returns the refusal to
 * send (400 in the API's error shape, naming each problem), or undefined when it may proceed.
 *
 * @example
 * const refused = guard(ctx, request)
 * if (refused) return refused
 */
export function guard(ctx: FakeContext, request: Request, api: SpecApi = 'platform'): Response | undefined {
  ctx.stats.requests++
  const token = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
  const expiresAt = token ? ctx.state.tokens.get(token) : undefined
  if (expiresAt === undefined || expiresAt <= Date.now()) return platformError(401, '401Unauthorized', 'No valid API token provided')
  if (ctx.options.requireVersion && !request.headers.get('x-version')) return platformError(400, '400BadRequest', 'The X-Version header is required')
  const url = new URL(request.url)
  const found = findOperation(ctx.operations, api, request.method, url.pathname)
  const problems = found ? checkParameters(found.compiled.op, found.compiled.names, found.match, url, request.headers) : []
  if (!problems.length) return undefined
  const message = problems.join('; ')
  if (api === 'wdata') return wdataError(400, message)
  if (api === 'chains') return chainsError(400, 'invalid_request', message)
  return platformError(400, '400BadRequest', message, undefined, problems)
}

/** Reads a JSON body, or undefined when it is not JSON.
 *
 * @example
 * const body = (await jsonBody(request)) as { name?: unknown } | undefined
 */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text())
  } catch {
    return undefined
  }
}
