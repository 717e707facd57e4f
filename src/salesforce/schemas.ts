import * as v from 'valibot'

// Loose objects everywhere: a field Salesforce adds tomorrow breaks nobody. `/* @__PURE__ */`
// on each module-level schema lets a bundler drop the ones a program does not use.

/** `attributes` of a record: its sObject type and REST URL. */
export const AttributesSchema = /* @__PURE__ */ v.looseObject({
  type: v.string(),
  url: v.optional(v.string()),
})

/** Any record as the REST API returns it (`attributes` plus fields). */
export const RecordSchema = /* @__PURE__ */ v.looseObject({
  attributes: v.optional(AttributesSchema),
})

/** One error of a SaveResult, e.g. `{ statusCode: 'REQUIRED_FIELD_MISSING', message, fields: ['Name'] }`. */
export const SaveErrorSchema = /* @__PURE__ */ v.looseObject({
  statusCode: v.string(),
  message: v.string(),
  fields: v.optional(v.array(v.string()), []),
})

/** A SaveResult of a create / update / upsert / delete (single or in a collection). */
export const SaveResultSchema = /* @__PURE__ */ v.looseObject({
  id: v.nullish(v.string()),
  success: v.boolean(),
  errors: v.optional(v.array(SaveErrorSchema), []),
  created: v.optional(v.boolean()),
})

export const SaveResultListSchema = /* @__PURE__ */ v.array(SaveResultSchema)

/** Composite retrieve: a record per id, `null` where the id matched nothing. */
export const RecordOrNullListSchema = /* @__PURE__ */ v.array(v.nullable(RecordSchema))

/** A page of `GET /query`. */
export const QueryResultSchema = /* @__PURE__ */ v.looseObject({
  totalSize: v.number(),
  done: v.boolean(),
  nextRecordsUrl: v.optional(v.string()),
  records: v.array(RecordSchema),
})

/** `GET /services/data`: the API versions the instance serves. */
export const VersionListSchema = /* @__PURE__ */ v.array(
  v.looseObject({ version: v.string(), url: v.string(), label: v.optional(v.string()) }),
)

export const JobStateSchema = /* @__PURE__ */ v.picklist(['Open', 'UploadComplete', 'InProgress', 'Aborted', 'JobComplete', 'Failed'])

/** Bulk API 2.0 ingest job info. */
export const IngestJobInfoSchema = /* @__PURE__ */ v.looseObject({
  id: v.string(),
  object: v.string(),
  operation: v.picklist(['insert', 'update', 'upsert', 'delete', 'hardDelete']),
  state: JobStateSchema,
  externalIdFieldName: v.nullish(v.string()),
  contentUrl: v.nullish(v.string()),
  contentType: v.optional(v.string()),
  columnDelimiter: v.optional(v.string()),
  lineEnding: v.optional(v.string()),
  apiVersion: v.optional(v.number()),
  jobType: v.optional(v.string()),
  createdDate: v.optional(v.string()),
  systemModstamp: v.optional(v.string()),
  numberRecordsProcessed: v.optional(v.number()),
  numberRecordsFailed: v.optional(v.number()),
  errorMessage: v.nullish(v.string()),
})

/** Bulk API 2.0 query job info. */
export const QueryJobInfoSchema = /* @__PURE__ */ v.looseObject({
  id: v.string(),
  operation: v.picklist(['query', 'queryAll']),
  object: v.optional(v.string()),
  state: JobStateSchema,
  numberRecordsProcessed: v.optional(v.number()),
  errorMessage: v.nullish(v.string()),
})

export type SaveError = v.InferOutput<typeof SaveErrorSchema>
export type IngestJobInfo = v.InferOutput<typeof IngestJobInfoSchema>
export type QueryJobInfo = v.InferOutput<typeof QueryJobInfoSchema>
export type JobState = v.InferOutput<typeof JobStateSchema>
export type QueryResult = v.InferOutput<typeof QueryResultSchema>
