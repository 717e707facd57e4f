import { fetchRecord, insertRecord, query, salesforce, updateRecord } from '../../../src/salesforce/index.js'
import { salesforceFake } from '../../../src/testing/index.js'
import { expectResult, marker, plan } from '../plan.js'

const SEEDED = 50
const PASSWORD = 'soak-sf-password-73d1'
const SECURITY_TOKEN = 'SOAKSECTOKEN4471'

/** Salesforce: SOAP login (sessions expire), Accounts fetched, queried, inserted and updated. */
export function salesforcePlan() {
  // A generous API allocation: the soak sends ~6,000 data requests.
  const fake = salesforceFake({ password: PASSWORD, securityToken: SECURITY_TOKEN, apiLimit: 1_000_000 })
  const ids = Array.from({ length: SEEDED }, (_, n) => fake.insert('Account', { Name: `Seed ${n}` }))
  const seeded = (i: number) => ({ id: ids[i % SEEDED]!, name: `Seed ${i % SEEDED}` })
  return plan({
    service: 'salesforce',
    fake,
    expires: true,
    staticSecrets: [PASSWORD, SECURITY_TOKEN, fake.clientSecret],
    client: (url, options) => salesforce({ loginUrl: url, username: fake.username, password: PASSWORD, securityToken: SECURITY_TOKEN, ...options }),
    async call(client, kind, i, signal) {
      if (kind === 'get') {
        const { id, name } = seeded(i)
        const record = await fetchRecord(client, 'Account', id, { fields: ['Id', 'Name'], signal })
        expectResult(record.Id === id && record.Name === name, `fetchRecord(${id}) gave ${record.Id}`)
      } else if (kind === 'list') {
        const rows = await query(client, 'SELECT Id, Name FROM Account LIMIT 5', { signal })
        expectResult(rows.length === 5, `query LIMIT 5 gave ${rows.length} rows`)
      } else if (kind === 'create') {
        const result = await insertRecord(client, 'Account', { Name: marker('salesforce', i) }, { signal })
        expectResult(result.success && result.id.startsWith('001'), `insertRecord gave ${JSON.stringify(result)}`)
      } else {
        const { id, name } = seeded(i)
        const result = await updateRecord(client, 'Account', { Id: id, Name: name }, { signal })
        expectResult(result.success && result.id === id, `updateRecord(${id}) gave ${JSON.stringify(result)}`)
      }
    },
    markers: () => [...(fake.state.records.get('Account')?.values() ?? [])].map((r) => String(r.Name)).filter((name) => name.startsWith('soak-salesforce-')),
    issuedSecrets: () => [...fake.state.sessions.keys()],
  })
}
