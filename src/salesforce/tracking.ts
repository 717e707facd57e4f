// Change tracking for `onlyChanges`: records returned by fetch / query / reload / save remember
// the field values they had, so an update can send only what the caller changed since.

const snapshots = /* @__PURE__ */ new WeakMap<object, Map<string, string>>()

function encode(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined'
}

/** Remembers the record's current field values as "unchanged". */
export function _markClean(record: object): void {
  const snapshot = new Map<string, string>()
  for (const [key, value] of Object.entries(record)) if (key !== 'attributes') snapshot.set(key.toLowerCase(), encode(value))
  snapshots.set(record, snapshot)
}

/**
 * The fields changed since the record was fetched or saved. A record isosdk never returned has
 * no snapshot: every field counts as changed.
 */
export function _changedFields(record: Record<string, unknown>): Record<string, unknown> {
  const snapshot = snapshots.get(record)
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes' || value === undefined) continue
    if (snapshot && snapshot.get(key.toLowerCase()) === encode(value)) continue
    out[key] = value
  }
  return out
}
