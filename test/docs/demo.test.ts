// `npm run demo` uses the fakes, always: with every variable that once switched a task to a real
// service set (and pointing at a server here that records any hit), it still talks only to its
// own fakes on 127.0.0.1 and exits 0.
import { execFile } from 'node:child_process'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..', '..')
const hits: string[] = []
const recorder = createServer((request: IncomingMessage, response) => {
  hits.push(`${request.method} ${request.url}`)
  response.writeHead(500).end()
})
// A proxy CONNECT counts too (Node ≥ 24 sends fetch through HTTPS_PROXY with NODE_USE_ENV_PROXY=1).
recorder.on('connect', (request: IncomingMessage, socket) => {
  hits.push(`CONNECT ${request.url}`)
  socket.destroy()
})
let url = ''

beforeAll(async () => {
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => recorder.close(() => resolve())))

it('npm run demo stays on its fakes whatever the environment says, and exits 0', async () => {
  const env: Record<string, string | undefined> = {
    ...process.env,
    // The variables that switched a task to a real service before.
    SF_USERNAME: 'someone@example.com', SF_PASSWORD: 'password-0123456789', SF_SECURITY_TOKEN: 'token-0123456789', SF_LOGIN_URL: url,
    WIKIJS_URL: url, WIKIJS_API_KEY: 'wiki-key-0123456789',
    FOLIO_URL: url, FOLIO_TENANT: 'real', FOLIO_USERNAME: 'real_admin', FOLIO_PASSWORD: 'password-0123456789',
    BLOOMY_API_KEY: 'bloomy-key-0123456789',
    WORKIVA_CLIENT_ID: 'real-client', WORKIVA_CLIENT_SECRET: 'secret-0123456789', WORKIVA_REGION: 'eu', WORKIVA_FILE_IDS: 'real-1,real-2',
    ISOSDK_BASE_URL: url,
    // Anything that would leave loopback goes through the recorder (Node ≥ 24) …
    HTTP_PROXY: url, HTTPS_PROXY: url, NODE_USE_ENV_PROXY: '1', NO_PROXY: '127.0.0.1,localhost',
    CI: '1',
  }
  // … and fetch refuses anything but loopback in the demo process (any Node).
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', join(import.meta.dirname, 'loopback-only.mjs'), 'demo/main.ts'], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 150_000,
  })
  expect(stdout).toContain('against fakes on 127.0.0.1')
  for (const task of ['Workiva', 'Salesforce', 'FOLIO', 'Bloomy', 'Wiki.js']) expect(stdout).toContain(`✓ ${task} `)
  expect(stdout).not.toContain('FAILED')
  expect(hits).toEqual([])
}, 180_000)
