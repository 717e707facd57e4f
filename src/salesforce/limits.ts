/** API calls used against the org's limit, from the `Sforce-Limit-Info` response header. */
export interface ApiUsage {
  /** Calls made in the last 24 h. */
  used: number
  /** The org's 24 h allocation. */
  limit: number
  /** The connected app's share, when the session came from one (`per-app-api-usage`). */
  perApp?: { used: number; limit: number; appName: string }
}

/**
 * Parses a `Sforce-Limit-Info` header (`api-usage=18/5000; per-app-api-usage=17/250(appName=x)`).
 * Returns `undefined` when it carries no `api-usage`.
 *
 * @example
 * parseLimitInfo('api-usage=18/5000') // { used: 18, limit: 5000 }
 */
export function parseLimitInfo(header: string): ApiUsage | undefined {
  const total = /(?:^|[;,\s])api-usage=(\d+)\/(\d+)/.exec(header)
  if (!total) return undefined
  const usage: ApiUsage = { used: Number(total[1]), limit: Number(total[2]) }
  const app = /per-app-api-usage=(\d+)\/(\d+)\(appName=([^)]*)\)/.exec(header)
  if (app) usage.perApp = { used: Number(app[1]), limit: Number(app[2]), appName: app[3]! }
  return usage
}
