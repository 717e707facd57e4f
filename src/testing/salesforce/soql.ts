// A small SOQL subset for the fake:
//   SELECT f1, f2 | COUNT() FROM Object [WHERE cond] [ORDER BY f [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]
// with conditions `f = | != | <> | < | <= | > | >= value`, `f LIKE 'pat'`, `f [NOT] IN (…)`,
// AND / OR / NOT and parentheses. String literals follow SOQL's escape rules, so a query built
// by concatenating user input breaks here as it would on Salesforce.

export class SoqlError extends Error {}

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'punct'; text: string; value?: unknown }

const ESCAPES: Record<string, string> = { n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f', '"': '"', "'": "'", '\\': '\\' }

function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (/\s/.test(ch)) {
      i++
      continue
    }
    if (ch === "'") {
      let value = ''
      let raw = "'"
      i++
      for (;;) {
        if (i >= text.length) throw new SoqlError('unterminated string literal')
        const c = text[i]!
        if (c === '\\') {
          const next = text[i + 1]
          if (next === undefined) throw new SoqlError('unterminated string literal')
          if (next === 'u') {
            const hex = text.slice(i + 2, i + 6)
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new SoqlError(`invalid unicode escape \\u${hex}`)
            value += String.fromCharCode(parseInt(hex, 16))
            raw += text.slice(i, i + 6)
            i += 6
            continue
          }
          if (next === '%' || next === '_') {
            // Only meaningful in LIKE: kept escaped for the pattern matcher.
            value += `\\${next}`
          } else if (next in ESCAPES) value += ESCAPES[next]
          else throw new SoqlError(`invalid escape sequence \\${next}`)
          raw += c + next
          i += 2
          continue
        }
        if (c === "'") {
          i++
          break
        }
        value += c
        raw += c
        i++
      }
      tokens.push({ kind: 'string', text: raw + "'", value })
      continue
    }
    const two = text.slice(i, i + 2)
    if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two === '<>' ? '!=' : two })
      i += 2
      continue
    }
    if (ch === '=' || ch === '<' || ch === '>') {
      tokens.push({ kind: 'op', text: ch })
      i++
      continue
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch })
      i++
      continue
    }
    const number = /^-?\d+(?:\.\d+)?(?![\w:-])/.exec(text.slice(i))
    if (number) {
      tokens.push({ kind: 'number', text: number[0], value: Number(number[0]) })
      i += number[0].length
      continue
    }
    const word = /^[A-Za-z_][\w.]*|^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2}))?/.exec(text.slice(i))
    if (word) {
      tokens.push({ kind: 'word', text: word[0] })
      i += word[0].length
      continue
    }
    throw new SoqlError(`unexpected character ${JSON.stringify(ch)}`)
  }
  return tokens
}

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'compare'; field: string; op: string; value: unknown }
  | { kind: 'like'; field: string; pattern: string; negate: boolean }
  | { kind: 'in'; field: string; values: unknown[]; negate: boolean }

export interface SoqlQuery {
  fields: string[]
  count: boolean
  object: string
  where?: Condition
  orderBy: { field: string; desc: boolean; nullsLast: boolean }[]
  limit?: number
  offset?: number
}

