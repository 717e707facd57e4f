import { createRequire } from 'node:module'
import type * as Undici from 'undici'

/** What `undiciTransport()` throws when the optional peer is not installed. */
export const UNDICI_MISSING = 'isosdk/node needs the optional peer `undici`: npm i undici'

let loaded: typeof Undici | undefined

/**
 * undici, loaded on first use rather than by a static import: `import 'isosdk/node'` then works
 * without it, and a missing peer is a sentence saying what to install instead of a bare
 * `ERR_MODULE_NOT_FOUND` at link time. `createRequire` from this file's URL (ESM build) or
 * `__filename` (CJS build, where `import.meta` is empty): undici is a CommonJS package, so both
 * give the module an `import` would.
 */
export function loadUndici(): typeof Undici {
  return (loaded ??= requireUndici(defaultLoad))
}

/** Loads undici with `load`; a missing package becomes {@link UNDICI_MISSING} (the original as `cause`), anything else passes through. */
export function requireUndici(load: (id: string) => unknown): typeof Undici {
  try {
    return load('undici') as typeof Undici
  } catch (error) {
    if (isMissing(error)) throw new Error(UNDICI_MISSING, { cause: error })
    throw error
  }
}

function defaultLoad(id: string): unknown {
  return createRequire(import.meta.url ?? __filename)(id)
}

function isMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
  return (code === 'MODULE_NOT_FOUND' || code === 'ERR_MODULE_NOT_FOUND') && String(message).includes("'undici'")
}
