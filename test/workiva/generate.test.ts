import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SPEC_DIR, generateWorkiva } from '../../scripts/generate-workiva.js'

const ROOT = resolve(import.meta.dirname, '../..')
const haveSpecs = existsSync(join(DEFAULT_SPEC_DIR, 'workiva-operations.json'))
if (!haveSpecs) console.warn(`skipping the Workiva generator check: ${DEFAULT_SPEC_DIR} is absent (the generated files cannot be compared)`)

describe.skipIf(!haveSpecs)('generated Workiva code', () => {
  const files = haveSpecs ? generateWorkiva() : new Map<string, string>()

  it('writes every namespace, the schemas, the fake table and the test', () => {
    expect([...files.keys()].filter((p) => p.startsWith('src/workiva/generated/')).length).toBe(18 + 4)
    expect(files.has('src/testing/workiva/generated/operations.ts')).toBe(true)
    expect(files.has('test/workiva/generated/all-operations.test.ts')).toBe(true)
  })

  it('is up to date: regenerating gives the committed files (run `npm run generate`)', () => {
    const stale = [...files].filter(([path, content]) => !existsSync(join(ROOT, path)) || readFileSync(join(ROOT, path), 'utf8') !== content).map(([path]) => path)
    expect(stale).toEqual([])
  })

  it('marks every valibot call pure, so unused schemas and operations vanish from bundles', () => {
    const call = /(?<!\/\* @__PURE__ \*\/ )\b(object|looseObject|optional|nullable|nullish|array|record|pipe|string|number|boolean|unknown|blob|lazy|intersect|union|integer|minValue|maxValue|minLength)\(/
    for (const [path, content] of files) {
      if (!path.startsWith('src/workiva/generated/')) continue
      const code = content.split('\n').filter((line) => !/^\s*(\/\/|\/\*\*|\*)/.test(line))
      const bare = code.filter((line) => call.test(line.replace(/'[^']*'/g, "''")))
      expect(bare, path).toEqual([])
      if (!path.endsWith('/index.ts')) expect(content, path).toContain('/* @__PURE__ */')
    }
  })
})
