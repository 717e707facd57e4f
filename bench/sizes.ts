// Bundle sizes: esbuild from src/ (dependencies included), minified, gzip -9 — the same
// measurement as the size budget test (test/size), with the anchors built in the same run.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bundleSize, bytesFrom, generatedWorkivaFunctions, hasSource, ROOT } from '../test/size/bundle.js'

export interface SizeRow {
  name: string
  anchor: boolean
  gzip: number
  bytes: number
  note?: string
}

export interface SizeReport {
  rows: SizeRow[]
  /** What a helper adds to the core + apiKey + one function bundle, and whether it is absent when unused. */
  helpers: { name: string; addedGzip: number; absentWhenUnused: boolean }[]
  /** Files of the same module that must not be in a one-function bundle, with the bytes found (0 = absent). */
  unused: { bundle: string; file: string; bytes: number }[]
  /** Marginal cost of each generated Workiva function over a bundle with one function of each kind. */
  workivaExtra?: { measured: number; total: number; median: number; max: number; maxName: string; over400: string[] }
  /** Service entries or functions that did not exist, so their rows are missing. */
  missing: string[]
}

const SERVICES = ['wikijs', 'workiva', 'salesforce', 'folio', 'bloomy'] as const

const ANCHORS: Record<string, string> = {
  'ofetch, one call': `import { ofetch } from 'ofetch'
ofetch('https://api.example.com/x').then((value) => console.log(value))`,
  'ofetch + a valibot object parse': `import { ofetch } from 'ofetch'
import * as v from 'valibot'
const Item = v.object({ id: v.number(), title: v.string(), path: v.string(), updatedAt: v.string(), tags: v.array(v.string()), content: v.string() })
ofetch('https://api.example.com/x').then((value) => console.log(v.parse(Item, value)))`,
  'ky, one call': `import ky from 'ky'
ky.get('https://api.example.com/x').json().then((value) => console.log(value))`,
}

/**
 * SDKs people use today, one call each. Not dependencies of isosdk: installed on first use into
 * .bench/anchors (pinned, so the numbers compare across runs); skipped when npm cannot reach a registry.
 */
const SDK_ANCHOR_PACKAGES = ['@octokit/core@7.0.8', 'openai@6.30.1', '@aws-sdk/client-s3@3.1169.0']
const SDK_ANCHORS: Record<string, string> = {
  'Octokit core, one request': `import { Octokit } from '@octokit/core'
new Octokit({ auth: 'token-0123456789' }).request('GET /repos/{owner}/{repo}', { owner: 'o', repo: 'r' }).then((r) => console.log(r.data))`,
  'openai-node, one call': `import OpenAI from 'openai'
new OpenAI({ apiKey: 'key-0123456789', dangerouslyAllowBrowser: true }).models.retrieve('gpt-4o').then((m) => console.log(m))`,
  'AWS S3 client, one command': `import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3'
new S3Client({ region: 'us-east-1' }).send(new GetObjectCommand({ Bucket: 'b', Key: 'k' })).then((r) => console.log(r))`,
}

/** The directory the SDK anchors resolve from, installing them when missing; an error says why they are not there. */
function sdkAnchorDir(): string {
  const dir = join(ROOT, '.bench', 'anchors')
  const marker = join(dir, 'installed.txt')
  if (existsSync(marker) && readFileSync(marker, 'utf8') === SDK_ANCHOR_PACKAGES.join('\n')) return dir
  mkdirSync(dir, { recursive: true })
  execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--ignore-scripts', '--no-audit', '--no-fund', ...SDK_ANCHOR_PACKAGES], {
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: 180_000,
  })
  writeFileSync(marker, SDK_ANCHOR_PACKAGES.join('\n'))
  return dir
}

const CORE_APIKEY = `import { createClient } from './src/index.ts'
import { apiKey } from './src/auth/index.ts'
const client = createClient({ baseURL: 'https://api.example.com', auth: apiKey({ key: 'key-0123456789' }) })
`

function exportsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8')
  return [...text.matchAll(/^export (?:async )?function (\w+)\(/gm)].map((m) => m[1]!)
}

/** Runs `tasks` with at most `limit` at once (esbuild builds in parallel on its own threads). */
async function inBatches<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++
        out[i] = await fn(items[i]!)
      }
    }),
  )
  return out
}

