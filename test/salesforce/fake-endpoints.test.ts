import { describe, expect, test } from 'vitest'
import { salesforceFake } from '../../src/testing/salesforce/index.js'
import { useSalesforce } from './setup.js'
import { ORIGIN, wire } from './wire.js'

const env = useSalesforce()

type Errors = { errorCode: string; message: string }[]

function envelope(body: string, header = ''): string {
  return `<se:Envelope xmlns:se="http://schemas.xmlsoap.org/soap/envelope/"><se:Header>${header}</se:Header><se:Body>${body}</se:Body></se:Envelope>`
}

async function soap(path: string, xml: string, soapAction?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${ORIGIN}${path}`, { method: 'POST', body: xml, headers: { 'Content-Type': 'text/xml', ...(soapAction !== undefined && { SOAPAction: soapAction }) } })
  return { status: response.status, text: await response.text() }
}

describe('SOAP login and logout', () => {
  test('login answers with SOAPAction "", login or none; logout ends the session', async () => {
    const fake = salesforceFake()
    env.server.use(...fake.handlers)
    const login = envelope(`<login xmlns="urn:partner.soap.sforce.com"><username>${fake.username}</username><password>${fake.password}${fake.securityToken}</password></login>`)
    const sessions: string[] = []
    for (const action of ['""', 'login', undefined]) {
      const answer = await soap('/services/Soap/u/63.0', login, action)
      expect(answer.status, String(action)).toBe(200)
      sessions.push(/<sessionId>([^<]+)<\/sessionId>/.exec(answer.text)![1]!)
    }
    const [session] = sessions
    const query = () => fetch(`${ORIGIN}/services/data/v63.0/query?q=SELECT+Id+FROM+Account`, { headers: { Authorization: `Bearer ${session}` } })
    expect((await query()).status).toBe(200)
    const logout = envelope('<logout xmlns="urn:partner.soap.sforce.com"/>', `<SessionHeader xmlns="urn:partner.soap.sforce.com"><sessionId>${session}</sessionId></SessionHeader>`)
    const out = await soap('/services/Soap/u/63.0/00D000000000001', logout, '""')
    expect(out.status).toBe(200)
    expect(out.text).toContain('<logoutResponse/>')
    expect(await (await query()).json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])
    const again = await soap('/services/Soap/u/63.0', logout, '""')
    expect(again.status).toBe(500)
    expect(again.text).toContain('<faultcode>sf:INVALID_SESSION_ID</faultcode>')
    // The other sessions are untouched.
    expect((await fetch(`${ORIGIN}/services/data/v63.0/limits`, { headers: { Authorization: `Bearer ${sessions[1]}` } })).status).toBe(200)
  })

  test('a wrong password is INVALID_LOGIN; other SOAP calls are 501, not a login failure', async () => {
    const fake = salesforceFake()
    env.server.use(...fake.handlers)
    const bad = await soap('/services/Soap/u/63.0', envelope(`<login xmlns="urn:partner.soap.sforce.com"><username>${fake.username}</username><password>nope</password></login>`), '""')
    expect(bad.status).toBe(500)
    expect(bad.text).toContain('<sf:exceptionCode>INVALID_LOGIN</sf:exceptionCode>')
    const other = await soap('/services/Soap/u/63.0', envelope('<query xmlns="urn:partner.soap.sforce.com"><queryString>SELECT Id FROM Account</queryString></query>'), '""')
    expect(other.status).toBe(501)
    expect(other.text).toContain('NOT_IMPLEMENTED_BY_FAKE')
  })
})

describe('metadata, limits, identity and search endpoints', () => {
  test('describeGlobal lists the standard objects and the declared ones only', async () => {
    const w = await wire(env, { objects: { Invoice__c: { fields: { Amount__c: 'currency' } } } })
    const global = await w.json<{ maxBatchSize: number; sobjects: { name: string; keyPrefix: string; custom: boolean; urls: { describe: string } }[] }>('GET', '/sobjects')
    expect(global.status).toBe(200)
    const names = global.body.sobjects.map((o) => o.name)
    expect(names).toEqual(expect.arrayContaining(['Account', 'Contact', 'Lead', 'Opportunity', 'Case', 'User', 'Task', 'ContentVersion', 'Invoice__c']))
    expect(names).not.toContain('Other__c')
    expect(global.body.sobjects.find((o) => o.name === 'Account')).toMatchObject({ keyPrefix: '001', custom: false, urls: { describe: '/services/data/v63.0/sobjects/Account/describe' } })
    expect(global.body.sobjects.find((o) => o.name === 'Invoice__c')).toMatchObject({ custom: true })
  })

  test('describe: field types, required and read-only flags, references and child relationships', async () => {
    const w = await wire(env)
    const described = await w.json<{ name: string; fields: Record<string, unknown>[]; childRelationships: Record<string, unknown>[] }>('GET', '/sobjects/account/describe')
    expect(described.body.name).toBe('Account')
    const field = (name: string) => described.body.fields.find((f) => f.name === name)
    expect(field('Name')).toMatchObject({ type: 'string', length: 255, nillable: false, createable: true, updateable: true, soapType: 'xsd:string' })
    expect(field('CreatedDate')).toMatchObject({ type: 'datetime', createable: false, updateable: false })
    expect(field('ParentId')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Parent' })
    expect(field('NumberOfEmployees')).toMatchObject({ type: 'int', soapType: 'xsd:int', nillable: true })
    expect(described.body.childRelationships).toEqual(expect.arrayContaining([expect.objectContaining({ childSObject: 'Contact', field: 'AccountId', relationshipName: 'Contacts' })]))
    const basic = await w.json<{ objectDescribe: { name: string }; recentItems: unknown[] }>('GET', '/sobjects/Contact')
    expect(basic.body).toMatchObject({ objectDescribe: { name: 'Contact' }, recentItems: [] })
  })

  test('/limits counts the API requests made', async () => {
    const w = await wire(env, { apiLimit: 100 })
    await w.query('SELECT Id FROM Account')
    const limits = await w.json<Record<string, { Max: number; Remaining: number }>>('GET', '/limits')
    expect(limits.body.DailyApiRequests).toEqual({ Max: 100, Remaining: 98 })
    expect(limits.body.DailyBulkV2QueryJobs).toEqual({ Max: 10_000, Remaining: 10_000 })
  })

  test('the identity URL the OAuth answer hands out answers with the session, 403 without', async () => {
    const fake = salesforceFake()
    env.server.use(...fake.handlers)
    const login = await fetch(`${ORIGIN}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', client_id: fake.clientId, client_secret: fake.clientSecret, username: fake.username, password: fake.password + fake.securityToken }),
    })
    const { id, access_token } = (await login.json()) as { id: string; access_token: string }
    const me = await fetch(id, { headers: { Authorization: `Bearer ${access_token}` } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ id, user_id: '0055g0000000001AAA', organization_id: '00D000000000001AAA', username: fake.username, urls: { rest: `${ORIGIN}/services/data/v{version}/` } })
    expect((await fetch(id)).status).toBe(403)
    expect((await fetch(id.replace(/\w+$/, '005000000000000AAA'), { headers: { Authorization: `Bearer ${access_token}` } })).status).toBe(404)
  })

  test('SOSL: FIND … IN … FIELDS RETURNING Object(fields WHERE … LIMIT n)', async () => {
    const w = await wire(env)
    const acme = w.fake.insert('Account', { Name: 'Acme Rockets', Industry: 'Energy' })
    w.fake.insert('Account', { Name: 'Acme Foods', Industry: 'Food' })
    w.fake.insert('Account', { Name: 'Globex' })
    w.fake.insert('Contact', { LastName: 'Acme', Email: 'road@runner.test' })
    const search = (q: string) => w.json<{ searchRecords: Record<string, unknown>[] }>('GET', `/search?q=${encodeURIComponent(q)}`)
    const hits = await search("FIND {acme} IN NAME FIELDS RETURNING Account(Id, Name WHERE Industry = 'Energy'), Contact(LastName)")
    expect(hits.body.searchRecords).toEqual([
      { attributes: { type: 'Account', url: `/services/data/v63.0/sobjects/Account/${acme}` }, Id: acme, Name: 'Acme Rockets' },
      expect.objectContaining({ attributes: expect.objectContaining({ type: 'Contact' }), LastName: 'Acme' }),
    ])
    expect((await search('FIND {runner} IN EMAIL FIELDS RETURNING Contact(Email)')).body.searchRecords).toEqual([expect.objectContaining({ Email: 'road@runner.test' })])
    expect((await search('FIND {Acm*} RETURNING Account(Name ORDER BY Name) LIMIT 1')).body.searchRecords.map((r) => r.Name)).toEqual(['Acme Foods'])
    expect((await search('FIND {acme} RETURNING Nope__c')).body).toMatchObject([{ errorCode: 'INVALID_TYPE' }])
    expect((await search('FIND {acme} RETURNING Account(Nope__c)')).body).toMatchObject([{ errorCode: 'INVALID_FIELD' }])
    expect((await search('FIND {a}')).body).toMatchObject([{ errorCode: 'MALFORMED_SEARCH' }])
    const or = await search('FIND {acme OR globex}')
    expect([or.status, (or.body as unknown as Errors)[0]!.errorCode]).toEqual([501, 'NOT_IMPLEMENTED_BY_FAKE'])
  })

  test('Tooling API, Bulk API 1.0 and other real resources are 501 naming the fake; made-up paths stay 404', async () => {
    const w = await wire(env)
    const refused = [
      await w.call('GET', '/tooling/query?q=SELECT+Id+FROM+ApexClass'),
      await w.call('POST', '/tooling/sobjects/ApexClass', {}),
      await fetch(`${ORIGIN}/services/async/63.0/job`, { method: 'POST', headers: { 'X-SFDC-Session': w.token } }),
      await fetch(`${ORIGIN}/cometd/63.0/handshake`, { method: 'POST', body: '[]' }),
      await w.call('POST', '/composite', {}),
      await w.call('POST', '/composite/tree/Account', {}),
      await w.call('GET', '/sobjects/Account/updated?start=2026-01-01T00:00:00Z&end=2026-01-02T00:00:00Z'),
      await w.call('GET', '/ui-api/record-ui/001'),
      await w.call('GET', `/sobjects/Account/${w.fake.insert('Account', { Name: 'Acme' })}/Contacts`),
    ]
    for (const response of refused) {
      expect(response.status, response.url).toBe(501)
      const [body] = (await response.json()) as Errors
      expect(body).toMatchObject({ errorCode: 'NOT_IMPLEMENTED_BY_FAKE', message: expect.stringContaining("not implemented by isosdk's fake") })
    }
    expect((await w.call('GET', '/no/such/thing')).status).toBe(404)
    expect((await w.call('PUT', '/query')).status).toBe(405)
  })
})
