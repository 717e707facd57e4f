// Every function, function-valued const and class a package entry exports must carry a TSDoc
// comment with an `@example` (the API reference is generated from them: `npm run docs`).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { exportedCallables, readCompilerOptions, type ExportedCallable } from './exported-functions.js'

const root = join(import.meta.dirname, '..', '..')

/** One entry per package.json `exports` key, mapped to its source the way tsup.config.ts does. */
const entries = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }).exports)
  .filter((key) => key !== './package.json')
  .map((key) => {
    const name = key === '.' ? 'isosdk' : `isosdk/${key.slice(2)}`
    const source = join(root, 'src', key === '.' ? 'index.ts' : `${key.slice(2)}/index.ts`)
    return { name, source, exists: existsSync(source) }
  })

const options = readCompilerOptions(join(root, 'tsconfig.json'))

function describeCallable(c: ExportedCallable): string {
  return `${c.name} (${c.kind}, ${c.location})`
}

describe('the checker', () => {
  const fixture = join(import.meta.dirname, 'fixtures', 'index.ts')
  const program = ts.createProgram([fixture], options)
  const found = exportedCallables(program, fixture)
  const byName = Object.fromEntries(found.map((f) => [f.name, f]))

  it('finds functions, function-valued consts and classes, under their exported names, through export *', () => {
    expect(found.map((f) => f.name)).toEqual([
      'documentedArrow',
      'DocumentedClass',
      'documentedFunction',
      'noComment',
      'overloaded',
      'renamedNoExample',
      'starExported',
      'starExportedNoExample',
      'undocumentedArrow',
      'UndocumentedClass',
    ])
    expect(byName.documentedArrow?.kind).toBe('const function')
    expect(byName.DocumentedClass?.kind).toBe('class')
    expect(byName.overloaded?.kind).toBe('function')
  })

  it('flags exactly the ones without an @example', () => {
    expect(found.filter((f) => !f.hasExample).map((f) => f.name)).toEqual([
      'noComment',
      'renamedNoExample',
      'starExportedNoExample',
      'undocumentedArrow',
      'UndocumentedClass',
    ])
  })
})

describe('every exported function of every entry has a TSDoc @example', () => {
  const existing = entries.filter((e) => e.exists)
  const program = ts.createProgram(
    existing.map((e) => e.source),
    options,
  )

  it('covers the core entries', () => {
    expect(existing.map((e) => e.name)).toEqual(expect.arrayContaining(['isosdk', 'isosdk/auth', 'isosdk/testing']))
    // A sanity floor, so a broken checker cannot pass by finding nothing.
    const core = exportedCallables(program, join(root, 'src', 'index.ts')).map((f) => f.name)
    expect(core).toEqual(expect.arrayContaining(['createClient', 'paginate', 'wait', 'mapConcurrent']))
  })

  for (const { name, source, exists } of entries) {
    // An entry whose source is not written yet is reported as skipped, not passed.
    ;(exists ? it : it.skip)(name, () => {
      const callables = exportedCallables(program, source, root)
      expect(callables.length, `${name} exports no function`).toBeGreaterThan(0)
      const missing = callables.filter((c) => !c.hasExample).map(describeCallable)
      expect(missing, `${name}: ${missing.length} exported function(s) without a TSDoc comment containing @example`).toEqual([])
    })
  }
}, 120_000)
