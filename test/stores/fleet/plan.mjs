// Runtime-neutral (Node, Deno, workerd): one process's share of a fleet run. The isosdk functions
// and the stores are passed in, so each runtime imports the built package its own way.
export async function runPlan(plan, { createClient, oauthClientCredentials, rate: store, token }) {
  // Store calls are timed, so a slow or failing store shows in the result (the client would fall back to its local limit).
  const stats = { reserves: 0, slowest: 0, failures: 0, pauses: 0 }
  const timed = (name, call) => async (...args) => {
    const started = Date.now()
    try {
      return await call(...args)
    } catch (error) {
      stats.failures++
      throw error
    } finally {
      if (name === 'reserve') stats.reserves++
      else stats.pauses++
      stats.slowest = Math.max(stats.slowest, Date.now() - started)
    }
  }
  // `shared: false`: each process keeps its own limit (the "without a shared store" baseline).
  const rate = plan.shared === false ? undefined : { reserve: timed('reserve', store.reserve), pause: timed('pause', store.pause) }
  const client = createClient({
    baseURL: plan.api,
    headers: { 'x-fleet-who': plan.who },
    rateLimit: { requests: plan.requests, interval: plan.interval, ...(rate && { store: rate }) },
    concurrency: plan.concurrency,
    retry: { limit: 3, maxDelay: 5_000 },
    auth: plan.oauth ? oauthClientCredentials({ tokenUrl: '/oauth/token', clientId: 'fleet', clientSecret: 'fleet-secret', store: token }) : undefined,
  })
  const settled = await Promise.allSettled(Array.from({ length: plan.calls }, (_, i) => client.request({ path: `/items/${i}` })))
  await client.close()
  const failed = settled.filter((s) => s.status === 'rejected')
  return { ok: settled.length - failed.length, errors: failed.slice(0, 3).map((s) => String(s.reason?.message ?? s.reason)), stats }
}
