/** The data the stateful Workiva fake serves; tests may read and change it. */

export type FileKind = 'Document' | 'Spreadsheet' | 'Presentation' | 'Folder'

export interface FakeFile {
  id: string
  name: string
  kind: FileKind
  /** Folder id; `''` = root. */
  container: string
  state: 'Active' | 'Trashed'
  created: string
  modified: string
}

export type FakeOperationKind = 'copy' | 'export' | 'trash' | 'restore' | 'import'

export interface FakeOperation {
  id: string
  kind: FakeOperationKind
  fileId: string
  /** How it ends: `hang` stays `started` for ever (for timeouts). */
  outcome: 'completed' | 'failed' | 'cancelled' | 'hang'
  /** When it was accepted (ms since epoch). */
  createdAt: number
  /** Polls answered so far. */
  polls: number
  /** Copy destination / export format / import file name. */
  detail: string
  /** Ids of what it produced (copies, imported files) once completed. */
  results: string[]
  /** Whether its effect on the files has been applied. */
  applied: boolean
}

export interface FakeOrganization {
  id: string
  name: string
  status: 'active' | 'inactive'
}

export interface FakeWorkspace {
  id: string
  organizationId: string
  name: string
}

export interface FakeTable {
  id: string
  name: string
  type: 'data' | 'lookup' | 'hierarchy'
  columns: { name: string; type: string }[]
}

export interface FakeChainWorkspace {
  id: string
  name: string
}

export interface FakeEnvironment {
  id: string
  workspaceId: string
  name: string
}

export interface FakeChain {
  id: string
  environmentId: string
  name: string
}

export interface FakeChainRun {
  id: string
  chainId: string
  envId: string
  state: 'enqueueing' | 'all_succeeded' | 'errored'
  startAt: string
}

export interface WorkivaFakeState {
  files: Map<string, FakeFile>
  operations: Map<string, FakeOperation>
  /** Export results by operation id: the bytes `GET {resourceUrl}` downloads. */
  downloads: Map<string, string>
  organizations: FakeOrganization[]
  workspaces: FakeWorkspace[]
  tables: FakeTable[]
  chainWorkspaces: FakeChainWorkspace[]
  environments: FakeEnvironment[]
  chains: FakeChain[]
  chainRuns: FakeChainRun[]
  /** Issued bearer tokens → expiry (ms since epoch). */
  tokens: Map<string, number>
  /** Counters for ids. */
  counters: Record<string, number>
}

const BASE_TIME = Date.UTC(2026, 0, 1)
const KINDS: FileKind[] = ['Document', 'Spreadsheet', 'Presentation']

/** An ISO time `minutes` after 2026-01-01, for seeded data (deterministic).
 *
 * @example
 * seedTime(90) // '2026-01-01T01:30:00Z'
 */
export function seedTime(minutes: number): string {
  return new Date(BASE_TIME + minutes * 60_000).toISOString().replace('.000Z', 'Z')
}

function pad(n: number, width = 3): string {
  return String(n).padStart(width, '0')
}

/** Deterministic seed data: `files` documents in the root and two folders, one organization with workspaces, wdata tables, chains.
 *
 * @example
 * const state = seedState({ files: 25, tables: 5, chainRuns: 5 })
 */
export function seedState(counts: { files: number; tables: number; chainRuns: number }): WorkivaFakeState {
  const files = new Map<string, FakeFile>()
  for (const [i, name] of ['Reports', 'Archive'].entries()) {
    const id = `folder-${i + 1}`
    files.set(id, { id, name, kind: 'Folder', container: '', state: 'Active', created: seedTime(i), modified: seedTime(i) })
  }
  for (let i = 1; i <= counts.files; i++) {
    const id = `file-${pad(i)}`
    files.set(id, { id, name: `Report ${pad(i)}`, kind: KINDS[(i - 1) % KINDS.length]!, container: '', state: 'Active', created: seedTime(10 + i), modified: seedTime(10 + i) })
  }
  const organizations: FakeOrganization[] = [{ id: '6f1b0c1e-2d3a-4b5c-8d9e-0a1b2c3d4e5f', name: 'Acme Holdings', status: 'active' }]
  const workspaces: FakeWorkspace[] = ['Finance', 'Sustainability', 'Audit'].map((name, i) => ({ id: `workspace-${i + 1}`, organizationId: organizations[0]!.id, name }))
  const tables: FakeTable[] = []
  for (let i = 1; i <= counts.tables; i++) {
    tables.push({ id: `table-${pad(i)}`, name: `Ledger ${pad(i)}`, type: 'data', columns: [{ name: 'account', type: 'string' }, { name: 'amount', type: 'float' }] })
  }
  const chainWorkspaces: FakeChainWorkspace[] = [{ id: 'cw-1', name: 'Close automation' }]
  const environments: FakeEnvironment[] = [{ id: 'env-1', workspaceId: 'cw-1', name: 'Production' }]
  const chains: FakeChain[] = [
    { id: 'chain-1', environmentId: 'env-1', name: 'Monthly close' },
    { id: 'chain-2', environmentId: 'env-1', name: 'Trial balance import' },
  ]
  const chainRuns: FakeChainRun[] = []
  for (let i = 1; i <= counts.chainRuns; i++) chainRuns.push({ id: `run-${pad(i)}`, chainId: 'chain-1', envId: 'env-1', state: 'all_succeeded', startAt: seedTime(100 + i) })
  return {
    files,
    operations: new Map(),
    downloads: new Map(),
    organizations,
    workspaces,
    tables,
    chainWorkspaces,
    environments,
    chains,
    chainRuns,
    tokens: new Map(),
    counters: {},
  }
}

/** The next id with `prefix` (`op-1`, `op-2`, …).
 *
 * @example
 * nextId(state, 'op') // 'op-1', then 'op-2'
 */
export function nextId(state: WorkivaFakeState, prefix: string): string {
  state.counters[prefix] = (state.counters[prefix] ?? 0) + 1
  return `${prefix}-${state.counters[prefix]}`
}