export async function measureSizes(options: { allWorkiva: boolean }): Promise<SizeReport> {
  const rows: SizeRow[] = []
  const missing: string[] = []
  for (const [name, code] of Object.entries(ANCHORS)) {
    const size = await bundleSize(code)
    rows.push({ name, anchor: true, gzip: size.gzip, bytes: size.bytes })
  }
  try {
    const dir = sdkAnchorDir()
    for (const [name, code] of Object.entries(SDK_ANCHORS)) {
      const size = await bundleSize(code, dir)
      rows.push({ name, anchor: true, gzip: size.gzip, bytes: size.bytes, note: SDK_ANCHOR_PACKAGES.find((p) => code.includes(`'${p.slice(0, p.lastIndexOf('@'))}'`)) })
    }
  } catch (error) {
    missing.push(`SDK anchors (${SDK_ANCHOR_PACKAGES.join(', ')}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`)
  }

  const core = await bundleSize(`${CORE_APIKEY}client.request({ path: '/x' }).then((value) => console.log(value))`)
  rows.push({ name: 'isosdk core + apiKey, one client.request', anchor: false, gzip: core.gzip, bytes: core.bytes })

  const unused: SizeReport['unused'] = []
  const helpers: SizeReport['helpers'] = []
  let wikiBase: string | undefined
  if (hasSource('src/wikijs/index.ts') && exportsOf('src/wikijs/pages.ts').includes('getPage')) {
    wikiBase = `${CORE_APIKEY}import { getPage } from './src/wikijs/index.ts'
getPage(client, 1).then((page) => console.log(page))
`
    const size = await bundleSize(wikiBase)
    rows.push({ name: 'isosdk core + apiKey + Wiki.js getPage', anchor: false, gzip: size.gzip, bytes: size.bytes })
    for (const file of ['src/wikijs/mutations.ts', 'src/wikijs/search.ts', 'src/wikijs/list.ts']) {
      if (hasSource(file)) unused.push({ bundle: 'getPage', file, bytes: bytesFrom(size, file) })
    }
    for (const file of ['src/core/paginate.ts', 'src/core/poll.ts', 'src/core/concurrent.ts', 'src/auth/oauth-client-credentials.ts', 'src/auth/session-login.ts']) {
      unused.push({ bundle: 'getPage', file, bytes: bytesFrom(size, file) })
    }
    const helperCode: Record<string, [string, string]> = {
      paginate: [
        'src/core/paginate.ts',
        `import { paginate } from './src/index.ts'
for await (const thing of paginate(async (cursor) => { const page = await client.request({ path: '/things', query: { cursor } }); return { items: page.items, next: page.next } })) console.log(thing)`,
      ],
      wait: [
        'src/core/poll.ts',
        `import { wait } from './src/index.ts'
wait(client, { poll: async () => { const op = await client.request({ path: '/op' }); return { done: op.done, status: op.status, value: op.value } } }, { interval: 500 }).result({ timeout: 60000 }).then(console.log)`,
      ],
      mapConcurrent: [
        'src/core/concurrent.ts',
        `import { mapConcurrent } from './src/index.ts'
mapConcurrent([1, 2, 3], (id) => getPage(client, id), { concurrency: 2 }).then(console.log)`,
      ],
    }
    for (const [name, [file, code]] of Object.entries(helperCode)) {
      const withHelper = await bundleSize(`${wikiBase}${code}`)
      helpers.push({ name, addedGzip: withHelper.gzip - size.gzip, absentWhenUnused: bytesFrom(size, file) === 0 })
    }
  } else missing.push('Wiki.js getPage (src/wikijs/pages.ts)')

  let workivaExtra: SizeReport['workivaExtra']
  if (hasSource('src/workiva/index.ts') && hasSource('src/workiva/generated/index.ts')) {
    const all = generatedWorkivaFunctions()
    const fixture = (names: string[]) => `import { workiva, ${names.join(', ')} } from './src/workiva/index.ts'
const client = workiva({ clientId: 'id', clientSecret: 'secret-0123456789' })
for (const call of [${names.join(', ')}]) Promise.resolve().then(() => call(client, {})).then(console.log, console.error)`
    const firstCall = all.find((f) => f.kind === 'call') ?? all[0]!
    const one = await bundleSize(fixture([firstCall.name]))
    rows.push({ name: 'isosdk core + OAuth + one Workiva function', anchor: false, gzip: one.gzip, bytes: one.bytes, note: `${firstCall.name} through the workiva() preset` })

    const baseNames = (['call', 'list', 'lro', 'other'] as const).map((kind) => all.find((f) => f.kind === kind)?.name).filter((n): n is string => n !== undefined)
    const base = await bundleSize(fixture(baseNames))
    const candidates = all.filter((f) => !baseNames.includes(f.name))
    const chosen = options.allWorkiva ? candidates : candidates.filter((_, i) => i % 6 === 0)
    const deltas = await inBatches(chosen, 4, async (f) => ({ name: f.name, added: (await bundleSize(fixture([...baseNames, f.name]))).gzip - base.gzip }))
    const sorted = [...deltas].sort((a, b) => a.added - b.added)
    workivaExtra = {
      measured: deltas.length,
      total: all.length,
      median: sorted[Math.floor(sorted.length / 2)]?.added ?? 0,
      max: sorted[sorted.length - 1]?.added ?? 0,
      maxName: sorted[sorted.length - 1]?.name ?? '',
      over400: sorted.filter((d) => d.added > 400).map((d) => `${d.name} ${d.added} B`),
    }
  } else missing.push('Workiva functions (src/workiva/generated)')

  for (const service of SERVICES) {
    if (!hasSource(`src/${service}/index.ts`)) {
      missing.push(`isosdk/${service}`)
      continue
    }
    try {
      const size = await bundleSize(`export * from './src/${service}/index.ts'`)
      rows.push({ name: `whole isosdk/${service} entry`, anchor: false, gzip: size.gzip, bytes: size.bytes })
    } catch (error) {
      missing.push(`isosdk/${service} (does not build: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})`)
    }
  }
  return { rows, helpers, unused, workivaExtra, missing }
}
