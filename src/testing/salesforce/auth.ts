import { FAKE_SF_ORG_ID, FAKE_USER_ID } from './state.js'
import { json, type Kit, type Route } from './http.js'

function xmlValue(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<(?:[\\w-]+:)?${tag}(?:\\s[^>]*)?>([^<]*)</(?:[\\w-]+:)?${tag}>`).exec(xml)
  if (!match) return undefined
  return match[1]!
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}

const ENVELOPE = '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com" xmlns:sf="urn:fault.partner.soap.sforce.com" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'

/** A SOAP fault; `LoginFault` for logins, `UnexpectedErrorFault` for other calls. */
function soapFault(code: string, message: string, type = 'LoginFault', status = 500): Response {
  const body =
    ENVELOPE +
    `<soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${message}</faultstring>` +
    `<detail><sf:${type} xsi:type="sf:${type}"><sf:exceptionCode>${code}</sf:exceptionCode><sf:exceptionMessage>${message}</sf:exceptionMessage></sf:${type}></detail>` +
    '</soapenv:Fault></soapenv:Body></soapenv:Envelope>'
  return new Response(body, { status, headers: { 'Content-Type': 'text/xml;charset=UTF-8' } })
}

/** The operation a SOAP envelope calls: the first element of its Body (`login`, `logout`, …). */
function soapOperation(xml: string): string | undefined {
  const body = /<(?:[\w-]+:)?Body(?:\s[^>]*)?>\s*<(?:[\w-]+:)?([\w-]+)/.exec(xml)
  return body?.[1]
}

/** A new session token, shaped like Salesforce's (`00D…!AQ…`). */
function issue(kit: Kit, via: string, app?: string): string {
  const token = `${FAKE_SF_ORG_ID.slice(0, 15)}!AQ${via === 'soap' ? 'S' : 'O'}${(++kit.state.sequence).toString(36).padStart(6, '0')}.fakeSessionToken`
  kit.state.sessions.set(token, { token, via, ...(app && { app }) })
  return token
}

function passwordMatches(kit: Kit, user: { password: string; securityToken: string }, given: string): boolean {
  return given === user.password + user.securityToken || (!kit.options.requireSecurityToken && given === user.password)
}

function basicCredentials(request: Request): { id: string; secret: string } | undefined {
  const header = request.headers.get('authorization')
  if (!header?.startsWith('Basic ')) return undefined
  const decoded = new TextDecoder().decode(Uint8Array.from(atob(header.slice(6)), (c) => c.charCodeAt(0)))
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) }
}

/** SOAP `login`, the OAuth token endpoint (password and client credentials), revoke and userinfo. */
export function authRoutes(kit: Kit): Route[] {
  const { state, stats } = kit
  return [
    {
      method: 'POST',
      pattern: /^\/services\/Soap\/u\/(\d+\.\d)(?:\/(\w+))?\/?$/,
      kind: 'open',
      // SOAPAction is not needed to route: Salesforce's samples and jsforce send `""`, sf_toolkit
      // sends `login`; the Body says which call it is.
      async handle({ request, url, params }) {
        const xml = await request.text()
        const operation = soapOperation(xml)
        if (operation === 'logout') {
          const token = xmlValue(xml, 'sessionId') ?? ''
          if (!state.sessions.delete(token)) return soapFault('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session', 'UnexpectedErrorFault')
          return new Response(`${ENVELOPE}<soapenv:Body><logoutResponse/></soapenv:Body></soapenv:Envelope>`, { status: 200, headers: { 'Content-Type': 'text/xml;charset=UTF-8' } })
        }
        if (operation !== 'login') {
          return soapFault('NOT_IMPLEMENTED_BY_FAKE', `The SOAP call ${operation ?? '(none)'} is not implemented by isosdk's fake (login and logout are)`, 'UnexpectedErrorFault', 501)
        }
        stats.logins++
        const instance = kit.options.instanceUrl ?? url.origin
        const username = xmlValue(xml, 'username')
        const password = xmlValue(xml, 'password')
        const user = state.users.find((u) => u.username === username)
        if (!user || password === undefined || !passwordMatches(kit, user, password)) {
          return soapFault('INVALID_LOGIN', 'Invalid username, password, security token; or user locked out.')
        }
        const token = issue(kit, 'soap')
        const version = params[0]!
        const body =
          ENVELOPE +
          '<soapenv:Body><loginResponse><result>' +
          `<metadataServerUrl>${instance}/services/Soap/m/${version}/${FAKE_SF_ORG_ID.slice(0, 15)}</metadataServerUrl><passwordExpired>false</passwordExpired><sandbox>false</sandbox>` +
          `<serverUrl>${instance}/services/Soap/u/${version}/${FAKE_SF_ORG_ID.slice(0, 15)}</serverUrl><sessionId>${token}</sessionId><userId>${FAKE_USER_ID}</userId>` +
          `<userInfo><organizationId>${FAKE_SF_ORG_ID}</organizationId><sessionSecondsValid>7200</sessionSecondsValid><userId>${FAKE_USER_ID}</userId><userName>${user.username}</userName></userInfo>` +
          '</result></loginResponse></soapenv:Body></soapenv:Envelope>'
        return new Response(body, { status: 200, headers: { 'Content-Type': 'text/xml;charset=UTF-8' } })
      },
    },
    {
      method: 'POST',
      pattern: /^\/services\/oauth2\/token\/?$/,
      kind: 'open',
      async handle({ request, url }) {
        stats.logins++
        const form = new URLSearchParams(await request.text())
        const basic = basicCredentials(request)
        const clientId = basic?.id ?? form.get('client_id') ?? undefined
        const clientSecret = basic?.secret ?? form.get('client_secret') ?? undefined
        const grant = form.get('grant_type')
        if (grant !== 'password' && grant !== 'client_credentials') return json({ error: 'unsupported_grant_type', error_description: 'grant type not supported' }, 400)
        const app = state.apps.find((a) => a.clientId === clientId)
        if (!app) return json({ error: 'invalid_client_id', error_description: 'client identifier invalid' }, 400)
        if (app.clientSecret !== clientSecret) return json({ error: 'invalid_client', error_description: 'invalid client credentials' }, 400)
        if (grant === 'password') {
          const user = state.users.find((u) => u.username === form.get('username'))
          if (!user || !passwordMatches(kit, user, form.get('password') ?? '')) return json({ error: 'invalid_grant', error_description: 'authentication failure' }, 400)
        }
        const token = issue(kit, grant, app.name)
        return json({
          access_token: token,
          instance_url: kit.options.instanceUrl ?? url.origin,
          id: `${kit.options.instanceUrl ?? url.origin}/id/${FAKE_SF_ORG_ID}/${FAKE_USER_ID}`,
          token_type: 'Bearer',
          issued_at: String(Date.now()),
          signature: 'ZmFrZS1zaWduYXR1cmU=',
        })
      },
    },
    {
      method: 'POST',
      pattern: /^\/services\/oauth2\/revoke\/?$/,
      kind: 'open',
      async handle({ request }) {
        const token = new URLSearchParams(await request.text()).get('token') ?? ''
        if (!state.sessions.delete(token)) return json({ error: 'unsupported_token_type', error_description: 'this token type is not supported' }, 400)
        return new Response(null, { status: 200 })
      },
    },
    {
      method: 'GET',
      pattern: /^\/services\/oauth2\/userinfo\/?$/,
      kind: 'open',
      handle({ request, url }) {
        const token = request.headers.get('authorization')?.replace(/^Bearer\s+/i, '') ?? ''
        if (!state.sessions.has(token)) return json({ error: 'Bad_OAuth_Token', error_description: 'Session expired or invalid' }, 403)
        const user = state.users[0]!
        return json({
          sub: `${url.origin}/id/${FAKE_SF_ORG_ID}/${FAKE_USER_ID}`,
          user_id: FAKE_USER_ID,
          organization_id: FAKE_SF_ORG_ID,
          preferred_username: user.username,
          name: 'Fake User',
          given_name: 'Fake',
          family_name: 'User',
          email: user.username,
          email_verified: true,
          zoneinfo: 'Europe/London',
          photos: {},
          profile: `${url.origin}/${FAKE_USER_ID}`,
          picture: `${url.origin}/img/userprofile/default_profile_200_v2.png`,
          address: {},
          urls: { rest: `${url.origin}/services/data/v{version}/` },
          active: true,
          user_type: 'STANDARD',
          language: 'en_US',
          locale: 'en_GB',
          utcOffset: 0,
          updated_at: '2026-01-01T00:00:00Z',
        })
      },
    },
  ]
}
