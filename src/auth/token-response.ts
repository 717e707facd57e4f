import { AuthenticationError, errorForStatus, type HttpError } from '../core/errors.js'
import { parseJson } from '../core/response.js'

/** A typed error for a refused token or login exchange, with the OAuth `error`/`error_description` but never the credentials. */
export async function exchangeError(response: Response, method: string, url: string, what: string): Promise<HttpError> {
  const text = await response.text().catch(() => '')
  let body: unknown = text
  try {
    body = parseJson(text)
  } catch {
    // not JSON: keep the text
  }
  const oauth = body as { error?: unknown; error_description?: unknown } | undefined
  const reason = typeof oauth?.error === 'string' ? `${oauth.error}${typeof oauth.error_description === 'string' ? `: ${oauth.error_description}` : ''}` : `status ${response.status}`
  const init = { status: response.status, method, url, body, headers: response.headers, message: `${what} failed (${reason})` }
  if (response.status >= 500 || response.status === 429) return errorForStatus(init)
  return new AuthenticationError(init)
}
