// Redaction is one file so every error, hook payload and log line goes through the same rules.

/** Headers whose values may appear in errors and hook payloads; every other header shows `[redacted]`. */
const ALLOWED_HEADERS = /* @__PURE__ */ new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'cache-control',
  'content-encoding',
  'content-length',
  'content-type',
  'date',
  'etag',
  'idempotency-key',
  'last-modified',
  'link',
  'location',
  'request-id',
  'retry-after',
  'retry-after-ms',
  'server',
  'sforce-limit-info',
  'sforce-locator',
  'user-agent',
  'vary',
  'x-request-id',
  'x-correlation-id',
  'x-okapi-tenant',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-should-retry',
  'x-version',
])

export const REDACTED = '[redacted]'

/** Secrets the auth strategies hold (keys, passwords, tokens): scrubbed from any text. Bounded. */
const knownSecrets: string[] = []
const MAX_SECRETS = 256

/**
 * Registers a secret value so `redactText` removes it wherever it appears. Short values are ignored (they would scrub ordinary words).
 *
 * @example
 * registerSecret(env.DB_PASSWORD)
 * redactText(`connect failed with ${env.DB_PASSWORD}`) // 'connect failed with [redacted]'
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 6 || knownSecrets.includes(value)) return
  knownSecrets.push(value)
  if (knownSecrets.length > MAX_SECRETS) knownSecrets.shift()
}

const KEY_VALUE_RULE = 2
const SECRET_PATTERNS: [RegExp, string][] = [
  // A credential after an auth scheme: at least 6 characters with a digit or symbol, so prose ("Token request") stays.
  [/\b(Bearer|Basic|OAuth|Token)\s+(?=[A-Za-z0-9._~+/=-]*[0-9._~+/=-])[A-Za-z0-9._~+/=-]{6,}/gi, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+\.?[A-Za-z0-9_-]*/g, REDACTED],
  [
    /\b(access_token|refresh_token|client_secret|password|api_?key|apikey|token|sessionId|session_id|secret|folioAccessToken|folioRefreshToken|sid)(["']?\s*[=:]\s*["']?)([^"'&;,\s<>}]+)/gi,
    '$1$2[redacted]',
  ],
  [/(<(?:\w+:)?(?:password|sessionId)>)[^<]*(<\/)/gi, '$1[redacted]$2'],
]

/**
 * Removes credentials from free text (messages, URLs, bodies): registered secrets, auth schemes,
 * JWTs and `key=value` pairs with secret-like keys. `keyValues: false` skips the last rule, for
 * text whose `field: message` pairs are descriptions, not values (validation messages).
 *
 * @example
 * redactText('GET /x?api_key=abc123def failed') // 'GET /x?api_key=[redacted] failed'
 */
export function redactText(text: string, options?: { keyValues?: boolean }): string {
  let out = text
  for (const secret of knownSecrets) out = out.replaceAll(secret, REDACTED)
  SECRET_PATTERNS.forEach(([pattern, replacement], i) => {
    if (i !== KEY_VALUE_RULE || options?.keyValues !== false) out = out.replace(pattern, replacement)
  })
  return out
}

/**
 * A plain record of headers with every value outside the allowlist replaced by `[redacted]`.
 *
 * @example
 * redactHeaders(new Headers({ authorization: 'Bearer x', 'content-type': 'application/json' }))
 * // { authorization: '[redacted]', 'content-type': 'application/json' }
 */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  const entries = headers instanceof Headers ? headers.entries() : Object.entries(headers)
  for (const [name, value] of entries) {
    const key = name.toLowerCase()
    out[key] = ALLOWED_HEADERS.has(key) ? redactText(value) : REDACTED
  }
  return out
}

const SECRET_KEY = /passw|secret|token|api_?key|authorization|cookie|session_?id|^sid$/i

/** A copy of a parsed body with secret-named fields and credential-looking strings redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value)
  if (value === null || typeof value !== 'object' || depth > 8) return value
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY.test(key) && item != null && item !== '' ? REDACTED : redactValue(item, depth + 1)
  return out
}
