import { cqlQuote } from './cql.js'

/** The query that matches every record. */
export const ALL_RECORDS = 'cql.allRecords=1'

/** Splits a CQL query into its search clause and its `sortBy` keys, ignoring `sortBy` inside quoted terms. */
export function splitSortBy(query: string): { where: string; sortKeys: string[] } {
  let inQuote = false
  for (let i = 0; i < query.length; i++) {
    const c = query[i]
    if (c === '\\') {
      i++
      continue
    }
    if (c === '"') inQuote = !inQuote
    if (!inQuote && /^sortby\b/i.test(query.slice(i, i + 7)) && (i === 0 || /[\s)]/.test(query[i - 1] ?? ''))) {
      return { where: query.slice(0, i).trim(), sortKeys: query.slice(i + 6).trim().split(/\s+/).filter(Boolean) }
    }
  }
  return { where: query.trim(), sortKeys: [] }
}

/** Whether the first sort key is `id` ascending (further keys cannot matter: ids are unique). */
export function sortsById(sortKeys: string[]): boolean {
  const [first] = sortKeys
  if (first === undefined) return false
  const [index, ...modifiers] = first.split('/')
  return index === 'id' && modifiers.every((m) => /^sort\.ascending$/i.test(m))
}

/** The query of one keyset page: `<where> sortBy id`, then `id>"<last>" and (<where>) sortBy id`. */
export function keysetQuery(where: string, lastId: string | undefined): string {
  if (lastId === undefined) return `${where} sortBy id`
  const rest = where === ALL_RECORDS ? where : `(${where})`
  return `id>${cqlQuote(lastId)} and ${rest} sortBy id`
}
