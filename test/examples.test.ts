import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Every top-level example runs against the fakes (tsx resolves `isosdk/*` to src via tsconfig paths).
const dir = join(import.meta.dirname, '..', 'examples')
const examples = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'smoke.ts')

describe('examples run and exit 0', () => {
  it.each(examples)('%s', (file) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { encoding: 'utf8', timeout: 90_000, env: { ...fakesOnlyEnv(), NO_COLOR: '1' } })
    if (result.status !== 0) console.error(result.stdout, result.stderr)
    expect(result.status).toBe(0)
  }, 100_000)
})

/** The environment without the variables that point an example at a real service: `npm test` only ever talks to the fakes. */
function fakesOnlyEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(SF_|FOLIO_|WIKIJS_|WIKI_|BLOOMY_|BG_|WORKIVA_)/.test(name)))
}
