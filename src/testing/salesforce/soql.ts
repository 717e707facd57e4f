// The fake's SOQL grammar, parsed in one left-to-right pass:
//   SELECT item, … FROM Object [WHERE cond] [GROUP BY f, …] [ORDER BY key [ASC|DESC] [NULLS FIRST|LAST], …] [LIMIT n] [OFFSET n]
// items: fields and relationship paths (`Account.Owner.Name`), COUNT() / COUNT(f) / COUNT_DISTINCT(f) /
// SUM / AVG / MIN / MAX (with an alias), FIELDS(ALL|STANDARD|CUSTOM), one level of parent-to-child
// subqueries `(SELECT … FROM Contacts …)`. Conditions: `= != <> < <= > >=`, LIKE, [NOT] IN (…),
// AND / OR / NOT, parentheses; values: strings (SOQL escapes), numbers, true/false/null, dates,
// datetimes and date literals (TODAY, LAST_N_DAYS:n, …).
// Valid SOQL the fake does not implement (HAVING, TYPEOF, WITH, semi-joins, date functions, …)
// is a FakeUnsupported error, never MALFORMED_QUERY: the query is not wrong, the fake is short.

export type SoqlErrorCode = 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE' | 'INVALID_QUERY_FILTER_OPERATOR' | 'NOT_IMPLEMENTED_BY_FAKE'

/** A query the fake refuses; `at` is the character offset the error points to. */
export class SoqlError extends Error {
  constructor(
    message: string,
    readonly code: SoqlErrorCode = 'MALFORMED_QUERY',
    readonly at?: number,
  ) {
    super(message)
  }
}

function unsupported(what: string, at?: number): SoqlError {
  return new SoqlError(`${what} is valid SOQL that isosdk's Salesforce fake does not implement`, 'NOT_IMPLEMENTED_BY_FAKE', at)
}

type Token = { kind: 'word' | 'string' | 'number' | 'op' | 'punct'; text: string; at: number; value?: unknown }

const ESCAPES: Record<string, string> = { n: '\n', N: '\n', r: '\r', R: '\r', t: '\t', T: '\t', b: '\b', B: '\b', f: '\f', F: '\f', '"': '"', "'": "'", '\\': '\\' }

function readString(text: string, start: number): { value: string; end: number } {
  let value = ''
  let i = start + 1
  for (;;) {
    if (i >= text.length) throw new SoqlError('unterminated string literal', 'MALFORMED_QUERY', start)
    const c = text[i]!
    if (c === "'") return { value, end: i + 1 }
    if (c !== '\\') {
      value += c
      i++
      continue
    }
    const next = text[i + 1]
    if (next === undefined) throw new SoqlError('unterminated string literal', 'MALFORMED_QUERY', start)
    if (next === 'u') {
      const hex = text.slice(i + 2, i + 6)
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new SoqlError(`Invalid string literal '\\u${hex}'. Illegal character sequence`, 'MALFORMED_QUERY', i)
      value += String.fromCharCode(parseInt(hex, 16))
      i += 6
      continue
    }
    // `\%` and `\_` only mean something in LIKE: kept escaped for the pattern matcher.
    if (next === '%' || next === '_') value += `\\${next}`
    else if (next in ESCAPES) value += ESCAPES[next]
    else throw new SoqlError(`Invalid string literal '\\${next}'. Illegal character sequence '\\${next}' in string literal.`, 'MALFORMED_QUERY', i)
    i += 2
  }
}

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
      const { value, end } = readString(text, i)
      tokens.push({ kind: 'string', text: text.slice(i, end), at: i, value })
      i = end
      continue
    }
    const two = text.slice(i, i + 2)
    if (two === '!=' || two === '<>' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two === '<>' ? '!=' : two, at: i })
      i += 2
      continue
    }
    if (ch === '=' || ch === '<' || ch === '>') {
      tokens.push({ kind: 'op', text: ch, at: i })
      i++
      continue
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === ':') {
      tokens.push({ kind: 'punct', text: ch, at: i })
      i++
      continue
    }
    const rest = text.slice(i)
    const datetime = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))?(?![\w:])/.exec(rest)
    if (datetime) {
      tokens.push({ kind: 'word', text: datetime[0], at: i })
      i += datetime[0].length
      continue
    }
    const number = /^[-+]?\d+(?:\.\d+)?(?![\w])/.exec(rest)
    if (number) {
      tokens.push({ kind: 'number', text: number[0], at: i, value: Number(number[0]) })
      i += number[0].length
      continue
    }
    const word = /^[A-Za-z_][\w.]*/.exec(rest)
    if (word) {
      tokens.push({ kind: 'word', text: word[0], at: i })
      i += word[0].length
      continue
    }
    if (ch === '?' || ch === '@') throw unsupported(`'${ch}' parameters`, i)
    throw new SoqlError(`unexpected token: '${ch}'`, 'MALFORMED_QUERY', i)
  }
  return tokens
}

