import { http, HttpResponse } from 'msw'
import { guard, jsonBody, platformError, type FakeContext } from './context.js'
import { nextLinkPage } from './pages.js'
import { nextId, type FakeFile, type FakeOperation, type FakeOperationKind, type FileKind } from './state.js'

const KINDS: FileKind[] = ['Document', 'Spreadsheet', 'Presentation', 'Folder']
const EXPORT_KINDS = ['Document', 'Spreadsheet', 'Presentation', 'SupportingDocument', 'Folder', 'Workiva']

function fileJson(file: FakeFile) {
  return {
    id: file.id,
    name: file.name,
    kind: file.kind,
    type: file.kind,
    container: file.container,
    template: false,
    state: file.state,
    created: { dateTime: file.created, user: { id: 'user-1' } },
    modified: { dateTime: file.modified },
  }
}

/** The fake's `$filter`: `kind eq 'Folder'`, `container eq 'folder-1'`, `name eq '…'`, joined by `and`. */
function filterFiles(files: FakeFile[], filter: string | null): FakeFile[] | string {
  if (!filter) return files
  const clauses = filter.split(/\s+and\s+/i)
  const tests: ((f: FakeFile) => boolean)[] = []
  for (const clause of clauses) {
    const m = /^\s*(kind|container|name)\s+eq\s+'([^']*)'\s*$/.exec(clause)
    if (!m) return `$filter clause ${JSON.stringify(clause)} is not supported by the fake (use: kind|container|name eq '…')`
    const [, field, value] = m as unknown as [string, 'kind' | 'container' | 'name', string]
    tests.push((f) => f[field] === value)
  }
  return files.filter((f) => tests.every((t) => t(f)))
}

/** The status of `op` now: queued → started → its outcome, one step per poll (or per `advance` ms).
 *
 * @example
 * operationStatus(ctx, op) // 'queued' on the first poll, then 'started', then its outcome
 */
export function operationStatus(ctx: FakeContext, op: FakeOperation): string {
  const step = ctx.options.advance === 'poll' ? op.polls : Math.floor((Date.now() - op.createdAt) / ctx.options.advance)
  const steps = ['queued', 'started', op.outcome === 'hang' ? 'started' : op.outcome]
  return steps[Math.min(step, 2)]!
}

/** Applies a completed operation's effect on the files, once. */
function apply(ctx: FakeContext, op: FakeOperation): void {
  if (op.applied) return
  op.applied = true
  const { files } = ctx.state
  const source = files.get(op.fileId)
  const now = new Date().toISOString()
  ctx.stats.writes++
  if (op.kind === 'copy' && source) {
    const id = nextId(ctx.state, 'file-copy')
    files.set(id, { ...source, id, name: `${source.name} (copy)`, container: op.detail, created: now, modified: now, state: 'Active' })
    op.results.push(id)
  } else if (op.kind === 'trash' && source) {
    source.state = 'Trashed'
    source.modified = now
  } else if (op.kind === 'restore' && source) {
    source.state = 'Active'
    source.modified = now
  } else if (op.kind === 'import') {
    const id = nextId(ctx.state, 'file-import')
    files.set(id, { id, name: op.detail, kind: 'Document', container: '', state: 'Active', created: now, modified: now })
    op.results.push(id)
  } else if (op.kind === 'export' && source) {
    ctx.state.downloads.set(op.id, `%PDF-1.7 fake export of ${source.id} (${source.name}) as ${op.detail}`)
  }
}

function operationJson(ctx: FakeContext, op: FakeOperation, origin: string, status: string) {
  const resourceUrl =
    status !== 'completed'
      ? undefined
      : op.kind === 'copy'
        ? `${origin}/operations/${op.id}/copyFileResults`
        : op.kind === 'import'
          ? `${origin}/operations/${op.id}/importFileResults`
          : op.kind === 'export'
            ? `${origin}/downloads/${op.id}`
            : `${origin}/files/${op.fileId}`
  const failed = status === 'failed'
  return {
    id: op.id,
    status,
    created: { dateTime: new Date(op.createdAt).toISOString() },
    updated: { dateTime: new Date().toISOString() },
    originalRequest: `00000000-0000-4000-8000-${op.id.replace(/\D/g, '').padStart(12, '0')}`,
    ...(resourceUrl && { resourceUrl }),
    ...(failed && { details: [{ code: `${op.kind[0]!.toUpperCase()}${op.kind.slice(1)}Failed`, target: op.fileId, message: `The ${op.kind} of ${op.fileId} could not be completed` }] }),
  }
}

