import type { FakeStats } from '../fake.js'
import type { SalesforceFakeSession, SalesforceFakeState } from './state.js'

/** What a route handler sees. */
export interface RouteContext {
  request: Request
  url: URL
  /** Regex groups of the route's pattern. */
  params: string[]
  /** `63.0` for `/services/data/v63.0/...` routes. */
  version: string
  session?: SalesforceFakeSession
  /** Records or ids the request carried (set by handlers, for the traffic log). */
  size?: number
}

export interface Route {
  method: string
  /** Matched against the path (`/services/...`), anchored. */
  pattern: RegExp
  /** `data` routes need a session and a known version, and count against the API limit. */
  kind: 'data' | 'open'
  handle(context: RouteContext): Response | Promise<Response>
}

/** Shared pieces every route module gets. */
export interface Kit {
  state: SalesforceFakeState
  stats: FakeStats
  options: ResolvedOptions
}

export interface ResolvedOptions {
  latency: number
  queryBatchSize: number
  bulkJobPolls: number
  bulkJobDuration?: number
  bulkQueryPageSize: number
  requireSecurityToken: boolean
  /** Origin logins hand out as the instance; default the login request's own origin. */
  instanceUrl?: string
}

export function json(body: unknown, status = 200, headers?: Record<string, string>): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json;charset=UTF-8', ...headers } })
}

/** Salesforce's REST error body: `[{ message, errorCode, fields? }]`. */
export function sfError(status: number, errorCode: string, message: string, fields?: string[]): Response {
  return json([{ message, errorCode, ...(fields && { fields }) }], status)
}

export function noContent(): Response {
  return new Response(null, { status: 204 })
}

export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text()
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw sfError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON')
  }
}
