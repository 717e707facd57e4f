export { workivaFake } from './fake.js'
export type { WorkivaFakeOptions } from './context.js'
// Prefixed names: `isosdk/testing` re-exports every service's fake side by side.
export type {
  WorkivaFakeState,
  FakeFile as WorkivaFakeFile,
  FakeOperation as WorkivaFakeOperation,
  FakeOperationKind as WorkivaFakeOperationKind,
  FakeOrganization as WorkivaFakeOrganization,
  FakeWorkspace as WorkivaFakeWorkspace,
  FakeTable as WorkivaFakeTable,
  FakeChain as WorkivaFakeChain,
  FakeChainRun as WorkivaFakeChainRun,
  FakeChainWorkspace as WorkivaFakeChainWorkspace,
  FakeEnvironment as WorkivaFakeEnvironment,
  FileKind as WorkivaFileKind,
} from './state.js'
export {
  workivaSpecFake,
  workivaSpecSample,
  workivaFakeBaseURLs,
  WORKIVA_FAKE_BASE_PATHS,
  type SpecCall as WorkivaSpecCall,
  type WorkivaBasePaths,
  type WorkivaSpecFakeOptions,
  type WorkivaSpecFakeState,
} from './spec-fake.js'
export { workivaSpecTable } from './generated/operations.js'
export type {
  JsonSchema as WorkivaJsonSchema,
  SpecApi as WorkivaSpecApi,
  SpecOperation as WorkivaSpecOperation,
  SpecParam as WorkivaSpecParam,
  SpecTable as WorkivaSpecTable,
} from './spec-types.js'
