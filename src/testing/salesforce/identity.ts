// The identity URL the fake's logins hand out (`/id/{orgId}/{userId}`), as Salesforce answers it.
import { json } from './http.js'
import { FAKE_SF_ORG_ID, FAKE_USER_ID, type SalesforceFakeState } from './state.js'

/** Whether a path is this fake's identity URL (other fakes on the same server keep their `/id/...` routes). */
export function isIdentityPath(path: string): boolean {
  const match = /^\/id\/(\w+)\/(\w+)\/?$/.exec(path)
  return !!match && match[1]!.slice(0, 15) === FAKE_SF_ORG_ID.slice(0, 15)
}

/** `GET /id/{org}/{user}` with the session as `Authorization: Bearer` (or `?oauth_token=`). */
export function identity(state: SalesforceFakeState, request: Request, url: URL): Response {
  const token = request.headers.get('authorization')?.replace(/^(Bearer|OAuth)\s+/i, '') ?? url.searchParams.get('oauth_token') ?? ''
  if (!state.sessions.has(token)) return new Response('Bad_OAuth_Token', { status: 403, headers: { 'Content-Type': 'text/plain' } })
  const [, , org, user] = url.pathname.split('/')
  if (org !== FAKE_SF_ORG_ID || user !== FAKE_USER_ID) return new Response('Bad_Id', { status: 404, headers: { 'Content-Type': 'text/plain' } })
  const me: Record<string, unknown> = state.records.get('User')?.get(FAKE_USER_ID) ?? {}
  const base = `${url.origin}/services`
  // Salesforce hands these out with a literal `{version}` for the client to fill in.
  const fill = (path: string) => `${base}${path}`
  return json({
    id: `${url.origin}/id/${FAKE_SF_ORG_ID}/${FAKE_USER_ID}`,
    asserted_user: true,
    user_id: FAKE_USER_ID,
    organization_id: FAKE_SF_ORG_ID,
    username: me.Username,
    nick_name: me.CommunityNickname,
    display_name: me.Name,
    email: me.Email,
    email_verified: true,
    first_name: me.FirstName,
    last_name: me.LastName,
    timezone: me.TimeZoneSidKey,
    photos: { picture: `${url.origin}/img/userprofile/default_profile_200_v2.png`, thumbnail: `${url.origin}/img/userprofile/default_profile_45_v2.png` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: {
      enterprise: fill(`/Soap/c/{version}/${FAKE_SF_ORG_ID.slice(0, 15)}`),
      metadata: fill(`/Soap/m/{version}/${FAKE_SF_ORG_ID.slice(0, 15)}`),
      partner: fill(`/Soap/u/{version}/${FAKE_SF_ORG_ID.slice(0, 15)}`),
      rest: fill('/data/v{version}/'),
      sobjects: fill('/data/v{version}/sobjects/'),
      search: fill('/data/v{version}/search/'),
      query: fill('/data/v{version}/query/'),
      recent: fill('/data/v{version}/recent/'),
      tooling_soap: fill(`/Soap/T/{version}/${FAKE_SF_ORG_ID.slice(0, 15)}`),
      tooling_rest: fill('/data/v{version}/tooling/'),
      profile: `${url.origin}/${FAKE_USER_ID}`,
      feeds: fill('/data/v{version}/chatter/feeds'),
      groups: fill('/data/v{version}/chatter/groups'),
      users: fill('/data/v{version}/chatter/users'),
      feed_items: fill('/data/v{version}/chatter/feed-items'),
      feed_elements: fill('/data/v{version}/chatter/feed-elements'),
      custom_domain: url.origin,
    },
    active: me.IsActive ?? true,
    user_type: 'STANDARD',
    language: me.LanguageLocaleKey,
    locale: me.LocaleSidKey,
    utcOffset: 0,
    last_modified_date: me.LastModifiedDate,
    is_app_installed: true,
  })
}
