import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// Every top-level example runs against the fakes (tsx resolves `isosdk/*` to src via tsconfig paths).
const dir = join(import.meta.dirname, '..', 'examples')
const examples = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'smoke.ts')

describe('examples run and exit 0', () => {
  it.each(examples)('%s', (file) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { encoding: 'utf8', timeout: 90_000, env: { ...process.env, NO_COLOR: '1' } })
    if (result.status !== 0) console.error(result.stdout, result.stderr)
    expect(result.status).toBe(0)
  }, 100_000)
})
