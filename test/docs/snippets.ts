// Extracts every fenced ```ts block of a Markdown file. All of them are type-checked; HTML comments
// right before a block (hidden on GitHub and npm) say what else to do with it:
//   <!-- run -->              also run it against the fakes (it must exit 0)
//   <!-- run: name.ts -->     the same, under that file name
//   <!-- file: name.ts -->    write it as `name.ts`, for the file's other blocks to import
//   <!-- prelude: code -->    hidden code put before the block: the free variables of a fragment
//                             (`declare const wiki: Client<'wikijs'>`), imports it assumes
//   <!-- check: code -->      hidden code put after the block: assertions on what it did
// A block without `export`/`import` is still a module: blocks never share a scope.

export interface Snippet {
  /** File name inside the document's scratch folder. */
  file: string
  run: boolean
  /** Hidden code written before `code` (empty when the block has no prelude). */
  prelude: string
  code: string
  /** Hidden code written after `code` (empty when the block has no check). */
  check: string
  /** 1-based line of the opening fence in the document. */
  line: number
}

const FENCE = /^```(\w*)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm
const COMMENTS_BEFORE = /((?:<!--(?:(?!-->)[\s\S])*-->[ \t]*\r?\n[ \t\r\n]*)+)$/
const COMMENT = /<!--\s*([\w-]+)(?::\s*((?:(?!-->)[\s\S])*?))?\s*-->/g
const CHECKED = new Set(['ts', 'typescript'])

export function extractSnippets(markdown: string, document: string): Snippet[] {
  const out: Snippet[] = []
  let index = 0
  for (const match of markdown.matchAll(FENCE)) {
    const [, lang, code] = match
    if (!CHECKED.has(lang ?? '')) continue
    index++
    const line = markdown.slice(0, match.index).split('\n').length
    const snippet: Snippet = { file: `snippet-${index}.ts`, run: false, prelude: '', code: (code ?? '').replace(/\r?\n$/, ''), check: '', line }
    const before = markdown.slice(0, match.index).match(COMMENTS_BEFORE)?.[1] ?? ''
    for (const [, kind, value] of before.matchAll(COMMENT)) {
      const where = `${document}:${line}`
      if (kind === 'run' || kind === 'file') {
        if (value !== undefined && !/^[\w.-]+\.ts$/.test(value)) throw new Error(`${where}: <!-- ${kind}: … --> takes a file name ending in .ts, got "${value}"`)
        if (kind === 'file' && value === undefined) throw new Error(`${where}: <!-- file --> needs a name, e.g. <!-- file: worker.ts -->`)
        if (value !== undefined) snippet.file = value
        if (kind === 'run') snippet.run = true
      } else if (kind === 'prelude' || kind === 'check') {
        if (!value) throw new Error(`${where}: <!-- ${kind}: … --> is empty`)
        snippet[kind] += `${value}\n`
      } else {
        throw new Error(`${where}: unknown annotation <!-- ${kind} -->; use run, file, prelude or check`)
      }
    }
    out.push(snippet)
  }
  const names = out.map((s) => s.file)
  const duplicate = names.find((n, i) => names.indexOf(n) !== i)
  if (duplicate) throw new Error(`${document}: two blocks are named ${duplicate}`)
  return out
}

/** The file written for a snippet: prelude, code, check, and `export {}` so that it is a module. */
export function snippetSource(snippet: Snippet): string {
  return `${snippet.prelude}${snippet.code}\n${snippet.check}export {}\n`
}

/** Where line `zeroBasedLine` of `snippetSource(snippet)` is in the document, or which hidden part it is in. */
export function documentLine(snippet: Snippet, zeroBasedLine: number): { line: number; hidden?: 'prelude' | 'check' } {
  const preludeLines = snippet.prelude.split('\n').length - 1
  const codeLines = snippet.code.split('\n').length
  if (zeroBasedLine < preludeLines) return { line: snippet.line, hidden: 'prelude' }
  if (zeroBasedLine >= preludeLines + codeLines) return { line: snippet.line, hidden: 'check' }
  return { line: snippet.line + 1 + (zeroBasedLine - preludeLines) }
}
