// Every ```ts block of README.md and docs/*.md type-checks under `strict` against the built
// package (its `exports`, its .d.ts files), and every block marked `<!-- run -->` runs against the
// fakes (served on 127.0.0.1, or msw in the snippet's own process). See snippets.ts for the markers.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtPackage } from './built-package.js'
import { readCompilerOptions } from './exported-functions.js'
import { serveSnippetFakes, type SnippetFakes } from './served-fakes.js'
import { documentLine, extractSnippets, snippetSource, type Snippet } from './snippets.js'

const root = join(import.meta.dirname, '..', '..')
/** README.md and every guide: the documents whose code blocks are checked. */
const documents = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)]

const extracted = documents.map((document) => ({
  document,
  folder: document.replace(/\.md$/, '').replace(/\W/g, '-'),
  snippets: extractSnippets(readFileSync(join(root, document), 'utf8'), document),
}))

// Scratch files live inside the repository so that node_modules (msw, valibot, vite's types) resolve;
// `isosdk` resolves through scratch/node_modules/isosdk, the built package.
const scratch = mkdtempSync(join(import.meta.dirname, '.snippets-'))
const where = new Map<string, { document: string; snippet: Snippet }>()
let fakes: SnippetFakes | undefined

beforeAll(async () => {
  const pkg = builtPackage(root, (line) => console.warn(line))
  mkdirSync(join(scratch, 'node_modules'))
  symlinkSync(pkg, join(scratch, 'node_modules', 'isosdk'), 'dir')
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ private: true, type: 'module' }))
  // tsx reads the tsconfig of its working directory: none of the repository's `paths` here.
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true } }))
  for (const { document, folder, snippets } of extracted) {
    mkdirSync(join(scratch, folder))
    for (const snippet of snippets) {
      const file = join(scratch, folder, snippet.file)
      writeFileSync(file, snippetSource(snippet))
      where.set(file, { document, snippet })
    }
  }
}, 600_000)
afterAll(async () => {
  await fakes?.close()
  rmSync(scratch, { recursive: true, force: true })
})

describe('extractSnippets', () => {
  it('takes every ts block, with its markers, prelude and line', () => {
    const md = [
      '# t', '```ts', 'plain()', '```', '```sh', 'npm test', '```',
      '<!-- file: a.ts -->', '```ts', 'export const a = 1', '```', '',
      '<!-- prelude: declare const n: number -->', '<!-- run -->', '```typescript', "import { a } from './a.js'", '```',
    ].join('\n')
    expect(extractSnippets(md, 't.md')).toEqual([
      { file: 'snippet-1.ts', run: false, prelude: '', code: 'plain()', check: '', line: 2 },
      { file: 'a.ts', run: false, prelude: '', code: 'export const a = 1', check: '', line: 9 },
      { file: 'snippet-3.ts', run: true, prelude: 'declare const n: number\n', code: "import { a } from './a.js'", check: '', line: 15 },
    ])
  })

  it('does not take a comment separated from the block by text', () => {
    const [snippet] = extractSnippets(['<!-- run -->', 'Some text.', '', '```ts', 'x()', '```'].join('\n'), 't.md')
    expect(snippet!.run).toBe(false)
  })

  it('maps lines of the written file back to the document, hidden parts apart', () => {
    const md = ['<!-- prelude:', 'declare const a: number', 'declare const b: number', '-->', '<!-- check: if (a < 0) throw new Error() -->', '```ts', 'a + b', 'a - b', '```']
    const snippet = extractSnippets(md.join('\n'), 't.md')[0]!
    expect(snippetSource(snippet).split('\n')).toEqual(['declare const a: number', 'declare const b: number', 'a + b', 'a - b', 'if (a < 0) throw new Error()', 'export {}', ''])
    expect(documentLine(snippet, 1)).toEqual({ line: 6, hidden: 'prelude' })
    expect(documentLine(snippet, 3)).toEqual({ line: 8 })
    expect(documentLine(snippet, 4)).toEqual({ line: 6, hidden: 'check' })
  })

  it('refuses a marker it does not know', () => {
    expect(() => extractSnippets(['<!-- runnable -->', '```ts', 'x()', '```'].join('\n'), 't.md')).toThrow(/unknown annotation <!-- runnable -->/)
  })
})

