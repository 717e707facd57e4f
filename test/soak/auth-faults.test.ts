/**
 * Faults on the token / login exchange itself, as the soak injects them (10 % 503s on every
 * request, token endpoints included). Both were gaps the soak found: the core now retries a call
 * whose token/login exchange failed transiently (the request itself was never sent).
 *
 * - A 503 (or 429) from the OAuth token endpoint rejects every call waiting for that shared
 *   exchange with `ServerError`, with no retry, although no API request was sent and a GET is
 *   idempotent (a dropped exchange, a `TypeError`, is retried).
 * - A 503 from Salesforce's SOAP login that is not a SOAP fault (a load balancer's HTML page)
 *   becomes `AuthenticationError: login refused (503)`: a wrong class (the password was not
 *   refused), and not retried.
 */
import { http, HttpResponse } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import { fetchRecord, salesforce } from '../../src/salesforce/index.js'
import { salesforceFake, serve, workivaFake, workivaFakeBaseURLs, type ServedFake } from '../../src/testing/index.js'
import { getFileById, workiva } from '../../src/workiva/index.js'

const servers: ServedFake[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

/** Answers the first request matching `path` with a 503 (HTML, as a proxy would), then lets the fake answer. */
function failFirst(method: 'post', path: string) {
  let seen = 0
  const handler = http[method](path, () => (seen++ === 0 ? new HttpResponse('<html>Service Unavailable</html>', { status: 503, headers: { 'Content-Type': 'text/html' } }) : undefined))
  return { handler, seen: () => seen }
}

describe('a token or login exchange answered 503 once', () => {
  it('OAuth (Workiva): the calls waiting for the token are retried and succeed', async () => {
    const fake = workivaFake()
    const token = failFirst('post', '*/oauth2/token')
    const server = await serve([token.handler, ...fake.handlers])
    servers.push(server)
    await using client = workiva({ clientId: 'workiva-client', clientSecret: 'workiva-secret', baseURLs: workivaFakeBaseURLs(server.url), retry: { baseDelay: 5 } })
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => getFileById(client, { fileId: 'file-001' })))
    expect(token.seen()).toBe(2)
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
  })

  it('SOAP login (Salesforce): not an AuthenticationError, and the calls are retried', async () => {
    const fake = salesforceFake()
    const id = fake.insert('Account', { Name: 'Acme' })
    const login = failFirst('post', '*/services/Soap/u/:version')
    const server = await serve([login.handler, ...fake.handlers])
    servers.push(server)
    await using sf = salesforce({ loginUrl: server.url, username: fake.username, password: fake.password, securityToken: fake.securityToken, retry: { baseDelay: 5 } })
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map(() => fetchRecord(sf, 'Account', id)))
    expect(login.seen()).toBe(2)
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled'])
  })
})
