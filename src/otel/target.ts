import { redactText } from '../core/redact.js'

/** What the HTTP semantic conventions read from a request's URL. */
export interface Target {
  /** `url.full`: redacted, with any `user:password@` replaced. */
  full: string
  /** `server.address` */
  address: string
  /** `server.port`: the URL's, or the scheme's default. */
  port: number
  /** The path, for the span name. */
  path: string
}

/**
 * Reads a URL the core already redacted. `redact` runs it through the core's redaction once more,
 * for URLs that did not come from the request path (token and login endpoints).
 *
 * @example
 * parseTarget('https://api.example.com/v1/files?$next=2').path // '/v1/files'
 */
export function parseTarget(href: string, redact = false): Target {
  const text = redact ? redactText(href) : href
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { full: '[invalid URL]', address: '', port: 0, path: '/' }
  }
  // The conventions' rule for credentials in the authority (fetch refuses such URLs, but the call span shows the URL as built).
  if (url.username || url.password) {
    url.username = 'REDACTED'
    url.password = url.password && 'REDACTED'
  }
  return {
    full: url.username ? url.href : text,
    address: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'http:' ? 80 : 443,
    path: url.pathname,
  }
}
