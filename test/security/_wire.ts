// Answers of the services' login and token endpoints, as the real APIs give them (enough for the SDK to accept).
import type { ServerResponse } from 'node:http'
import { json } from './_servers.js'

/** An OAuth token answer. */
export function tokenAnswer(res: ServerResponse, token: string, extra: Record<string, unknown> = {}): void {
  json(res, 200, { access_token: token, token_type: 'bearer', expires_in: 3600, ...extra })
}

/** A Salesforce SOAP `login` answer naming `instance` (an origin) as the server. */
export function soapLoginAnswer(res: ServerResponse, sessionId: string, instance: string, serverUrl = `${instance}/services/Soap/u/63.0/00D000000000001`): void {
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:partner.soap.sforce.com">' +
      `<soapenv:Body><loginResponse><result><serverUrl>${serverUrl}</serverUrl><sessionId>${sessionId}</sessionId>` +
      '<userId>005000000000001AAA</userId></result></loginResponse></soapenv:Body></soapenv:Envelope>',
  )
}

/** A Salesforce OAuth token answer (`instance_url` = `instance`). */
export function salesforceTokenAnswer(res: ServerResponse, token: string, instance: string): void {
  json(res, 200, { access_token: token, instance_url: instance, token_type: 'Bearer', id: `${instance}/id/00D/005`, issued_at: String(Date.now()) })
}

/** A FOLIO `login-with-expiry` (or refresh) answer: the tokens as cookies, their expiry in the body. */
export function folioLoginAnswer(res: ServerResponse, access: string, refresh: string, accessExpiresAt = Date.now() + 600_000): void {
  res
    .writeHead(201, {
      'content-type': 'application/json',
      'set-cookie': [`folioAccessToken=${access}; Max-Age=600; Path=/; HttpOnly`, `folioRefreshToken=${refresh}; Max-Age=604800; Path=/authn; HttpOnly`],
    })
    .end(JSON.stringify({ accessTokenExpiration: new Date(accessExpiresAt).toISOString(), refreshTokenExpiration: new Date(Date.now() + 604_800_000).toISOString() }))
}

/** A Salesforce REST record (what `GET /sobjects/{type}/{id}` answers). */
export function sfRecord(id: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { attributes: { type: 'Account', url: `/services/data/v63.0/sobjects/Account/${id}` }, Id: id, Name: `Account ${id}`, ...fields }
}
