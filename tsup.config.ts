import { existsSync, readFileSync } from 'node:fs'
import { defineConfig } from 'tsup'

// One entry per `exports` key of package.json, so the two can never drift apart.
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { exports: Record<string, unknown> }
const entry: Record<string, string> = {}
for (const key of Object.keys(pkg.exports)) {
  if (key === './package.json') continue
  const name = key === '.' ? 'index' : `${key.slice(2)}/index`
  const source = `src/${name}.ts`
  if (existsSync(source)) entry[name] = source
}
// The `isosdk` bin (package.json "bin"); its source starts with the `#!/usr/bin/env node` line esbuild keeps.
entry['cli/index'] = 'src/cli/index.ts'

export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  splitting: true,
  treeshake: true,
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  external: ['valibot', 'msw', 'graphql', 'undici', '@opentelemetry/api'],
  esbuildOptions(options, { format }) {
    // src/node/undici.ts reads `import.meta.url ?? __filename`: in the CJS build `import.meta` is
    // empty on purpose and `__filename` answers, so esbuild's warning about it is noise there.
    if (format === 'cjs') options.logOverride = { ...options.logOverride, 'empty-import-meta': 'silent' }
  },
})
