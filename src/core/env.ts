import type { ClientOptions } from './types.js'

function readNumber(env: Record<string, string | undefined>, name: string, min: number): number | undefined {
  const raw = env[name]
  if (raw === undefined || raw.trim() === '') return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min) throw new TypeError(`${name} must be a number ≥ ${min}, got ${JSON.stringify(raw)}`)
  return value
}

/**
 * Client options from an explicit environment object — `process.env`, `Deno.env.toObject()`
 * or a Worker's `env`; nothing is read from globals. Names: `ISOSDK_BASE_URL`, `ISOSDK_TIMEOUT`,
 * `ISOSDK_DEADLINE`, `ISOSDK_CONCURRENCY`, `ISOSDK_RETRY_LIMIT`, `ISOSDK_RETRY_BASE_DELAY`,
 * `ISOSDK_RETRY_MAX_DELAY` (ms). A malformed value throws a `TypeError` naming the variable.
 *
 * @example
 * const client = createClient({ baseURL: 'https://api.example.com', ...configFromEnv(process.env) })
 */
export function configFromEnv(env: Record<string, string | undefined>): Partial<ClientOptions> {
  const out: Partial<ClientOptions> = {}
  if (env.ISOSDK_BASE_URL) out.baseURL = env.ISOSDK_BASE_URL
  const timeout = readNumber(env, 'ISOSDK_TIMEOUT', 0)
  if (timeout !== undefined) out.timeout = timeout
  const deadline = readNumber(env, 'ISOSDK_DEADLINE', 0)
  if (deadline !== undefined) out.deadline = deadline
  const concurrency = readNumber(env, 'ISOSDK_CONCURRENCY', 1)
  if (concurrency !== undefined) out.concurrency = concurrency
  const limit = readNumber(env, 'ISOSDK_RETRY_LIMIT', 0)
  const baseDelay = readNumber(env, 'ISOSDK_RETRY_BASE_DELAY', 0)
  const maxDelay = readNumber(env, 'ISOSDK_RETRY_MAX_DELAY', 0)
  if (limit !== undefined || baseDelay !== undefined || maxDelay !== undefined) {
    out.retry = limit === 0 ? false : { ...(limit !== undefined && { limit }), ...(baseDelay !== undefined && { baseDelay }), ...(maxDelay !== undefined && { maxDelay }) }
  }
  return out
}
