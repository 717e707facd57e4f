import * as v from 'valibot'

// Loose objects everywhere: a field Salesforce adds tomorrow breaks nobody. `/* @__PURE__ */`
// on each module-level schema lets a bundler drop the ones a program does not use.

/** `attributes` of a record: its sObject type and REST URL. */
export const AttributesSchema = /* @__PURE__ */ v.looseObject({
  type: /* @__PURE__ */ v.string(),
  url: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
})

/** Any record as the REST API returns it (`attributes` plus fields). */
export const RecordSchema = /* @__PURE__ */ v.looseObject({
  attributes: /* @__PURE__ */ v.optional(AttributesSchema),
})

/** One error of a SaveResult, e.g. `{ statusCode: 'REQUIRED_FIELD_MISSING', message, fields: ['Name'] }`. */
export const SaveErrorSchema = /* @__PURE__ */ v.looseObject({
  statusCode: /* @__PURE__ */ v.string(),
  message: /* @__PURE__ */ v.string(),
  fields: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.array(/* @__PURE__ */ v.string()), []),
})

/** A SaveResult of a create / update / upsert / delete (single or in a collection). */
export const SaveResultSchema = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  success: /* @__PURE__ */ v.boolean(),
  errors: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.array(SaveErrorSchema), []),
  created: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.boolean()),
})

export const SaveResultListSchema = /* @__PURE__ */ v.array(SaveResultSchema)

/** Composite retrieve: a record per id, `null` where the id matched nothing. */
export const RecordOrNullListSchema = /* @__PURE__ */ v.array(/* @__PURE__ */ v.nullable(RecordSchema))

/** A page of `GET /query`. */
export const QueryResultSchema = /* @__PURE__ */ v.looseObject({
  totalSize: /* @__PURE__ */ v.number(),
  done: /* @__PURE__ */ v.boolean(),
  nextRecordsUrl: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  records: /* @__PURE__ */ v.array(RecordSchema),
})

/** `GET /services/data`: the API versions the instance serves. */
export const VersionListSchema = /* @__PURE__ */ v.array(
  /* @__PURE__ */ v.looseObject({ version: /* @__PURE__ */ v.string(), url: /* @__PURE__ */ v.string(), label: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()) }),
)

export const JobStateSchema = /* @__PURE__ */ v.picklist(['Open', 'UploadComplete', 'InProgress', 'Aborted', 'JobComplete', 'Failed'])

/** Bulk API 2.0 ingest job info. */
export const IngestJobInfoSchema = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.string(),
  object: /* @__PURE__ */ v.string(),
  operation: /* @__PURE__ */ v.picklist(['insert', 'update', 'upsert', 'delete', 'hardDelete']),
  state: JobStateSchema,
  externalIdFieldName: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  contentUrl: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
  contentType: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  columnDelimiter: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  lineEnding: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  apiVersion: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.number()),
  jobType: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  createdDate: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  systemModstamp: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  numberRecordsProcessed: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.number()),
  numberRecordsFailed: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.number()),
  errorMessage: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
})

/** Bulk API 2.0 query job info. */
export const QueryJobInfoSchema = /* @__PURE__ */ v.looseObject({
  id: /* @__PURE__ */ v.string(),
  operation: /* @__PURE__ */ v.picklist(['query', 'queryAll']),
  object: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.string()),
  state: JobStateSchema,
  numberRecordsProcessed: /* @__PURE__ */ v.optional(/* @__PURE__ */ v.number()),
  errorMessage: /* @__PURE__ */ v.nullish(/* @__PURE__ */ v.string()),
})

export type SaveError = v.InferOutput<typeof SaveErrorSchema>
export type IngestJobInfo = v.InferOutput<typeof IngestJobInfoSchema>
export type QueryJobInfo = v.InferOutput<typeof QueryJobInfoSchema>
export type JobState = v.InferOutput<typeof JobStateSchema>
export type QueryResult = v.InferOutput<typeof QueryResultSchema>
