import { AuthenticationError } from '../core/errors.js'
import { exchangeFetch } from '../core/exchange.js'
import { secureTransport } from '../core/url.js'
import { renewAt } from './renewal.js'
import { checkOptionKeys, type OptionKeys } from '../core/options.js'
import { secretSet } from '../core/redact.js'
import { parseJson } from '../core/response.js'
import type { AuthContext, AuthStrategy } from '../core/types.js'
import { singleFlight } from './single-flight.js'
import { exchangeError } from './token-response.js'
import { memoryTokenStore, withTokenLock, type StoredToken, type TokenStore } from './token-store.js'

export interface OAuthClientCredentialsOptions {
  /** Absolute, or relative to the client's base URL. */
  tokenUrl: string
  clientId: string
  clientSecret: string
  scope?: string
  /** Where the credentials go: form body (default) or an HTTP Basic header. */
  credentials?: 'body' | 'basic'
  /** Extra headers on the token request (e.g. an API version header). */
  headers?: HeadersInit
  /** Shared token cache (default: in memory, per strategy). */
  store?: TokenStore
  /** Refresh this many ms before `expires_in` runs out. Default 60_000. */
  skew?: number
  /** Lifetime assumed when the server sends no `expires_in`. Default 3_600_000. */
  defaultLifetime?: number
  /** Allow an absolute `http:` token URL to a non-loopback host (the client secret would travel in clear). */
  allowInsecureHTTP?: boolean
}

const OAUTH_OPTIONS: OptionKeys<OAuthClientCredentialsOptions> = {
  tokenUrl: 1, clientId: 1, clientSecret: 1, scope: 1, credentials: 1, headers: 1, store: 1, skew: 1, defaultLifetime: 1, allowInsecureHTTP: 1,
}

/**
 * OAuth2 client credentials: the token is fetched once, cached until `expires_in` minus `skew`,
 * shared by concurrent calls (one token request however many calls start on a cold cache),
 * and replaced once after a 401.
 *
 * @example
 * const client = createClient({
 *   baseURL: 'https://api.app.wdesk.com',
 *   auth: oauthClientCredentials({ tokenUrl: '/oauth2/token', clientId, clientSecret }),
 * })
 */
export function oauthClientCredentials(options: OAuthClientCredentialsOptions): AuthStrategy {
  for (const name of ['tokenUrl', 'clientId', 'clientSecret'] as const) {
    if (typeof options?.[name] !== 'string' || options[name] === '') throw new TypeError(`oauthClientCredentials: option \`${name}\` is required (a non-empty string)`)
  }
  checkOptionKeys('oauthClientCredentials', options, OAUTH_OPTIONS)
  if (/^https?:/i.test(options.tokenUrl)) {
    let url: URL
    try {
      url = new URL(options.tokenUrl)
    } catch {
      throw new TypeError('oauthClientCredentials: option `tokenUrl` must be an absolute http(s) URL or a path')
    }
    if (!secureTransport(url, options.allowInsecureHTTP)) {
      throw new TypeError('oauthClientCredentials: option `tokenUrl` uses http: to a non-loopback host; the client secret would travel in clear (use https, or allowInsecureHTTP: true)')
    }
  }
  const secrets = secretSet()
  secrets.add(options.clientSecret)
  const store = options.store ?? memoryTokenStore()
  const skew = options.skew ?? 60_000
  const cacheKey = `${options.tokenUrl}|${options.clientId}|${options.scope ?? ''}`
  let current: StoredToken | undefined
  let version = 0
  let context: AuthContext | undefined
  // Token requests waiting for their answer: `close()` abandons them (their socket and timer go with them).
  const exchanges = new Set<AbortController>()

  const fresh = (token: StoredToken | undefined) => token !== undefined && Date.now() < renewAt(token.expiresAt, token.obtainedAt, skew)

  async function requestToken(ctx: AuthContext): Promise<StoredToken> {
    const url = new URL(options.tokenUrl, ctx.baseURL).href
    const form = new URLSearchParams({ grant_type: 'client_credentials' })
    if (options.scope) form.set('scope', options.scope)
    const headers = new Headers(options.headers)
    headers.set('content-type', 'application/x-www-form-urlencoded')
    headers.set('accept', 'application/json')
    if (options.credentials === 'basic') headers.set('authorization', `Basic ${btoa(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`)}`)
    else {
      form.set('client_id', options.clientId)
      form.set('client_secret', options.clientSecret)
    }
    // The shared request must not die with the caller that started it, only with close() (and the client's timeout, in ctx.fetch).
    const controller = new AbortController()
    exchanges.add(controller)
    try {
      const response = await exchangeFetch(ctx, 'token')(url, { method: 'POST', headers, body: form.toString(), signal: controller.signal })
      if (!response.ok) throw await exchangeError(response, 'POST', url, 'Token request')
      let body: { access_token?: unknown; expires_in?: unknown; token_type?: unknown } | undefined
      try {
        body = parseJson(await response.text()) as typeof body
      } catch {
        // No parser message: it would quote the body, which holds the token.
        throw new AuthenticationError({ status: response.status, method: 'POST', url, message: 'Token response is not JSON' })
      }
      if (typeof body?.access_token !== 'string' || body.access_token === '') {
        throw new AuthenticationError({ status: response.status, method: 'POST', url, message: 'Token response has no access_token' })
      }
      secrets.add(body.access_token, true)
      if (/[^\t\x20-\x7e\x80-\xff]/.test(body.access_token)) {
        throw new AuthenticationError({ status: response.status, method: 'POST', url, message: 'Token response has an access_token that cannot be sent in a header (line breaks or control characters)' })
      }
      if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') {
        throw new AuthenticationError({ status: response.status, method: 'POST', url, message: `Token type ${body.token_type} is not supported (expected bearer)` })
      }
      secrets.add(body.access_token, true)
      const lifetime = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : (options.defaultLifetime ?? 3_600_000)
      const now = Date.now()
      return { accessToken: body.access_token, expiresAt: now + lifetime, obtainedAt: now, tokenType: 'Bearer' }
    } finally {
      exchanges.delete(controller)
    }
  }

  // A token the API refused: never taken back from the shared store.
  let rejected: string | undefined

  const renew = singleFlight(async () => {
    const shared = await store.get(cacheKey)
    const usable = fresh(shared) && shared!.accessToken !== rejected
    const token = usable ? shared! : await withTokenLock(store, cacheKey, (t) => fresh(t) && t.accessToken !== rejected, () => requestToken(context!))
    secrets.add(token.accessToken, true)
    current = token
    version++
    return token
  })

  async function token(ctx: AuthContext): Promise<StoredToken> {
    if (fresh(current)) return current!
    context = ctx
    return renew.run(ctx.signal)
  }

  return {
    secrets,
    async authorize(request, ctx) {
      const t = await token(ctx)
      request.headers.set('Authorization', `Bearer ${t.accessToken}`)
      request.credentialVersion = version
    },
    async refresh({ request, ...ctx }) {
      // A renewal already under way, or done since this request was sent, is reused.
      if (renew.running) return void (await renew.run(ctx.signal))
      if (request.credentialVersion !== version) return
      rejected = current?.accessToken
      current = undefined
      context = ctx
      await renew.run(ctx.signal)
    },
    close() {
      for (const controller of exchanges) controller.abort()
    },
  }
}
