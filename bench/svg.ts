// Horizontal bar charts as plain SVG (no dependency): one bar per row, anchors in grey, isosdk in blue.

export interface Bar {
  label: string
  value: number
  anchor: boolean
  /** Text after the bar; default the value. */
  text?: string
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * @example
 * writeFileSync('docs/img/x.svg', barChart('Bundle size', 'bytes gzip', [{ label: 'ofetch', value: 4054, anchor: true }]))
 */
export function barChart(title: string, unit: string, bars: Bar[], options: { subtitle?: string; budget?: { value: number; label: string }; /** Bars longer than this are cut at the edge (their text keeps the value). */ max?: number } = {}): string {
  const width = 880
  const labelWidth = 370
  const barArea = width - labelWidth - 190
  const rowHeight = 26
  const top = options.subtitle ? 62 : 46
  const height = top + bars.length * rowHeight + 34
  const max = options.max ?? (Math.max(...bars.map((b) => b.value), options.budget?.value ?? 0) || 1)
  const scale = (v: number) => (Math.min(v, max) / max) * barArea
  const rows = bars.map((bar, i) => {
    const y = top + i * rowHeight
    const w = Math.max(1, scale(bar.value))
    const fill = bar.anchor ? '#9aa0a6' : '#1a73e8'
    return [
      `<text x="${labelWidth - 10}" y="${y + 17}" text-anchor="end" class="label">${escape(bar.label)}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowHeight - 8}" rx="3" fill="${fill}"/>`,
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 17}" class="value">${escape(bar.text ?? `${Math.round(bar.value).toLocaleString('en-US')}`)}</text>`,
    ].join('')
  })
  const budget = options.budget
    ? (() => {
        const x = labelWidth + scale(options.budget.value)
        return `<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${top + bars.length * rowHeight}" stroke="#d93025" stroke-dasharray="4 3"/><text x="${x.toFixed(1)}" y="${top - 8}" text-anchor="middle" class="budget">${escape(options.budget.label)}</text>`
      })()
    : ''
  const legendY = height - 12
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(title)}">
<style>text{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:13px;fill:#202124}.title{font-size:16px;font-weight:600}.sub{fill:#5f6368;font-size:12px}.value{fill:#3c4043}.budget{fill:#d93025;font-size:11px}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="24" class="title">${escape(title)}</text>
${options.subtitle ? `<text x="16" y="44" class="sub">${escape(options.subtitle)}</text>` : ''}
${rows.join('\n')}
${budget}
<rect x="16" y="${legendY - 10}" width="12" height="12" fill="#1a73e8"/><text x="34" y="${legendY}" class="sub">isosdk</text>
<rect x="100" y="${legendY - 10}" width="12" height="12" fill="#9aa0a6"/><text x="118" y="${legendY}" class="sub">anchors (same run)</text>
<text x="${width - 16}" y="${legendY}" text-anchor="end" class="sub">${escape(unit)}</text>
</svg>
`
}
