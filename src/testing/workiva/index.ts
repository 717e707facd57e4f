export { workivaFake } from './fake.js'
export type { WorkivaFakeOptions } from './context.js'
export type {
  WorkivaFakeState,
  FakeFile,
  FakeOperation,
  FakeOperationKind,
  FakeOrganization,
  FakeWorkspace,
  FakeTable,
  FakeChain,
  FakeChainRun,
  FakeChainWorkspace,
  FakeEnvironment,
  FileKind,
} from './state.js'
export {
  workivaSpecFake,
  workivaSpecSample,
  workivaFakeBaseURLs,
  WORKIVA_FAKE_BASE_PATHS,
  type SpecCall,
  type WorkivaBasePaths,
  type WorkivaSpecFakeOptions,
  type WorkivaSpecFakeState,
} from './spec-fake.js'
export { workivaSpecTable } from './generated/operations.js'
export type { JsonSchema, SpecApi, SpecOperation, SpecParam, SpecTable } from './spec-types.js'
