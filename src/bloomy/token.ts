import * as v from 'valibot'
import { AbortError, AuthenticationError, IsoSdkError } from '../core/errors.js'
import { exchangeFetch } from '../core/exchange.js'
import { secureTransport } from '../core/url.js'
import { secretSet } from '../core/redact.js'
import { httpError, parseJson, readErrorBody } from '../core/response.js'
import { parseWith, validateInput } from '../core/validate.js'
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
  const secrets = secretSet()
  secrets.add(input.password)
  const url = tokenUrl(input.baseURL)
  if (!secureTransport(new URL(url))) throw new TypeError(`bloomyToken: option \`baseURL\` uses http: to a non-loopback host; the password would travel in clear (use https)`)
  const userFetch = options.fetch
  const post = exchangeFetch({ fetch: (input, init) => (userFetch ?? globalThis.fetch)(input, init), signal: options.signal, timeout: options.timeout ?? 30_000, kind: 'token' })
  const started = Date.now()
  let response: Response
  try {
    response = await post(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'password', userName: input.username, password: input.password }).toString(),
    })
  } catch (error) {
    if (options.signal?.aborted && !(error instanceof IsoSdkError)) throw new AbortError('The request was aborted', { cause: error })
    throw error
  }
  if (!response.ok) {
    const body = await readErrorBody(response)
    if (response.status === 400 && isInvalidGrant(body)) {
      throw new AuthenticationError({ status: 400, method: 'POST', url, body, headers: response.headers, message: `Bloom Growth refused the login for ${input.username} (invalid_grant)` })
    }
    throw httpError(response, body, { method: 'POST', url })
  }
  let json: unknown
  try {
    json = parseJson(await response.text())
  } catch {
    // No parser message: it would quote the body, which holds the key.
    throw new IsoSdkError(`POST ${url}: the token response is not valid JSON`)
  }
  const token = await parseWith(TokenResponseSchema, json, `POST ${url} response`)
  secrets.add(token.access_token, true)
  const expiresIn = token.expires_in ?? undefined
  return {
    apiKey: token.access_token,
    tokenType: token.token_type ?? 'bearer',
    expiresIn,
    expiresAt: expiresIn === undefined ? undefined : started + expiresIn * 1000,
    userName: token.userName ?? undefined,
  }
}

function isInvalidGrant(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { error?: unknown }).error === 'invalid_grant'
}
