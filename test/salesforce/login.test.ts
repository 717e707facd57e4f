import { describe, expect, test } from 'vitest'
import { AuthenticationError, ValidationError } from '../../src/index.js'
import { fetchRecord, insertRecord, query, salesforce, upsertRecord, type SalesforceClient } from '../../src/salesforce/index.js'
import { LOGIN_URL, useSalesforce } from './setup.js'

const env = useSalesforce()
const INSTANCE = 'https://acme.my.sf.test'

function data(fake: { state: { traffic: { path: string }[] } }) {
  return fake.state.traffic.filter((t) => t.path.startsWith('/services/data/v'))
}

describe('SOAP login', () => {
  test('logs in once, sends every call to the instance from serverUrl, parses Sforce-Limit-Info', async () => {
    const { fake, sf } = env.fresh({ instanceUrl: INSTANCE })
    expect(sf.apiUsage).toBeUndefined()
    const { id } = await insertRecord(sf, 'Account', { Name: 'Acme' })
    const acct = await fetchRecord(sf, 'Account', id)
    expect(acct.Name).toBe('Acme')
    expect(fake.stats.logins).toBe(1)
    const login = fake.state.traffic[0]!
    expect(login).toMatchObject({ method: 'POST', origin: LOGIN_URL, path: '/services/Soap/u/62.0', status: 200 })
    // Not the SOAP serverUrl path (sf_toolkit's bug): only its origin.
    for (const call of fake.state.traffic.slice(1)) expect(call.origin).toBe(INSTANCE)
    expect(data(fake).map((t) => t.path)).toEqual([`/services/data/v63.0/sobjects/Account`, `/services/data/v63.0/sobjects/Account/${id}`])
    expect(sf.apiUsage).toEqual({ used: 2, limit: 15_000 })
  })

  test('escapes XML in the credentials', async () => {
    const password = `p<&>"'ss`
    const { fake, sf } = env.fresh({ password, username: 'o&brien@example.com' }, { username: 'o&brien@example.com', password })
    await query(sf, 'SELECT Id FROM Account')
    expect(fake.stats.logins).toBe(1)
  })

  test('a refused login is an AuthenticationError that never shows the password', async () => {
    const { fake, sf } = env.fresh({}, { password: 'wrong-password-123' })
    const error = await fetchRecord(sf, 'Account', '001000000000001AAA').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as Error).message).toContain('INVALID_LOGIN')
    expect((error as Error).message).not.toContain('wrong-password-123')
    expect(JSON.stringify((error as AuthenticationError).body)).not.toContain('wrong-password-123')
    expect(fake.stats.logins).toBe(1)
    expect(data(fake)).toHaveLength(0)
  })

  test('a missing security token is refused', async () => {
    const { sf } = env.fresh({}, { securityToken: undefined })
    await expect(query(sf, 'SELECT Id FROM Account')).rejects.toBeInstanceOf(AuthenticationError)
  })

  test('apiVersion pins the version: no /services/data lookup, the SOAP call uses it too', async () => {
    const { fake, sf } = env.fresh({}, { apiVersion: '61' })
    await query(sf, 'SELECT Id FROM Account')
    expect(fake.state.traffic.map((t) => t.path)).toEqual(['/services/Soap/u/61.0', '/services/data/v61.0/query'])
  })
})

describe('session expiry', () => {
  test('a 401 INVALID_SESSION_ID logs in again once (single-flight) and replays every refused call', async () => {
    const { fake, sf } = env.fresh({ latency: 5 })
    const ids = await Promise.all(Array.from({ length: 5 }, (_, i) => insertRecord(sf, 'Account', { Name: `A${i}` }).then((r) => r.id)))
    expect(fake.stats.logins).toBe(1)
    fake.expireCredentials()
    const records = await Promise.all(Array.from({ length: 20 }, (_, i) => fetchRecord(sf, 'Account', ids[i % 5]!)))
    expect(records.map((r) => r.Name)).toEqual(Array.from({ length: 20 }, (_, i) => `A${i % 5}`))
    expect(fake.stats.logins).toBe(2)
    expect(fake.state.traffic.filter((t) => t.status === 401).length).toBeGreaterThanOrEqual(1)
  })

  test('an access token given by the caller is not re-obtained: the 401 surfaces', async () => {
    const { fake } = env.fresh()
    fake.state.sessions.set('static-token-123456', { token: 'static-token-123456', via: 'test' })
    const sf = salesforce({ instanceUrl: `${INSTANCE}/some/path`, accessToken: 'static-token-123456', retry: false })
    await query(sf, 'SELECT Id FROM Account')
    fake.expireCredentials()
    const error = await query(sf, 'SELECT Id FROM Account').then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as Error).message).toContain('INVALID_SESSION_ID')
    expect(fake.stats.logins).toBe(0)
    await sf.close()
  })
})

