// `authentication { apiKeys, apiState, activeStrategies }` and `authentication.login` of the Wiki.js
// fake, after `server/graph/resolvers/authentication.js` and `server/models/users.js` (2.5): one
// enabled strategy, `local` (email + password), whose login answers a JWT that then works as a
// `Bearer` for that user, as a real session token does.
import { failure, success, wikiError, type Resolver, type WikijsContext } from './kit.js'
import { USERS_GROUP, type WikijsFakeUser } from './state.js'

/** `WIKI.data.authentication` entry of the built-in strategy. */
const LOCAL_STRATEGY = {
  key: 'local',
  title: 'Local',
  description: 'Built-in authentication for Wiki.js',
  isAvailable: true,
  useForm: true,
  usernameType: 'email',
  logo: '',
  color: 'blue darken-3',
  website: 'https://wiki.js.org',
  icon: '',
  props: [],
}

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** A JWT-shaped session token (not signed: only this fake reads it back). */
function issueJwt(ctx: WikijsContext, user: WikijsFakeUser): string {
  const iat = Math.floor(ctx.state.clock / 1000)
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))
  const payload = base64url(
    JSON.stringify({
      id: user.id,
      email: user.email,
      name: user.name,
      pk: 'local',
      permissions: user.permissions === 'all' ? ['manage:system'] : (user.permissions ?? USERS_GROUP),
      groups: [user.permissions === 'all' ? 1 : 2],
      iat,
      exp: iat + 1800,
      aud: 'urn:wiki.js',
      iss: 'urn:wiki.js',
    }),
  )
  const token = `${header}.${payload}.${base64url(`isosdk-fake-session-${ctx.state.sessions.size + 1}`)}`
  ctx.state.sessions.set(token, user.id)
  return token
}

/** Shows no more of a key than Wiki.js's `'...' + key.substring(key.length - 20)` would of a real (long JWT) key. */
function keyShort(key: string): string {
  return `...${key.slice(-Math.min(20, Math.floor(key.length / 4)))}`
}

export const authenticationQuery: Record<string, Resolver> = {
  apiKeys(_source, _args, ctx) {
    return [...ctx.state.apiKeys]
      .sort((a, b) => Number(a.isRevoked) - Number(b.isRevoked) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(({ key, ...row }) => ({ ...row, keyShort: keyShort(key) }))
  },

  apiState() {
    return true
  },

  activeStrategies(_source, args) {
    const local = {
      key: 'local',
      strategy: LOCAL_STRATEGY,
      displayName: 'Local',
      order: 0,
      isEnabled: true,
      config: [],
      selfRegistration: false,
      domainWhitelist: [],
      autoEnrollGroups: [],
    }
    return args['enabledOnly'] === true ? [local].filter((s) => s.isEnabled) : [local]
  },
}

export const authenticationMutation: Record<string, Resolver> = {
  login(_source, args, ctx) {
    try {
      if (args['strategy'] !== 'local') throw wikiError.AuthProviderInvalid()
      const email = String(args['username']).trim().toLowerCase()
      const user = [...ctx.state.users.values()].find((u) => u.email.toLowerCase() === email)
      if (!user || user.password === undefined || user.password !== args['password']) throw wikiError.AuthLoginFailed()
      ctx.onLogin?.()
      return { responseResult: success('Login success'), jwt: issueJwt(ctx, user), mustChangePwd: false, mustProvideTFA: false, mustSetupTFA: false, continuationToken: null, redirect: '/', tfaQRImage: null }
    } catch (error) {
      return failure(error)
    }
  },
}
