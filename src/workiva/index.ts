// isosdk/workiva: the Workiva Platform, Chains and Wdata APIs as standalone functions.
export { workiva, WORKIVA_API_VERSION, WORKIVA_REGIONS, type WorkivaOptions, type WorkivaRegion } from './client.js'
export type { WorkivaHosts } from './hosts.js'
export { callOperation, buildRequest, type OpSpec, type WorkivaClient, type NoParams, type WriteOptions } from './call.js'
export { listOperation, applyCursor, type ListOptions } from './paging.js'
export {
  wait,
  startOperation,
  acceptedFrom,
  type Accepted,
  type LroOptions,
  type LroResult,
  type OperationState,
  type OperationStatus,
  type WaitSource,
  type WorkivaPoller,
  type WorkivaWaitOptions,
} from './operations.js'
export { OperationCancelledError, mapWorkivaError, workivaErrorInfo } from './errors.js'
export * from './generated/index.js'
