// A small SOSL subset for `GET /search?q=`:
//   FIND {terms} | FIND 'terms'  [IN ALL|NAME|EMAIL|PHONE FIELDS]
//   [RETURNING Object [(field, … [WHERE …] [ORDER BY …] [LIMIT n])], …]  [LIMIT n]
// Terms are words that must all occur in one of the searched fields (a trailing `*` matches a
// prefix; "quoted phrases" match as written). Each RETURNING clause is run as SOQL, so fields
// and filters are checked as a query's are. Other SOSL (OR, WITH, SNIPPET, …) is refused as not
// implemented by the fake.
import { runQuery } from './execute.js'
import { json, sfError, type Kit, type Route } from './http.js'
import { isText, type FieldMeta, type ObjectMeta } from './meta.js'
import { soqlFailure } from './query.js'
import { SoqlError } from './soql.js'
import type { StoredRecord } from './state.js'

type Scope = 'ALL' | 'NAME' | 'EMAIL' | 'PHONE'

function notImplemented(what: string): Response {
  return sfError(501, 'NOT_IMPLEMENTED_BY_FAKE', `${what} is valid SOSL that isosdk's Salesforce fake does not implement`)
}

/** Splits on commas outside parentheses and quotes. */
function splitTop(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (ch === '\\') i++
    else if (ch === "'") quoted = !quoted
    else if (!quoted && ch === '(') depth++
    else if (!quoted && ch === ')') depth--
    else if (!quoted && depth === 0 && ch === ',') {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  parts.push(text.slice(start))
  return parts.map((part) => part.trim())
}

function searched(field: FieldMeta, scope: Scope): boolean {
  if (scope === 'EMAIL') return field.type === 'email'
  if (scope === 'PHONE') return field.type === 'phone'
  if (scope === 'NAME') return ['Name', 'FirstName', 'LastName', 'Subject', 'Company', 'CaseNumber'].includes(field.name)
  return isText(field) && field.type !== 'id' && field.type !== 'reference' && field.type !== 'base64'
}

function termMatcher(terms: string): (text: string) => boolean {
  const phrases: string[] = []
  const words = terms
    .replace(/"([^"]*)"/g, (_, phrase: string) => (phrases.push(phrase.toLowerCase()), ' '))
    .split(/\s+/)
    .filter((word) => word && word.toUpperCase() !== 'AND')
    .map((word) => word.toLowerCase())
  return (text) => {
    const lower = text.toLowerCase()
    const tokens = lower.split(/[^\p{L}\p{N}@._-]+/u).filter(Boolean)
    return (
      phrases.every((phrase) => lower.includes(phrase)) &&
      words.every((word) => (word.endsWith('*') ? tokens.some((t) => t.startsWith(word.slice(0, -1))) : tokens.some((t) => t === word || t.split(/[@._-]/).includes(word))))
    )
  }
}

/** `GET /search?q=FIND …`: `{ searchRecords: [...] }` across the RETURNING objects (all served objects without it, ids only). */
export function searchRoutes(kit: Kit): Route[] {
  const { state } = kit
  return [
    {
      method: 'GET',
      pattern: /^\/search\/?$/,
      kind: 'data',
      handle({ url, version }) {
        const q = url.searchParams.get('q') ?? ''
        const find = /^\s*FIND\s+(?:\{((?:[^}\\]|\\.)*)\}|'((?:[^'\\]|\\.)*)')\s*/i.exec(q)
        if (!find) return sfError(400, 'MALFORMED_SEARCH', `No search term found. The search term must be enclosed in braces.`)
        const terms = (find[1] ?? find[2] ?? '').replace(/\\(.)/g, '$1')
        if (/\b(OR|AND NOT)\b/.test(terms) || /[?()]/.test(terms)) return notImplemented('OR, AND NOT, ? and grouping in search terms')
        if (terms.replace(/[*"\s]/g, '').length < 2) return sfError(400, 'MALFORMED_SEARCH', 'search term must be longer than one character')
        let rest = q.slice(find[0].length)
        let scope: Scope = 'ALL'
        const scoped = /^IN\s+(ALL|NAME|EMAIL|PHONE|SIDEBAR)\s+FIELDS\s*/i.exec(rest)
        if (scoped) {
          if (scoped[1]!.toUpperCase() === 'SIDEBAR') return notImplemented('IN SIDEBAR FIELDS')
          scope = scoped[1]!.toUpperCase() as Scope
          rest = rest.slice(scoped[0].length)
        }
        let limit = 2000
        const overall = /^(.*?)\s*\bLIMIT\s+(\d+)\s*$/is
        let specs: string[] = [...state.objects.keys()]
        const returning = /^RETURNING\s+/i.exec(rest)
        if (returning) {
          specs = splitTop(rest.slice(returning[0].length))
          const last = /^(\w+\s*(?:\(.*\))?)\s+LIMIT\s+(\d+)\s*$/is.exec(specs.at(-1)!)
          if (last) {
            specs[specs.length - 1] = last[1]!
            limit = Number(last[2])
          }
        } else {
          const limited = overall.exec(rest)
          if (limited) {
            rest = limited[1]!
            limit = Number(limited[2])
          }
          if (rest.trim()) return notImplemented(`'${rest.trim().split(/\s+/)[0]}' in SOSL`)
        }
        const matcher = termMatcher(terms)
        const hit = (object: ObjectMeta, record: StoredRecord) =>
          [...object.fields.values()].some((field) => searched(field, scope) && typeof record[field.name] === 'string' && matcher(record[field.name] as string))
        const searchRecords: Record<string, unknown>[] = []
        for (const spec of specs) {
          const clause = /^(\w+)\s*(?:\((.*)\))?$/s.exec(spec)
          if (!clause) return sfError(400, 'MALFORMED_SEARCH', `unexpected token: '${spec}'`)
          const inner = (clause[2] ?? 'Id').trim()
          const split = /^(.*?)(\s+(?:WHERE|ORDER\s+BY|LIMIT|OFFSET)\b.*)?$/is.exec(inner)!
          const soql = `SELECT ${split[1]} FROM ${clause[1]}${split[2] ?? ''}`
          try {
            searchRecords.push(...runQuery(state, soql, false, { version, filter: hit }).rows)
          } catch (error) {
            if (error instanceof SoqlError) return soqlFailure(soql, error)
            throw error
          }
        }
        return json({ searchRecords: searchRecords.slice(0, limit) })
      },
    },
  ]
}
