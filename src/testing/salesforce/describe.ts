// Metadata endpoints: describeGlobal (`/sobjects`), an object's basic info and `describe`, the
// version's resource list and `/limits`, all built from the same metadata the writes check.
import { json, sfError, type Kit, type Route } from './http.js'
import { childRelationships, type FieldMeta, type ObjectMeta } from './meta.js'
import { objectMeta, type SalesforceFakeState } from './state.js'

const SOAP_TYPES: Record<FieldMeta['type'], string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  email: 'xsd:string',
  phone: 'xsd:string',
  url: 'xsd:string',
  picklist: 'xsd:string',
  multipicklist: 'xsd:string',
  combobox: 'xsd:string',
  boolean: 'xsd:boolean',
  int: 'xsd:int',
  double: 'xsd:double',
  currency: 'xsd:double',
  percent: 'xsd:double',
  date: 'xsd:date',
  datetime: 'xsd:dateTime',
  time: 'xsd:time',
  base64: 'xsd:base64Binary',
  address: 'urn:address',
}

const SYSTEM_DEFAULTED = new Set(['Id', 'IsDeleted', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'OwnerId'])

function plural(label: string): string {
  if (/(s|x|ch|sh)$/.test(label)) return `${label}es`
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`
  return `${label}s`
}

function urls(object: ObjectMeta, version: string): Record<string, string> {
  const base = `/services/data/v${version}/sobjects/${object.name}`
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` }
}

function basics(object: ObjectMeta, version: string): Record<string, unknown> {
  return {
    activateable: false,
    createable: object.createable,
    custom: object.custom,
    customSetting: false,
    deletable: object.deletable,
    deprecatedAndHidden: false,
    feedEnabled: false,
    hasSubtypes: false,
    isInterface: false,
    isSubtype: false,
    keyPrefix: object.prefix,
    label: object.label,
    labelPlural: plural(object.label),
    layoutable: true,
    mergeable: ['Account', 'Contact', 'Lead', 'Case'].includes(object.name),
    mruEnabled: true,
    name: object.name,
    queryable: true,
    replicateable: true,
    retrieveable: true,
    searchable: true,
    triggerable: true,
    undeletable: object.deletable,
    updateable: true,
    urls: urls(object, version),
  }
}

function describeField(field: FieldMeta): Record<string, unknown> {
  const text = ['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox'].includes(field.type)
  const writable = !field.readOnly
  const defaulted = SYSTEM_DEFAULTED.has(field.name) || field.type === 'boolean'
  return {
    aggregatable: field.type !== 'textarea' && field.type !== 'base64' && field.type !== 'address',
    autoNumber: field.name === 'CaseNumber',
    byteLength: text || field.type === 'id' || field.type === 'reference' ? field.length * 3 : 0,
    calculated: false,
    caseSensitive: false,
    createable: writable,
    custom: field.custom,
    defaultValue: field.type === 'boolean' ? false : null,
    defaultedOnCreate: defaulted,
    dependentPicklist: false,
    digits: field.type === 'int' ? 9 : 0,
    externalId: field.externalId,
    filterable: field.type !== 'textarea' && field.type !== 'base64' && field.type !== 'address',
    groupable: field.type !== 'textarea' && field.type !== 'base64' && field.type !== 'address' && field.type !== 'double' && field.type !== 'datetime',
    htmlFormatted: false,
    idLookup: field.name === 'Id' || field.externalId || field.name === 'Name' || field.name === 'Email',
    label: field.label,
    length: text || field.type === 'id' || field.type === 'reference' ? field.length : 0,
    name: field.name,
    nameField: field.name === 'Name',
    nillable: !field.required && !defaulted,
    permissionable: field.custom || (!field.required && writable),
    picklistValues: [],
    precision: field.type === 'currency' || field.type === 'double' || field.type === 'percent' ? 18 : 0,
    referenceTo: field.referenceTo,
    relationshipName: field.relationshipName,
    restrictedPicklist: false,
    scale: field.type === 'currency' || field.type === 'percent' ? 2 : 0,
    soapType: SOAP_TYPES[field.type],
    sortable: field.type !== 'textarea' && field.type !== 'base64' && field.type !== 'address',
    type: field.type,
    unique: false,
    updateable: writable && field.name !== 'Id',
  }
}

