// Cold import: a fresh process that imports one entry and exits, against the same process
// importing nothing, in Node and (when its binary is installed) Deno. Runs alternate between
// targets so a burst of machine noise hits them all alike; the median is reported.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { DIST, ROOT, specifierOf } from './build.js'

export interface ImportRow {
  name: string
  anchor: boolean
  /** Median ms added to an empty process, per runtime (undefined when not measured). */
  node?: number
  deno?: number
  /** Why a runtime could not import it. */
  note?: string
}

export interface ImportReport {
  rows: ImportRow[]
  baseline: { node: number; deno?: number }
  runs: number
  /** Why Deno was not measured, if it was not. */
  denoSkipped?: string
}

const DENO = join(ROOT, 'node_modules', '.bin', 'deno')

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function timeRun(command: string, args: string[]): number {
  const t0 = performance.now()
  const result = spawnSync(command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000, killSignal: 'SIGKILL' })
  const ms = performance.now() - t0
  if (result.error || result.signal) throw new Error(`did not exit within 20 s (${result.error?.message ?? result.signal})`)
  if (result.status !== 0) throw new Error(`exit ${result.status}: ${result.stderr.toString().trim().split('\n')[0]?.slice(0, 300)}`)
  return ms
}

export function measureColdImport(files: Record<string, string>, options: { runs: number; deno: boolean }): ImportReport {
  const dir = join(ROOT, '.bench', 'import')
  mkdirSync(dir, { recursive: true })
  const targets: { name: string; anchor: boolean; file: string }[] = []
  const script = (name: string, specifiers: string[]) => {
    const file = join(dir, `${name.replace(/[^\w]+/g, '_')}.mjs`)
    // Deno keeps a process alive while a BroadcastChannel is open, and msw (isosdk/testing) opens one on import.
    writeFileSync(file, specifiers.map((s) => `import ${JSON.stringify(s)}`).join('\n') + '\nglobalThis.Deno?.exit(0)\n')
    return file
  }
  const empty = script('empty', [])
  targets.push({ name: 'ofetch', anchor: true, file: script('anchor_ofetch', ['ofetch']) })
  targets.push({ name: 'ky', anchor: true, file: script('anchor_ky', ['ky']) })
  const url = (entry: string) => pathToFileURL(files[entry]!).href
  if (files.index && files['auth/index']) targets.push({ name: 'isosdk + isosdk/auth', anchor: false, file: script('isosdk_auth', [url('index'), url('auth/index')]) })
  for (const entry of Object.keys(files)) targets.push({ name: specifierOf(entry), anchor: false, file: script(`entry_${entry}`, [url(entry)]) })

  const runtimes: { name: 'node' | 'deno'; command: string; args: (file: string) => string[] }[] = [
    { name: 'node', command: process.execPath, args: (file) => [file] },
  ]
  let denoSkipped: string | undefined
  if (!options.deno) denoSkipped = 'not asked (--no-deno)'
  else if (!existsSync(DENO)) denoSkipped = 'no deno binary in node_modules/.bin'
  else runtimes.push({ name: 'deno', command: DENO, args: (file) => ['run', '--no-lock', '--quiet', '--allow-read', '--allow-env', '--allow-sys', file] })

  const times = new Map<string, number[]>()
  const key = (runtime: string, file: string) => `${runtime} ${file}`
  const failed = new Map<string, string>()
  for (const runtime of [...runtimes]) {
    // One unmeasured run each: Deno compiles and caches modules on first sight, and a broken target shows here.
    try {
      timeRun(runtime.command, runtime.args(empty))
    } catch (error) {
      if (runtime.name === 'node') throw error
      denoSkipped = `deno failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`
      runtimes.splice(runtimes.indexOf(runtime), 1)
      continue
    }
    for (const target of targets) {
      try {
        timeRun(runtime.command, runtime.args(target.file))
      } catch (error) {
        failed.set(key(runtime.name, target.file), error instanceof Error ? error.message.split('\n')[0]! : String(error))
      }
    }
  }
  for (let run = 0; run < options.runs; run++) {
    for (const runtime of runtimes) {
      for (const file of [empty, ...targets.map((t) => t.file)]) {
        if (failed.has(key(runtime.name, file))) continue
        const k = key(runtime.name, file)
        const list = times.get(k) ?? []
        list.push(timeRun(runtime.command, runtime.args(file)))
        times.set(k, list)
      }
    }
  }
  const base = (runtime: string) => median(times.get(key(runtime, empty)) ?? [0])
  const hasDeno = runtimes.some((r) => r.name === 'deno')
  return {
    rows: targets.map((t) => ({
      name: t.name,
      anchor: t.anchor,
      ...(times.has(key('node', t.file)) && { node: median(times.get(key('node', t.file))!) - base('node') }),
      ...(hasDeno && times.has(key('deno', t.file)) && { deno: median(times.get(key('deno', t.file))!) - base('deno') }),
      ...((failed.has(key('node', t.file)) || failed.has(key('deno', t.file))) && {
        note: [...['node', 'deno']].filter((r) => failed.has(key(r, t.file))).map((r) => `${r}: ${failed.get(key(r, t.file))}`).join('; '),
      }),
    })),
    baseline: { node: base('node'), ...(hasDeno && { deno: base('deno') }) },
    runs: options.runs,
    ...(denoSkipped && { denoSkipped }),
  }
}

export { DIST }
