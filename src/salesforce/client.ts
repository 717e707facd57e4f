import { apiKey } from '../auth/api-key.js'
import { sessionLogin } from '../auth/session-login.js'
import { createClient } from '../core/client.js'
import { IsoSdkError, ValidationError, type ValidationIssue } from '../core/errors.js'
import { configError } from '../core/options.js'
import { rebaseOrigin, secureTransport } from '../core/url.js'
import type { AuthRequest, Client, ClientOptions } from '../core/types.js'
import { mapSalesforceError } from './errors.js'
import { parseLimitInfo, type ApiUsage } from './limits.js'
import { _oauthLogin, _revokeSession, _soapLogin, type SalesforceSession } from './login.js'
import { _normalizeApiVersion, _setApiVersion } from './version.js'

/** Client options every login flow accepts (all of `createClient`'s but `baseURL`, `auth` and `mapError`). */
export interface SalesforceCommonOptions extends Omit<ClientOptions, 'baseURL' | 'auth' | 'mapError'> {
  /** REST API version, e.g. `'63.0'`. Default: the highest one the instance lists at `/services/data`. */
  apiVersion?: string
  /** Revoke the session (`/services/oauth2/revoke`) when the client closes. Default false. */
  revokeOnClose?: boolean
}

/** SOAP `login` with username, password and (outside trusted IP ranges) the security token. */
export interface SalesforceSoapLogin extends SalesforceCommonOptions {
  /** Default `https://login.salesforce.com` (`https://test.salesforce.com` for sandboxes, or your My Domain). */
  loginUrl?: string
  username: string
  password: string
  securityToken?: string
  clientId?: undefined
  instanceUrl?: undefined
  accessToken?: undefined
}

/** An access token you already have (no login; a refused token is an `AuthenticationError`). */
export interface SalesforceAccessToken extends SalesforceCommonOptions {
  instanceUrl: string
  accessToken: string
  loginUrl?: undefined
  username?: undefined
  clientId?: undefined
}

/** OAuth 2.0 username-password flow of a connected app. */
export interface SalesforceOAuthPassword extends SalesforceCommonOptions {
  loginUrl?: string
  clientId: string
  clientSecret: string
  username: string
  password: string
  securityToken?: string
  instanceUrl?: undefined
  accessToken?: undefined
}

/** OAuth 2.0 client-credentials flow of a connected app (needs your My Domain as `loginUrl`). */
export interface SalesforceOAuthClientCredentials extends SalesforceCommonOptions {
  loginUrl: string
  clientId: string
  clientSecret: string
  username?: undefined
  instanceUrl?: undefined
  accessToken?: undefined
}

export type SalesforceOptions = SalesforceSoapLogin | SalesforceAccessToken | SalesforceOAuthPassword | SalesforceOAuthClientCredentials

/** A Salesforce client: the core client, plus the org's API usage from the last response. */
export type SalesforceClient = Client<'salesforce'> & {
  /** From the last response's `Sforce-Limit-Info`; `undefined` before the first one. */
  readonly apiUsage: ApiUsage | undefined
}

const DEFAULT_LOGIN_URL = 'https://login.salesforce.com'
/** The SOAP login endpoint's version when none is given (any supported version logs in the same way). */
const SOAP_LOGIN_VERSION = '62.0'

function originOf(value: unknown, path: string, issues: ValidationIssue[]): string {
  try {
    if (typeof value !== 'string') throw new TypeError()
    const url = new URL(value)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError()
    return url.origin
  } catch {
    issues.push({ path, message: `expected an http(s) URL, got ${typeof value === 'string' ? JSON.stringify(value) : typeof value}` })
    return ''
  }
}

function requireString(options: Record<string, unknown>, key: string, issues: ValidationIssue[], optional = false): void {
  const value = options[key]
  if (optional && value === undefined) return
  if (typeof value !== 'string' || value === '') issues.push({ path: key, message: optional ? 'expected a non-empty string when given' : 'required (a non-empty string)' })
}

type Mode = 'token' | 'soap' | 'oauth-password' | 'client-credentials'

function modeOf(options: SalesforceOptions): Mode {
  if (options.accessToken !== undefined || options.instanceUrl !== undefined) return 'token'
  if (options.clientId !== undefined) return options.username !== undefined ? 'oauth-password' : 'client-credentials'
  return 'soap'
}

function checkOptions(options: SalesforceOptions, mode: Mode): string {
  const issues: ValidationIssue[] = []
  const raw = options as unknown as Record<string, unknown>
  let base = ''
  if (mode === 'token') {
    base = originOf(options.instanceUrl, 'instanceUrl', issues)
    requireString(raw, 'accessToken', issues)
  } else {
    if (mode === 'client-credentials' && options.loginUrl === undefined) issues.push({ path: 'loginUrl', message: 'the client-credentials flow needs your My Domain URL (https://<domain>.my.salesforce.com)' })
    base = originOf(options.loginUrl ?? DEFAULT_LOGIN_URL, 'loginUrl', issues)
    if (mode !== 'client-credentials') {
      requireString(raw, 'username', issues)
      requireString(raw, 'password', issues)
      requireString(raw, 'securityToken', issues, true)
    }
    if (mode !== 'soap') {
      requireString(raw, 'clientId', issues)
      requireString(raw, 'clientSecret', issues)
    }
  }
  if (options.apiVersion !== undefined) {
    try {
      _normalizeApiVersion(options.apiVersion)
    } catch (error) {
      issues.push(...(error as ValidationError).issues)
    }
  }
  if (issues.length) throw configError('salesforce', issues)
  return base
}

