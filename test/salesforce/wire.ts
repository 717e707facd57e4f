// Raw HTTP against the Salesforce fake (no SDK in between): what a user's own client would see.
import { salesforceFake, type SalesforceFake, type SalesforceFakeOptions } from '../../src/testing/salesforce/index.js'
import type { useSalesforce } from './setup.js'

export const ORIGIN = 'https://wire.sf.test'

export interface Wire {
  fake: SalesforceFake
  token: string
  /** `fetch` of `/services/data/v63.0${path}` with the session; a JSON body when given. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>
  /** The JSON of a call, with its status. */
  json<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>
  /** `GET /query?q=` as JSON. */
  query<T = Record<string, unknown>>(soql: string): Promise<{ status: number; body: T }>
}

/** A fresh fake on the test file's msw server, logged in with the OAuth password flow. */
export async function wire(env: ReturnType<typeof useSalesforce>, options: SalesforceFakeOptions = {}): Promise<Wire> {
  const fake = salesforceFake(options)
  env.server.use(...fake.handlers)
  const login = await fetch(`${ORIGIN}/services/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: fake.clientId, client_secret: fake.clientSecret, username: fake.username, password: fake.password + fake.securityToken }),
  })
  const token = ((await login.json()) as { access_token: string }).access_token
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${ORIGIN}/services/data/v63.0${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { 'Content-Type': 'application/json' }), ...headers },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
  const json = async <T,>(method: string, path: string, body?: unknown) => {
    const response = await call(method, path, body)
    const text = await response.text()
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T }
  }
  return { fake, token, call, json, query: (soql) => json('GET', `/query?q=${encodeURIComponent(soql)}`) }
}