/** Files, operations and export downloads of the stateful fake.
 *
 * @example
 * const handlers = fileHandlers(ctx) // /files, /operations, /downloads
 */
export function fileHandlers(ctx: FakeContext) {
  const { state, options } = ctx

  function accept(request: Request, kind: FakeOperationKind, fileId: string, detail: string, body?: Record<string, unknown>): Response {
    const outcome = options.hangFiles?.includes(fileId)
      ? 'hang'
      : options.failFiles?.includes(fileId)
        ? 'failed'
        : options.cancelFiles?.includes(fileId)
          ? 'cancelled'
          : 'completed'
    const op: FakeOperation = { id: nextId(state, 'op'), kind, fileId, outcome, createdAt: Date.now(), polls: 0, detail, results: [], applied: false }
    state.operations.set(op.id, op)
    const origin = new URL(request.url).origin
    const headers = { Location: `${origin}/operations/${op.id}`, 'Retry-After': String(options.retryAfter) }
    return body ? HttpResponse.json(body, { status: 202, headers }) : new HttpResponse(null, { status: 202, headers })
  }

  const activeFile = (id: string) => {
    const file = state.files.get(id)
    return file && file.state === 'Active' ? file : undefined
  }

  return [
    http.get('*/files', ({ request }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const url = new URL(request.url)
      const files = filterFiles([...state.files.values()].filter((f) => f.state === 'Active'), url.searchParams.get('$filter'))
      if (typeof files === 'string') return platformError(400, '400BadRequest', files, '$filter')
      const page = nextLinkPage(ctx, url, files.map(fileJson))
      return typeof page === 'string' ? platformError(400, '400BadRequest', page) : HttpResponse.json(page)
    }),
    http.post('*/files', async ({ request }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const body = (await jsonBody(request)) as { name?: unknown; kind?: unknown; container?: unknown } | undefined
      if (!body || typeof body.name !== 'string' || body.name === '') return platformError(400, '400BadRequest', 'name is required', 'name')
      if (!KINDS.includes(body.kind as FileKind)) return platformError(400, '400BadRequest', `kind must be one of ${KINDS.join(', ')}`, 'kind')
      const container = typeof body.container === 'string' ? body.container : ''
      if (container && state.files.get(container)?.kind !== 'Folder') return platformError(404, '404NotFound', `No folder ${container}`, 'container')
      const now = new Date().toISOString()
      const file: FakeFile = { id: nextId(state, 'file-new'), name: body.name, kind: body.kind as FileKind, container, state: 'Active', created: now, modified: now }
      state.files.set(file.id, file)
      ctx.stats.writes++
      return HttpResponse.json(fileJson(file), { status: 201 })
    }),
    http.post('*/files/import', async ({ request }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const body = (await jsonBody(request)) as { fileName?: unknown; kind?: unknown } | undefined
      if (!body || typeof body.fileName !== 'string' || body.fileName === '') return platformError(400, '400BadRequest', 'fileName is required', 'fileName')
      const origin = new URL(request.url).origin
      return accept(request, 'import', '', body.fileName, { uploadUrl: `${origin}/uploads/${encodeURIComponent(body.fileName)}` })
    }),
    http.get('*/files/trash', ({ request }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const page = nextLinkPage(ctx, new URL(request.url), [...state.files.values()].filter((f) => f.state === 'Trashed').map(fileJson))
      return typeof page === 'string' ? platformError(400, '400BadRequest', page) : HttpResponse.json(page)
    }),
    http.get('*/files/:fileId', ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const file = state.files.get(String(params.fileId))
      return file ? HttpResponse.json(fileJson(file)) : platformError(404, '404NotFound', `No file ${String(params.fileId)}`)
    }),
    http.patch('*/files/:fileId', async ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const file = activeFile(String(params.fileId))
      if (!file) return platformError(404, '404NotFound', `No file ${String(params.fileId)}`)
      const patch = await jsonBody(request)
      if (!Array.isArray(patch) || !patch.length) return platformError(400, '400BadRequest', 'The body must be a JSON Patch array')
      for (const op of patch as { op?: unknown; path?: unknown; value?: unknown }[]) {
        if (op.op !== 'replace' || (op.path !== '/name' && op.path !== '/container') || typeof op.value !== 'string') {
          return platformError(400, '400BadRequest', 'Only replace of /name or /container with a string is supported', String(op.path))
        }
      }
      for (const op of patch as { path: '/name' | '/container'; value: string }[]) file[op.path === '/name' ? 'name' : 'container'] = op.value
      file.modified = new Date().toISOString()
      ctx.stats.writes++
      return HttpResponse.json(fileJson(file))
    }),
    http.post('*/files/:fileId/copy', async ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const file = activeFile(String(params.fileId))
      if (!file) return platformError(404, '404NotFound', `No file ${String(params.fileId)}`)
      const body = (await jsonBody(request)) as { destinationContainer?: unknown } | undefined
      const destination = typeof body?.destinationContainer === 'string' ? body.destinationContainer : ''
      if (destination && state.files.get(destination)?.kind !== 'Folder') return platformError(404, '404NotFound', `No folder ${destination}`, 'destinationContainer')
      return accept(request, 'copy', file.id, destination)
    }),
    http.post('*/files/:fileId/export', async ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const file = activeFile(String(params.fileId))
      if (!file) return platformError(404, '404NotFound', `No file ${String(params.fileId)}`)
      const body = (await jsonBody(request)) as { kind?: unknown; documentExport?: { format?: unknown } } | undefined
      if (!EXPORT_KINDS.includes(String(body?.kind))) return platformError(400, '400BadRequest', `kind must be one of ${EXPORT_KINDS.join(', ')}`, 'kind')
      const format = typeof body?.documentExport?.format === 'string' ? body.documentExport.format : 'pdf'
      return accept(request, 'export', file.id, format)
    }),
    http.post('*/files/:fileId/trash', ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const file = activeFile(String(params.fileId))
      return file ? accept(request, 'trash', file.id, '') : platformError(404, '404NotFound', `No active file ${String(params.fileId)}`)
    }),
    http.post('*/files/:fileId/restore', ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const file = state.files.get(String(params.fileId))
      return file?.state === 'Trashed' ? accept(request, 'restore', file.id, '') : platformError(404, '404NotFound', `No trashed file ${String(params.fileId)}`)
    }),
    http.get('*/operations/:operationId', ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const op = state.operations.get(String(params.operationId))
      if (!op) return platformError(404, '404NotFound', `No operation ${String(params.operationId)}`)
      const status = operationStatus(ctx, op)
      op.polls++
      if (status === 'completed') apply(ctx, op)
      return HttpResponse.json(operationJson(ctx, op, new URL(request.url).origin, status), { headers: { 'Retry-After': String(ctx.options.retryAfter) } })
    }),
    http.get('*/operations/:operationId/copyFileResults', ({ request, params }) => results(request, String(params.operationId), 'copy')),
    http.get('*/operations/:operationId/importFileResults', ({ request, params }) => results(request, String(params.operationId), 'import')),
    http.get('*/downloads/:operationId', ({ request, params }) => {
      const refused = guard(ctx, request)
      if (refused) return refused
      const content = state.downloads.get(String(params.operationId))
      if (content === undefined) return platformError(404, '404NotFound', `No export ${String(params.operationId)}`)
      return new HttpResponse(content, { headers: { 'Content-Type': 'application/pdf' } })
    }),
  ]

  function results(request: Request, id: string, kind: FakeOperationKind): Response {
    const refused = guard(ctx, request)
    if (refused) return refused
    const op = state.operations.get(id)
    if (!op || op.kind !== kind) return platformError(404, '404NotFound', `No ${kind} operation ${id}`)
    if (!op.applied) return platformError(409, '409Conflict', `Operation ${id} has not completed`)
    const items = op.results.map((fid) => state.files.get(fid)).filter((f): f is FakeFile => f !== undefined)
    const page = nextLinkPage(ctx, new URL(request.url), items.map((f) => (kind === 'copy' ? { id: f.id, container: f.container, kind: f.kind } : { id: f.id, kind: f.kind })))
    return typeof page === 'string' ? platformError(400, '400BadRequest', page) : HttpResponse.json(page)
  }
}

