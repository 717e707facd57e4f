// The five fakes, served on 127.0.0.1 for the doc snippets that run, and the environment the
// snippets read their URLs and credentials from (`process.env.WIKI_URL`, `process.env.FOLIO_URL`, …).
import { bloomyFake, folioFake, salesforceFake, serve, wikijsFake, workivaFake, workivaFakeBaseURLs, type ServedFake } from '../../src/testing/index.js'

export interface SnippetFakes {
  env: Record<string, string>
  close(): Promise<void>
}

export async function serveSnippetFakes(): Promise<SnippetFakes> {
  const wiki = wikijsFake()
  const folio = folioFake({ users: 50 })
  const sf = salesforceFake()
  const bloom = bloomyFake()
  const servers: ServedFake[] = []
  const up = async (handlers: Parameters<typeof serve>[0]) => {
    const server = await serve(handlers)
    servers.push(server)
    return server.url
  }
  const [wikiURL, folioURL, sfURL, bloomURL, workivaURL] = await Promise.all([
    up(wiki.handlers), up(folio.handlers), up(sf.handlers), up(bloom.handlers), up(workivaFake().handlers),
  ])
  const workivaBase = workivaFakeBaseURLs(workivaURL!)
  return {
    env: {
      WIKI_URL: wikiURL!,
      WIKI_KEY: wiki.state.apiKey,
      API_KEY: 'sk-docs-0123456789',
      FOLIO_URL: folioURL!,
      FOLIO_PASSWORD: 'admin',
      SF_LOGIN_URL: sfURL!,
      SF_USER: sf.username,
      SF_PASSWORD: sf.password,
      SF_TOKEN: sf.securityToken ?? '',
      BG_API_KEY: bloom.apiKey,
      BG_URL: `${bloomURL!}/api/v1`,
      WORKIVA_CLIENT_ID: 'workiva-client',
      WORKIVA_CLIENT_SECRET: 'workiva-secret',
      WORKIVA_PLATFORM_URL: workivaBase.platform,
    },
    close: async () => void (await Promise.all(servers.map((s) => s.close()))),
  }
}
