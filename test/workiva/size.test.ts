import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Metafile } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'
import { workivaSpecTable } from '../../src/testing/workiva/index.js'

const ROOT = resolve(import.meta.dirname, '../..')
const ENTRY = join(ROOT, 'src/workiva/index.ts')
const GENERATED = join(ROOT, 'src/workiva/generated')
/** Budget of one more generated function in a bundle that already has the shared runtime. */
const BUDGET = 400
const work = mkdtempSync(join(tmpdir(), 'isosdk-workiva-size-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Bundles each entry (name → exported functions) from source: minified, platform neutral, everything inlined. */
async function bundle(entries: Record<string, string[]>): Promise<Record<string, { code: string; gzip: number; metafile: Metafile }>> {
  const points: Record<string, string> = {}
  for (const [name, fns] of Object.entries(entries)) {
    const file = join(work, `${name}.ts`)
    writeFileSync(file, `export { ${fns.join(', ')} } from ${JSON.stringify(ENTRY)}\n`)
    points[name] = file
  }
  const result = await build({ entryPoints: points, outdir: join(work, 'out'), bundle: true, minify: true, write: false, format: 'esm', platform: 'neutral', mainFields: ['module', 'main'], metafile: true, logLevel: 'silent' })
  const out: Record<string, { code: string; gzip: number; metafile: Metafile }> = {}
  for (const file of result.outputFiles) {
    const name = file.path.split('/').pop()!.replace(/\.js$/, '')
    out[name] = { code: file.text, gzip: gzipSync(file.contents, { level: 9 }).length, metafile: result.metafile }
  }
  return out
}

const namespaceOf = (fn: string) => workivaSpecTable.operations.find((o) => o.fn === fn)!.namespace
const quoted = (code: string, text: string) => [`"${text}"`, `'${text}'`, `\`${text}\``].some((q) => code.includes(q))

describe('bundle size of the generated Workiva functions', () => {
  it('one function pulls in none of the others, and no full schema', { timeout: 60_000 }, async () => {
    const { one } = await bundle({ one: ['getFileById'] })
    const { code, metafile } = one!
    expect(quoted(code, '/files/{fileId}')).toBe(true)
    const others = workivaSpecTable.operations.filter((o) => o.fn !== 'getFileById')
    const leaked = others.filter((o) => quoted(code, o.path) && o.path !== '/files/{fileId}')
    expect(leaked.map((o) => o.fn)).toEqual([])
    // PATCH /files/{fileId} shares the path: its method string must be absent too.
    expect(quoted(code, 'PATCH')).toBe(false)
    const output = Object.values(metafile.outputs).find((o) => o.entryPoint?.endsWith('one.ts'))!
    const inputs = output.inputs
    for (const file of readdirSync(GENERATED)) {
      const bytes = inputs[`src/workiva/generated/${file}`]?.bytesInOutput ?? 0
      if (file === 'files.ts' || file === 'common.ts' || file === 'shapes.ts') continue
      expect(bytes, file).toBe(0)
    }
    // The paging and long-running helpers are not needed by a plain GET.
    expect(inputs['src/workiva/paging.ts']?.bytesInOutput ?? 0).toBe(0)
    expect(inputs['src/workiva/operations.ts']?.bytesInOutput ?? 0).toBe(0)
    expect(inputs['src/workiva/generated/files.ts']!.bytesInOutput).toBeLessThan(400)
  })

  it(`each extra function costs ≤ ${BUDGET} bytes gzip (a sample of every namespace)`, { timeout: 120_000 }, async () => {
    const base = ['getFileById', 'getFiles', 'copyFile']
    const fns = workivaSpecTable.operations.map((o) => o.fn).filter((f) => !base.includes(f))
    // Every sixth function, plus the first of each namespace (which also brings that namespace's first shared checks).
    const firsts = new Map<string, string>()
    for (const f of fns) if (!firsts.has(namespaceOf(f))) firsts.set(namespaceOf(f), f)
    const sample = [...new Set([...fns.filter((_, i) => i % 6 === 0), ...firsts.values()])]
    const entries: Record<string, string[]> = { base, all: [...base, ...fns] }
    for (const f of sample) entries[`with-${f}`] = [...base, f]
    const sizes = await bundle(entries)
    const deltas = sample.map((f) => ({ fn: f, bytes: sizes[`with-${f}`]!.gzip - sizes.base!.gzip })).sort((a, b) => b.bytes - a.bytes)
    expect(deltas.filter((d) => d.bytes > BUDGET)).toEqual([])
    // And on average over all 359 at once.
    const average = (sizes.all!.gzip - sizes.base!.gzip) / fns.length
    expect(average).toBeLessThan(BUDGET / 4)
    console.info(`workiva size: base ${sizes.base!.gzip} B gzip; extra function max ${deltas[0]!.bytes} B (${deltas[0]!.fn}), median ${deltas[Math.floor(deltas.length / 2)]!.bytes} B over ${deltas.length} sampled; all 359: ${sizes.all!.gzip} B (${average.toFixed(0)} B each)`)
  })

  it('the generated descriptors stay compact', () => {
    const files = readdirSync(GENERATED).filter((f) => !['schemas.ts', 'common.ts', 'shapes.ts', 'index.ts'].includes(f))
    for (const file of files) {
      for (const line of readFileSync(join(GENERATED, file), 'utf8').split('\n')) {
        if (line.startsWith('const ') && line.includes(': OpSpec = ')) expect(line.length, line.slice(0, 80)).toBeLessThan(700)
      }
    }
  })
})
