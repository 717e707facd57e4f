// Importing one function pulls in that function, its schema and the core — not the rest of the module.
import { join } from 'node:path'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const ENTRY = join(import.meta.dirname, '..', '..', 'src', 'wikijs', 'index.ts')

async function bundle(names: string[]): Promise<string> {
  const result = await build({
    stdin: { contents: `import { ${names.join(', ')} } from ${JSON.stringify(ENTRY)}\nconsole.log(${names.join(', ')})`, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    minify: true,
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

// A string only each operation's code or schema carries.
const MARKERS = {
  getPage: 'WikiGetPage(',
  getPageByPath: 'WikiGetPageByPath',
  listPages: 'WikiListPages',
  createPage: 'WikiCreatePage',
  updatePage: 'the patch must change at least one field',
  deletePage: 'WikiDeletePage',
  searchPages: 'WikiSearchPages',
  testConnection: 'WikiTestConnection',
} as const

// createPage and updatePage read the page back with getPage.
const USES: Partial<Record<keyof typeof MARKERS, readonly (keyof typeof MARKERS)[]>> = { createPage: ['getPage'], updatePage: ['getPage'] }

describe('tree-shaking (esbuild)', () => {
  it.each(Object.keys(MARKERS) as (keyof typeof MARKERS)[])('a bundle of %s alone carries no other operation', async (name) => {
    const code = await bundle([name])
    const uses: readonly string[] = USES[name] ?? []
    const carried = Object.entries(MARKERS).filter(([, marker]) => code.includes(marker)).map(([other]) => other)
    expect(carried.sort()).toEqual([name, ...uses].sort())
  }, 20_000)
})
