// RFC 4180 CSV, as Bulk API 2.0 speaks it: comma-delimited, `"`-quoted, LF or CRLF line endings.

/**
 * Parses CSV text into rows of fields. Quoted fields may hold commas, quotes (`""`) and line breaks.
 *
 * @example
 * parseCsv('Id,Name\n001,"Acme, Inc."\n') // [['Id', 'Name'], ['001', 'Acme, Inc.']]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  let i = 0
  const n = text.length
  // A byte-order mark is not part of the first header.
  if (text.charCodeAt(0) === 0xfeff) i = 1
  while (i < n) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        quoted = false
        i++
        continue
      }
      field += ch
      i++
      continue
    }
    if (ch === '"' && field === '') {
      quoted = true
      i++
    } else if (ch === ',') {
      row.push(field)
      field = ''
      i++
    } else if (ch === '\n' || ch === '\r') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      field += ch
      i++
    }
  }
  if (field !== '' || row.length > 0 || quoted) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

/**
 * Parses CSV with a header row into objects keyed by the header.
 *
 * @example
 * parseCsvRecords('Id,Name\n001,Acme\n') // [{ Id: '001', Name: 'Acme' }]
 */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text)
  if (!header) return []
  return rows.map((row) => {
    const record: Record<string, string> = {}
    header.forEach((name, i) => {
      record[name] = row[i] ?? ''
    })
    return record
  })
}

/**
 * Quotes one CSV field when it needs it (comma, quote, line break, surrounding spaces).
 *
 * @example
 * _csvField('Acme, "Inc"') // '"Acme, ""Inc"""'
 */
export function _csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * Joins rows into CSV text (LF line endings, a trailing line break).
 *
 * @example
 * formatCsv([['Id', 'Name'], ['001', 'Acme']]) // 'Id,Name\n001,Acme\n'
 */
export function formatCsv(rows: readonly (readonly string[])[], lineEnding: '\n' | '\r\n' = '\n'): string {
  let out = ''
  for (const row of rows) out += row.map(_csvField).join(',') + lineEnding
  return out
}

/** UTF-8 length of a string without encoding it (Bulk API limits are in bytes). */
export function _utf8Length(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}
