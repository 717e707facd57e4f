/**
 * What `isosdk fake` starts per service: the fake (imported only when asked for, so serving
 * Workiva needs no `graphql`), and what a user needs to reach it once it listens on a URL:
 * the credentials it accepts and the client options (base URL, login URL, token URL).
 */
import type { RequestHandler } from 'msw'
import type { ServiceName } from './args.js'

/** How to reach one served fake. */
export interface ServiceInfo {
  service: ServiceName
  /** The server's origin, e.g. `http://127.0.0.1:41234`. */
  url: string
  /** The base URL a client uses (for Workiva, the Platform API's; see `baseURLs`). */
  baseURL: string
  /** Workiva's three APIs. */
  baseURLs?: Record<string, string>
  /** Where a session login goes (Salesforce SOAP, FOLIO). */
  loginURL?: string
  /** Where a token exchange goes (OAuth, Bloom Growth's password grant). */
  tokenURL?: string
  /** What the fake accepts, by name. */
  credentials: Record<string, string>
  /** The isosdk preset call that reaches the fake. */
  client: string
}

/** A fake ready to serve, and how to describe it once it has a URL. */
export interface ServiceFake {
  handlers: RequestHandler[]
  describe(url: string): ServiceInfo
}

export interface ServiceOptions {
  /** Seed of the fake's generated data, for the fakes that take one. */
  seed?: number
}

const q = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

/** Builds the fake of `service` (a dynamic import of its module). */
export async function createServiceFake(service: ServiceName, options: ServiceOptions): Promise<ServiceFake> {
  switch (service) {
    case 'workiva': {
      const { workivaFake, workivaFakeBaseURLs } = await import('../testing/workiva/index.js')
      const fake = workivaFake()
      const clientId = 'workiva-client'
      const clientSecret = 'workiva-secret'
      return {
        handlers: fake.handlers,
        describe: (url) => {
          const baseURLs = workivaFakeBaseURLs(url)
          return {
            service,
            url,
            baseURL: baseURLs.platform,
            baseURLs,
            tokenURL: `${url}/oauth2/token`,
            credentials: { clientId, clientSecret },
            client: `workiva({ clientId: ${q(clientId)}, clientSecret: ${q(clientSecret)}, baseURLs: { platform: ${q(baseURLs.platform)}, chains: ${q(baseURLs.chains)}, wdata: ${q(baseURLs.wdata)} } })`,
          }
        },
      }
    }
    case 'salesforce': {
      const { salesforceFake } = await import('../testing/salesforce/index.js')
      const fake = salesforceFake()
      return {
        handlers: fake.handlers,
        describe: (url) => ({
          service,
          url,
          baseURL: url,
          loginURL: `${url}/services/Soap/u/62.0`,
          tokenURL: `${url}/services/oauth2/token`,
          credentials: { username: fake.username, password: fake.password, securityToken: fake.securityToken, clientId: fake.clientId, clientSecret: fake.clientSecret },
          client: `salesforce({ loginUrl: ${q(url)}, username: ${q(fake.username)}, password: ${q(fake.password)}, securityToken: ${q(fake.securityToken)} })`,
        }),
      }
    }
    case 'folio': {
      const { folioFake } = await import('../testing/folio/index.js')
      const fake = folioFake(options.seed === undefined ? {} : { seed: options.seed })
      const credentials = { tenant: 'diku', username: 'diku_admin', password: 'admin' }
      return {
        handlers: fake.handlers,
        describe: (url) => ({
          service,
          url,
          baseURL: url,
          loginURL: `${url}/authn/login-with-expiry`,
          credentials,
          client: `folio({ url: ${q(url)}, tenant: ${q(credentials.tenant)}, username: ${q(credentials.username)}, password: ${q(credentials.password)} })`,
        }),
      }
    }
    case 'bloomy': {
      const { bloomyFake, FAKE_BLOOMY_USERNAME, FAKE_BLOOMY_PASSWORD } = await import('../testing/bloomy/index.js')
      const fake = bloomyFake()
      return {
        handlers: fake.handlers,
        describe: (url) => ({
          service,
          url,
          baseURL: `${url}/api/v1`,
          tokenURL: `${url}/Token`,
          credentials: { apiKey: fake.apiKey, username: FAKE_BLOOMY_USERNAME, password: FAKE_BLOOMY_PASSWORD },
          client: `bloomy({ apiKey: ${q(fake.apiKey)}, baseURL: ${q(`${url}/api/v1`)} })`,
        }),
      }
    }
    case 'wikijs': {
      const { wikijsFake } = await import('../testing/wikijs/index.js')
      const fake = wikijsFake()
      return {
        handlers: fake.handlers,
        describe: (url) => ({
          service,
          url,
          baseURL: url,
          credentials: { apiKey: fake.state.apiKey },
          client: `wikijs({ url: ${q(url)}, apiKey: ${q(fake.state.apiKey)} })`,
        }),
      }
    }
  }
}
