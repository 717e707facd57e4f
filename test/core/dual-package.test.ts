// Issue 18 item 9: one process that loads the CJS build (a CLI's `require`) and the ESM build (an
// app's `import`) gets two copies of every error class; `instanceof` must still recognise an
// error made by the other copy, with subclass semantics intact.
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'tsup'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

type Errors = typeof import('../../src/core/errors.js')

const root = resolve(import.meta.dirname, '../..')
let outDir: string
let esm: Errors
let cjs: Errors

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'isosdk-dual-'))
  // tsup as package.json's build runs it (both formats, splitting), only the core entry, no d.ts.
  await build({
    config: false,
    entry: { index: join(root, 'src/index.ts') },
    format: ['esm', 'cjs'],
    outDir,
    splitting: true,
    treeshake: true,
    target: 'es2022',
    platform: 'neutral',
    dts: false,
    silent: true,
    external: ['valibot'],
    outExtension: ({ format }) => ({ js: format === 'cjs' ? '.cjs' : '.js' }),
  })
  // The built files import valibot: resolve it from the repo's node_modules.
  symlinkSync(join(root, 'node_modules'), join(outDir, 'node_modules'))
  cjs = createRequire(import.meta.url)(join(outDir, 'index.cjs')) as Errors
  esm = (await import(pathToFileURL(join(outDir, 'index.js')).href)) as Errors
}, 120_000)

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

const init = { status: 404, method: 'GET', url: 'https://api.example.com/x' }

describe('error classes across the CJS and ESM builds', () => {
  it('loads two distinct copies (the hazard is real)', () => {
    expect(esm.NotFoundError).not.toBe(cjs.NotFoundError)
  })

  for (const [made, checked, label] of [
    ['cjs', 'esm', 'CJS error, ESM classes'],
    ['esm', 'cjs', 'ESM error, CJS classes'],
  ] as const) {
    it(label, () => {
      const from = made === 'cjs' ? cjs : esm
      const to = checked === 'cjs' ? cjs : esm
      const notFound = new from.NotFoundError(init)
      expect(notFound instanceof to.NotFoundError).toBe(true)
      expect(notFound instanceof to.HttpError).toBe(true)
      expect(notFound instanceof to.IsoSdkError).toBe(true)
      expect(notFound instanceof Error).toBe(true)
      expect(notFound instanceof to.ServerError).toBe(false)
      expect(notFound instanceof to.ValidationError).toBe(false)

      const server = new from.ServerError({ ...init, status: 503 })
      expect(server instanceof to.NotFoundError).toBe(false)
      expect(server instanceof to.HttpError).toBe(true)

      const validation = new from.ValidationError('ctx', [{ path: 'id', message: 'bad' }])
      expect(validation instanceof to.ValidationError).toBe(true)
      expect(validation instanceof to.HttpError).toBe(false)
      expect(new from.ClientClosedError() instanceof to.IsoSdkError).toBe(true)

      // A made-up error with the same class names but not rooted in an IsoSdkError is not one.
      class IsoSdkError extends Error {}
      class NotFoundError extends IsoSdkError {}
      expect(new NotFoundError() instanceof to.NotFoundError).toBe(false)
      expect(new Error('x') instanceof to.IsoSdkError).toBe(false)
    })
  }

  it('keeps ordinary instanceof within one copy', () => {
    expect(new esm.NotFoundError(init) instanceof esm.NotFoundError).toBe(true)
    expect(new esm.NotFoundError(init) instanceof esm.ServerError).toBe(false)
    class Mine extends esm.HttpError {}
    expect(new Mine(init) instanceof esm.HttpError).toBe(true)
    expect(new Mine(init) instanceof cjs.HttpError).toBe(true)
    expect(new esm.HttpError(init) instanceof Mine).toBe(false)
  })
})
