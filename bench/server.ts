/**
 * The benchmark's fake API: a raw `node:http` server on 127.0.0.1, run as its own process
 * (`fork`ed by bench/main.ts) so its CPU is never counted as the client's.
 *
 * Routes (all GET):
 * - `/item`                     → a 1 KB JSON object (six fields), precomputed
 * - `/slow?ms=50`               → the same body after `ms` milliseconds
 * - `/records?offset=&limit=`   → `{ items: [...], next }`, records generated on the fly (1,000,000 in all)
 *
 * IPC: sends `{ port }` once listening; answers `'cpu'` with `{ cpu: process.cpuUsage() }`.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ITEM_BODY, RECORD_TOTAL, recordPage } from './fixtures.js'

const body = Buffer.from(ITEM_BODY)
const jsonHeaders = { 'content-type': 'application/json', 'content-length': String(body.length) }

const server = createServer((req, res) => {
  const url = req.url ?? '/'
  if (url === '/item') {
    res.writeHead(200, jsonHeaders)
    res.end(body)
    return
  }
  const query = new URL(url, 'http://127.0.0.1').searchParams
  if (url.startsWith('/slow')) {
    const ms = Math.min(Number(query.get('ms') ?? 50), 5_000)
    setTimeout(() => {
      res.writeHead(200, jsonHeaders)
      res.end(body)
    }, ms)
    return
  }
  if (url.startsWith('/records')) {
    const offset = Number(query.get('offset') ?? 0)
    const limit = Math.min(Number(query.get('limit') ?? 1000), 5_000)
    const page = Buffer.from(JSON.stringify(recordPage(offset, limit, RECORD_TOTAL)))
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(page.length) })
    res.end(page)
    return
  }
  res.writeHead(404, { 'content-type': 'application/json' })
  res.end('{"error":"not found"}')
})
server.keepAliveTimeout = 60_000
server.headersTimeout = 65_000

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port })
})

process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() })
  if (message === 'stop') {
    server.closeAllConnections()
    server.close(() => process.exit(0))
  }
})
process.on('disconnect', () => process.exit(0))
