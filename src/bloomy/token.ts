import * as v from 'valibot'
import { AuthenticationError } from '../core/errors.js'
import { registerSecret } from '../core/redact.js'
import { createClient, validateInput } from '../index.js'
import { BLOOMY_BASE_URL } from './client.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'

export interface BloomyTokenOptions {
  /** The Bloom Growth login (email). */
  username: string
  password: string
  /** The API base, as given to `bloomy()`; `/Token` sits at its root (beside `/api/v1`). */
  baseURL?: string
  /** Injected fetch (a Worker binding, a proxy, tests). */
  fetch?: typeof fetch
  signal?: AbortSignal
  /** ms; default the core's 30 s. */
  timeout?: number
}

/** A key obtained from `/Token`. Keys last about two weeks; Bloom Growth has no refresh grant. */
export interface BloomyToken {
  /** Pass it to `bloomy({ apiKey })`. */
  apiKey: string
  tokenType: string
  /** Seconds the key is valid for, as the server said. */
  expiresIn?: number | undefined
  /** Epoch ms when the key expires, when the server said. */
  expiresAt?: number | undefined
  userName?: string | undefined
}

const TOKEN_KEYS: OptionKeys<BloomyTokenOptions> = { username: 1, password: 1, baseURL: 1, fetch: 1, signal: 1, timeout: 1 }

const Options = /* @__PURE__ */ v.object({
  username: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('must be a string'), /* @__PURE__ */ v.trim(), /* @__PURE__ */ v.nonEmpty('must not be empty')),
  password: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('must be a string'), /* @__PURE__ */ v.nonEmpty('must not be empty')),
  baseURL: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string('must be a string'), /* @__PURE__ */ v.url('must be an absolute URL')),
})

/** `POST /Token` answer: `{ access_token, token_type, expires_in, userName, .issued, .expires }`. */
export const TokenResponseSchema = /* @__PURE__ */ v.looseObject({
  access_token: /* @__PURE__ */ v.pipe(/* @__PURE__ */ v.string(), /* @__PURE__ */ v.nonEmpty()),
  token_type: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  expires_in: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.number()),
  userName: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
})

/** Where `/Token` lives for an API base: `https://app.bloomgrowth.com/api/v1` → `https://app.bloomgrowth.com/Token`. */
function tokenUrl(baseURL: string): string {
  const trimmed = baseURL.replace(/\/+$/, '')
  const root = /\/api\/v1$/i.test(trimmed) ? trimmed.slice(0, -'/api/v1'.length) : new URL(trimmed).origin
  return `${root}/Token`
}

/**
 * Exchanges a username and password for an API key (`POST /Token`, form-encoded
 * `grant_type=password`). Wrong credentials reject with `AuthenticationError`; the password
 * never appears in an error or a hook payload.
 *
 * @example
 * const { apiKey } = await bloomyToken({ username: 'ada@example.com', password: env.BG_PASSWORD })
 * await using bloom = bloomy({ apiKey })
 */
export async function bloomyToken(options: BloomyTokenOptions): Promise<BloomyToken> {
  checkOptionKeys('bloomyToken', options, TOKEN_KEYS)
  const input = validateInput(
    Options,
    { username: options.username, password: options.password, baseURL: options.baseURL ?? BLOOMY_BASE_URL },
    'bloomyToken',
  )
  registerSecret(input.password)
  const url = tokenUrl(input.baseURL)
  const client = createClient({
    baseURL: new URL(url).origin,
    fetch: options.fetch,
    mapError: (response, body, request) =>
      response.status === 400 && isInvalidGrant(body)
        ? new AuthenticationError({
            status: response.status,
            method: request.method,
            url: request.url,
            body,
            headers: response.headers,
            message: `Bloom Growth refused the login for ${input.username} (invalid_grant)`,
          })
        : undefined,
  })
  try {
    const body = new URLSearchParams({ grant_type: 'password', userName: input.username, password: input.password })
    const started = Date.now()
    const token = await client.request({
      method: 'POST',
      path: url,
      body,
      schema: TokenResponseSchema,
      signal: options.signal,
      timeout: options.timeout,
    })
    registerSecret(token.access_token)
    const expiresIn = token.expires_in ?? undefined
    return {
      apiKey: token.access_token,
      tokenType: token.token_type ?? 'bearer',
      expiresIn,
      expiresAt: expiresIn === undefined ? undefined : started + expiresIn * 1000,
      userName: token.userName ?? undefined,
    }
  } finally {
    await client.close()
  }
}

function isInvalidGrant(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { error?: unknown }).error === 'invalid_grant'
}
