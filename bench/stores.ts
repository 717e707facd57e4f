/**
 * `npx tsx bench/stores.ts` — requests per second at an API allowing 100 per second, from 4 Node
 * processes (the built package) each limited to 100 per second: once without a shared store,
 * once with `redisRateLimitStore` on a local redis-server. Writes docs/img/scale-requests.svg and
 * prints the numbers. Needs `npm run build` and /usr/bin/redis-server. Bounded: 600 calls a run.
 */
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { startFleetApi } from '../test/stores/fleet/api.js'
import { startChild } from '../test/stores/fleet/processes.js'
import { INTERVAL } from '../test/stores/fleet/scenarios.js'
import { startRedis } from '../test/stores/redis-server.js'
import { timelineChart, type TimelineRun } from './timeline.js'

const ROOT = resolve(import.meta.dirname, '..')
const redis = await startRedis()
const api = await startFleetApi()
const children = await Promise.all(Array.from({ length: 4 }, () => startChild(process.execPath, [join(ROOT, 'test/stores/fleet/node-child.mjs'), redis.url], { cwd: ROOT })))
const runs: TimelineRun[] = []
try {
  for (const shared of [false, true]) {
    api.reset({ limit: 100 })
    const prefix = `bench-${Date.now().toString(36)}`
    const results = await Promise.all(children.map((c, i) => c.run({ prefix, shared, calls: 150, requests: 100, interval: INTERVAL, oauth: false, who: `m${i}`, api: api.url })))
    const first = Math.min(...api.arrivals.map((a) => a.at))
    const arrivals = api.arrivals.map((a) => ({ at: a.at - first, status: a.status }))
    const last = Math.max(...api.arrivals.map((a) => a.done)) - first
    const label = shared ? '4 processes sharing redisRateLimitStore' : '4 processes, each with its own limit (no shared store)'
    const ok = results.reduce((n, r) => n + r.ok, 0)
    console.log(`${label}: ${ok}/600 calls ok, ${arrivals.length} requests sent, ${arrivals.filter((a) => a.status === 429).length} × 429, last answer after ${(last / 1000).toFixed(2)} s`)
    runs.push({ label, arrivals })
  }
} finally {
  await Promise.all(children.map((c) => c.stop()))
  await api.close()
  await redis.stop()
}
const out = join(ROOT, 'docs/img/scale-requests.svg')
writeFileSync(out, timelineChart('Requests per second at an API that allows 100 per second', runs, { limit: 100, bucketMs: 250, subtitle: `600 calls from 4 Node processes, rateLimit { requests: 100, interval: ${INTERVAL} } each, retries on 429 (Retry-After: 1); per 250 ms, scaled to per second` }))
console.log(`wrote ${out}`)
