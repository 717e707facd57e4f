// Live progress: one line per task, redrawn in place on a terminal; plain lines otherwise (CI logs).

export interface TaskLine {
  update(text: string): void
  done(text: string): void
  fail(text: string): void
}

const tty = Boolean(process.stdout.isTTY) && !process.env.CI

export function createBoard(names: string[]) {
  const width = Math.max(...names.map((n) => n.length))
  const lines = names.map((name) => ({ name, text: 'waiting', mark: '·' }))
  let drawn = false
  let lastPlain = new Map<string, number>()

  const render = () => {
    if (!tty) return
    if (drawn) process.stdout.write(`\x1b[${lines.length}A`)
    for (const line of lines) process.stdout.write(`\x1b[2K ${line.mark} ${line.name.padEnd(width)}  ${line.text}\n`)
    drawn = true
  }

  const line = (index: number): TaskLine => {
    const entry = lines[index]!
    const plain = (text: string, force: boolean) => {
      if (tty) return render()
      // Plain mode prints at most one progress line per task per second, plus every final line.
      const now = Date.now()
      if (!force && now - (lastPlain.get(entry.name) ?? 0) < 1000) return
      lastPlain.set(entry.name, now)
      console.log(`${entry.mark} ${entry.name}: ${text}`)
    }
    return {
      update(text) {
        entry.text = text
        entry.mark = '…'
        plain(text, false)
      },
      done(text) {
        entry.text = text
        entry.mark = '✓'
        plain(text, true)
      },
      fail(text) {
        entry.text = text
        entry.mark = '✗'
        plain(text, true)
      },
    }
  }
  render()
  return { line }
}

export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`
  return [fmt(headers), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(fmt)].join('\n')
}

export const ms = (n: number | undefined) => (n === undefined ? '—' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`)
