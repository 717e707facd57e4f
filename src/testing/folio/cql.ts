/**
 * The CQL subset the FOLIO fake understands: `==`, `=`, `<>`, `<`, `<=`, `>`, `>=`, `all`, `any`,
 * `adj`; `and`, `or`, `not` (left to right, as CQL has no precedence) and parentheses; FOLIO's
 * term lists `index==(a or b)`;
 * `cql.allRecords=1`; `sortBy key[/sort.ascending|/sort.descending] …`; quoted terms with
 * backslash escapes and the masking characters `*`, `?`, `^`. Anything else is a `CqlError`
 * (the fake answers it 400, as FOLIO does).
 */

export class CqlError extends Error {
  override name = 'CqlError'
}

type Token = { kind: 'word' | 'string' | 'relation' | 'open' | 'close'; text: string }

export type CqlNode =
  | { kind: 'clause'; index: string; relation: string; term: string }
  | { kind: 'bool'; op: 'and' | 'or' | 'not'; left: CqlNode; right: CqlNode }

export interface SortKey {
  index: string
  descending: boolean
}

export interface ParsedCql {
  where: CqlNode | undefined
  sort: SortKey[]
}

const RELATIONS = ['==', '<>', '>=', '<=', '=', '>', '<']
const WORD_RELATIONS = /* @__PURE__ */ new Set(['all', 'any', 'adj'])

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const c = text[i]!
    if (/\s/.test(c)) {
      i++
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c })
      i++
    } else if (c === '"') {
      let j = i + 1
      let raw = ''
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length) {
          raw += text.slice(j, j + 2)
          j += 2
        } else raw += text[j++]
      }
      if (j >= text.length) throw new CqlError(`unterminated quoted term at ${i}`)
      tokens.push({ kind: 'string', text: raw })
      i = j + 1
    } else {
      const relation = RELATIONS.find((r) => text.startsWith(r, i))
      if (relation) {
        tokens.push({ kind: 'relation', text: relation })
        i += relation.length
        continue
      }
      let j = i
      while (j < text.length && !/[\s()"=<>]/.test(text[j]!)) j++
      tokens.push({ kind: 'word', text: text.slice(i, j) })
      i = j
    }
  }
  return tokens
}

/** Parses a CQL query of the subset; throws `CqlError`. */
export function parseCql(text: string): ParsedCql {
  const tokens = tokenize(text)
  let pos = 0
  const peek = () => tokens[pos]
  const isSortBy = (t: Token | undefined) => t?.kind === 'word' && t.text.toLowerCase() === 'sortby'

  function clause(): CqlNode {
    const t = tokens[pos++]
    if (!t) throw new CqlError('expected a search clause, got the end of the query')
    if (t.kind === 'open') {
      const inner = boolean()
      if (tokens[pos++]?.kind !== 'close') throw new CqlError('missing )')
      return inner
    }
    if (t.kind !== 'word') throw new CqlError(`expected an index, got ${JSON.stringify(t.text)}`)
    const r = tokens[pos]
    let relation: string
    if (r?.kind === 'relation') relation = r.text
    else if (r?.kind === 'word' && WORD_RELATIONS.has(r.text.toLowerCase())) relation = r.text.toLowerCase()
    else throw new CqlError(`expected a relation after ${JSON.stringify(t.text)} (server-choice terms are not supported)`)
    pos++
    const term = (): string => {
      const next = tokens[pos++]
      if (!next || (next.kind !== 'word' && next.kind !== 'string')) throw new CqlError(`expected a term after ${t.text}${relation}`)
      return next.text
    }
    if (tokens[pos]?.kind !== 'open') return { kind: 'clause', index: t.text, relation, term: term() }
    // FOLIO's extension `index==(a or b)`: one clause per term, or-ed.
    pos++
    let node: CqlNode = { kind: 'clause', index: t.text, relation, term: term() }
    while (tokens[pos]?.kind === 'word' && tokens[pos]!.text.toLowerCase() === 'or') {
      pos++
      node = { kind: 'bool', op: 'or', left: node, right: { kind: 'clause', index: t.text, relation, term: term() } }
    }
    if (tokens[pos++]?.kind !== 'close') throw new CqlError('missing ) after the term list')
    return node
  }

  function boolean(): CqlNode {
    let left = clause()
    for (;;) {
      const t = peek()
      if (t?.kind !== 'word' || isSortBy(t)) return left
      const op = t.text.toLowerCase()
      if (op !== 'and' && op !== 'or' && op !== 'not') throw new CqlError(`expected and/or/not, got ${JSON.stringify(t.text)}`)
      pos++
      left = { kind: 'bool', op, left, right: clause() }
    }
  }

  const where = tokens.length === 0 || isSortBy(tokens[0]) ? undefined : boolean()
  const sort: SortKey[] = []
  if (isSortBy(peek())) {
    pos++
    while (pos < tokens.length) {
      const t = tokens[pos++]!
      if (t.kind !== 'word') throw new CqlError(`expected a sort key, got ${JSON.stringify(t.text)}`)
      const [index = '', ...modifiers] = t.text.split('/')
      const descending = modifiers.some((m) => /^sort\.descending$/i.test(m))
      sort.push({ index, descending })
    }
    if (sort.length === 0) throw new CqlError('sortBy needs at least one key')
  }
  if (pos < tokens.length) throw new CqlError(`unexpected ${JSON.stringify(tokens[pos]!.text)}`)
  return { where, sort }
}

