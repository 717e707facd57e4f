import { IsoSdkError, ValidationError } from '../core/errors.js'
import type { Client } from '../core/types.js'
import { VersionListSchema } from './schemas.js'

// The REST API version a client speaks: set by the preset (`apiVersion`), or discovered once per
// client from `GET /services/data` (the highest version listed), shared by concurrent first calls.
const versions = /* @__PURE__ */ new WeakMap<object, string | Promise<string>>()

/** `'63'`, `'v63.0'` or `'63.0'` → `'63.0'`; anything else is a `ValidationError` naming `apiVersion`. */
export function _normalizeApiVersion(version: string | number): string {
  const match = /^v?(\d{2,3})(?:\.(\d))?$/.exec(String(version).trim())
  if (!match) throw new ValidationError('salesforce', [{ path: 'apiVersion', message: `expected a version like "63.0", got ${JSON.stringify(version)}` }])
  return `${match[1]}.${match[2] ?? '0'}`
}

/** Pins a client's REST API version (used by the `salesforce()` preset). */
export function _setApiVersion(client: object, version: string): void {
  versions.set(client, _normalizeApiVersion(version))
}

/**
 * The client's REST API version: the pinned one, or the highest one `/services/data` lists
 * (looked up once per client).
 *
 * @example
 * const version = await apiVersion(sf) // '63.0'
 */
export async function apiVersion(client: Client<'salesforce'>): Promise<string> {
  const known = versions.get(client)
  if (known !== undefined) return known
  const lookup = client.request({ operation: 'apiVersion', path: '/services/data', schema: VersionListSchema }).then((list) => {
    const highest = list.map((entry) => entry.version).sort((a, b) => Number(a) - Number(b)).at(-1)
    if (highest === undefined) throw new ValidationError('GET /services/data response', [{ path: '', message: 'lists no API version' }])
    versions.set(client, highest)
    return highest
  })
  versions.set(client, lookup)
  lookup.catch(() => versions.delete(client))
  return lookup
}

/** `/services/data/vXX.X/<rest>` for the client's version. */
export async function _dataPath(client: Client<'salesforce'>, rest: string): Promise<string> {
  return `/services/data/v${await apiVersion(client)}/${rest}`
}

/**
 * An id the server answered with (a Bulk job id), checked before it becomes part of a path: a
 * Salesforce id is 15 or 18 letters and digits. Anything else (`../..//host/x`) is refused.
 */
export function _serverId(id: string): string {
  if (!/^[A-Za-z0-9]{15,18}$/.test(id)) throw new IsoSdkError(`Salesforce answered a job id that is not a Salesforce id (${JSON.stringify(id.slice(0, 40))}); refusing to build a URL from it`)
  return id
}
