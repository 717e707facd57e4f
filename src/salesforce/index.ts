export { salesforce, type SalesforceClient, type SalesforceOptions, type SalesforceCommonOptions, type SalesforceSoapLogin, type SalesforceAccessToken, type SalesforceOAuthPassword, type SalesforceOAuthClientCredentials } from './client.js'
export type { SalesforceSession } from './login.js'
export { parseLimitInfo, type ApiUsage } from './limits.js'
export { mapSalesforceError, salesforceErrorCode } from './errors.js'
export { apiVersion } from './version.js'
export { sobject, type SObject, type SObjectRef, type SObjectRecord, type SObjectAttributes, type RecordBase, type RecordOf, type RecordInput } from './sobject.js'
export {
  fetchRecord,
  insertRecord,
  updateRecord,
  upsertRecord,
  deleteRecord,
  reloadRecord,
  saveRecord,
  type FetchRecordOptions,
  type UpdateRecordOptions,
  type SaveRecordOptions,
} from './records.js'
export { fetchRecords, insertRecords, updateRecords, upsertRecords, deleteRecords, type ListWriteOptions, type UpdateRecordsOptions, type FetchRecordsOptions } from './collections.js'
export type { RecordResult, SaveResult, SaveError } from './results.js'
export { query, queryAll, type QueryOptions } from './query.js'
export { soql, soqlField, soqlLike, soqlLiteral, escapeSoql, type Soql, type SoqlValue } from './soql.js'
export { bulkIngest, type BulkIngestParams, type BulkIngestOptions, type BulkIngestResult, type BulkOperation, type BulkSuccess, type BulkFailure } from './bulk.js'
export { bulkQuery, type BulkQueryOptions } from './bulk-query.js'
export type { JobWaitOptions } from './jobs.js'
export { downloadFile } from './files.js'
export { parseCsv, parseCsvRecords, formatCsv } from './csv.js'
export {
  AttributesSchema,
  RecordSchema,
  SaveErrorSchema,
  SaveResultSchema,
  QueryResultSchema,
  VersionListSchema,
  IngestJobInfoSchema,
  QueryJobInfoSchema,
  JobStateSchema,
  type IngestJobInfo,
  type QueryJobInfo,
  type JobState,
  type QueryResult,
} from './schemas.js'