/** Parses the subset; a `SoqlError` (→ `MALFORMED_QUERY`) for anything else. */
export function parseSoql(text: string): SoqlQuery {
  const tokens = tokenize(text)
  let pos = 0
  const peek = () => tokens[pos]
  const isWord = (word: string, token = peek()) => token?.kind === 'word' && token.text.toUpperCase() === word
  const expectWord = (word: string) => {
    if (!isWord(word)) throw new SoqlError(`expected ${word}, found ${peek()?.text ?? 'the end'}`)
    pos++
  }
  const expectPunct = (punct: string) => {
    if (peek()?.text !== punct || peek()?.kind !== 'punct') throw new SoqlError(`expected '${punct}', found ${peek()?.text ?? 'the end'}`)
    pos++
  }
  const field = () => {
    const token = peek()
    if (token?.kind !== 'word' || /^\d/.test(token.text)) throw new SoqlError(`expected a field name, found ${token?.text ?? 'the end'}`)
    pos++
    return token.text
  }
  const literal = (): unknown => {
    const token = peek()
    if (!token) throw new SoqlError('expected a value, found the end')
    pos++
    if (token.kind === 'string' || token.kind === 'number') return token.value
    if (token.kind === 'word') {
      const upper = token.text.toUpperCase()
      if (upper === 'NULL') return null
      if (upper === 'TRUE') return true
      if (upper === 'FALSE') return false
      if (/^\d{4}-\d{2}-\d{2}/.test(token.text)) return token.text
    }
    throw new SoqlError(`unexpected token: ${token.text}`)
  }

  expectWord('SELECT')
  const fields: string[] = []
  let count = false
  if (isWord('COUNT') && tokens[pos + 1]?.text === '(') {
    pos += 2
    expectPunct(')')
    count = true
  } else {
    fields.push(field())
    while (peek()?.text === ',') {
      pos++
      fields.push(field())
    }
  }
  expectWord('FROM')
  const object = field()

  const primary = (): Condition => {
    if (peek()?.text === '(' && peek()?.kind === 'punct') {
      pos++
      const inner = or()
      expectPunct(')')
      return inner
    }
    if (isWord('NOT')) {
      pos++
      return { kind: 'not', inner: primary() }
    }
    const name = field()
    const negate = isWord('NOT')
    if (negate) pos++
    if (isWord('IN')) {
      pos++
      expectPunct('(')
      const values = [literal()]
      while (peek()?.text === ',') {
        pos++
        values.push(literal())
      }
      expectPunct(')')
      return { kind: 'in', field: name, values, negate }
    }
    if (negate) throw new SoqlError(`expected IN after NOT, found ${peek()?.text ?? 'the end'}`)
    if (isWord('LIKE')) {
      pos++
      const pattern = literal()
      if (typeof pattern !== 'string') throw new SoqlError('LIKE needs a string')
      return { kind: 'like', field: name, pattern, negate: false }
    }
    const op = peek()
    if (op?.kind !== 'op') throw new SoqlError(`expected an operator, found ${op?.text ?? 'the end'}`)
    pos++
    return { kind: 'compare', field: name, op: op.text, value: literal() }
  }
  const and = (): Condition => {
    let left = primary()
    while (isWord('AND')) {
      pos++
      left = { kind: 'and', left, right: primary() }
    }
    return left
  }
  const or = (): Condition => {
    let left = and()
    while (isWord('OR')) {
      pos++
      left = { kind: 'or', left, right: and() }
    }
    return left
  }

  const query: SoqlQuery = { fields, count, object, orderBy: [] }
  if (isWord('WHERE')) {
    pos++
    query.where = or()
  }
  if (isWord('ORDER')) {
    pos++
    expectWord('BY')
    do {
      if (peek()?.text === ',') pos++
      const name = field()
      let desc = false
      if (isWord('ASC')) pos++
      else if (isWord('DESC')) {
        pos++
        desc = true
      }
      let nullsLast = desc
      if (isWord('NULLS')) {
        pos++
        if (isWord('FIRST')) nullsLast = false
        else if (isWord('LAST')) nullsLast = true
        else throw new SoqlError('expected FIRST or LAST')
        pos++
      }
      query.orderBy.push({ field: name, desc, nullsLast })
    } while (peek()?.text === ',')
  }
  const integer = (what: string) => {
    const token = peek()
    if (token?.kind !== 'number' || !Number.isInteger(token.value) || (token.value as number) < 0) throw new SoqlError(`${what} needs a non-negative integer`)
    pos++
    return token.value as number
  }
  if (isWord('LIMIT')) {
    pos++
    query.limit = integer('LIMIT')
  }
  if (isWord('OFFSET')) {
    pos++
    query.offset = integer('OFFSET')
  }
  if (pos < tokens.length) throw new SoqlError(`unexpected token: ${tokens[pos]!.text}`)
  return query
}

function likeToRegExp(pattern: string): RegExp {
  let source = ''
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!
    if (ch === '\\' && (pattern[i + 1] === '%' || pattern[i + 1] === '_')) {
      source += pattern[++i]
      continue
    }
    if (ch === '%') source += '[\\s\\S]*'
    else if (ch === '_') source += '[\\s\\S]'
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, 'i')
}

function comparable(value: unknown): unknown {
  return typeof value === 'string' ? value.toLowerCase() : value
}

function compare(a: unknown, op: string, b: unknown): boolean {
  if (op === '=') return (a ?? null) === null || b === null ? (a ?? null) === b : comparable(a) === comparable(b)
  if (op === '!=') return (a ?? null) === null || b === null ? (a ?? null) !== b : comparable(a) !== comparable(b)
  if (a === null || a === undefined || b === null) return false
  const x = comparable(a) as number | string
  const y = comparable(b) as number | string
  if (op === '<') return x < y
  if (op === '<=') return x <= y
  if (op === '>') return x > y
  return x >= y
}

/** Whether a record matches a condition; `get` reads a field case-insensitively. */
export function matches(condition: Condition | undefined, get: (field: string) => unknown): boolean {
  if (!condition) return true
  switch (condition.kind) {
    case 'and':
      return matches(condition.left, get) && matches(condition.right, get)
    case 'or':
      return matches(condition.left, get) || matches(condition.right, get)
    case 'not':
      return !matches(condition.inner, get)
    case 'compare':
      return compare(get(condition.field), condition.op, condition.value)
    case 'like': {
      const value = get(condition.field)
      return typeof value === 'string' && likeToRegExp(condition.pattern).test(value)
    }
    case 'in': {
      const value = get(condition.field)
      const found = condition.values.some((item) => compare(value, '=', item))
      return condition.negate ? !found : found
    }
  }
}

/** Sorts records by the query's ORDER BY (stable; nulls placed as asked). */
export function sortRecords<R>(records: R[], orderBy: SoqlQuery['orderBy'], get: (record: R, field: string) => unknown): R[] {
  if (orderBy.length === 0) return records
  return [...records].sort((a, b) => {
    for (const { field, desc, nullsLast } of orderBy) {
      const x = comparable(get(a, field))
      const y = comparable(get(b, field))
      if (x === y) continue
      if (x === null || x === undefined) return nullsLast ? 1 : -1
      if (y === null || y === undefined) return nullsLast ? -1 : 1
      const order = (x as number) < (y as number) ? -1 : 1
      return desc ? -order : order
    }
    return 0
  })
}
