export { folioFake, type FolioFake, type FolioFakeOptions } from './fake.js'
export type { FolioFakeState, FolioTenant, FolioCollection, FolioCollectionName, FolioRecord, FolioToken, FolioCounters } from './state.js'
