import { runQuery } from './execute.js'
import { json, sfError, type Kit, type Route, type RouteContext } from './http.js'
import { SoqlError, soqlErrorMessage } from './soql.js'

/** The answer to a refused query: 400 with Salesforce's code, or 501 for SOQL the fake does not implement. */
export function soqlFailure(text: string, error: SoqlError): Response {
  const status = error.code === 'NOT_IMPLEMENTED_BY_FAKE' ? 501 : 400
  return sfError(status, error.code, soqlErrorMessage(text, error))
}

/** `GET /query?q=` and `/queryAll?q=` with `nextRecordsUrl` paging; `/query/<locator>-<offset>` serves any offset. */
export function queryRoutes(kit: Kit): Route[] {
  const { state, options } = kit

  const page = (context: RouteContext, locator: string, offset: number): Response => {
    const cursor = state.cursors.get(locator)
    if (!cursor || offset < 0 || offset > cursor.records.length) return sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator')
    const records = cursor.records.slice(offset, offset + cursor.batchSize)
    const end = offset + records.length
    const done = end >= cursor.records.length
    return json({
      totalSize: cursor.records.length,
      done,
      ...(!done && { nextRecordsUrl: `/services/data/v${context.version}/query/${locator}-${end}` }),
      records,
    })
  }

  const run = (all: boolean) => (context: RouteContext): Response => {
    const q = context.url.searchParams.get('q')
    if (!q) return sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified')
    let result
    try {
      result = runQuery(state, q, all, { version: context.version })
    } catch (error) {
      if (error instanceof SoqlError) return soqlFailure(q, error)
      throw error
    }
    if (result.query.count) return json({ totalSize: result.totalSize, done: true, records: [] })
    const rows = result.rows
    const asked = /batchSize=(\d+)/i.exec(context.request.headers.get('sforce-query-options') ?? '')
    const batchSize = asked ? Math.min(2000, Math.max(200, Number(asked[1]))) : options.queryBatchSize
    const locator = `01g5g0${(++state.sequence).toString(36).padStart(9, '0').toUpperCase()}AAA`
    state.cursors.set(locator, { records: rows, batchSize })
    return page(context, locator, 0)
  }

  return [
    { method: 'GET', pattern: /^\/query\/?$/, kind: 'data', handle: run(false) },
    { method: 'GET', pattern: /^\/queryAll\/?$/, kind: 'data', handle: run(true) },
    {
      method: 'GET',
      pattern: /^\/query(?:All)?\/(01g\w+)-(\d+)\/?$/,
      kind: 'data',
      handle: (context) => page(context, context.params[0]!, Number(context.params[1])),
    },
  ]
}
