// What FolioClient asks beside the record types: the ECS check on entering its context
// (`GET /consortia`, answered as Okapi does for a tenant without mod-consortia) and `current_user`
// (`GET /bl-users/by-username/{username}`, mod-users-bl's composite user).
import { HttpResponse, http, type RequestHandler } from 'msw'
import type { FakeStats } from '../fake.js'
import { authenticate } from './auth.js'
import { text } from './http.js'
import type { FolioFakeState } from './state.js'

export function okapiHandlers(state: FolioFakeState, stats: FakeStats): RequestHandler[] {
  return [
    http.get('*/consortia', ({ request }) => {
      stats.requests++
      const auth = authenticate(request, state)
      if (auth instanceof Response) return auth
      return text(404, `No suitable module found for path /consortia for tenant ${auth.tenant.id}`)
    }),
    http.get('*/bl-users/by-username/:username', ({ request, params }) => {
      stats.requests++
      const auth = authenticate(request, state)
      if (auth instanceof Response) return auth
      const wanted = String(params.username)
      for (const user of auth.tenant.collections.users.records.values()) {
        if (user.username === wanted) return HttpResponse.json({ user })
      }
      return text(404, 'User not found')
    }),
  ]
}