describe('instanceUrl + accessToken', () => {
  test('no login; the version defaults to the highest one /services/data lists', async () => {
    const { fake } = env.fresh({ versions: ['58.0', '63.0', '61.0'] })
    fake.state.sessions.set('static-token-abcdef', { token: 'static-token-abcdef', via: 'test' })
    const sf = salesforce({ instanceUrl: INSTANCE, accessToken: 'static-token-abcdef' })
    await Promise.all([query(sf, 'SELECT Id FROM Account'), query(sf, 'SELECT Id FROM Contact')])
    expect(fake.state.traffic.filter((t) => t.path === '/services/data')).toHaveLength(1)
    expect(data(fake).map((t) => t.path)).toEqual(['/services/data/v63.0/query', '/services/data/v63.0/query'])
    expect(fake.stats.logins).toBe(0)
    await sf.close()
  })
})

describe('OAuth flows', () => {
  test('username-password: one token request, per-app usage in apiUsage', async () => {
    const { fake } = env.fresh({ instanceUrl: INSTANCE })
    const sf = salesforce({ loginUrl: LOGIN_URL, clientId: fake.clientId, clientSecret: fake.clientSecret, username: fake.username, password: fake.password, securityToken: fake.securityToken })
    await query(sf, 'SELECT Id FROM Account')
    expect(fake.state.traffic[0]).toMatchObject({ method: 'POST', path: '/services/oauth2/token', origin: LOGIN_URL })
    expect(data(fake)[0]!.path).toBe('/services/data/v63.0/query')
    expect(fake.state.traffic.at(-1)!.origin).toBe(INSTANCE)
    expect(sf.apiUsage).toEqual({ used: 1, limit: 15_000, perApp: { used: 1, limit: 3750, appName: 'isosdk-fake-app' } })
    expect(fake.stats.logins).toBe(1)
    await sf.close()
  })

  test('client credentials (Basic auth) and a wrong secret', async () => {
    const { fake } = env.fresh()
    const ok = salesforce({ loginUrl: LOGIN_URL, clientId: fake.clientId, clientSecret: fake.clientSecret })
    await query(ok, 'SELECT Id FROM Account')
    expect(fake.stats.logins).toBe(1)
    const bad = salesforce({ loginUrl: LOGIN_URL, clientId: fake.clientId, clientSecret: 'not-the-secret' })
    const error = await query(bad, 'SELECT Id FROM Account').then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(AuthenticationError)
    expect((error as Error).message).toContain('invalid_client')
    expect((error as Error).message).not.toContain('not-the-secret')
    await ok.close()
    await bad.close()
  })

  test('revokeOnClose revokes the session', async () => {
    const { fake } = env.fresh()
    const sf = salesforce({ loginUrl: LOGIN_URL, clientId: fake.clientId, clientSecret: fake.clientSecret, revokeOnClose: true })
    await query(sf, 'SELECT Id FROM Account')
    expect(fake.state.sessions.size).toBe(1)
    await sf.close()
    expect(fake.state.sessions.size).toBe(0)
    expect(fake.state.traffic.at(-1)!.path).toBe('/services/oauth2/revoke')
  })
})

describe('options are checked before any request', () => {
  const cases: [string, () => SalesforceClient, string][] = [
    ['no credentials', () => salesforce({} as never), 'username'],
    ['empty password', () => salesforce({ username: 'u', password: '' }), 'password'],
    ['bad loginUrl', () => salesforce({ loginUrl: 'ftp://x', username: 'u', password: 'p' }), 'loginUrl'],
    ['client credentials need a My Domain', () => salesforce({ clientId: 'a', clientSecret: 'b' } as never), 'loginUrl'],
    ['token without instance', () => salesforce({ accessToken: 'x' } as never), 'instanceUrl'],
    ['bad apiVersion', () => salesforce({ username: 'u', password: 'p', apiVersion: 'latest' }), 'apiVersion'],
  ]
  test.each(cases)('%s', (_name, make, path) => {
    const error = (() => {
      try {
        make()
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(TypeError)
    expect(((error as Error).cause as ValidationError).issues.map((i) => i.path)).toContain(path)
  })
})

describe('where the session may go', () => {
  test('a login that names a plain-http instance is refused: the session never goes there', async () => {
    const { fake, sf } = env.fresh({ instanceUrl: 'http://acme.my.sf.test' })
    const error = await query(sf, 'SELECT Id FROM Account').then(() => undefined, (e: unknown) => e)
    expect((error as Error).message).toMatch(/refusing to send the session over http:/)
    expect(fake.state.traffic.map((t) => t.path)).toEqual(['/services/Soap/u/62.0'])
  })

  test('an external id of "." or ".." is refused before the wire', async () => {
    const { fake, sf } = env.fresh()
    await expect(upsertRecord(sf, 'Account', 'Ext__c', { Ext__c: '..', Name: 'x' })).rejects.toMatchObject({ issues: [{ path: 'record.Ext__c' }] })
    expect(fake.state.traffic).toHaveLength(0)
  })
})
