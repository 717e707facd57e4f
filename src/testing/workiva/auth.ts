import { http, HttpResponse } from 'msw'
import type { FakeContext } from './context.js'

/** Where the client id and secret came from: the form body (the SDK's way), a JSON body, or HTTP Basic. */
async function credentials(request: Request): Promise<{ grantType?: string; clientId?: string; clientSecret?: string }> {
  const type = request.headers.get('content-type') ?? ''
  const text = await request.text()
  let fields: Record<string, string | undefined> = {}
  if (type.includes('application/json')) {
    try {
      fields = JSON.parse(text) as Record<string, string>
    } catch {
      fields = {}
    }
  } else fields = Object.fromEntries(new URLSearchParams(text))
  let clientId = fields.client_id
  let clientSecret = fields.client_secret
  const basic = /^Basic (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1]
  if (basic) {
    const [id, secret] = atob(basic).split(':').map((p) => decodeURIComponent(p))
    clientId ??= id
    clientSecret ??= secret
  }
  return { grantType: fields.grant_type, clientId, clientSecret }
}

/** `POST /oauth2/token` and `POST /iam/v1/oauth2/token`: client credentials → a bearer token with `expires_in`.
 *
 * @example
 * setupServer(...tokenHandlers(ctx)) // POST /oauth2/token → { access_token, expires_in }
 */
export function tokenHandlers(ctx: FakeContext) {
  const issue = async ({ request }: { request: Request }) => {
    ctx.stats.requests++
    const { grantType, clientId, clientSecret } = await credentials(request)
    if (grantType !== 'client_credentials') {
      return HttpResponse.json({ error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' }, { status: 400 })
    }
    if (clientId !== ctx.options.clientId || clientSecret !== ctx.options.clientSecret) {
      return HttpResponse.json({ error: 'invalid_client', error_description: 'Client authentication failed' }, { status: 401 })
    }
    ctx.stats.logins++
    const token = `wk-token-${ctx.stats.logins}`
    ctx.state.tokens.set(token, Date.now() + ctx.options.tokenLifetime * 1000)
    return HttpResponse.json({ access_token: token, expires_in: ctx.options.tokenLifetime, scope: 'file:read file:write organization:read', token_type: 'Bearer' })
  }
  return [http.post('*/oauth2/token', issue), http.post('*/iam/v1/oauth2/token', issue)]
}