/** A value in a condition, kept with its SOQL kind for the type checks. */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null'; value: null }
  | { kind: 'date'; value: string }
  | { kind: 'datetime'; value: string }
  | { kind: 'dateLiteral'; value: string; n?: number }

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'compare'; field: string; op: string; value: Literal; at: number }
  | { kind: 'like'; field: string; pattern: string; at: number }
  | { kind: 'in'; field: string; values: Literal[]; negate: boolean; at: number }

export type AggregateFunction = 'COUNT' | 'COUNT_DISTINCT' | 'SUM' | 'AVG' | 'MIN' | 'MAX'

export type SelectItem =
  | { kind: 'field'; path: string; at: number }
  | { kind: 'aggregate'; fn: AggregateFunction; path: string | null; alias?: string; at: number }
  | { kind: 'fields'; which: 'ALL' | 'STANDARD' | 'CUSTOM'; at: number }
  | { kind: 'subquery'; query: SoqlQuery; at: number }

export interface OrderKey {
  /** A field path, or an aggregate written as in the SELECT list (`COUNT(Id)`). */
  field: string
  fn?: AggregateFunction
  desc: boolean
  nullsLast: boolean
  at: number
}

export interface SoqlQuery {
  items: SelectItem[]
  /** `SELECT COUNT() FROM …`: only `totalSize` is answered. */
  count: boolean
  object: string
  objectAt: number
  /** `FROM Account a`: fields may be written `a.Name`. */
  alias?: string
  where?: Condition
  groupBy: { path: string; at: number }[]
  orderBy: OrderKey[]
  limit?: number
  offset?: number
  /** The query text, for error carets. */
  text: string
}

