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

/**
 * Secrets one owner holds (a strategy's key, password or client secret, for as long as the owner
 * lives; its short-lived tokens, the last few only). Each is matched raw, URL-encoded,
 * form-encoded and JSON-escaped, whatever its length.
 */
export interface SecretSet {
  add(value: string | undefined, rotating?: boolean): void
}

const MAX_ROTATING = 16

interface Secrets extends SecretSet {
  forms: string[]
}

// Every set alive in the process: errors are built in many places (a service's error mapping, a
// GraphQL envelope), so each one is redacted with every live owner's secrets. Weak, so a dropped
// client's secrets go with it; never evicted while it lives.
const live = new Set<WeakRef<Secrets>>()
let version = 0
let cached: string[] = []
let cachedAt = -1

/**
 * A new set of secrets for one owner (an auth strategy, a client), redacted everywhere while it lives.
 *
 * @example
 * const secrets = secretSet()
 * secrets.add(password)
 * redactText(`login failed for ${password}`) // 'login failed for [redacted]'
 */
export function secretSet(): SecretSet {
  const keep = new Set<string>()
  const rotating: string[] = []
  const set: Secrets = {
    forms: [],
    add(value, rotates) {
      if (!value || keep.has(value) || rotating.includes(value)) return
      if (rotates) {
        rotating.push(value)
        if (rotating.length > MAX_ROTATING) rotating.shift()
      } else keep.add(value)
      set.forms = [...keep, ...rotating].flatMap(formsOf)
      version++
    },
  }
  live.add(new WeakRef(set))
  return set
}

function formsOf(value: string): string[] {
  return [value, encodeURIComponent(value), new URLSearchParams({ s: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)]
}

/** Secrets the caller registered with `registerSecret`: kept for the process's life (made on first use: nothing runs at import). */
let registered: SecretSet | undefined

/**
 * Registers a secret value so `redactText` removes it wherever it appears (raw, URL-encoded,
 * form-encoded or JSON-escaped). Strategies keep their own secrets; this is for yours.
 *
 * @example
 * registerSecret(env.DB_PASSWORD)
 * redactText(`connect failed with ${env.DB_PASSWORD}`) // 'connect failed with [redacted]'
 */
export function registerSecret(value: string | undefined): void {
  ;(registered ??= secretSet()).add(value)
}

/** Every live secret form, longest first (a form that contains another is replaced whole). */
function secretForms(): string[] {
  if (cachedAt === version) return cached
  const forms = new Set<string>()
  for (const ref of live) {
    const set = ref.deref()
    if (set) for (const form of set.forms) forms.add(form)
    else live.delete(ref)
  }
  cachedAt = version
  return (cached = [...forms].sort((a, b) => b.length - a.length))
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
  for (const form of secretForms()) out = out.replaceAll(form, REDACTED)
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
  if (value === null || typeof value !== 'object') return value
  // Too deep to walk: dropped rather than passed on unredacted.
  if (depth > 8) return REDACTED
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    // An own `__proto__` key assigned here would replace the copy's prototype.
    if (key !== '__proto__') out[key] = SECRET_KEY.test(key) && item != null && item !== '' ? REDACTED : redactValue(item, depth + 1)
  }
  return out
}
