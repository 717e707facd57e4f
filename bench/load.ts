// Loads isosdk for a benchmark process: the esbuild output in .bench/dist when bench/main.ts
// built it (ISOSDK_BENCH_DIST), else the TypeScript sources through tsx.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type * as Core from '../src/index.js'
import type * as Auth from '../src/auth/index.js'
import type * as Otel from '../src/otel/index.js'

export interface Isosdk {
  createClient: typeof Core.createClient
  paginate: typeof Core.paginate
  mapConcurrent: typeof Core.mapConcurrent
  apiKey: typeof Auth.apiKey
  /** `isosdk/node`; undefined when that entry does not exist yet. */
  undiciTransport?: (options?: { connections?: number }) => typeof fetch
  /** `isosdk/otel`; undefined when that entry does not exist. */
  otel?: typeof Otel.otel
  /** Where it was loaded from. */
  from: 'dist' | 'src'
}

let loaded: Promise<Isosdk> | undefined

export function loadIsosdk(): Promise<Isosdk> {
  loaded ??= load()
  return loaded
}

async function importIfExists(file: string): Promise<Record<string, unknown> | undefined> {
  if (!existsSync(file)) return undefined
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>
}

async function load(): Promise<Isosdk> {
  const dist = process.env.ISOSDK_BENCH_DIST
  const fromDist = dist !== undefined && existsSync(join(dist, 'index.js'))
  const base = fromDist ? dist : join(process.cwd(), 'src')
  const ext = fromDist ? '.js' : '.ts'
  const core = (await importIfExists(join(base, `index${ext}`))) as unknown as typeof Core
  const auth = (await importIfExists(join(base, 'auth', `index${ext}`))) as unknown as typeof Auth
  const node = await importIfExists(join(base, 'node', `index${ext}`))
  const otel = await importIfExists(join(base, 'otel', `index${ext}`))
  return {
    createClient: core.createClient,
    paginate: core.paginate,
    mapConcurrent: core.mapConcurrent,
    apiKey: auth.apiKey,
    undiciTransport: node?.undiciTransport as Isosdk['undiciTransport'],
    otel: otel?.otel as Isosdk['otel'],
    from: fromDist ? 'dist' : 'src',
  }
}
