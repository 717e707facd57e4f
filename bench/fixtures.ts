// Shared data of the benchmarks: the 1 KB JSON body, its schema, and the paged records.
import * as v from 'valibot'

/** The body every throughput run fetches: six fields, 1,024 bytes of JSON. */
export const ITEM = buildItem(1024)
export const ITEM_BODY = JSON.stringify(ITEM)

function buildItem(size: number) {
  const item = {
    id: 123456,
    title: 'Getting started with the benchmark fake',
    path: 'docs/benchmarks/getting-started',
    updatedAt: '2026-01-01T12:00:00.000Z',
    tags: ['bench', 'json', 'one-kilobyte'],
    content: '',
  }
  const fill = size - JSON.stringify(item).length
  item.content = 'x'.repeat(Math.max(0, fill))
  return item
}

/** The schema of {@link ITEM}, as a service module would write it (loose: unknown fields pass). */
export const ItemSchema = /* @__PURE__ */ v.looseObject({
  id: v.number(),
  title: v.string(),
  path: v.string(),
  updatedAt: v.string(),
  tags: v.array(v.string()),
  content: v.string(),
})

/** Records served by `/records` in all. */
export const RECORD_TOTAL = 1_000_000

export interface BenchRecord {
  id: number
  name: string
  group: string
  active: boolean
}

/** One page of generated records, `next` the following offset (absent on the last page). */
export function recordPage(offset: number, limit: number, total: number): { items: BenchRecord[]; next?: number } {
  const end = Math.min(total, offset + limit)
  const items: BenchRecord[] = []
  for (let id = offset; id < end; id++) items.push({ id, name: `record ${id}`, group: `g${id % 97}`, active: id % 3 !== 0 })
  return end < total ? { items, next: end } : { items }
}
