/**
 * Builds the e2e SPA to e2e/spa/dist with `isosdk` taken from the packed package installed by
 * e2e/run.sh (e2e/.tmp/consumer), never from src/.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig, type Plugin } from 'vite'
import { consumerDir, CONSUMER_SPECIFIER } from '../fixtures/consumer.js'

const here = dirname(fileURLToPath(import.meta.url))
/** Entries the SPA may do without (loaded with a dynamic import). */
const OPTIONAL = /^isosdk\/wikijs$/
const ABSENT = '\0isosdk-absent:'

/** Resolves `isosdk` (and through it valibot) and `@opentelemetry/api` as if imported from the consumer folder. */
function packedIsosdk(): Plugin {
  let importer: string | undefined
  return {
    name: 'packed-isosdk',
    enforce: 'pre',
    async resolveId(source, _from, options) {
      if (!CONSUMER_SPECIFIER.test(source)) return null
      importer ??= join(consumerDir(), 'package.json')
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true }).catch((error: unknown) => {
        if (OPTIONAL.test(source)) return null
        throw error
      })
      // A service entry the package does not have (yet): a module that fails when imported.
      if (!resolved && OPTIONAL.test(source)) return `${ABSENT}${source}`
      if (!resolved || !/\/node_modules\/(isosdk|@opentelemetry\/api)\//.test(resolved.id)) {
        throw new Error(`${source} resolved to ${resolved?.id ?? 'nothing'}, not to the consumer folder's installed package`)
      }
      return resolved
    },
    load(id) {
      if (!id.startsWith(ABSENT)) return null
      return `throw new Error(${JSON.stringify(`${id.slice(ABSENT.length)} is not in the packed package`)})`
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
    manifest: true, // the test reads which chunks load up front and which on demand
  },
  preview: { host: '127.0.0.1', strictPort: true },
})
