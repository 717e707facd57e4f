import { http, HttpResponse } from 'msw'
import { guard, jsonBody, platformError, type FakeContext } from './context.js'
import { nextLinkPage } from './pages.js'
import { nextId, seedTime, type FakeOrganization, type FakeWorkspace } from './state.js'

function organizationJson(org: FakeOrganization) {
  return { id: org.id, name: org.name, status: org.status, created: { dateTime: seedTime(0) }, modified: { dateTime: seedTime(0) } }
}

function workspaceJson(ws: FakeWorkspace, org: FakeOrganization) {
  return { id: ws.id, name: ws.name, organization: { id: org.id, name: org.name }, created: { dateTime: seedTime(1) }, modified: { dateTime: seedTime(1) }, solutions: [] }
}

/** Admin: organizations and their workspaces (`@nextLink` paging).
 *
 * @example
 * const handlers = adminHandlers(ctx) // GET /organizations, …/workspaces
 */
export function adminHandlers(ctx: FakeContext) {
  const { state } = ctx
  const org = (id: string) => state.organizations.find((o) => o.id === id)
  return [
    http.get('*/organizations', ({ request }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const page = nextLinkPage(ctx, new URL(request.url), state.organizations.map(organizationJson))
      return typeof page === 'string' ? platformError(400, '400BadRequest', page) : HttpResponse.json(page)
    }),
    http.get('*/organizations/:organizationId', ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const found = org(String(params.organizationId))
      return found ? HttpResponse.json(organizationJson(found)) : platformError(404, '404NotFound', `No organization ${String(params.organizationId)}`)
    }),
    http.get('*/organizations/:organizationId/workspaces', ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const found = org(String(params.organizationId))
      if (!found) return platformError(404, '404NotFound', `No organization ${String(params.organizationId)}`)
      const workspaces = state.workspaces.filter((w) => w.organizationId === found.id).map((w) => workspaceJson(w, found))
      const page = nextLinkPage(ctx, new URL(request.url), workspaces)
      return typeof page === 'string' ? platformError(400, '400BadRequest', page) : HttpResponse.json(page)
    }),
    http.get('*/organizations/:organizationId/workspaces/:workspaceId', ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const found = org(String(params.organizationId))
      const ws = state.workspaces.find((w) => w.id === String(params.workspaceId) && w.organizationId === found?.id)
      return found && ws ? HttpResponse.json(workspaceJson(ws, found)) : platformError(404, '404NotFound', `No workspace ${String(params.workspaceId)}`)
    }),
    http.post('*/organizations/:organizationId/workspaces', async ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const found = org(String(params.organizationId))
      if (!found) return platformError(404, '404NotFound', `No organization ${String(params.organizationId)}`)
      const body = (await jsonBody(request)) as { name?: unknown } | undefined
      if (!body || typeof body.name !== 'string' || body.name === '') return platformError(400, '400BadRequest', 'name is required', 'name')
      const ws: FakeWorkspace = { id: nextId(state, 'workspace-new'), organizationId: found.id, name: body.name }
      state.workspaces.push(ws)
      ctx.stats.writes++
      return HttpResponse.json(workspaceJson(ws, found), { status: 201 })
    }),
  ]
}
