import type { ClientOptions } from './types.js'

const KNOWN_OPTIONS = /* @__PURE__ */ 'baseURL auth headers fetch timeout deadline retry concurrency rateLimit validate hooks trustedOrigins idempotencyHeader mapError allowInsecureHTTP telemetry service maxResponseBytes'.split(' ')

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i

/** Credentials over plain http only reach loopback, unless the user opts in. */
function checkSecureTransport(name: string, value: string, options: ClientOptions): void {
  const url = new URL(value)
  if (options.auth && url.protocol === 'http:' && !LOOPBACK.test(url.hostname) && !options.allowInsecureHTTP) {
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
  for (const key of Object.keys(options)) if (!KNOWN_OPTIONS.includes(key)) fail(key, 'is not a known option')
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