/** A getter for a dotted path (`personal.lastName`), split once. */
function getter(path: string): (record: unknown) => unknown {
  const parts = path.split('.')
  return (record) => {
    let value: unknown = record
    for (let i = 0; i < parts.length; i++) {
      if (typeof value !== 'object' || value === null) return undefined
      value = (value as Record<string, unknown>)[parts[i]!]
    }
    return value
  }
}

/** Whether some scalar at `value` (arrays searched) satisfies `test`; objects never do. */
function some(value: unknown, test: (v: string) => boolean): boolean {
  if (value === undefined || value === null) return false
  if (Array.isArray(value)) return value.some((v) => some(v, test))
  if (typeof value === 'object') return false
  return test(typeof value === 'string' ? value : String(value))
}

function unescape(term: string): string {
  return term.replace(/\\(.)/g, '$1')
}

function hasMasking(term: string): boolean {
  return /(^|[^\\])(\\\\)*[*?^]/.test(term)
}

/** A matcher for one term: masking `*` (any run), `?` (one char), `^` (anchor, ignored); case-insensitive. */
function termMatcher(term: string): (value: string) => boolean {
  if (!hasMasking(term)) {
    const plain = unescape(term).toLowerCase()
    return (value) => value.toLowerCase() === plain
  }
  let pattern = ''
  for (let i = 0; i < term.length; i++) {
    const c = term[i]!
    if (c === '\\' && i + 1 < term.length) pattern += term[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    else if (c === '*') pattern += '.*'
    else if (c === '?') pattern += '.'
    else if (c === '^') continue
    else pattern += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  const regex = new RegExp(`^${pattern}$`, 'is')
  return (value) => regex.test(value)
}

function firstScalar(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined
  if (Array.isArray(value)) return firstScalar(value[0])
  if (typeof value === 'object') return undefined
  return String(value)
}

const words = (text: string) => text.split(/[\s,;:!"'()]+/).filter(Boolean)

const NUMBER = /^-?\d+(?:\.\d+)?$/

/** Numbers numerically, everything else by code units (UUIDs, ISO dates). */
function compare(a: string, b: string): number {
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b)
  return a < b ? -1 : a > b ? 1 : 0
}

/** Compiles a clause tree into a record predicate. */
export function compileCql(node: CqlNode | undefined): (record: unknown) => boolean {
  if (!node) return () => true
  if (node.kind === 'bool') {
    const left = compileCql(node.left)
    const right = compileCql(node.right)
    if (node.op === 'and') return (r) => left(r) && right(r)
    if (node.op === 'or') return (r) => left(r) || right(r)
    return (r) => left(r) && !right(r)
  }
  const { index, relation, term } = node
  if (index.toLowerCase() === 'cql.allrecords') return () => true
  const get = getter(index)
  switch (relation) {
    case '==': {
      const match = termMatcher(term)
      return (r) => some(get(r), match)
    }
    case '<>': {
      const match = termMatcher(term)
      return (r) => {
        const value = get(r)
        return some(value, () => true) && !some(value, match)
      }
    }
    case '=':
    case 'all':
    case 'any':
    case 'adj': {
      const whole = termMatcher(term)
      const parts = words(term).map(termMatcher)
      if (relation === 'adj') {
        const phrase = unescape(term).toLowerCase()
        return (r) => some(get(r), (v) => v.toLowerCase().includes(phrase))
      }
      return (r) =>
        some(get(r), (value) => {
          if (whole(value)) return true
          const valueWords = words(value)
          const hit = (m: (w: string) => boolean) => valueWords.some(m)
          return relation === 'any' ? parts.some(hit) : parts.length > 0 && parts.every(hit)
        })
    }
    default: {
      const bound = unescape(term)
      const test = {
        '>': (c: number) => c > 0,
        '>=': (c: number) => c >= 0,
        '<': (c: number) => c < 0,
        '<=': (c: number) => c <= 0,
      }[relation]
      if (!test) throw new CqlError(`unsupported relation ${relation}`)
      return (r) => some(get(r), (v) => test(compare(v, bound)))
    }
  }
}

/** Sorts a copy of `records` by the keys (case-insensitive strings, numbers numerically; missing values last; stable). */
export function sortRecords<T>(records: readonly T[], keys: readonly SortKey[]): T[] {
  if (keys.length === 0) return records.slice()
  const getters = keys.map((k) => getter(k.index))
  const decorated = records.map((record, i) => ({ record, i, values: getters.map((get) => firstScalar(get(record))?.toLowerCase()) }))
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = a.values[k]
      const y = b.values[k]
      if (x === y) continue
      if (x === undefined) return 1
      if (y === undefined) return -1
      const c = compare(x, y)
      if (c !== 0) return keys[k]!.descending ? -c : c
    }
    return a.i - b.i
  })
  return decorated.map((d) => d.record)
}
