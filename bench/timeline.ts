// A timeline as plain SVG (no dependency): requests per second at an API over time, one panel per
// run, accepted requests in blue and 429s in red stacked on them, the API's limit dashed.

export interface TimelineRun {
  label: string
  /** Arrival times (ms since the run's first request) and status. */
  arrivals: { at: number; status: number }[]
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/**
 * @example
 * writeFileSync('docs/img/scale-requests.svg', timelineChart('Requests per second at the API', runs, { limit: 100, bucketMs: 250 }))
 */
export function timelineChart(title: string, runs: TimelineRun[], options: { limit: number; bucketMs?: number; subtitle?: string }): string {
  const bucketMs = options.bucketMs ?? 250
  const width = 880
  const left = 56
  const right = 16
  const panelHeight = 150
  const top = options.subtitle ? 84 : 66
  const gap = 52
  const end = Math.max(1_000, ...runs.flatMap((r) => r.arrivals.map((a) => a.at))) + bucketMs
  const buckets = Math.ceil(end / bucketMs)
  const perSecond = (count: number) => (count * 1_000) / bucketMs
  const counted = runs.map((run) => {
    const ok = new Array<number>(buckets).fill(0)
    const rejected = new Array<number>(buckets).fill(0)
    for (const a of run.arrivals) (a.status === 429 ? rejected : ok)[Math.floor(a.at / bucketMs)]!++
    return { run, ok, rejected }
  })
  const peak = Math.max(options.limit * 1.25, ...counted.flatMap((c) => c.ok.map((n, i) => perSecond(n + c.rejected[i]!))))
  const yMax = Math.ceil(peak / 50) * 50
  const barWidth = (width - left - right) / buckets
  const panels = counted.map(({ run, ok, rejected }, p) => {
    const y0 = top + p * (panelHeight + gap)
    const y = (v: number) => y0 + panelHeight - (v / yMax) * panelHeight
    const bars = ok.map((n, i) => {
      const x = left + i * barWidth
      const okTop = y(perSecond(n))
      const allTop = y(perSecond(n + rejected[i]!))
      return (
        (n > 0 ? `<rect x="${x.toFixed(1)}" y="${okTop.toFixed(1)}" width="${Math.max(1, barWidth - 1).toFixed(1)}" height="${(y0 + panelHeight - okTop).toFixed(1)}" fill="#1a73e8"/>` : '') +
        (rejected[i]! > 0 ? `<rect x="${x.toFixed(1)}" y="${allTop.toFixed(1)}" width="${Math.max(1, barWidth - 1).toFixed(1)}" height="${(okTop - allTop).toFixed(1)}" fill="#d93025"/>` : '')
      )
    })
    const total = run.arrivals.length
    const refused = run.arrivals.filter((a) => a.status === 429).length
    const ticks = [0, yMax / 2, yMax].map((v) => `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="sub">${v}</text><line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e8eaed"/>`)
    const seconds = Array.from({ length: Math.floor(end / 1_000) + 1 }, (_, s) => `<text x="${(left + ((s * 1_000) / bucketMs) * barWidth).toFixed(1)}" y="${y0 + panelHeight + 14}" text-anchor="middle" class="sub">${s} s</text>`)
    return [
      `<text x="${left}" y="${y0 - 8}" class="label">${escape(run.label)} — ${total} requests sent, ${refused} answered 429</text>`,
      ...ticks,
      ...bars,
      `<line x1="${left}" x2="${width - right}" y1="${y(options.limit).toFixed(1)}" y2="${y(options.limit).toFixed(1)}" stroke="#202124" stroke-dasharray="5 4"/>`,
      `<text x="${width - right}" y="${(y(options.limit) - 4).toFixed(1)}" text-anchor="end" class="sub">API limit ${options.limit}/s</text>`,
      ...seconds,
    ].join('\n')
  })
  const height = top + runs.length * (panelHeight + gap) + 10
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(title)}">
<style>text{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:13px;fill:#202124}.title{font-size:16px;font-weight:600}.sub{fill:#5f6368;font-size:11px}.label{font-size:13px}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="24" class="title">${escape(title)}</text>
${options.subtitle ? `<text x="16" y="44" class="sub">${escape(options.subtitle)}</text>` : ''}
${panels.join('\n')}
</svg>
`
}
