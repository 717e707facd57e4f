import { formatCsv, parseCsv } from '../../salesforce/csv.js'
import { bulkRefusal, runQuery } from './execute.js'
import { json, noContent, readJson, sfError, type Kit, type Route } from './http.js'
import { fieldOf } from './meta.js'
import { soqlFailure } from './query.js'
import { SoqlError, soqlErrorMessage } from './soql.js'
import { getField, newId, objectMeta, table, type IngestJob, type QueryJob } from './state.js'
import { insert, remove, update, upsert, type WriteOutcome } from './store.js'

const OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'hardDelete'] as const

function now(): string {
  return new Date().toISOString().replace('Z', '+0000')
}

function csv(text: string): Response {
  return new Response(text, { status: 200, headers: { 'Content-Type': 'text/csv' } })
}

/** Query results as Bulk API 2.0 writes them: every value in double quotes. */
function quotedCsv(rows: string[][]): string {
  return rows.map((row) => row.map((value) => `"${value.replace(/"/g, '""')}"`).join(',') + '\n').join('')
}

function errorText(outcome: Extract<WriteOutcome, { ok: false }>): string {
  return outcome.errors.map((e) => `${e.statusCode}:${e.message}:${e.fields.join(',')} --`).join(' ')
}

/** Bulk API 2.0: ingest jobs (create, one CSV upload, close, states advancing per poll or over time, result CSVs) and query jobs (results paged by `Sforce-Locator`). */
export function bulkRoutes(kit: Kit): Route[] {
  const { state, stats, options } = kit

  const ingestInfo = (job: IngestJob) => ({
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: '0055g0000000001AAA',
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    externalIdFieldName: job.externalIdFieldName,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType: 'V2Ingest',
    contentUrl: `services/data/v${job.apiVersion.toFixed(1)}/jobs/ingest/${job.id}/batches`,
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
    numberRecordsProcessed: job.numberRecordsProcessed,
    numberRecordsFailed: job.numberRecordsFailed,
    retries: 0,
    totalProcessingTime: 0,
    apiActiveProcessingTime: 0,
    apexProcessingTime: 0,
    ...(job.errorMessage && { errorMessage: job.errorMessage }),
  })

  const queryInfo = (job: QueryJob) => ({
    id: job.id,
    operation: job.operation,
    object: job.object,
    createdById: '0055g0000000001AAA',
    createdDate: job.createdDate,
    systemModstamp: job.systemModstamp,
    state: job.state,
    concurrencyMode: 'Parallel',
    contentType: 'CSV',
    apiVersion: job.apiVersion,
    jobType: 'V2Query',
    lineEnding: 'LF',
    columnDelimiter: 'COMMA',
    numberRecordsProcessed: job.numberRecordsProcessed,
    retries: 0,
    totalProcessingTime: 0,
    isPkChunkingSupported: true,
    ...(job.errorMessage && { errorMessage: job.errorMessage }),
  })

  const due = (job: { polls: number; closedAt?: number; createdAt?: number }) => {
    job.polls++
    const since = job.closedAt ?? job.createdAt ?? 0
    return options.bulkJobDuration !== undefined ? Date.now() - since >= options.bulkJobDuration : job.polls >= options.bulkJobPolls
  }

  const failJob = (job: IngestJob, message: string, rows: string[][]) => {
    job.state = 'Failed'
    job.errorMessage = message
    job.unprocessed = rows
  }

  const processIngest = (job: IngestJob) => {
    job.systemModstamp = now()
    if (job.uploads.length === 0) return failJob(job, 'InvalidBatch : Failed to process job: no data was uploaded', [])
    const rows = parseCsv(job.uploads[0]!).filter((row) => !(row.length === 1 && row[0] === ''))
    const [header, ...data] = rows
    job.header = header ?? []
    if (!header || header.some((name) => name.trim() === '')) return failJob(job, 'InvalidBatch : Field name not provided', data)
    const object = objectMeta(state, job.object)!
    const related = header.find((name) => name.includes('.'))
    if (related !== undefined) return failJob(job, `NOT_IMPLEMENTED_BY_FAKE : relationship columns (${related}) are valid Bulk CSV that isosdk's Salesforce fake does not implement`, data)
    const unknown = header.find((name) => !fieldOf(object, name.trim()))
    if (unknown !== undefined) return failJob(job, `InvalidBatch : Field name not found : ${unknown}`, data)
    const bad = data.findIndex((row) => row.length !== header.length)
    if (bad >= 0) return failJob(job, `InvalidBatch : Failed to parse CSV: row ${bad + 2} has ${data[bad]!.length} values, the header has ${header.length}`, data)
    for (const row of data) {
      const fields: Record<string, unknown> = {}
      header.forEach((name, i) => {
        const value = row[i]!
        if (value === '') return
        fields[name] = value === '#N/A' ? null : value
      })
      const id = getField(fields, 'Id')
      let outcome: WriteOutcome
      if (job.operation === 'insert') outcome = insert(state, job.object, fields, 'bulk')
      else if (job.operation === 'upsert') outcome = upsert(state, job.object, job.externalIdFieldName!, String(getField(fields, job.externalIdFieldName!) ?? ''), fields, 'bulk')
      else if (typeof id !== 'string') outcome = { ok: false, id: null, errors: [{ statusCode: 'MISSING_ARGUMENT', message: 'Id not specified', fields: ['Id'] }] }
      else if (job.operation === 'update') outcome = update(state, job.object, id, fields, 'bulk')
      else {
        outcome = remove(state, id)
        if (outcome.ok && job.operation === 'hardDelete') table(state, job.object, true).delete(id)
      }
      if (outcome.ok) {
        stats.writes++
        job.successful.push([outcome.id, String(outcome.created), ...row])
      } else job.failed.push([outcome.id ?? '', errorText(outcome), ...row])
      job.numberRecordsProcessed++
    }
    job.numberRecordsFailed = job.failed.length
    job.state = 'JobComplete'
  }

  const advanceIngest = (job: IngestJob) => {
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return
    if (due(job)) processIngest(job)
    else job.state = 'InProgress'
  }

  const processQuery = (job: QueryJob) => {
    job.systemModstamp = now()
    try {
      const result = runQuery(state, job.query, job.operation === 'queryAll')
      const refusal = bulkRefusal(result)
      if (refusal) throw new Error(`InvalidBatch : Failed to process query: FUNCTIONALITY_NOT_ENABLED: ${refusal}`)
      job.columns = result.columns
      job.rows = result.cells()
      job.numberRecordsProcessed = job.rows.length
      job.state = 'JobComplete'
    } catch (error) {
      job.state = 'Failed'
      job.errorMessage = error instanceof SoqlError ? soqlErrorMessage(job.query, error) : error instanceof Error ? error.message : String(error)
    }
  }

  const advanceQuery = (job: QueryJob) => {
    if (job.state !== 'UploadComplete' && job.state !== 'InProgress') return
    if (due(job)) processQuery(job)
    else job.state = 'InProgress'
  }

  const ingestJob = (id: string) => state.ingestJobs.get(id)
  const queryJob = (id: string) => state.queryJobs.get(id)
  const notFound = () => sfError(404, 'NOT_FOUND', 'The requested resource does not exist')

  return [
    {
      method: 'POST',
      pattern: /^\/jobs\/ingest\/?$/,
      kind: 'data',
      async handle({ request, version }) {
        const body = ((await readJson(request)) ?? {}) as Record<string, unknown>
        const object = typeof body.object === 'string' ? objectMeta(state, body.object)?.name : undefined
        if (!object) return sfError(400, 'INVALIDJOB', `Unable to find object: ${String(body.object)}`)
        const operation = OPERATIONS.find((op) => op === body.operation)
        if (!operation) return sfError(400, 'INVALIDJOB', `Invalid operation: ${String(body.operation)}`)
        if (body.contentType !== undefined && body.contentType !== 'CSV') return sfError(400, 'INVALIDJOB', 'Only CSV content is supported')
        const external = typeof body.externalIdFieldName === 'string' ? body.externalIdFieldName : null
        if (operation === 'upsert' && !external) return sfError(400, 'INVALIDJOB', 'External ID was blank for the upsert operation')
        if (operation === 'upsert') {
          const field = fieldOf(objectMeta(state, object)!, external!)
          if (!field || (field.name !== 'Id' && !field.externalId)) return sfError(400, 'INVALIDJOB', `InvalidJob : Field ${external} is not an External ID or indexed field for ${object}`)
        }
        const created = now()
        const job: IngestJob = {
          id: newId(state, '750'),
          object,
          operation,
          externalIdFieldName: external,
          state: 'Open',
          uploads: [],
          createdDate: created,
          systemModstamp: created,
          apiVersion: Number(version),
          numberRecordsProcessed: 0,
          numberRecordsFailed: 0,
          errorMessage: null,
          polls: 0,
          header: [],
          successful: [],
          failed: [],
          unprocessed: [],
        }
        state.ingestJobs.set(job.id, job)
        return json(ingestInfo(job))
      },
    },
    {
      method: 'PUT',
      pattern: /^\/jobs\/ingest\/(\w+)\/batches\/?$/,
      kind: 'data',
      async handle(context) {
        const job = ingestJob(context.params[0]!)
        if (!job) return notFound()
        if (!/text\/csv/i.test(context.request.headers.get('content-type') ?? '')) return sfError(400, 'INVALIDJOB', 'Content-Type must be text/csv')
        if (job.state !== 'Open') return sfError(409, 'INVALIDJOBSTATE', `Job ${job.id} is not open for data upload (state ${job.state})`)
        const text = await context.request.text()
        job.uploads.push(text)
        context.size = Math.max(0, parseCsv(text).length - 1)
        return new Response(null, { status: 201 })
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/jobs\/ingest\/(\w+)\/?$/,
      kind: 'data',
      async handle({ params, request }) {
        const job = ingestJob(params[0]!)
        if (!job) return notFound()
        const wanted = ((await readJson(request)) as { state?: unknown } | undefined)?.state
        if (wanted === 'UploadComplete') {
          if (job.state !== 'Open') return sfError(409, 'INVALIDJOBSTATE', `Job ${job.id} is not open (state ${job.state})`)
          // Salesforce accepts one upload per job; several PUTs make the close fail.
          if (job.uploads.length > 1) {
            return sfError(400, 'BULK_API_ERROR', `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`)
          }
          job.state = 'UploadComplete'
          job.closedAt = Date.now()
          job.polls = 0
        } else if (wanted === 'Aborted') {
          if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') return sfError(409, 'INVALIDJOBSTATE', `Job ${job.id} is already ${job.state}`)
          job.state = 'Aborted'
          const rows = job.uploads[0] ? parseCsv(job.uploads[0]) : []
          job.header = rows[0] ?? []
          job.unprocessed = rows.slice(1)
        } else return sfError(400, 'INVALIDJOBSTATE', `Cannot set state ${String(wanted)}`)
        job.systemModstamp = now()
        return json(ingestInfo(job))
      },
    },
    {
      method: 'GET',
      pattern: /^\/jobs\/ingest\/(\w+)\/?$/,
      kind: 'data',
      handle({ params }) {
        const job = ingestJob(params[0]!)
        if (!job) return notFound()
        advanceIngest(job)
        return json(ingestInfo(job))
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/jobs\/ingest\/(\w+)\/?$/,
      kind: 'data',
      handle({ params }) {
        if (!state.ingestJobs.delete(params[0]!)) return notFound()
        return noContent()
      },
    },
    {
      method: 'GET',
      pattern: /^\/jobs\/ingest\/(\w+)\/(successfulResults|failedResults|unprocessedrecords)\/?$/,
      kind: 'data',
      handle({ params }) {
        const job = ingestJob(params[0]!)
        if (!job) return notFound()
        if (params[1] === 'successfulResults') return csv(formatCsv([['sf__Id', 'sf__Created', ...job.header], ...job.successful]))
        if (params[1] === 'failedResults') return csv(formatCsv([['sf__Id', 'sf__Error', ...job.header], ...job.failed]))
        return csv(formatCsv([job.header, ...job.unprocessed]))
      },
    },
    {
      method: 'POST',
      pattern: /^\/jobs\/query\/?$/,
      kind: 'data',
      async handle({ request, version }) {
        const body = ((await readJson(request)) ?? {}) as Record<string, unknown>
        const operation = body.operation === 'query' || body.operation === 'queryAll' ? body.operation : undefined
        if (!operation) return sfError(400, 'INVALIDJOB', `Invalid operation: ${String(body.operation)}`)
        if (typeof body.query !== 'string') return sfError(400, 'INVALIDJOB', 'query is required')
        let object: string
        try {
          object = runQuery(state, body.query, false).object
        } catch (error) {
          if (error instanceof SoqlError) return soqlFailure(body.query, error)
          throw error
        }
        const created = now()
        const job: QueryJob = {
          id: newId(state, '750'),
          operation,
          query: body.query,
          object,
          state: 'UploadComplete',
          createdDate: created,
          systemModstamp: created,
          apiVersion: Number(version),
          polls: 0,
          createdAt: Date.now(),
          numberRecordsProcessed: 0,
          errorMessage: null,
          columns: [],
          rows: [],
        }
        state.queryJobs.set(job.id, job)
        return json(queryInfo(job))
      },
    },
    {
      method: 'GET',
      pattern: /^\/jobs\/query\/(\w+)\/?$/,
      kind: 'data',
      handle({ params }) {
        const job = queryJob(params[0]!)
        if (!job) return notFound()
        advanceQuery(job)
        return json(queryInfo(job))
      },
    },
    {
      method: 'PATCH',
      pattern: /^\/jobs\/query\/(\w+)\/?$/,
      kind: 'data',
      async handle({ params, request }) {
        const job = queryJob(params[0]!)
        if (!job) return notFound()
        const wanted = ((await readJson(request)) as { state?: unknown } | undefined)?.state
        if (wanted !== 'Aborted') return sfError(400, 'INVALIDJOBSTATE', `Cannot set state ${String(wanted)}`)
        if (job.state === 'JobComplete' || job.state === 'Failed' || job.state === 'Aborted') return sfError(409, 'INVALIDJOBSTATE', `Job ${job.id} is already ${job.state}`)
        job.state = 'Aborted'
        return json(queryInfo(job))
      },
    },
    {
      method: 'GET',
      pattern: /^\/jobs\/query\/(\w+)\/results\/?$/,
      kind: 'data',
      handle({ params, url }) {
        const job = queryJob(params[0]!)
        if (!job) return notFound()
        if (job.state !== 'JobComplete') return sfError(409, 'INVALIDJOBSTATE', `Job ${job.id} is not complete (state ${job.state})`)
        const locator = url.searchParams.get('locator')
        let offset = 0
        if (locator) {
          try {
            offset = Number(atob(locator))
          } catch {
            offset = Number.NaN
          }
          if (!Number.isInteger(offset) || offset < 0 || offset > job.rows.length) return sfError(400, 'INVALID_LOCATOR', `Invalid locator: ${locator}`)
        }
        const max = Number(url.searchParams.get('maxRecords') ?? options.bulkQueryPageSize)
        const size = Number.isInteger(max) && max > 0 ? max : options.bulkQueryPageSize
        const rows = job.rows.slice(offset, offset + size)
        const next = offset + rows.length
        return new Response(quotedCsv([job.columns, ...rows]), {
          status: 200,
          headers: { 'Content-Type': 'text/csv', 'Sforce-Locator': next < job.rows.length ? btoa(String(next)) : 'null', 'Sforce-NumberOfRecords': String(rows.length) },
        })
      },
    },
  ]
}
