import { oauthClientCredentials, type TokenStore } from '../auth/index.js'
import { createClient } from '../core/client.js'
import { configError } from '../core/options.js'
import type { ClientOptions } from '../core/types.js'
import type { WorkivaClient } from './call.js'
import { mapWorkivaError } from './errors.js'
import { setHosts, type WorkivaHosts } from './hosts.js'

/** The API version every request names in `X-Version`. */
export const WORKIVA_API_VERSION = '2026-01-01'

export type WorkivaRegion = 'us' | 'eu' | 'apac'

/** The hosts of the three Workiva APIs per region. */
export const WORKIVA_REGIONS: Readonly<Record<WorkivaRegion, Readonly<WorkivaHosts>>> = {
  us: { platform: 'https://api.app.wdesk.com', chains: 'https://h.app.wdesk.com/s/wdata/oc/api', wdata: 'https://h.app.wdesk.com/s/wdata/prep' },
  eu: { platform: 'https://api.eu.wdesk.com', chains: 'https://h.eu.wdesk.com/s/wdata/oc/api', wdata: 'https://h.eu.wdesk.com/s/wdata/prep' },
  apac: { platform: 'https://api.apac.wdesk.com', chains: 'https://h.apac.wdesk.com/s/wdata/oc/api', wdata: 'https://h.apac.wdesk.com/s/wdata/prep' },
}

/** Options of {@link workiva}: the OAuth client, the region (or explicit hosts), and every core client option except `baseURL`/`auth`. */
export interface WorkivaOptions extends Omit<ClientOptions, 'baseURL' | 'auth'> {
  clientId: string
  clientSecret: string
  /** Which Workiva region's hosts to use. Default `'us'`. */
  region?: WorkivaRegion
  /** Explicit hosts (a proxy, or the fake: `workivaFakeBaseURLs(url)` from `isosdk/testing`); wins over `region`. */
  baseURLs?: WorkivaHosts
  /** The OAuth2 token endpoint. Default `{platform}/oauth2/token`. */
  tokenUrl?: string
  /** OAuth2 scope to ask for (space-separated). */
  scope?: string
  /** Shares tokens between clients or isolates (see `isosdk/auth`). */
  tokenStore?: TokenStore
}

function fail(path: string, message: string): never {
  throw configError('workiva options', [{ path, message }])
}

function checkURL(path: string, value: unknown): string {
  if (typeof value !== 'string') fail(path, 'must be an absolute http(s) URL')
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) fail(path, 'must be an absolute http(s) URL')
  return value
}

/**
 * A client for the three Workiva APIs (Platform, Chains, Wdata) of one region: OAuth2 client
 * credentials at `{platform}/oauth2/token` (one token, refreshed before expiry, shared by all
 * three hosts), `X-Version: 2026-01-01` on every request, and Workiva's error bodies mapped to
 * the core's typed errors (`NotFoundError`, `RateLimitError`, …). Bad options throw a
 * `TypeError` naming the option.
 *
 * @example
 * import { workiva, getFiles, getTables } from 'isosdk/workiva'
 *
 * await using client = workiva({ clientId, clientSecret, region: 'eu' })
 * const [files, tables] = await Promise.all([getFiles(client), getTables(client)])
 */
export function workiva(options: WorkivaOptions): WorkivaClient {
  if (!options || typeof options !== 'object') fail('', 'an options object is required')
  const { clientId, clientSecret, region, baseURLs, tokenUrl, scope, tokenStore, headers, trustedOrigins, ...clientOptions } = options
  if (typeof clientId !== 'string' || clientId === '') fail('clientId', 'is required (a non-empty string)')
  if (typeof clientSecret !== 'string' || clientSecret === '') fail('clientSecret', 'is required (a non-empty string)')
  if (region !== undefined && !(region in WORKIVA_REGIONS)) fail('region', `must be one of ${Object.keys(WORKIVA_REGIONS).join(', ')}`)
  let hosts: WorkivaHosts
  if (baseURLs !== undefined) {
    if (!baseURLs || typeof baseURLs !== 'object') fail('baseURLs', 'must be an object { platform, chains, wdata }')
    hosts = {
      platform: checkURL('baseURLs.platform', baseURLs.platform),
      chains: checkURL('baseURLs.chains', baseURLs.chains),
      wdata: checkURL('baseURLs.wdata', baseURLs.wdata),
    }
  } else hosts = WORKIVA_REGIONS[region ?? 'us']
  if (tokenUrl !== undefined) checkURL('tokenUrl', new URL(tokenUrl, hosts.platform).href)

  const allHeaders = new Headers(headers)
  if (!allHeaders.has('x-version')) allHeaders.set('X-Version', WORKIVA_API_VERSION)
  const platform = hosts.platform.replace(/\/$/, '')
  const client = createClient<'workiva'>({
    service: 'workiva',
    ...clientOptions,
    baseURL: platform,
    headers: allHeaders,
    trustedOrigins: [...new Set([new URL(hosts.chains).origin, new URL(hosts.wdata).origin, ...(trustedOrigins ?? [])])],
    auth: oauthClientCredentials({
      tokenUrl: tokenUrl ?? `${platform}/oauth2/token`,
      clientId,
      clientSecret,
      credentials: 'body',
      headers: { 'X-Version': allHeaders.get('x-version')! },
      ...(scope !== undefined && { scope }),
      ...(tokenStore !== undefined && { store: tokenStore }),
      ...(clientOptions.allowInsecureHTTP && { allowInsecureHTTP: true }),
    }),
    mapError: clientOptions.mapError ?? mapWorkivaError,
  })
  setHosts(client, hosts)
  return client
}
