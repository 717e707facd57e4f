import type { Client } from '../core/types.js'

/** The base URLs of the three Workiva APIs one client talks to (same bearer token on all three). */
export interface WorkivaHosts {
  /** Files, admin, operations, …, e.g. `https://api.app.wdesk.com`. */
  platform: string
  /** Chains, e.g. `https://h.app.wdesk.com/s/wdata/oc/api`. */
  chains: string
  /** Wdata, e.g. `https://h.app.wdesk.com/s/wdata/prep`. */
  wdata: string
}

const hostsByClient = /* @__PURE__ */ new WeakMap<object, readonly [string, string, string]>()

/** Remembers the hosts of a client made by `workiva()`; generated functions read them with {@link hostOf}.
 *
 * @example
 * setHosts(client, { platform: 'https://api.app.wdesk.com', chains: 'https://h.app.wdesk.com/s/wdata/oc/api', wdata: 'https://h.app.wdesk.com/s/wdata/prep' })
 */
export function setHosts(client: Client<unknown>, hosts: WorkivaHosts): void {
  hostsByClient.set(client, [hosts.platform, hosts.chains, hosts.wdata].map(trimSlash) as [string, string, string])
}

/**
 * The base URL of API `api` (0 Platform, 1 Chains, 2 Wdata) for `client`, or `''` for a client
 * `workiva()` did not make: its operations then go to the client's own `baseURL`.
 *
 * @example
 * hostOf(client, 2) // 'https://h.app.wdesk.com/s/wdata/prep' for a client made by workiva()
 */
export function hostOf(client: Client<unknown>, api: 0 | 1 | 2): string {
  return hostsByClient.get(client)?.[api] ?? ''
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url
}
