import { secureTransport } from './url.js'
import { ValidationError, type ValidationIssue } from './errors.js'
import type { CallOptions, ClientOptions, StandardSchemaV1 } from './types.js'
import { validateInput } from './validate.js'

/**
 * The option keys a function accepts, as an object whose keys the compiler checks against the
 * options type (`Record<keyof ListPagesOptions, 1>`): a key added to the type and not here, or
 * here and not in the type, is a type error, so the runtime list cannot drift.
 */
export type OptionKeys<Options> = Readonly<Record<keyof Options, 1>>

/** The keys of `CallOptions`, which every resource function accepts. */
export const CALL_OPTION_KEYS: OptionKeys<CallOptions> = { signal: 1, timeout: 1, deadline: 1 }

const CLIENT_OPTION_KEYS: OptionKeys<ClientOptions> = {
  baseURL: 1,
  auth: 1,
  headers: 1,
  fetch: 1,
  timeout: 1,
  deadline: 1,
  retry: 1,
  concurrency: 1,
  rateLimit: 1,
  validate: 1,
  hooks: 1,
  trustedOrigins: 1,
  idempotencyHeader: 1,
  mapError: 1,
  allowInsecureHTTP: 1,
  telemetry: 1,
  service: 1,
  maxResponseBytes: 1,
}

/**
 * Throws a `TypeError` naming the first key of `options` that `known` does not list (types forbid
 * them; JavaScript callers get this), with `hints[key]` — the right way — when there is one.
 * `undefined`/`null` options pass. Resource functions call it first, inside their promise (or
 * their `Paginated`), so a bad key rejects rather than throws.
 *
 * @example
 * checkOptionKeys('listPages', { offset: 50 }, LIST_PAGES_KEYS, { offset: 'Wiki.js 2.x cannot skip; slice the result or use searchPages' })
 * // TypeError: listPages: unknown option `offset` (Wiki.js 2.x cannot skip; slice the result or use searchPages)
 */
export function checkOptionKeys(context: string, options: unknown, known: object, hints?: Readonly<Record<string, string>>): void {
  if (options == null) return
  if (typeof options !== 'object') throw new TypeError(`${context}: options must be an object, got ${typeof options}`)
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(known, key)) {
      const hint = hints && Object.hasOwn(hints, key) ? ` (${hints[key]})` : ''
      throw new TypeError(`${context}: unknown option \`${key}\`${hint}`)
    }
  }
}


/** Credentials over plain http only reach loopback, unless the user opts in. */
function checkSecureTransport(name: string, value: string, options: ClientOptions): void {
  if (options.auth && !secureTransport(new URL(value), options.allowInsecureHTTP)) {
    fail(name, `uses http: to a non-loopback host with credentials; use https, or set allowInsecureHTTP: true`)
  }
}

function fail(name: string, problem: string): never {
  throw new TypeError(`createClient: option \`${name}\` ${problem}`)
}

function checkNumber(name: string, value: unknown, min: number, integer = false): void {
  if (value === undefined) return
  if (typeof value !== 'number' || Number.isNaN(value) || value < min || (integer && !Number.isInteger(value))) {
    fail(name, `must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got ${String(value)}`)
  }
}

function checkAbsoluteURL(name: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') fail(name, 'is required (an absolute http(s) URL)')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return fail(name, 'must be an absolute http(s) URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(name, `must use http or https, got ${url.protocol}`)
  // The URL would print its password in every message; credentials belong to an auth strategy.
  if (url.username || url.password) fail(name, 'must not contain a user name or password (use an auth strategy)')
}

/** Throws a `TypeError` naming the first bad option, at creation rather than at the first request. */
export function checkClientOptions(options: ClientOptions): void {
  if (options === null || typeof options !== 'object') throw new TypeError('createClient: options object is required')
  for (const key of Object.keys(options)) if (!Object.hasOwn(CLIENT_OPTION_KEYS, key)) fail(key, 'is not a known option')
  checkAbsoluteURL('baseURL', options.baseURL)
  checkNumber('timeout', options.timeout, 0)
  checkNumber('deadline', options.deadline, 0)
  checkNumber('concurrency', options.concurrency, 1, true)
  checkNumber('maxResponseBytes', options.maxResponseBytes, 0, true)
  if (options.retry !== undefined && options.retry !== false) {
    if (typeof options.retry !== 'object') fail('retry', 'must be false or an object')
    checkNumber('retry.limit', options.retry.limit, 0, true)
    checkNumber('retry.baseDelay', options.retry.baseDelay, 0)
    checkNumber('retry.maxDelay', options.retry.maxDelay, 0)
    if (options.retry.budget !== false) checkNumber('retry.budget', options.retry.budget, 0)
  }
  if (options.rateLimit !== undefined) {
    checkNumber('rateLimit.requests', options.rateLimit.requests, 1, true)
    checkNumber('rateLimit.interval', options.rateLimit.interval, 1)
    if (options.rateLimit.requests === undefined || options.rateLimit.interval === undefined) fail('rateLimit', 'needs `requests` and `interval`')
  }
  if (options.auth !== undefined && typeof options.auth?.authorize !== 'function') fail('auth', 'must be an auth strategy (apiKey(), oauthClientCredentials(), sessionLogin())')
  if (options.fetch !== undefined && typeof options.fetch !== 'function') fail('fetch', 'must be a function')
  for (const origin of options.trustedOrigins ?? []) checkAbsoluteURL('trustedOrigins', origin)
  checkSecureTransport('baseURL', options.baseURL, options)
  for (const origin of options.trustedOrigins ?? []) checkSecureTransport('trustedOrigins', origin, options)
}

/**
 * A configuration error (a preset's or a strategy's options): a `TypeError`, as `createClient`'s
 * are, whose message names the fields; the structured issues stay on `cause` (a `ValidationError`).
 *
 * @example
 * throw configError('folio', [{ path: 'tenant', message: 'must not contain spaces' }])
 * // TypeError: folio: tenant: must not contain spaces
 */
export function configError(context: string, issues: readonly ValidationIssue[]): TypeError {
  const detail = new ValidationError(context, issues)
  return new TypeError(detail.message, { cause: detail })
}

/**
 * `validateInput` for configuration: a bad field is a {@link configError}.
 *
 * @example
 * const { apiKey } = checkConfig(PresetSchema, { apiKey: options.apiKey }, 'bloomy')
 */
export function checkConfig<T>(schema: StandardSchemaV1<unknown, T>, value: unknown, context: string): T {
  try {
    return validateInput(schema, value, context)
  } catch (error) {
    throw error instanceof ValidationError ? configError(context, error.issues) : error
  }
}
