/**
 * Builds the e2e SPA to e2e/spa/dist with `isosdk` taken from the packed package installed by
 * e2e/run.sh (e2e/.tmp/consumer), never from src/.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import { consumerDir, ISOSDK_SPECIFIER } from '../fixtures/consumer.js'

const here = dirname(fileURLToPath(import.meta.url))

/** Resolves `isosdk` (and through it ofetch and valibot) as if imported from the consumer folder. */
function packedIsosdk(): Plugin {
  let importer: string | undefined
  return {
    name: 'packed-isosdk',
    enforce: 'pre',
    async resolveId(source, _from, options) {
      if (!ISOSDK_SPECIFIER.test(source)) return null
      importer ??= join(consumerDir(), 'package.json')
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      if (!resolved || !resolved.id.includes('/node_modules/isosdk/')) {
        throw new Error(`isosdk resolved to ${resolved?.id ?? 'nothing'}, not to the installed packed package`)
      }
      return resolved
    },
  }
}

export default defineConfig({
  root: here,
  logLevel: 'warn',
  plugins: [packedIsosdk()],
  build: {
    outDir: join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
  preview: { host: '127.0.0.1', strictPort: true },
})
