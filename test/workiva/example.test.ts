import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const built = existsSync(join(ROOT, 'dist/workiva/index.js')) && existsSync(join(ROOT, 'dist/testing/index.js'))
if (!built) console.warn('skipping examples/workiva.ts: it imports the built package (run `npm run build` first)')

describe.skipIf(!built)('examples/workiva.ts', () => {
  it('exports four files in parallel against the served fake, reports each, exits 0', { timeout: 60_000 }, async () => {
    const env = { ...process.env }
    for (const name of Object.keys(env)) if (name.startsWith('WORKIVA_')) delete env[name]
    const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['examples/workiva.ts'], { cwd: ROOT, env, timeout: 50_000 })
    expect(stdout).toMatch(/Exporting 4 files in parallel via http:\/\/127\.0\.0\.1:\d+/)
    for (const id of ['file-001', 'file-002', 'file-004']) expect(stdout).toMatch(new RegExp(`${id}: OK - http://127\\.0\\.0\\.1:\\d+/downloads/op-\\d`))
    expect(stdout).toContain('file-003: FAILED - Workiva operation op-')
    expect(stdout).toContain('ExportFailed (file-003)')
    expect(stdout).toMatch(/file-00\d: started/)
    expect(stdout).toContain('3 of 4 exports finished')
  })
})