describe('doc snippets', () => {
  it('cover README.md and every guide', () => {
    expect(documents).toEqual(expect.arrayContaining(['README.md', 'docs/auth.md', 'docs/pagination.md', 'docs/polling.md', 'docs/concurrency.md', 'docs/errors-and-retries.md', 'docs/testing.md', 'docs/runtimes.md', 'docs/workiva.md', 'docs/salesforce.md', 'docs/folio.md', 'docs/bloomy.md', 'docs/wikijs.md']))
    expect(extracted.find((e) => e.document === 'README.md')!.snippets.length).toBeGreaterThanOrEqual(5)
  })

  it('type-check under strict against the built package', () => {
    const files = [...where.keys()]
    const dist = join(scratch, 'node_modules', 'isosdk', 'dist')
    const { paths: _sourcePaths, ...options } = readCompilerOptions(join(root, 'tsconfig.json'))
    const program = ts.createProgram(files, {
      ...options,
      strict: true,
      // Deno snippets import `npm:isosdk/…`: the same package.
      paths: { 'npm:isosdk': [join(dist, 'index.d.ts')], 'npm:isosdk/*': [join(dist, '*', 'index.d.ts')] },
    })
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && where.has(d.file.fileName))
      .map((d) => {
        const { document, snippet } = where.get(d.file!.fileName)!
        const { line, hidden } = documentLine(snippet, d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line)
        return `${document}:${line}${hidden ? ` (${hidden})` : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
      })
    expect(problems).toEqual([])
    // The snippets really did import the built declarations, not the sources.
    const isosdkFiles = program.getSourceFiles().map((f) => f.fileName).filter((f) => /[/\\]dist[/\\].*\.d\.ts$/.test(f))
    expect(isosdkFiles.length).toBeGreaterThan(5)
    expect(program.getSourceFiles().some((f) => f.fileName.startsWith(join(root, 'src')))).toBe(false)
  }, 120_000)
})

const runs = extracted.flatMap(({ document, folder, snippets }) => snippets.filter((s) => s.run).map((snippet) => ({ document, folder, snippet })))
/** At most this many snippet processes at once. */
const PARALLEL = 3
let running = 0
const queue: (() => void)[] = []
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => queue.push(resolve))
  running++
  try {
    return await fn()
  } finally {
    running--
    queue.shift()?.()
  }
}

describe.concurrent('runnable doc snippets run against the fakes and exit 0', () => {
  beforeAll(async () => {
    fakes = await serveSnippetFakes()
  })

  for (const { document, folder, snippet } of runs) {
    it(`${document}:${snippet.line} (${snippet.file})`, async () => {
      const file = join(scratch, folder, snippet.file)
      // A snippet that imports `npm:` specifiers is for Deno: it runs there, allowed loopback only.
      const [command, args] = /from 'npm:/.test(snippet.code)
        ? [join(root, 'node_modules', '.bin', 'deno'), ['run', '--no-prompt', '--allow-net=127.0.0.1', '--allow-env', '--allow-read', file]]
        : [process.execPath, ['--import', 'tsx', '--import', join(import.meta.dirname, 'loopback-only.mjs'), file]]
      const result = await slot(() =>
        promisify(execFile)(command, args, {
          cwd: scratch,
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, ...fakes!.env, NO_COLOR: '1' },
        }).then(
          () => undefined,
          (error: { code?: number | string; signal?: string; stdout?: string; stderr?: string }) => error,
        ),
      )
      const failure = result && `${relative(root, file)} (${document}:${snippet.line}) exited ${result.code ?? result.signal}:\n${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim()
      expect(failure).toBeUndefined()
    }, 180_000) // includes the wait for a slot
  }
})
