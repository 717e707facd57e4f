/**
 * What keeps a Node process alive, counted the way `why-is-node-running` looks at it:
 * `process.getActiveResourcesInfo()` (ref'd timers, sockets, servers, immediates) by type, and
 * `process._getActiveHandles()` for a readable list when something is left over.
 */

/** The resource types a client or a served fake could leave behind. */
export const WATCHED = ['Timeout', 'TCPSocketWrap', 'TCPServerWrap', 'Immediate'] as const
export type Watched = (typeof WATCHED)[number]
export type ResourceCounts = Record<Watched, number>

export function resourceCounts(): ResourceCounts {
  const counts = Object.fromEntries(WATCHED.map((type) => [type, 0])) as ResourceCounts
  for (const type of process.getActiveResourcesInfo()) if (type in counts) counts[type as Watched]++
  return counts
}

/** Types whose count is above `baseline`, with the excess. */
export function excess(now: ResourceCounts, baseline: ResourceCounts): Partial<ResourceCounts> {
  const out: Partial<ResourceCounts> = {}
  for (const type of WATCHED) if (now[type] > baseline[type]) out[type] = now[type] - baseline[type]
  return out
}

/**
 * Lets the event loop run (immediates and short timers) until nothing is left above `baseline`,
 * for at most `ms`; returns what is still above it (empty when clean).
 */
export async function settle(baseline: ResourceCounts, ms = 2_000): Promise<Partial<ResourceCounts>> {
  const until = Date.now() + ms
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve))
    const left = excess(resourceCounts(), baseline)
    if (Object.keys(left).length === 0 || Date.now() > until) return left
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** A readable list of the active handles (sockets with their ports, servers, timers), for failure messages. */
export function describeHandles(): string[] {
  const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles()
  return handles.map((handle) => {
    const name = handle.constructor?.name ?? typeof handle
    const socket = handle as { localPort?: number; remotePort?: number; destroyed?: boolean }
    if (name === 'Socket') return `Socket ${socket.localPort ?? '?'} → ${socket.remotePort ?? '?'}${socket.destroyed ? ' (destroyed)' : ''}`
    const server = handle as { address?: () => unknown }
    if (name === 'Server' && typeof server.address === 'function') return `Server ${JSON.stringify(server.address())}`
    return name
  })
}

/** Resolves with `'settled'` once `promise` settles, or `'pending'` after `ms`: a promise left pending for ever shows up. */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<'settled' | 'pending'> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const pending = new Promise<'pending'>((resolve) => {
    timer = setTimeout(() => resolve('pending'), ms)
  })
  const settled = promise.then(
    () => 'settled' as const,
    () => 'settled' as const,
  )
  return Promise.race([settled, pending]).finally(() => clearTimeout(timer))
}
