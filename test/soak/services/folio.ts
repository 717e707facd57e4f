import { folio, folioGet, folioPost, folioPut } from '../../../src/folio/index.js'
import { folioFake } from '../../../src/testing/index.js'
import { expectResult, marker, plan } from '../plan.js'

const TENANT = 'diku'
const USERNAME = 'soak_admin'
const PASSWORD = 'soak-folio-password-9c1f'

interface User {
  id: string
  username?: string
  [field: string]: unknown
}

/** FOLIO: login-with-expiry sessions (access tokens expire, refresh rotates), users read, listed, created and replaced. */
export function folioPlan() {
  const fake = folioFake({ users: 200, username: USERNAME, password: PASSWORD })
  const users = [...fake.state.tenants.get(TENANT)!.collections.users.records.values()].slice(0, 50).map((u) => structuredClone(u))
  const seeded = (i: number) => users[i % users.length]!
  return plan({
    service: 'folio',
    fake,
    expires: true,
    staticSecrets: [PASSWORD],
    client: (url, options) => folio({ url, tenant: TENANT, username: USERNAME, password: PASSWORD, ...options }),
    async call(client, kind, i, signal) {
      if (kind === 'get') {
        const user = await folioGet<User>(client, `/users/${seeded(i).id}`, undefined, { signal })
        expectResult(user.id === seeded(i).id, `GET /users/${seeded(i).id} gave ${user.id}`)
      } else if (kind === 'list') {
        const groups = await folioGet<unknown[]>(client, '/groups', 'usergroups', { params: { limit: 5 }, signal })
        expectResult(Array.isArray(groups) && groups.length > 0 && groups.length <= 5, `GET /groups gave ${JSON.stringify(groups).slice(0, 100)}`)
      } else if (kind === 'create') {
        const created = await folioPost<User>(client, '/users', { username: marker('folio', i), active: true, personal: { lastName: 'Soak' } }, { signal })
        expectResult(created.username === marker('folio', i) && typeof created.id === 'string', `POST /users gave ${JSON.stringify(created).slice(0, 200)}`)
      } else {
        // PUT replaces the record with the same content: idempotent.
        const { metadata: _metadata, ...user } = seeded(i)
        await folioPut(client, `/users/${user.id}`, user, { signal })
      }
    },
    markers: () =>
      [...fake.state.tenants.get(TENANT)!.collections.users.records.values()].map((u) => String(u.username)).filter((name) => name.startsWith('soak-folio-')),
    issuedSecrets: () => [...fake.state.tokens.keys()],
  })
}
