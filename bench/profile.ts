/**
 * `npm run bench -- --profile [client]`: runs one client under `node --cpu-prof` against the
 * fake server and prints where its CPU went — self time by function and by component
 * (isosdk core, ofetch, Node's fetch (undici), streams, GC, ...).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { runClient, type BenchServer } from './procs.js'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface ProfileSummary {
  client: string
  totalMs: number
  byComponent: { component: string; ms: number; share: number }[]
  topFunctions: { fn: string; where: string; ms: number; share: number }[]
  /** Inclusive time of selected frames (their callees included). */
  inclusive: { fn: string; ms: number; share: number }[]
}

/** Which part of the stack a frame belongs to. */
function component(url: string, fn: string): string {
  if (fn === '(garbage collector)') return 'GC'
  if (fn === '(idle)' || fn === '(program)') return fn
  if (url.includes('/src/node/') || url.includes('/.bench/dist/node/')) return 'isosdk/node transport'
  if (url.includes('/src/core/') || url.includes('/src/auth/') || url.includes('/.bench/dist/')) return 'isosdk core'
  if (url.includes('node_modules/ofetch') || url.includes('node_modules/destr') || url.includes('node_modules/ufo')) return 'ofetch'
  if (url.includes('node_modules/valibot')) return 'valibot'
  if (url.includes('node_modules/undici/')) return 'undici (package)'
  if (url.includes('node:internal/deps/undici') || url.includes('internal/deps/undici')) return "Node's fetch (bundled undici)"
  if (url.includes('webstreams') || url.includes('internal/streams')) return 'streams'
  if (url.includes('/bench/')) return 'benchmark harness'
  if (url === '') return 'native / builtins'
  if (url.startsWith('node:')) return 'Node internals (other)'
  return 'other'
}

export function summarise(profile: CpuProfile, client: string, inclusiveNames: string[] = []): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  }
  let total = 0
  const components = new Map<string, number>()
  const functions = new Map<string, { where: string; us: number }>()
  for (const [id, us] of self) {
    const node = byId.get(id)!
    const { functionName, url, lineNumber } = node.callFrame
    const fn = functionName || '(anonymous)'
    const comp = component(url, fn)
    if (comp === '(idle)') continue
    total += us
    components.set(comp, (components.get(comp) ?? 0) + us)
    const where = url ? `${url.replace(/^.*\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}` : ''
    const key = `${fn} ${where}`
    const entry = functions.get(key) ?? { where, us: 0 }
    entry.us += us
    functions.set(key, entry)
  }
  // Inclusive time: a frame's own samples plus its descendants' (counted once per sample path).
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const inclusive = new Map<string, number>()
  for (const [id, us] of self) {
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName
      if (inclusiveNames.includes(name) && !seen.has(name)) {
        seen.add(name)
        inclusive.set(name, (inclusive.get(name) ?? 0) + us)
      }
    }
  }
  const share = (us: number) => us / total
  return {
    client,
    totalMs: total / 1000,
    byComponent: [...components].sort((a, b) => b[1] - a[1]).map(([c, us]) => ({ component: c, ms: us / 1000, share: share(us) })),
    topFunctions: [...functions]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, 25)
      .map(([key, e]) => ({ fn: key.split(' ')[0]!, where: e.where, ms: e.us / 1000, share: share(e.us) })),
    inclusive: [...inclusive].sort((a, b) => b[1] - a[1]).map(([fn, us]) => ({ fn, ms: us / 1000, share: share(us) })),
  }
}

/** Runs `client` under --cpu-prof (20,000 GETs at 64 in flight) and summarises the profile. */
export async function profileClient(server: BenchServer, client: string, count = 20_000): Promise<ProfileSummary> {
  const dir = join(process.cwd(), '.bench', 'prof', client)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  await runClient(server, { mode: 'throughput', client, path: '/item', concurrency: 64, count, warmup: 2_000, timeLimitMs: 60_000 }, [
    '--cpu-prof',
    `--cpu-prof-dir=${dir}`,
  ])
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))
  if (!file) throw new Error(`no profile written for ${client}`)
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile
  return summarise(profile, client, [
    'request', '$fetchRaw2', 'fetch', 'readBody', 'parseWith', 'authorize', 'redactHeaders', 'redactText', 'linkSignals', 'buildURL',
    'acquire', 'text', 'json', 'undiciTransport', 'transport',
  ])
}