/**
 * A Salesforce client. Logs in with the SOAP `login` call (username + password [+ security token]),
 * the OAuth username-password or client-credentials flow, or uses an access token you have.
 * Sessions are shared by concurrent calls; a 401 (`INVALID_SESSION_ID`) logs in again once and
 * replays the call. Requests go to the instance the login returned; `apiUsage` follows
 * `Sforce-Limit-Info`.
 *
 * @example
 * import { salesforce, fetchRecord } from 'isosdk/salesforce'
 *
 * await using sf = salesforce({ username: 'me@acme.com', password, securityToken })
 * const acct = await fetchRecord(sf, 'Account', '001000000000001AAA')
 * console.log(sf.apiUsage) // { used: 18, limit: 5000 }
 *
 * const sf2 = salesforce({ instanceUrl: 'https://acme.my.salesforce.com', accessToken, apiVersion: '63.0' })
 * const sf3 = salesforce({ loginUrl: 'https://acme.my.salesforce.com', clientId, clientSecret })
 */
export function salesforce(options: SalesforceOptions): SalesforceClient {
  if (!options || typeof options !== 'object') throw configError('salesforce', [{ path: '', message: 'expected an options object' }])
  const mode = modeOf(options)
  const baseURL = checkOptions(options, mode)
  const {
    apiVersion,
    revokeOnClose,
    loginUrl: _loginUrl,
    username,
    password,
    securityToken,
    clientId,
    clientSecret,
    instanceUrl: _instanceUrl,
    accessToken,
    ...clientOptions
  } = options as SalesforceCommonOptions & Partial<SalesforceOAuthPassword> & { instanceUrl?: string; accessToken?: string }

  let usage: ApiUsage | undefined
  const userFetch = clientOptions.fetch
  // Every response (login included) passes here, so `apiUsage` needs no hook. Looked up at call
  // time and called unbound, like the core's own fetch.
  const fetchWithLimits: typeof fetch = async (input, init) => {
    const response = await (userFetch ?? globalThis.fetch)(input, init)
    const header = response.headers.get('sforce-limit-info')
    if (header) usage = parseLimitInfo(header) ?? usage
    return response
  }

  // The session goes wherever the login says the instance is: never over plain http to a
  // non-loopback host (the core's rule for the base URL), unless the caller allowed it.
  const checkInstance = (session: SalesforceSession): SalesforceSession => {
    const instance = new URL(session.instanceUrl)
    if (secureTransport(instance, clientOptions.allowInsecureHTTP)) return session
    throw new IsoSdkError(`Salesforce login returned the instance ${instance.origin}; refusing to send the session over ${instance.protocol} (use https, or allowInsecureHTTP: true)`)
  }

  const login = (context: Parameters<typeof _soapLogin>[0]): Promise<SalesforceSession> => loginOnce(context).then(checkInstance)
  const loginOnce = (context: Parameters<typeof _soapLogin>[0]): Promise<SalesforceSession> => {
    if (mode === 'soap') return _soapLogin(context, { loginUrl: baseURL, username: username!, password: password!, securityToken, version: apiVersion ? _normalizeApiVersion(apiVersion) : SOAP_LOGIN_VERSION })
    if (mode === 'oauth-password') {
      return _oauthLogin(context, { loginUrl: baseURL, form: { grant_type: 'password', client_id: clientId!, client_secret: clientSecret!, username: username!, password: password! + (securityToken ?? '') } })
    }
    return _oauthLogin(context, { loginUrl: baseURL, form: { grant_type: 'client_credentials' }, basic: { id: clientId!, secret: clientSecret! } })
  }

  const auth =
    mode === 'token'
      ? apiKey({ key: accessToken! })
      : sessionLogin<SalesforceSession>({
          login,
          secrets: [password, securityToken, clientSecret, password && securityToken && password + securityToken],
          apply(headers: Headers, session: SalesforceSession, request: AuthRequest) {
            headers.set('Authorization', `Bearer ${session.accessToken}`)
            // Paths are resolved against the login URL; the session's instance serves them. Only the
            // origin is swapped (a path like `//host/x` stays a path), on a new URL object, so the
            // client's own URL (reused for a replay after a re-login) stays on the login origin.
            if (request.url.origin === baseURL && session.instanceUrl !== baseURL) request.url = rebaseOrigin(request.url, session.instanceUrl)
          },
          // The instance is trusted while the session lives: a redirect within it keeps the session.
          origin: (session) => session.instanceUrl,
          ...(revokeOnClose && { logout: (session: SalesforceSession, context: Parameters<typeof _soapLogin>[0]) => _revokeSession(context, session) }),
        })

  const client = createClient<'salesforce'>({ service: 'salesforce', ...clientOptions, baseURL, auth, fetch: fetchWithLimits, mapError: mapSalesforceError })
  if (apiVersion) _setApiVersion(client, apiVersion)
  Object.defineProperty(client, 'apiUsage', { get: () => usage, enumerable: true })
  return client as SalesforceClient
}
