import { describe, expect, test } from 'vitest'
import { PermissionDeniedError } from '../../src/index.js'
import { query } from '../../src/salesforce/index.js'
import { salesforceFake } from '../../src/testing/salesforce/index.js'
import { useSalesforce } from './setup.js'

const env = useSalesforce()
const ORIGIN = 'https://raw.sf.test'

describe('salesforceFake on the wire', () => {
  test('Sforce-Limit-Info on every answer, errors and logins included', async () => {
    const fake = salesforceFake()
    env.server.use(...fake.handlers)
    const answers = [
      await fetch(`${ORIGIN}/services/data`),
      await fetch(`${ORIGIN}/services/data/v63.0/query?q=SELECT+Id+FROM+Account`),
      await fetch(`${ORIGIN}/services/oauth2/token`, { method: 'POST', body: 'grant_type=nope' }),
      await fetch(`${ORIGIN}/services/nothing/here`),
    ]
    expect(answers.map((r) => r.status)).toEqual([200, 401, 400, 404])
    for (const answer of answers) expect(answer.headers.get('sforce-limit-info')).toMatch(/^api-usage=\d+\/15000/)
    expect(await answers[1]!.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])
    expect(fake.stats.requests).toBe(4)
  })

  test('unknown versions are 404, wrong methods 405, past the org limit 403 REQUEST_LIMIT_EXCEEDED', async () => {
    const { fake, sf } = env.fresh({ apiLimit: 3 })
    await expect(sf.request({ path: '/services/data/v12.0/query', query: { q: 'SELECT Id FROM Account' } })).rejects.toMatchObject({ status: 404 })
    await expect(sf.request({ method: 'PUT', path: '/services/data/v63.0/query' })).rejects.toMatchObject({ status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED' }] })
    for (let i = 0; i < 3; i++) await query(sf, 'SELECT Id FROM Account')
    await expect(query(sf, 'SELECT Id FROM Account')).rejects.toBeInstanceOf(PermissionDeniedError)
    expect(sf.apiUsage).toEqual({ used: 3, limit: 3 })
    expect(fake.stats.logins).toBe(1)
  })

  test('userinfo answers every key sf_toolkit requires', async () => {
    const { sf } = env.fresh()
    await query(sf, 'SELECT Id FROM Account')
    const info = await sf.request<Record<string, unknown>>({ path: '/services/oauth2/userinfo' })
    for (const key of ['user_id', 'name', 'email', 'organization_id', 'sub', 'email_verified', 'given_name', 'family_name', 'zoneinfo', 'photos', 'profile', 'picture', 'address', 'urls', 'active', 'user_type', 'language', 'locale', 'utcOffset', 'updated_at', 'preferred_username']) {
      expect(info).toHaveProperty(key)
    }
  })

  test('state is deterministic: the same calls give the same ids', async () => {
    const a = salesforceFake()
    const b = salesforceFake()
    expect([a.insert('Account', { Name: 'x' }), a.insert('Contact', { LastName: 'y' })]).toEqual([b.insert('Account', { Name: 'x' }), b.insert('Contact', { LastName: 'y' })])
    expect(a.addFile(16).bytes).toEqual(b.addFile(16).bytes)
  })
})
