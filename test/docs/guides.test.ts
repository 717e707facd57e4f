// The guides' checked code blocks (see snippets.ts) type-check against the source and run
// against the fakes, so an option name or a behaviour a guide states cannot drift from the code.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { readCompilerOptions } from './exported-functions.js'
import { extractSnippets, type Snippet } from './snippets.js'

const root = join(import.meta.dirname, '..', '..')
const docs = join(root, 'docs')
/** The guides this suite checks; service pages join by adding checked blocks of their own. */
const guides = existsSync(docs) ? readdirSync(docs).filter((f) => f.endsWith('.md')).sort() : []

// Scratch files live inside the repository so `isosdk/*` (tsconfig paths) and node_modules resolve.
const scratch = mkdtempSync(join(import.meta.dirname, '.snippets-'))
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

const written = guides.map((guide) => {
  const snippets = extractSnippets(readFileSync(join(docs, guide), 'utf8'), guide)
  const dir = join(scratch, guide.replace(/\.md$/, ''))
  mkdirSync(dir, { recursive: true })
  for (const s of snippets) writeFileSync(join(dir, s.file), s.code)
  return { guide, dir, snippets }
})

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>()
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    slugs.add(heading!.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'))
  }
  return slugs
}

describe('extractSnippets', () => {
  it('takes only marked ts blocks, with their names and lines', () => {
    const md = ['# t', '```ts', 'skipped()', '```', '<!-- file: a.ts -->', '```ts', 'export const a = 1', '```', '', '<!-- run -->', '```ts', "import { a } from './a.js'", '```'].join('\n')
    expect(extractSnippets(md, 't.md')).toEqual([
      { file: 'a.ts', run: false, code: 'export const a = 1', line: 6 },
      { file: 'snippet-2.ts', run: true, code: "import { a } from './a.js'", line: 11 },
    ])
  })
})

describe('guides', () => {
  it('exist', () => {
    expect(guides).toEqual(expect.arrayContaining(['auth.md', 'pagination.md', 'polling.md', 'concurrency.md', 'errors-and-retries.md', 'testing.md', 'runtimes.md']))
  })

  const files = written.flatMap(({ dir, snippets }) => snippets.map((s) => join(dir, s.file)))
  const where = new Map<string, { guide: string; snippet: Snippet }>(
    written.flatMap(({ guide, dir, snippets }) => snippets.map((s) => [join(dir, s.file), { guide, snippet: s }] as const)),
  )

  it('relative links point at files and headings that exist', () => {
    const broken: string[] = []
    for (const guide of guides) {
      const text = readFileSync(join(docs, guide), 'utf8').replace(/```[\s\S]*?```/g, '')
      for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/i.test(target!)) continue // http:, https:, mailto:
        const [path, anchor] = target!.split('#') as [string, string | undefined]
        const file = path === '' ? join(docs, guide) : join(docs, path)
        if (!existsSync(file)) {
          broken.push(`docs/${guide}: ${target} (no such file)`)
          continue
        }
        if (anchor && file.endsWith('.md') && !headingSlugs(readFileSync(file, 'utf8')).has(anchor)) {
          broken.push(`docs/${guide}: ${target} (no such heading)`)
        }
      }
    }
    expect(broken).toEqual([])
  })

  it('checked blocks type-check', () => {
    const program = ts.createProgram(files, readCompilerOptions(join(root, 'tsconfig.json')))
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && where.has(d.file.fileName))
      .map((d) => {
        const { guide, snippet } = where.get(d.file!.fileName)!
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0)
        return `docs/${guide}:${snippet.line + line + 1} (${snippet.file}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`
      })
    expect(problems).toEqual([])
  }, 120_000)

  for (const { guide, dir, snippets } of written) {
    for (const snippet of snippets.filter((s) => s.run)) {
      it(`docs/${guide}:${snippet.line} runs (${snippet.file})`, () => {
        const file = join(dir, snippet.file)
        const result = spawnSync(process.execPath, ['--import', 'tsx', file], {
          cwd: root,
          encoding: 'utf8',
          timeout: 60_000,
          env: { ...process.env, NO_COLOR: '1' },
        })
        const output = `${result.stdout}\n${result.stderr}`.trim()
        expect(result.status, `${relative(root, file)} exited ${result.status ?? result.signal}:\n${output}`).toBe(0)
      }, 90_000)
    }
  }
})
