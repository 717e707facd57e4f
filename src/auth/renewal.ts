/**
 * When a credential should be renewed: `skew` ms before it expires, or at half its life when it
 * lives less than twice `skew` (so a short-lived token is not renewed before every call). Without
 * the time it was issued, `skew` before it expires.
 */
export function renewAt(expiresAt: number, obtainedAt: number | undefined, skew: number): number {
  return expiresAt - Math.min(skew, obtainedAt === undefined ? skew : Math.max(0, expiresAt - obtainedAt) / 2)
}
