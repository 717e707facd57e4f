export { salesforceFake, fakeFileBytes, type SalesforceFake, type SalesforceFakeOptions } from './fake.js'
export type { SalesforceFakeField, SalesforceFieldType, ObjectMeta as SalesforceObjectMeta, FieldMeta as SalesforceFieldMeta } from './meta.js'
export {
  FAKE_SF_USERNAME,
  FAKE_SF_PASSWORD,
  FAKE_SF_SECURITY_TOKEN,
  FAKE_SF_CLIENT_ID,
  FAKE_SF_CLIENT_SECRET,
  FAKE_SF_ORG_ID,
  DEFAULT_OBJECTS as SALESFORCE_FAKE_OBJECTS,
  type SalesforceFakeState,
  type SalesforceFakeObject,
  type SalesforceFakeSession,
  type SalesforceTrafficEntry,
  type StoredRecord as SalesforceStoredRecord,
  type IngestJob as SalesforceIngestJob,
  type QueryJob as SalesforceQueryJob,
  type QueryCursor as SalesforceQueryCursor,
} from './state.js'