const AGGREGATES = new Set<string>(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX'])
/** Functions and clauses of real SOQL the fake does not implement. */
const UNSUPPORTED_FUNCTIONS = /^(TOLABEL|FORMAT|CONVERTCURRENCY|CONVERTTIMEZONE|CALENDAR_MONTH|CALENDAR_QUARTER|CALENDAR_YEAR|DAY_IN_MONTH|DAY_IN_WEEK|DAY_IN_YEAR|DAY_ONLY|FISCAL_MONTH|FISCAL_QUARTER|FISCAL_YEAR|HOUR_IN_DAY|WEEK_IN_MONTH|WEEK_IN_YEAR|GROUPING|DISTANCE|GEOLOCATION)$/i
const UNSUPPORTED_CLAUSES = /^(HAVING|WITH|FOR|USING|UPDATE|TYPEOF)$/i
const RESERVED = /^(SELECT|FROM|WHERE|GROUP|ORDER|LIMIT|OFFSET|AND|OR|NOT|LIKE|IN|INCLUDES|EXCLUDES|ASC|DESC|NULLS|FIRST|LAST|HAVING|WITH|FOR|USING|BY|NULL|TRUE|FALSE|TYPEOF)$/i

/** Date literals the fake evaluates; other `LAST_…`/`NEXT_…`/`THIS_…` literals are valid SOQL it does not. */
export const DATE_LITERALS = new Set(['TODAY', 'YESTERDAY', 'TOMORROW', 'LAST_WEEK', 'THIS_WEEK', 'NEXT_WEEK', 'LAST_MONTH', 'THIS_MONTH', 'NEXT_MONTH', 'LAST_90_DAYS', 'NEXT_90_DAYS', 'THIS_YEAR', 'LAST_YEAR', 'NEXT_YEAR'])
export const DATE_LITERALS_N = new Set(['LAST_N_DAYS', 'NEXT_N_DAYS', 'N_DAYS_AGO'])
const OTHER_DATE_LITERALS = /^(LAST|NEXT|THIS)_(N_)?(WEEKS?|MONTHS?|QUARTERS?|YEARS?|FISCAL_QUARTERS?|FISCAL_YEARS?)$|^N_(WEEKS|MONTHS|QUARTERS|YEARS|FISCAL_QUARTERS|FISCAL_YEARS)_AGO$/i

class Parser {
  private pos = 0
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset]
  }
  get done(): boolean {
    return this.pos >= this.tokens.length
  }
  private endAt(): number {
    return this.text.length
  }
  private unexpected(): SoqlError {
    const token = this.peek()
    return new SoqlError(`unexpected token: ${token ? `'${token.text}'` : '<EOF>'}`, 'MALFORMED_QUERY', token?.at ?? this.endAt())
  }
  isWord(word: string, token = this.peek()): boolean {
    return token?.kind === 'word' && token.text.toUpperCase() === word
  }
  private isPunct(punct: string, token = this.peek()): boolean {
    return token?.kind === 'punct' && token.text === punct
  }
  private expectWord(word: string): void {
    if (!this.isWord(word)) throw this.unexpected()
    this.pos++
  }
  private expectPunct(punct: string): void {
    if (!this.isPunct(punct)) throw this.unexpected()
    this.pos++
  }
  private checkClause(): void {
    const token = this.peek()
    if (token?.kind === 'word' && UNSUPPORTED_CLAUSES.test(token.text)) throw unsupported(token.text.toUpperCase(), token.at)
  }
  private name(): { text: string; at: number } {
    const token = this.peek()
    if (token?.kind !== 'word' || /^\d/.test(token.text) || RESERVED.test(token.text)) throw this.unexpected()
    if (this.isPunct('(', this.peek(1))) {
      if (UNSUPPORTED_FUNCTIONS.test(token.text)) throw unsupported(`${token.text}()`, token.at)
      throw this.unexpected()
    }
    this.pos++
    return { text: token.text, at: token.at }
  }

  /** SELECT … FROM … (a subquery when `nested`). */
  select(nested: boolean): SoqlQuery {
    this.expectWord('SELECT')
    const items: SelectItem[] = []
    let count = false
    do {
      if (items.length || count) this.pos++
      const token = this.peek()
      if (this.isWord('COUNT') && this.isPunct('(', this.peek(1)) && this.isPunct(')', this.peek(2))) {
        this.pos += 3
        count = true
        continue
      }
      if (this.isWord('TYPEOF')) throw unsupported('TYPEOF', token!.at)
      if (this.isPunct('(')) {
        if (nested) throw new SoqlError('Nesting of semi join sub-selects is not supported', 'MALFORMED_QUERY', token!.at)
        this.pos++
        const query = this.select(true)
        this.expectPunct(')')
        items.push({ kind: 'subquery', query, at: token!.at })
        continue
      }
      if (token?.kind === 'word' && this.isPunct('(', this.peek(1))) {
        const fn = token.text.toUpperCase()
        if (fn === 'FIELDS') {
          this.pos += 2
          const which = this.peek()?.text.toUpperCase()
          if (which !== 'ALL' && which !== 'STANDARD' && which !== 'CUSTOM') throw this.unexpected()
          this.pos++
          this.expectPunct(')')
          items.push({ kind: 'fields', which, at: token.at })
          continue
        }
        if (AGGREGATES.has(fn)) {
          this.pos += 2
          const path = this.name().text
          this.expectPunct(')')
          const next = this.peek()
          const alias = next?.kind === 'word' && !RESERVED.test(next.text) ? (this.pos++, next.text) : undefined
          items.push({ kind: 'aggregate', fn: fn as AggregateFunction, path, ...(alias && { alias }), at: token.at })
          continue
        }
      }
      const { text, at } = this.name()
      items.push({ kind: 'field', path: text, at })
    } while (this.isPunct(','))
    if (count && items.length) throw new SoqlError('COUNT() cannot be combined with other fields', 'MALFORMED_QUERY', items[0]!.at)
    this.expectWord('FROM')
    const from = this.name()
    if (this.isPunct(',')) throw unsupported('Several objects in FROM', this.peek()!.at)
    const next = this.peek()
    const alias = next?.kind === 'word' && !RESERVED.test(next.text) && !next.text.includes('.') ? (this.pos++, next.text) : undefined
    const query: SoqlQuery = { items, count, object: from.text, objectAt: from.at, ...(alias && { alias }), groupBy: [], orderBy: [], text: this.text }
    this.checkClause()
    if (this.isWord('WHERE')) {
      this.pos++
      query.where = this.or()
    }
    this.checkClause()
    if (this.isWord('GROUP')) {
      this.pos++
      this.expectWord('BY')
      if (this.isWord('ROLLUP') || this.isWord('CUBE')) throw unsupported(`GROUP BY ${this.peek()!.text.toUpperCase()}`, this.peek()!.at)
      do {
        if (this.isPunct(',')) this.pos++
        const { text, at } = this.name()
        query.groupBy.push({ path: text, at })
      } while (this.isPunct(','))
    }
    this.checkClause()
    if (this.isWord('ORDER')) {
      this.pos++
      this.expectWord('BY')
      do {
        if (this.isPunct(',')) this.pos++
        query.orderBy.push(this.orderKey())
      } while (this.isPunct(','))
    }
    if (this.isWord('LIMIT')) {
      this.pos++
      query.limit = this.integer()
    }
    if (this.isWord('OFFSET')) {
      this.pos++
      query.offset = this.integer()
    }
    this.checkClause()
    if (!nested && !this.done) throw this.unexpected()
    return query
  }

  private orderKey(): OrderKey {
    const token = this.peek()
    let field: string
    let fn: AggregateFunction | undefined
    if (token?.kind === 'word' && AGGREGATES.has(token.text.toUpperCase()) && this.isPunct('(', this.peek(1))) {
      this.pos += 2
      fn = token.text.toUpperCase() as AggregateFunction
      field = this.name().text
      this.expectPunct(')')
    } else field = this.name().text
    let desc = false
    if (this.isWord('ASC')) this.pos++
    else if (this.isWord('DESC')) {
      this.pos++
      desc = true
    }
    let nullsLast = desc
    if (this.isWord('NULLS')) {
      this.pos++
      if (this.isWord('FIRST')) nullsLast = false
      else if (this.isWord('LAST')) nullsLast = true
      else throw this.unexpected()
      this.pos++
    }
    return { field, ...(fn && { fn }), desc, nullsLast, at: token!.at }
  }

  private integer(): number {
    const token = this.peek()
    if (token?.kind !== 'number' || !Number.isInteger(token.value) || (token.value as number) < 0) throw this.unexpected()
    this.pos++
    return token.value as number
  }

  private literal(): Literal {
    const token = this.peek()
    if (!token) throw this.unexpected()
    if (token.kind === 'string') return (this.pos++, { kind: 'string', value: token.value as string })
    if (token.kind === 'number') return (this.pos++, { kind: 'number', value: token.value as number })
    if (token.kind === 'word') {
      const upper = token.text.toUpperCase()
      if (upper === 'NULL') return (this.pos++, { kind: 'null', value: null })
      if (upper === 'TRUE' || upper === 'FALSE') return (this.pos++, { kind: 'boolean', value: upper === 'TRUE' })
      if (/^\d{4}-\d{2}-\d{2}$/.test(token.text)) return (this.pos++, { kind: 'date', value: token.text })
      if (/^\d{4}-\d{2}-\d{2}T/.test(token.text)) return (this.pos++, { kind: 'datetime', value: token.text })
      if (DATE_LITERALS.has(upper)) return (this.pos++, { kind: 'dateLiteral', value: upper })
      if (DATE_LITERALS_N.has(upper)) {
        this.pos++
        this.expectPunct(':')
        const n = this.integer()
        return { kind: 'dateLiteral', value: upper, n }
      }
      if (OTHER_DATE_LITERALS.test(upper)) throw unsupported(`The date literal ${upper}`, token.at)
    }
    if (this.isWord('SELECT') || (token.kind === 'punct' && token.text === '(')) throw unsupported('A semi-join (IN (SELECT …))', token.at)
    throw this.unexpected()
  }

  private primary(): Condition {
    if (this.isPunct('(')) {
      this.pos++
      const inner = this.or()
      this.expectPunct(')')
      return inner
    }
    if (this.isWord('NOT')) {
      this.pos++
      return { kind: 'not', inner: this.primary() }
    }
    const { text: field, at } = this.name()
    if (this.isWord('INCLUDES') || this.isWord('EXCLUDES')) throw unsupported(this.peek()!.text.toUpperCase(), this.peek()!.at)
    const negate = this.isWord('NOT')
    if (negate) this.pos++
    if (this.isWord('IN')) {
      this.pos++
      this.expectPunct('(')
      if (this.isWord('SELECT')) throw unsupported('A semi-join (IN (SELECT …))', this.peek()!.at)
      const values = [this.literal()]
      while (this.isPunct(',')) {
        this.pos++
        values.push(this.literal())
      }
      this.expectPunct(')')
      return { kind: 'in', field, values, negate, at }
    }
    // SOQL has no `f NOT LIKE`: it is `NOT f LIKE` (a NOT condition).
    if (negate) throw this.unexpected()
    if (this.isWord('LIKE')) {
      this.pos++
      const pattern = this.literal()
      if (pattern.kind !== 'string') throw new SoqlError('LIKE needs a string', 'MALFORMED_QUERY', at)
      return { kind: 'like', field, pattern: pattern.value, at }
    }
    const op = this.peek()
    if (op?.kind !== 'op') throw this.unexpected()
    this.pos++
    return { kind: 'compare', field, op: op.text, value: this.literal(), at }
  }

  private and(): Condition {
    let left = this.primary()
    while (this.isWord('AND')) {
      this.pos++
      left = { kind: 'and', left, right: this.primary() }
    }
    return left
  }

  or(): Condition {
    let left = this.and()
    while (this.isWord('OR')) {
      this.pos++
      left = { kind: 'or', left, right: this.and() }
    }
    return left
  }
}

/** Parses the fake's SOQL grammar; a `SoqlError` (with its error code) for anything else. */
export function parseSoql(text: string): SoqlQuery {
  return new Parser(tokenize(text), text).select(false)
}

/** The message Salesforce answers for a query error: the query, a caret, the row and column. */
export function soqlErrorMessage(text: string, error: SoqlError): string {
  if (error.at === undefined) return error.message
  const before = text.slice(0, error.at)
  const row = before.split('\n').length
  const lineStart = before.lastIndexOf('\n') + 1
  const line = text.slice(lineStart).split('\n')[0]!
  const column = error.at - lineStart + 1
  return `${line}\n${' '.repeat(column - 1)}^\nERROR at Row:${row}:Column:${column}\n${error.message}`
}
