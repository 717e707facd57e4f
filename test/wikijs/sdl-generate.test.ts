// The committed schema module (src/testing/wikijs/sdl.ts) against a fresh run of its generator over
// the real Wiki.js 2.5 schema files.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCHEMA_DIR, generateWikijsSdlModule, OUTPUT } from '../../scripts/generate-wikijs-sdl.js'

if (!DEFAULT_SCHEMA_DIR) console.warn('skipping the Wiki.js SDL staleness check: ../shared/services/wikijs/schema is absent (set WIKIJS_SCHEMA_DIR to run it)')

describe.skipIf(!DEFAULT_SCHEMA_DIR)('src/testing/wikijs/sdl.ts', () => {
  it('is up to date: regenerating from the schema files gives the committed module (run `npx tsx scripts/generate-wikijs-sdl.ts`)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(generateWikijsSdlModule(DEFAULT_SCHEMA_DIR!))
  })
})
