/** One parsed `Set-Cookie` header: name, value and the expiry attributes FOLIO sets. */
export interface SetCookie {
  name: string
  value: string
  /** Seconds, from `Max-Age`. */
  maxAge?: number
  /** Epoch ms, from `Expires`. */
  expires?: number
}

/**
 * The response's `Set-Cookie` headers, one string each. Feature-detected: `getSetCookie()`
 * (Node 20+, Deno, Bun, Workers) keeps them apart; without it the combined `set-cookie` value
 * is split where a new `name=` starts (an `Expires` date's comma is not such a place).
 * A browser hides `Set-Cookie` from scripts entirely: there the list is empty and the cookie jar
 * holds the session.
 */
export function readSetCookies(headers: Headers): string[] {
  const withList = headers as Headers & { getSetCookie?: () => string[] }
  if (typeof withList.getSetCookie === 'function') return withList.getSetCookie()
  const combined = headers.get('set-cookie')
  return combined ? combined.split(/,\s*(?=[^;,\s=]+=)/) : []
}

/** Parses one `Set-Cookie` value (attributes other than the expiry ones are ignored). */
export function parseSetCookie(header: string): SetCookie | undefined {
  const [pair = '', ...attributes] = header.split(';')
  const eq = pair.indexOf('=')
  if (eq <= 0) return undefined
  const cookie: SetCookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim() }
  for (const attribute of attributes) {
    const [rawName = '', ...rest] = attribute.split('=')
    const name = rawName.trim().toLowerCase()
    const value = rest.join('=').trim()
    if (name === 'max-age' && /^-?\d+$/.test(value)) cookie.maxAge = Number(value)
    if (name === 'expires') {
      const at = Date.parse(value)
      if (!Number.isNaN(at)) cookie.expires = at
    }
  }
  return cookie
}

/** The cookies of a response by name (the last one wins). */
export function responseCookies(headers: Headers): Map<string, SetCookie> {
  const out = new Map<string, SetCookie>()
  for (const header of readSetCookies(headers)) {
    const cookie = parseSetCookie(header)
    if (cookie) out.set(cookie.name, cookie)
  }
  return out
}

/** When a cookie expires (epoch ms): `Max-Age` wins over `Expires`, as in browsers. */
export function cookieExpiry(cookie: SetCookie | undefined, now: number): number | undefined {
  if (cookie?.maxAge !== undefined) return now + cookie.maxAge * 1000
  return cookie?.expires
}
