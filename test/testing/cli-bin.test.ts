/**
 * The built `isosdk` bin (`dist/cli/index.js`, from `npm run build`): spawned as a user would,
 * its printed URLs used for real requests to every fake, one log line per request, and a clean
 * stop on SIGTERM. Skipped, with a message, when the package has not been built.
 */
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { servedURLs, startCli, type RunningCli } from './cli-helpers.js'

const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))
const built = existsSync(BIN)
if (!built) console.warn(`test/testing/cli-bin.test.ts: skipped, ${BIN} does not exist (run npm run build first)`)

const running: RunningCli[] = []
function cli(...args: string[]): RunningCli {
  const run = startCli(process.execPath, [BIN, ...args])
  running.push(run)
  return run
}
afterEach(() => {
  for (const run of running.splice(0)) if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill('SIGKILL')
})

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

describe.skipIf(!built)('isosdk fake (the built bin)', () => {
  it('serves all five, prints URLs and credentials, logs each request, stops cleanly on SIGTERM', async () => {
    const run = cli('fake', 'all', '--port', '0')
    await run.waitFor(/^wikijs +http:/)
    const urls = servedURLs(run.lines)
    expect(Object.keys(urls).sort()).toEqual(['bloomy', 'folio', 'salesforce', 'wikijs', 'workiva'])
    expect(new Set(Object.values(urls)).size).toBe(5)
    const text = run.lines.join('\n')
    expect(text).toContain(`token URL    ${urls.workiva}/oauth2/token`)
    expect(text).toContain(`base URL     ${urls.bloomy}/api/v1`)
    expect(text).toContain(`login URL    ${urls.folio}/authn/login-with-expiry`)
    expect(text).toContain('credentials  tenant=diku username=diku_admin password=admin')

    const wk = await fetch(`${urls.workiva}/oauth2/token`, form({ grant_type: 'client_credentials', client_id: 'workiva-client', client_secret: 'workiva-secret' }))
    const { access_token: wkToken } = (await wk.json()) as { access_token: string }
    const files = await fetch(`${urls.workiva}/files?$maxpagesize=2`, { headers: { Authorization: `Bearer ${wkToken}`, 'X-Version': '2026-01-01' } })
    expect(files.status).toBe(200)
    expect(((await files.json()) as { data: unknown[] }).data).toHaveLength(2)

    const sfLine = run.lines.find((l) => l.includes('securityToken=')) ?? ''
    const sf = Object.fromEntries(sfLine.trim().replace(/^credentials +/, '').split(' ').map((pair) => pair.split('=') as [string, string]))
    const token = await fetch(
      `${urls.salesforce}/services/oauth2/token`,
      form({ grant_type: 'password', client_id: sf.clientId!, client_secret: sf.clientSecret!, username: sf.username!, password: sf.password! + sf.securityToken! }),
    )
    expect(token.status).toBe(200)

    const folio = await fetch(`${urls.folio}/authn/login-with-expiry`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'x-okapi-tenant': 'diku' },
      body: JSON.stringify({ username: 'diku_admin', password: 'admin' }),
    })
    expect(folio.status).toBe(201)

    const me = await fetch(`${urls.bloomy}/api/v1/users/mine?api_key=not-logged`, { headers: { Authorization: 'Bearer bloomy-fake-api-key-0001' } })
    expect(await me.json()).toMatchObject({ Id: 1, Name: 'Ada Lovelace' })

    const wiki = await fetch(`${urls.wikijs}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wikijs-fake-api-key' },
      body: JSON.stringify({ query: '{ pages { list(limit: 2) { id } } }' }),
    })
    expect(((await wiki.json()) as { data: { pages: { list: unknown[] } } }).data.pages.list).toHaveLength(2)

    await run.waitFor(/ wikijs +POST \/graphql -> 200 \d+ ms$/)
    const logged = run.lines.filter((l) => / -> (\d{3}|dropped) \d+ ms$/.test(l))
    expect(logged.map((l) => l.split(/ +/).slice(1, 4).join(' '))).toEqual([
      'workiva POST /oauth2/token',
      'workiva GET /files?$maxpagesize=2',
      'salesforce POST /services/oauth2/token',
      'folio POST /authn/login-with-expiry',
      'bloomy GET /api/v1/users/mine?api_key=***',
      'wikijs POST /graphql',
    ])

    run.child.kill('SIGTERM')
    expect(await run.exited()).toBe(0)
    expect(run.lines.at(-1)).toBe('isosdk fake: stopped')
    await expect(fetch(`${urls.bloomy}/api/v1/users/mine`)).rejects.toThrow()
  })

  it('--json and --faults: a JSON summary, injected 503s, JSON log lines; SIGINT stops it too', async () => {
    const run = cli('fake', 'bloomy', '--faults', '5xx=1', '--seed', '3', '--json')
    const ready = JSON.parse(await run.waitFor(/"event":"ready"/)) as { services: { service: string; baseURL: string; credentials: Record<string, string> }[] }
    const [bloomy] = ready.services
    expect(bloomy).toMatchObject({ service: 'bloomy', credentials: { apiKey: 'bloomy-fake-api-key-0001' } })
    const response = await fetch(`${bloomy!.baseURL}/users/mine`, { headers: { Authorization: `Bearer ${bloomy!.credentials.apiKey}` } })
    expect(response.status).toBe(503)
    expect(response.headers.get('x-fake-fault')).toBe('serverError')
    expect(JSON.parse(await run.waitFor(/"event":"request"/))).toMatchObject({ service: 'bloomy', method: 'GET', path: '/api/v1/users/mine', status: 503 })
    run.child.kill('SIGINT')
    expect(await run.exited()).toBe(0)
    expect(JSON.parse(run.lines.at(-1)!)).toEqual({ event: 'stopped' })
  })

  it('bad arguments: the reason and the usage on stderr, exit code 2', async () => {
    for (const args of [['fake', 'jira'], ['fake'], ['fake', 'all', '--faults', 'drop=7'], ['fake', 'all', '--nope']]) {
      const run = cli(...args)
      expect(await run.exited(), args.join(' ')).toBe(2)
      expect(run.stderr(), args.join(' ')).toMatch(/^isosdk: .+\n\nUsage: isosdk fake <workiva\|salesforce\|folio\|bloomy\|wikijs\|all>/)
      expect(run.lines.filter(Boolean)).toEqual([])
    }
  })

  it('a port already in use: a clear message, exit code 1', async () => {
    const blocker = createServer()
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done))
    const port = (blocker.address() as { port: number }).port
    try {
      const run = cli('fake', 'wikijs', '--port', String(port))
      expect(await run.exited()).toBe(1)
      expect(run.stderr()).toContain(`port ${port} is in use (wikijs)`)
    } finally {
      await new Promise((done) => blocker.close(done))
    }
  })
})
