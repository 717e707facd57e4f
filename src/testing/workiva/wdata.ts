import { http, HttpResponse } from 'msw'
import { guard, jsonBody, wdataError, type FakeContext } from './context.js'
import { cursorPage } from './pages.js'
import { nextId, seedTime, type FakeTable } from './state.js'

function tableJson(table: FakeTable) {
  return {
    id: table.id,
    name: table.name,
    type: table.type,
    isShared: false,
    readOnly: false,
    tableSchema: { columns: table.columns.map((c) => ({ name: c.name, type: c.type, mode: 'nullable' })) },
    uniqueTableConstraints: [],
    created: seedTime(2),
    updated: seedTime(2),
  }
}

/** Wdata tables (`cursor` paging, `{ body, code, cursor }` envelopes).
 *
 * @example
 * const handlers = wdataHandlers(ctx) // /api/v1/table …
 */
export function wdataHandlers(ctx: FakeContext) {
  const { state } = ctx
  return [
    http.get('*/api/v1/table', ({ request }) => {
      const refused = guard(ctx, request, 'wdata')
      if (refused) return refused
      const page = cursorPage(new URL(request.url), state.tables, 1000)
      if (typeof page === 'string') return wdataError(400, page)
      return HttpResponse.json({ body: page.items.map(tableJson), code: 200, ...(page.cursor && { cursor: page.cursor }) })
    }),
    http.get('*/api/v1/table/:tableId', ({ request, params }) => {
      const refused = guard(ctx, request, 'wdata')
      if (refused) return refused
      const table = state.tables.find((t) => t.id === String(params.tableId))
      return table ? HttpResponse.json({ body: tableJson(table), code: 200 }) : wdataError(404, `No table ${String(params.tableId)}`)
    }),
    http.post('*/api/v1/table', async ({ request }) => {
      const refused = guard(ctx, request, 'wdata')
      if (refused) return refused
      const body = (await jsonBody(request)) as { name?: unknown; type?: unknown; tableSchema?: { columns?: unknown } } | undefined
      if (!body || typeof body.name !== 'string' || body.name === '') return wdataError(400, 'name is required')
      if (!Array.isArray(body.tableSchema?.columns) || !body.tableSchema.columns.length) return wdataError(400, 'tableSchema.columns needs at least one column')
      const table: FakeTable = {
        id: nextId(state, 'table-new'),
        name: body.name,
        type: body.type === 'lookup' || body.type === 'hierarchy' ? body.type : 'data',
        columns: (body.tableSchema.columns as { name?: unknown; type?: unknown }[]).map((c) => ({ name: String(c.name), type: String(c.type ?? 'string') })),
      }
      state.tables.push(table)
      ctx.stats.writes++
      return HttpResponse.json({ body: tableJson(table), code: 201 }, { status: 201 })
    }),
  ]
}
