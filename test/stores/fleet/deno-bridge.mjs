// Serves the Deno KV stores of the built package over loopback HTTP, so the shared contract suite
// (vitest, Node) runs its cases against stores running in Deno on a real KV file. Two bridges on
// one file are two processes sharing it.
import { denoKvRateLimitStore, denoKvTokenStore } from '../../../dist/stores/index.js'

const kv = await Deno.openKv(Deno.args[0])
const stores = new Map()
const locks = new Map()
let nextLock = 0
const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`port ${port}`) }, async (request) => {
  const { kind, prefix, method, args } = await request.json()
  try {
    if (method === 'release') {
      await locks.get(args[0])?.()
      locks.delete(args[0])
      return Response.json({ value: null })
    }
    const id = `${kind}|${prefix}`
    if (!stores.has(id)) stores.set(id, kind === 'rate' ? denoKvRateLimitStore(kv, { prefix }) : denoKvTokenStore(kv, { prefix }))
    const value = await stores.get(id)[method](...args)
    if (typeof value === 'function') {
      const handle = `lock-${nextLock++}`
      locks.set(handle, value)
      return Response.json({ lock: handle })
    }
    return Response.json({ value: value ?? null })
  } catch (error) {
    return Response.json({ error: String(error?.message ?? error) }, { status: 500 })
  }
})
await server.finished
