import { http, HttpResponse } from 'msw'
import { chainsError, guard, jsonBody, type FakeContext } from './context.js'
import { cursorPage } from './pages.js'
import { nextId, seedTime, type FakeChainRun } from './state.js'

function runJson(run: FakeChainRun) {
  return { id: run.id, chainId: run.chainId, envId: run.envId, state: run.state, launchType: 'api', startAt: run.startAt, userId: 'user-1', userName: 'API user' }
}

/** Chains: workspaces, environments, chains, run history (`data.cursor` paging) and starting a run.
 *
 * @example
 * const handlers = chainsHandlers(ctx) // GET /v1/metadata/workspace, …
 */
export function chainsHandlers(ctx: FakeContext) {
  const { state } = ctx
  return [
    http.get('*/v1/metadata/workspace', ({ request }) => {
      const refused = guard(ctx, request, 'chains')
      if (refused) return refused
      return HttpResponse.json({ data: state.chainWorkspaces.map((w) => ({ id: w.id, name: w.name, variables: [] })) })
    }),
    http.get('*/v1/metadata/workspace/:workspaceId/environment', ({ request, params }) => {
      const refused = guard(ctx, request, 'chains')
      if (refused) return refused
      const ws = state.chainWorkspaces.find((w) => w.id === String(params.workspaceId))
      if (!ws) return chainsError(404, 'not_found', `No workspace ${String(params.workspaceId)}`)
      const envs = state.environments.filter((e) => e.workspaceId === ws.id)
      return HttpResponse.json({ data: envs.map((e) => ({ id: e.id, name: e.name, chains_count: state.chains.filter((c) => c.environmentId === e.id).length, variables: [] })) })
    }),
    http.get('*/v1/metadata/environment/:environmentId/chain', ({ request, params }) => {
      const refused = guard(ctx, request, 'chains')
      if (refused) return refused
      const env = state.environments.find((e) => e.id === String(params.environmentId))
      if (!env) return chainsError(404, 'not_found', `No environment ${String(params.environmentId)}`)
      const chains = state.chains.filter((c) => c.environmentId === env.id)
      return HttpResponse.json({ data: chains.map((c, i) => ({ id: c.id, name: c.name, internal_id: i + 1, created_at: seedTime(3), updated_at: seedTime(3) })) })
    }),
    http.get('*/v1/execute/environment/:environmentId/chain/:chainId/history', ({ request, params }) => {
      const refused = guard(ctx, request, 'chains')
      if (refused) return refused
      const runs = state.chainRuns.filter((r) => r.envId === String(params.environmentId) && r.chainId === String(params.chainId))
      const page = cursorPage(new URL(request.url), runs, 100)
      if (typeof page === 'string') return chainsError(422, 'invalid_parameter', page)
      return HttpResponse.json({ data: { chainExecutors: page.items.map(runJson), ...(page.cursor && { cursor: page.cursor }) } })
    }),
    http.post('*/v1/execute/environment/:environmentId/chain/:chainId/start', async ({ request, params }) => {
      const refused = guard(ctx, request, 'chains')
      if (refused) return refused
      const chain = state.chains.find((c) => c.id === String(params.chainId) && c.environmentId === String(params.environmentId))
      if (!chain) return chainsError(404, 'not_found', `No chain ${String(params.chainId)}`)
      const body = await jsonBody(request)
      if (body === undefined || typeof body !== 'object') return chainsError(422, 'invalid_body', 'A JSON body is required')
      const run: FakeChainRun = { id: nextId(state, 'run-new'), chainId: chain.id, envId: chain.environmentId, state: 'enqueueing', startAt: new Date().toISOString() }
      state.chainRuns.unshift(run)
      ctx.stats.writes++
      return HttpResponse.json({ data: runJson(run) })
    }),
  ]
}
