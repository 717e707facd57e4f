// CPU time per call of an in-process loop, shared by the overhead and otel benches.

/** CPU µs per call of `requests` calls of `fn`, 64 in flight, from `process.cpuUsage()`. */
export async function cpuPerCall(fn: () => Promise<unknown>, requests: number): Promise<number> {
  let started = 0
  const c0 = process.cpuUsage()
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (started++ < requests) await fn()
    }),
  )
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / requests
}

/** The middle sample (the upper one of an even count). */
export function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
