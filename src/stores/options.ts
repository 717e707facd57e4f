/** Throws a `TypeError` naming the option: unknown keys, or a value that is not a non-empty string. */
export function checkStringOptions(fn: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined) return
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object`)
  for (const [key, value] of Object.entries(options)) {
    if (!known.includes(key)) throw new TypeError(`${fn}: option \`${key}\` is not a known option (known: ${known.join(', ')})`)
    if (value !== undefined && (typeof value !== 'string' || value === '')) throw new TypeError(`${fn}: option \`${key}\` must be a non-empty string`)
  }
}

/** The token as stored (JSON), or undefined when the value is not one. */
export function parseToken(value: unknown): { accessToken: string; expiresAt: number; tokenType?: string } | undefined {
  const token = typeof value === 'string' ? safeParse(value) : value
  if (token === null || typeof token !== 'object') return undefined
  const { accessToken, expiresAt, tokenType } = token as Record<string, unknown>
  if (typeof accessToken !== 'string' || typeof expiresAt !== 'number') return undefined
  return typeof tokenType === 'string' ? { accessToken, expiresAt, tokenType } : { accessToken, expiresAt }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** A random lock owner id (Web Crypto: every runtime isosdk supports). */
export const lockId = (): string => crypto.randomUUID()
