// Extracts the checked code blocks of a guide. A fenced ```ts block preceded by
//   <!-- run -->            is type-checked and run (it must exit 0), or
//   <!-- run: name.ts -->   the same, under that file name, or
//   <!-- file: name.ts -->  is type-checked and written as `name.ts` for the guide's other blocks to import.
// Other blocks are illustrations and are not checked.

export interface Snippet {
  /** File name inside the guide's scratch folder. */
  file: string
  run: boolean
  code: string
  /** 1-based line of the opening fence in the guide. */
  line: number
}

const BLOCK = /<!--\s*(run|file)(?::\s*([\w.-]+\.ts))?\s*-->[ \t]*\r?\n```(?:ts|typescript)[ \t]*\r?\n([\s\S]*?)\r?\n```/g

export function extractSnippets(markdown: string, guide: string): Snippet[] {
  const out: Snippet[] = []
  let index = 0
  for (const match of markdown.matchAll(BLOCK)) {
    const [, kind, name, code] = match
    index++
    if (kind === 'file' && !name) throw new Error(`${guide}: <!-- file --> needs a name, e.g. <!-- file: worker.ts -->`)
    const line = markdown.slice(0, match.index).split('\n').length + 1
    out.push({ file: name ?? `snippet-${index}.ts`, run: kind === 'run', code: code ?? '', line })
  }
  const names = out.map((s) => s.file)
  const duplicate = names.find((n, i) => names.indexOf(n) !== i)
  if (duplicate) throw new Error(`${guide}: two checked blocks are named ${duplicate}`)
  return out
}