/** The `describe` of one object: its fields, child relationships and URLs. */
export function describeObject(state: SalesforceFakeState, object: ObjectMeta, version: string): Record<string, unknown> {
  return {
    ...basics(object, version),
    childRelationships: childRelationships(state.objects, object.name).map((r) => ({
      cascadeDelete: false,
      childSObject: r.object.name,
      deprecatedAndHidden: false,
      field: r.field.name,
      junctionIdListNames: [],
      junctionReferenceTo: [],
      relationshipName: r.name,
      restrictedDelete: false,
    })),
    fields: [...object.fields.values()].map(describeField),
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }, { label: 'Mine', name: 'mine' }],
    urls: { ...urls(object, version), uiDetailTemplate: `/{ID}`, uiEditTemplate: `/{ID}/e`, uiNewRecord: `/${object.prefix}/e` },
  }
}

const RESOURCES = ['sobjects', 'query', 'queryAll', 'search', 'limits', 'composite', 'jobs', 'tooling', 'recent', 'actions', 'analytics', 'chatter', 'connect', 'consent', 'parameterizedSearch', 'process', 'quickActions', 'support', 'theme', 'ui-api', 'wave']

/** `/sobjects` (describeGlobal), `/sobjects/{type}`, `/sobjects/{type}/describe`, the version's resources and `/limits`. */
export function describeRoutes(kit: Kit): Route[] {
  const { state } = kit
  const object = (name: string) => {
    const found = objectMeta(state, name)
    if (!found) throw sfError(404, 'NOT_FOUND', 'The requested resource does not exist')
    return found
  }
  return [
    {
      method: 'GET',
      pattern: /^\/?$/,
      kind: 'data',
      handle: ({ version }) => json(Object.fromEntries(RESOURCES.map((name) => [name, `/services/data/v${version}/${name}`]))),
    },
    {
      method: 'GET',
      pattern: /^\/sobjects\/?$/,
      kind: 'data',
      handle: ({ version }) => json({ encoding: 'UTF-8', maxBatchSize: 200, sobjects: [...state.objects.values()].map((o) => basics(o, version)) }),
    },
    {
      method: 'GET',
      pattern: /^\/sobjects\/(\w+)\/?$/,
      kind: 'data',
      handle: ({ params, version }) => json({ objectDescribe: basics(object(params[0]!), version), recentItems: [] }),
    },
    {
      method: 'GET',
      pattern: /^\/sobjects\/(\w+)\/describe\/?$/,
      kind: 'data',
      handle: ({ params, version }) => json(describeObject(state, object(params[0]!), version)),
    },
    {
      method: 'GET',
      pattern: /^\/limits\/?$/,
      kind: 'data',
      handle() {
        const { used, limit } = state.apiUsage
        const jobs = state.ingestJobs.size + state.queryJobs.size
        const pair = (max: number, remaining: number) => ({ Max: max, Remaining: Math.max(0, remaining) })
        return json({
          ConcurrentAsyncGetReportInstances: pair(200, 200),
          ConcurrentSyncReportRuns: pair(20, 20),
          DailyApiRequests: pair(limit, limit - used),
          DailyAsyncApexExecutions: pair(250_000, 250_000),
          DailyBulkApiBatches: pair(15_000, 15_000 - jobs),
          DailyBulkV2QueryFileStorageMB: pair(976_562, 976_562),
          DailyBulkV2QueryJobs: pair(10_000, 10_000 - state.queryJobs.size),
          DataStorageMB: pair(5, 5),
          FileStorageMB: pair(20, 20 - Math.ceil([...state.blobs.values()].reduce((sum, b) => sum + b.length, 0) / 1_048_576)),
          HourlyTimeBasedWorkflow: pair(50, 50),
          SingleEmail: pair(5_000, 5_000),
          MassEmail: pair(5_000, 5_000),
          StreamingApiConcurrentClients: pair(2_000, 2_000),
        })
      },
    },
  ]
}
