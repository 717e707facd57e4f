import { ValidationError } from '../core/errors.js'
import type { RetryOptions } from '../core/types.js'

/** How a 403 is retried: re-authenticate, wait, replay (FolioClient's "auth error retries"). Off by default. */
export interface FolioAuthRetryOptions {
  /** Replays after a 403, each after a fresh session. Default 0 (a 403 is reported at once). */
  limit?: number
  /** Wait before the first replay, ms. Default 10_000 (FolioClient's 10 s). */
  delay?: number
  /** Each next wait is the previous one times this. Default 3. */
  factor?: number
  /** Cap of one wait, ms. Default 60_000. */
  maxDelay?: number
}

/** What `folioConfigFromEnv` reads: retry settings under FolioClient's variable names. */
export interface FolioEnvConfig {
  retry?: RetryOptions
  authRetry?: FolioAuthRetryOptions
  timeout?: number
}

/** An environment object: `process.env`, `Deno.env.toObject()` or a Worker's `env`. */
export type Env = Record<string, string | undefined>

function readNumber(env: Env, names: readonly string[], min: number, integer: boolean): number | undefined {
  for (const name of names) {
    const raw = env[name]
    if (raw === undefined || raw.trim() === '') continue
    const value = Number(raw)
    if (!Number.isFinite(value) || value < min || (integer && !Number.isInteger(value))) {
      throw new ValidationError('folioConfigFromEnv', [
        { path: name, message: `must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${JSON.stringify(raw)}` },
      ])
    }
    return value
  }
  return undefined
}

const seconds = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 1000))

function compact<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined)
  return entries.length ? (Object.fromEntries(entries) as T) : undefined
}

/**
 * Retry and timeout settings from an explicit environment object (`process.env`,
 * `Deno.env.toObject()`, a Worker's `env`) under FolioClient's names, read when called —
 * never at import:
 *
 * | variable | option |
 * |---|---|
 * | `FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES` (legacy `SERVER_ERROR_RETRIES_MAX`) | `retry.limit` (0 = off) |
 * | `FOLIOCLIENT_SERVER_ERROR_RETRY_DELAY` (seconds) | `retry.baseDelay` |
 * | `FOLIOCLIENT_SERVER_ERROR_MAX_WAIT` (seconds) | `retry.maxDelay` |
 * | `FOLIOCLIENT_MAX_AUTH_ERROR_RETRIES` | `authRetry.limit` |
 * | `FOLIOCLIENT_AUTH_ERROR_RETRY_DELAY` (seconds) | `authRetry.delay` |
 * | `FOLIOCLIENT_AUTH_ERROR_RETRY_FACTOR` | `authRetry.factor` |
 * | `FOLIOCLIENT_AUTH_ERROR_MAX_WAIT` (seconds) | `authRetry.maxDelay` |
 * | `FOLIOCLIENT_HTTP_TIMEOUT` (seconds) | `timeout` |
 *
 * A malformed value throws a `ValidationError` naming the variable. `folio({ ..., env })` calls
 * this and the core's `configFromEnv(env)`; explicit options win over both.
 *
 * @example
 * import { folio, folioConfigFromEnv } from 'isosdk/folio'
 * const client = folio({ url, tenant, username, password, ...folioConfigFromEnv(process.env) })
 */
export function folioConfigFromEnv(env: Env): FolioEnvConfig {
  if (typeof env !== 'object' || env === null) {
    throw new ValidationError('folioConfigFromEnv', [{ path: 'env', message: 'must be an object of strings' }])
  }
  const out: FolioEnvConfig = {}
  const retry = compact<RetryOptions>({
    limit: readNumber(env, ['FOLIOCLIENT_MAX_SERVER_ERROR_RETRIES', 'SERVER_ERROR_RETRIES_MAX'], 0, true),
    baseDelay: seconds(readNumber(env, ['FOLIOCLIENT_SERVER_ERROR_RETRY_DELAY'], 0, false)),
    maxDelay: seconds(readNumber(env, ['FOLIOCLIENT_SERVER_ERROR_MAX_WAIT'], 0, false)),
  })
  if (retry) out.retry = retry
  const authRetry = compact<FolioAuthRetryOptions>({
    limit: readNumber(env, ['FOLIOCLIENT_MAX_AUTH_ERROR_RETRIES'], 0, true),
    delay: seconds(readNumber(env, ['FOLIOCLIENT_AUTH_ERROR_RETRY_DELAY'], 0, false)),
    factor: readNumber(env, ['FOLIOCLIENT_AUTH_ERROR_RETRY_FACTOR'], 1, false),
    maxDelay: seconds(readNumber(env, ['FOLIOCLIENT_AUTH_ERROR_MAX_WAIT'], 0, false)),
  })
  if (authRetry) out.authRetry = authRetry
  const timeout = seconds(readNumber(env, ['FOLIOCLIENT_HTTP_TIMEOUT'], 0, false))
  if (timeout !== undefined) out.timeout = timeout
  return out
}
