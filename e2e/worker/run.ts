/**
 * Cloudflare Workers e2e: bundles examples/worker (esbuild, `isosdk` from the installed packed
 * package) and runs it in workerd through miniflare's API, against the e2e fake API.
 *
 * Two Workers in one Miniflare — two isolates, each with its own module state — bind the same
 * KV namespace id: the first fetches a token and stores it with `kvTokenStore(env.TOKENS)`, the
 * second finds it there, so the fake counts one token request for everything both Workers do.
 * (Two Miniflare instances — two workerd processes — sharing one `kvPersist` folder work only
 * when they start one after the other: started together, workerd aborts with `SQLITE_BUSY`.)
 *
 *   FAKE_API_URL=http://127.0.0.1:PORT npx tsx e2e/worker/run.ts
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { build, type Plugin } from 'esbuild'
import { Miniflare } from 'miniflare'
import { consumerDir, CONSUMER_SPECIFIER } from '../fixtures/consumer.js'

const started = Date.now()
const api = process.env.FAKE_API_URL
if (!api) throw new Error('FAKE_API_URL is not set (the e2e fake API, e2e/fixtures/server.ts)')
const root = resolve(import.meta.dirname, '../..')
const out = join(root, 'e2e/.tmp/worker')
rmSync(out, { recursive: true, force: true })
mkdirSync(out, { recursive: true })

const require = createRequire(import.meta.url)
const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version

/** Resolves `isosdk` (and so valibot) and `@opentelemetry/api` as if imported from the consumer folder. */
function packedIsosdk(dir: string): Plugin {
  return {
    name: 'packed-isosdk',
    setup(b) {
      b.onResolve({ filter: CONSUMER_SPECIFIER }, async (args) => {
        if (args.resolveDir === dir) return undefined
        const result = await b.resolve(args.path, { kind: args.kind, resolveDir: dir })
        if (result.errors.length > 0) return { errors: result.errors }
        return { path: result.path }
      })
    },
  }
}

const dir = consumerDir()
const bundled = await build({
  entryPoints: [join(root, 'examples/worker/src/index.ts')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  conditions: ['workerd', 'worker', 'browser'],
  target: 'es2022',
  outfile: join(out, 'worker.js'),
  plugins: [packedIsosdk(dir)],
  metafile: true,
  logLevel: 'warning',
})
const inputs = Object.keys(bundled.metafile.inputs)
const fromPackage = inputs.filter((path) => path.includes('node_modules/isosdk/'))
if (fromPackage.length === 0 || inputs.some((path) => path.startsWith('src/') || path.includes('/src/core/'))) {
  throw new Error(`the worker bundle must take isosdk from the packed package only; inputs: ${inputs.join(', ')}`)
}
const workerBytes = readFileSync(join(out, 'worker.js')).byteLength

const clientId = `worker-e2e-${Date.now().toString(36)}`
const worker = (name: string) => ({
  name,
  modules: true,
  scriptPath: join(out, 'worker.js'),
  compatibilityDate: '2026-04-01',
  bindings: { API: api, CLIENT_ID: clientId, CLIENT_SECRET: 'e2e-client-secret', WORKER_NAME: name },
  kvNamespaces: { TOKENS: 'isosdk-tokens' }, // the same namespace id: one store for both Workers
})
const mf = new Miniflare({ host: '127.0.0.1', port: 0, workers: [worker('worker-a'), worker('worker-b')] })

const failures: string[] = []
const check = (ok: boolean, message: string) => {
  if (!ok) failures.push(message)
}
const tokenRequests = async () =>
  ((await (await fetch(`${api}/__stats?client=${clientId}`)).json()) as { tokenRequests: number }).tokenRequests

try {
  await mf.ready
  // miniflare types getWorker() through @cloudflare/workers-types, which this repo does not install.
  type Fetcher = { fetch(url: string): Promise<{ status: number; json(): Promise<unknown> }> }
  const a = (await mf.getWorker('worker-a')) as unknown as Fetcher
  const b = (await mf.getWorker('worker-b')) as unknown as Fetcher
  const call = async (target: Fetcher, path: string) => {
    const res = await target.fetch(`http://localhost${path}`)
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }

  const first = await call(a, '/me')
  check(first.status === 200 && (first.body.me as { authorizedBy?: string })?.authorizedBy === `oauth:${clientId}`, `worker-a /me: ${JSON.stringify(first)}`)
  check((await tokenRequests()) === 1, 'worker-a made no token request, or more than one')

  const second = await call(b, '/me')
  check(
    second.status === 200 && second.body.worker === 'worker-b' && (second.body.me as { authorizedBy?: string })?.authorizedBy === `oauth:${clientId}`,
    `worker-b /me: ${JSON.stringify(second)}`,
  )
  const [listA, listB, missing] = await Promise.all([call(a, '/items'), call(b, '/items'), call(b, '/items/999')])
  for (const list of [listA, listB]) {
    check(list.status === 200 && list.body.count === 25 && list.body.pages === 3, `/items: ${JSON.stringify(list)}`)
  }
  check(missing.status === 404 && missing.body.error === 'NotFoundError', `/items/999: ${JSON.stringify(missing)}`)
  const shared = await tokenRequests()
  check(shared === 1, `two Workers sharing one KV namespace made ${shared} token requests (expected 1)`)

  const smoke = await call(a, '/smoke')
  check(smoke.status === 200 && smoke.body.ok === true, `smoke in workerd: ${JSON.stringify(smoke.body)}`)
  console.log(`smoke in workerd: ${(smoke.body.passed as string[] | undefined)?.join(', ')} (${String(smoke.body.ms)} ms)`)
  console.log(`token requests for both Workers: ${shared}; worker bundle ${workerBytes} bytes`)
} finally {
  await mf.dispose()
}

const label = `workerd ${version('workerd')} (miniflare ${version('miniflare')}, 2 Workers, one KV namespace)`
const ms = Date.now() - started
if (failures.length > 0) {
  console.log(`FAIL ${label} in ${ms} ms:\n  ${failures.join('\n  ')}`)
  process.exitCode = 1
} else {
  console.log(`PASS ${label}: /me, /items, 404, one token for two Workers, smoke — in ${ms} ms`)
}
