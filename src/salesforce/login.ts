import { AuthenticationError, IsoSdkError, errorForStatus } from '../core/errors.js'
import type { AuthContext } from '../core/types.js'

/** A logged-in Salesforce session: the token for `Authorization: Bearer`, and the instance it belongs to. */
export interface SalesforceSession {
  accessToken: string
  /** Origin of the org's instance, e.g. `https://acme.my.salesforce.com`. */
  instanceUrl: string
  expiresAt?: number
}

/**
 * POSTs to a login endpoint with the client's exchange fetch (same-origin redirects only, the
 * client's timeout, a `NetworkError` naming the URL when nothing answers).
 */
async function post(context: AuthContext, url: string, init: { headers: Record<string, string>; body: string }): Promise<{ response: Response; text: string }> {
  const response = await context.fetch(url, { method: 'POST', headers: init.headers, body: init.body, ...(context.signal && { signal: context.signal }) })
  return { response, text: await response.text() }
}

/** The origin of a URL the login answered with; anything else is a refused login, never retried. */
function originFrom(value: string, url: string, field: string): string {
  try {
    const parsed = new URL(value)
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return parsed.origin
  } catch {
    // reported below
  }
  throw new IsoSdkError(`POST ${url}: the login answered a ${field} that is not an http(s) URL`)
}

function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

function xmlUnescape(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

/** The text of the first `<tag>` (any namespace prefix) in an XML document. */
function xmlValue(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<(?:[\\w-]+:)?${tag}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${tag}>`).exec(xml)
  return match ? xmlUnescape(match[1]!) : undefined
}

/**
 * The partner SOAP `login` call (`POST {loginUrl}/services/Soap/u/{version}`): username and
 * password + security token → `sessionId` and `serverUrl`, whose origin is the instance.
 */
export async function _soapLogin(
  context: AuthContext,
  options: { loginUrl: string; username: string; password: string; securityToken?: string; version: string },
): Promise<SalesforceSession> {
  const url = `${options.loginUrl}/services/Soap/u/${options.version}`
  const body =
    '<?xml version="1.0" encoding="utf-8"?>' +
    '<env:Envelope xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:urn="urn:partner.soap.sforce.com">' +
    '<env:Header><urn:CallOptions><urn:client>isosdk</urn:client></urn:CallOptions></env:Header>' +
    `<env:Body><urn:login><urn:username>${xmlEscape(options.username)}</urn:username>` +
    `<urn:password>${xmlEscape(options.password + (options.securityToken ?? ''))}</urn:password></urn:login></env:Body></env:Envelope>`
  const { response, text } = await post(context, url, { headers: { 'Content-Type': 'text/xml; charset=UTF-8', SOAPAction: 'login', Accept: 'text/xml' }, body })
  if (!response.ok) {
    const code = xmlValue(text, 'exceptionCode') ?? xmlValue(text, 'faultcode')?.replace(/^\w+:/, '')
    const message = xmlValue(text, 'exceptionMessage') ?? xmlValue(text, 'faultstring') ?? 'login failed'
    const init = { status: response.status, method: 'POST', url, body: { errorCode: code, message }, headers: response.headers, message: `Salesforce login refused (${code ?? response.status}): ${message}` }
    // A SOAP fault is a refused login whatever its status; a 5xx/429 without one (a proxy page) is the server's trouble, retried by the core.
    throw code === undefined && (response.status >= 500 || response.status === 429) ? errorForStatus(init) : new AuthenticationError(init)
  }
  const sessionId = xmlValue(text, 'sessionId')
  const serverUrl = xmlValue(text, 'serverUrl')
  if (!sessionId || !serverUrl) throw new IsoSdkError(`POST ${url}: the login response has no sessionId / serverUrl`)
  context.secrets?.add(sessionId, true)
  // `serverUrl` is the SOAP endpoint (`https://x.my.salesforce.com/services/Soap/u/63.0/00D…`): only its origin is the instance.
  return { accessToken: sessionId, instanceUrl: originFrom(serverUrl, url, 'serverUrl') }
}

/**
 * The OAuth 2.0 token endpoint (`POST {loginUrl}/services/oauth2/token`), form-encoded:
 * the username-password or client-credentials flow → `access_token` and `instance_url`.
 */
export async function _oauthLogin(
  context: AuthContext,
  options: { loginUrl: string; form: Record<string, string>; basic?: { id: string; secret: string } },
): Promise<SalesforceSession> {
  const url = `${options.loginUrl}/services/oauth2/token`
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }
  if (options.basic) headers.Authorization = `Basic ${base64(`${encodeURIComponent(options.basic.id)}:${encodeURIComponent(options.basic.secret)}`)}`
  const { response, text } = await post(context, url, { headers, body: new URLSearchParams(options.form).toString() })
  let json: { access_token?: unknown; instance_url?: unknown; error?: unknown; error_description?: unknown } = {}
  try {
    json = text ? JSON.parse(text) : {}
  } catch {
    // Not JSON: reported below by status or missing fields.
  }
  if (!response.ok) {
    const error = typeof json.error === 'string' ? json.error : undefined
    const description = typeof json.error_description === 'string' ? json.error_description : undefined
    const init = { status: response.status, method: 'POST', url, body: { error, error_description: description }, headers: response.headers, message: `Salesforce OAuth login refused (${error ?? response.status})${description ? `: ${description}` : ''}` }
    throw response.status === 400 || response.status === 401 ? new AuthenticationError(init) : errorForStatus(init)
  }
  if (typeof json.access_token !== 'string' || typeof json.instance_url !== 'string') throw new IsoSdkError(`POST ${url}: the token response has no access_token / instance_url`)
  context.secrets?.add(json.access_token, true)
  return { accessToken: json.access_token, instanceUrl: originFrom(json.instance_url, url, 'instance_url') }
}

/** Revokes a session or access token (`POST {instance}/services/oauth2/revoke`); used on close when asked. */
export async function _revokeSession(context: AuthContext, session: SalesforceSession): Promise<void> {
  await post(context, `${session.instanceUrl}/services/oauth2/revoke`, { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: session.accessToken }).toString() })
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text)
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}
