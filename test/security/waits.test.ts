// Finding 10: waits stay within their bounds. close() does not wait on a FOLIO logout that never
// answers; one 429's Retry-After does not stall another call past its timeout; a huge Retry-After
// with maxDelay: Infinity neither overflows a timer nor spins.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AbortError, IsoSdkError, TimeoutError, createClient } from '../../src/index.js'
import { folio } from '../../src/folio/index.js'
import { hang, json, startServer, within, type TestServer } from './_servers.js'
import { folioLoginAnswer } from './_wire.js'

let api: TestServer
beforeAll(async () => {
  api = await startServer()
})
afterAll(() => api?.close())
beforeEach(() => api.reset())

describe('finding 10: waits past their bounds', () => {
  it('close() returns within 2 s when the FOLIO logout never answers', async () => {
    api.handle((req, res) => {
      if (req.path.startsWith('/authn/login')) return folioLoginAnswer(res, 'wait-access-TOKEN-1', 'wait-refresh-TOKEN-1')
      if (req.path === '/authn/logout') return hang()
      json(res, 200, { usergroups: [] })
    })
    const client = folio({ url: api.origin, tenant: 'diku', username: 'diku_user', password: 'wait-Passw0rd-11', retry: false })
    await client.request({ path: '/groups' })
    const started = Date.now()
    await within(client.close(), 4_000)
    expect(Date.now() - started).toBeLessThan(2_000)
    // The logout was still attempted (it may reach the server just after close() returned).
    for (let i = 0; i < 100 && !api.requests.some((r) => r.path === '/authn/logout'); i++) await new Promise((resolve) => setTimeout(resolve, 10))
    expect(api.requests.some((r) => r.path === '/authn/logout')).toBe(true)
  })

  it('a 429 with Retry-After: 4 does not make another call with timeout: 1000 wait more than ~1.5 s', async () => {
    api.handle((req, res) => (req.path === '/limited' ? json(res, 429, { error: 'slow down' }, { 'retry-after': '4' }) : json(res, 200, { ok: true })))
    const client = createClient({ baseURL: api.origin, retry: { limit: 1 } })
    const first = new AbortController()
    const limited = client.request({ path: '/limited', signal: first.signal }).catch((e: unknown) => e)
    for (let i = 0; i < 400 && !api.requests.some((r) => r.path === '/limited'); i++) await new Promise((resolve) => setTimeout(resolve, 5))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    const outcome = await within(client.request({ path: '/ok', timeout: 1_000 }), 6_000).then(
      (value) => value,
      (error: unknown) => error,
    )
    const waited = Date.now() - started
    first.abort()
    await limited
    await client.close()
    expect(waited).toBeLessThan(1_500)
    // Either it went ahead, or it gave up as a timeout: never a 4 s stall.
    if (outcome instanceof Error) expect(outcome).toBeInstanceOf(TimeoutError)
    else expect(outcome).toEqual({ ok: true })
  })

  it('Retry-After of 3e9 s with maxDelay: Infinity: no TimeoutOverflowWarning, no spinning', async () => {
    api.handle((req, res) => json(res, 429, { error: 'come back later' }, { 'retry-after': '3000000000' }))
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    const controller = new AbortController()
    const client = createClient({ baseURL: api.origin, retry: { limit: 2, maxDelay: Infinity } })
    try {
      const cpu = process.cpuUsage()
      const call = client.request({ path: '/later', signal: controller.signal }).catch((e: unknown) => e)
      setTimeout(() => controller.abort(), 600)
      const error = await within(call, 5_000)
      const used = process.cpuUsage(cpu)
      // Give a warning emitted on the last tick the chance to arrive.
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(warnings.filter((w) => w.name === 'TimeoutOverflowWarning')).toEqual([])
      expect(api.requests).toHaveLength(1)
      expect(error).toBeInstanceOf(IsoSdkError)
      expect(error instanceof AbortError || (error as Error).name === 'RateLimitError').toBe(true)
      // A 1 ms timer loop burns CPU for the whole 600 ms; an idle wait uses little.
      expect((used.user + used.system) / 1000).toBeLessThan(400)
    } finally {
      process.off('warning', onWarning)
      await client.close()
    }
  })
})
